// sim/check/replica_agreement.h — LogMatching, checked as it happens.
//
// When a leader's high watermark advances over [old, new), every follower in
// its ISR that already holds those offsets must hold the very same batches
// (same base offset, same CRC-32C); and a follower the leader takes back into
// the ISR must match it everywhere below the HW: committed data is identical
// on every in-sync replica. Replicas outside the ISR may hold anything (a returning
// broker has not truncated yet). The first disagreement is remembered with
// its event number, time, partition and offset, so a student can jump to
// the moment the logs forked; the run goes on (the legacy scenarios diverge
// on purpose) and `replica_divergence` is measured at the end (measure.h).
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "core/observe/observation.h"

namespace kafkasim::sim {

class Simulation;

class ReplicaAgreement {
 public:
  void OnLeaderHighWatermark(const Simulation& sim, uint64_t event, TimeNs at, const ObsHighWatermark& hw);
  void OnIsrChange(const Simulation& sim, uint64_t event, TimeNs at, const ObsIsrChange& change);
  // "event 1234 at 11.320s: orders-0 offset 228: ..." — the first one seen.
  const std::optional<std::string>& first() const { return first_; }

 private:
  // Compares `follower` with the leader over [from, to) of what both hold.
  void Compare(const Simulation& sim, uint64_t event, TimeNs at, NodeId leader, NodeId follower,
               const TopicPartition& tp, Offset from, Offset to);

  std::optional<std::string> first_;
  std::set<std::pair<TopicPartition, int32_t>> reported_;  // (partition, replica): told once
};

}  // namespace kafkasim::sim
