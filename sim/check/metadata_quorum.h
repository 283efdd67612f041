// sim/check/metadata_quorum.h — KRaft mode's always-on metadata checker
// (`metadata_divergence`): after every event, each live controller's quorum
// state goes through raft::QuorumInvariants, Kafka's
// RaftEventSimulationTest checks — at most one quorum leader per epoch,
// epochs and high watermarks that never go down, committed metadata records
// identical on every voter, every leader holding all records committed
// before its epoch. Each distinct violation is counted once.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "core/raft/quorum_invariants.h"

namespace kafkasim::sim {

class World;

class MetadataQuorumChecker {
 public:
  // Looks at the controllers whose quorum state changed since the last call.
  void AfterEvent(const World& world);
  int64_t violations() const { return static_cast<int64_t>(violations_.size()); }
  const std::set<std::string>& messages() const { return violations_; }

 private:
  struct Seen {
    uint64_t incarnation = 0;
    size_t log_size = 0;
    LeaderEpoch last_record_epoch{0};
    std::optional<Offset> hw;
    LeaderEpoch epoch{0};
    raft::RaftRole role = raft::RaftRole::kUnattached;
    bool operator==(const Seen&) const = default;
  };
  raft::QuorumInvariants invariants_;
  std::map<NodeId, Seen> seen_;
  std::set<std::string> violations_;
};

}  // namespace kafkasim::sim
