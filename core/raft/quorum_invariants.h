// core/raft/quorum_invariants.h — the quorum's safety properties, checked
// from outside after every event (Kafka's RaftEventSimulationTest
// invariants): feed it each live voter's state, get the first violation in
// words, or nothing.
//
//   SingleLeader              at most one leader per epoch, ever
//   MonotonicEpoch            a voter's epoch never goes down (restarts included)
//   MonotonicHighWatermark    a voter's HW never goes down (per incarnation:
//                             the HW is not persisted, a restart forgets it)
//   ConsistentCommittedData   records below any voter's HW are the same on
//                             every voter (`metadata_divergence` in words)
//   LeaderCompleteness        a leader's log holds every record committed
//                             in an earlier epoch
//
// Pure logic over snapshots: the unit tests and the simulator feed it alike.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/protocol/raft.h"
#include "core/raft/quorum_state.h"

namespace kafkasim::raft {

class KafkaRaftClient;

struct VoterSnapshot {
  NodeId id = kNoNode;
  RaftRole role = RaftRole::kUnattached;
  LeaderEpoch epoch{0};
  std::optional<Offset> high_watermark;
  const std::vector<RaftRecord>* log = nullptr;
};
VoterSnapshot Snapshot(const KafkaRaftClient& client);

class QuorumInvariants {
 public:
  // Returns the first broken invariant seen for this voter, in words.
  std::optional<std::string> Check(const VoterSnapshot& voter);
  // The voter restarted: its HW starts unknown again.
  void OnRestart(NodeId voter);

  // Every record committed so far (below the highest HW seen).
  const std::vector<RaftRecord>& committed() const { return committed_; }
  const std::map<LeaderEpoch, NodeId>& leaders() const { return leaders_; }

 private:
  std::optional<std::string> CheckCommitted(const VoterSnapshot& v);

  std::map<LeaderEpoch, NodeId> leaders_;
  std::map<NodeId, LeaderEpoch> epochs_;
  std::map<NodeId, Offset> high_watermarks_;
  std::vector<RaftRecord> committed_;
  std::vector<LeaderEpoch> commit_epochs_;  // the epoch each committed record was committed in
};

}  // namespace kafkasim::raft
