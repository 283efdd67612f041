// sim/check/invariants.h — safety properties checked after every event.
//
// Names follow the TLA+ specs and Kafka's own simulation tests:
//   MonotonicHighWatermark — a leader's HW never goes backwards within its
//                            leader epoch; read from the replica itself
//                            (hw_lookup) whenever it reports a HW change or
//                            a truncation, and compared with the last value
//                            this checker read — never with the replica's
//                            own "old" value (Partition::TruncateTo lowers
//                            the HW without reporting it)
//   SingleLeaderPerEpoch   — at most one leader per partition per leader epoch
//   SingleController       — at most one controller per controller epoch
//   ReadBelowHighWatermark — a consumer never receives records at or above
//                            the leader's HW
//   ReadBelowLastStableOffset — a read_committed consumer never receives
//                            records at or above the leader's last stable
//                            offset (lso_lookup)
//   NoStaleControllerEpoch — no broker applies a LeaderAndIsr whose
//                            controller epoch is lower than one it already
//                            applied (it must ignore a deposed controller);
//                            "applied" = an ObsBecomeRole of that broker
//                            while it handles the request (ObsLeaderAndIsr);
//                            kept across the broker's restarts
// A violation stops the run with the seed, the event number and a sentence a
// student can read. (Data checks run without stopping the run, since legacy
// scenarios break them on purpose: replicas diverging below the HW as it
// happens, replica_agreement.h; acknowledged writes lost and the final
// divergence count at the end, measure.h.)
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/observe/observation.h"

namespace kafkasim::sim {

struct Violation {
  std::string checker;
  uint64_t event = 0;
  TimeNs at = 0;
  std::string explanation;
};

class InvariantChecker {
 public:
  // Looks up a broker's current HW for a partition it leads (nullopt if not leader).
  using HwLookup = std::function<std::optional<Offset>(NodeId broker, const TopicPartition& tp)>;
  using Namer = std::function<std::string(NodeId)>;

  void set_hw_lookup(HwLookup fn) { hw_lookup_ = std::move(fn); }
  void set_lso_lookup(HwLookup fn) { lso_lookup_ = std::move(fn); }
  void set_namer(Namer fn) { namer_ = std::move(fn); }

  // Returns true when `obs` broke an invariant (recorded in violations()).
  bool Check(uint64_t event, TimeNs at, const Observation& obs);
  const std::vector<Violation>& violations() const { return violations_; }

 private:
  void Fail(const char* checker, uint64_t event, TimeNs at, std::string text);
  std::string Name(NodeId id) const { return namer_ ? namer_(id) : std::to_string(id.value()); }

  HwLookup hw_lookup_;
  HwLookup lso_lookup_;
  Namer namer_;
  // Reads `node`'s HW of `tp` directly and checks it against the last read.
  void CheckLeaderHighWatermark(NodeId node, const TopicPartition& tp, uint64_t event, TimeNs at);

  std::map<std::pair<NodeId, TopicPartition>, Offset> leader_hw_;  // last HW read from a leading replica
  std::map<std::pair<TopicPartition, int32_t>, NodeId> leader_by_epoch_;
  std::map<int32_t, NodeId> controller_by_epoch_;
  struct ControlRequest {
    NodeId controller;
    int32_t epoch = 0;
  };
  std::map<NodeId, ControlRequest> handling_;  // broker -> the LeaderAndIsr it is handling
  std::map<NodeId, int32_t> applied_epoch_;    // broker -> highest controller epoch it acted on
  std::vector<Violation> violations_;
};

}  // namespace kafkasim::sim
