#include "sim/check/replica_agreement.h"

#include <algorithm>
#include <climits>
#include <map>

#include "core/broker/broker.h"
#include "sim/report/story.h"
#include "sim/simulation.h"

namespace kafkasim::sim {
namespace {

// base offset -> CRC of each whole batch of `p` in [from, to).
std::map<int64_t, uint32_t> BatchCrcs(const broker::Partition& p, Offset from, Offset to) {
  std::map<int64_t, uint32_t> out;
  if (from >= to) return out;
  auto read = p.log().Read(from, INT32_MAX, to);
  if (!read.ok()) return out;
  for (const SharedBytes& batch : read->batches) {
    auto h = record::ParseBatchHeader(*batch);
    if (h.ok()) out[h->base_offset] = h->crc;
  }
  return out;
}

}  // namespace

void ReplicaAgreement::OnLeaderHighWatermark(const Simulation& sim, uint64_t event, TimeNs at,
                                             const ObsHighWatermark& hw) {
  if (!hw.as_leader || hw.new_hw <= hw.old_hw) return;
  const broker::Partition* leader = sim.Replica(hw.node, hw.tp);
  if (!leader) return;
  // Up to the HW the leader holds now, read from it (not from its report).
  for (NodeId f : leader->isr()) {
    if (f != hw.node) Compare(sim, event, at, hw.node, f, hw.tp, hw.old_hw, leader->high_watermark());
  }
}

void ReplicaAgreement::OnIsrChange(const Simulation& sim, uint64_t event, TimeNs at, const ObsIsrChange& change) {
  const broker::Partition* leader = sim.Replica(change.node, change.tp);
  if (!leader || !leader->is_leader()) return;
  for (NodeId f : change.new_isr) {
    bool joined = std::find(change.old_isr.begin(), change.old_isr.end(), f) == change.old_isr.end();
    if (joined && f != change.node) {
      Compare(sim, event, at, change.node, f, change.tp, leader->log().log_start_offset(), leader->high_watermark());
    }
  }
}

void ReplicaAgreement::Compare(const Simulation& sim, uint64_t event, TimeNs at, NodeId leader_id, NodeId f,
                               const TopicPartition& tp, Offset from, Offset to) {
  if (reported_.contains({tp, f.value()})) return;
  const broker::Partition* leader = sim.Replica(leader_id, tp);
  const broker::Partition* follower = sim.Replica(f, tp);
  if (!leader || !follower) return;
  from = std::max(from, follower->log().log_start_offset());
  std::map<int64_t, uint32_t> want = BatchCrcs(*leader, from, to);
  for (const auto& [base, crc] : BatchCrcs(*follower, from, std::min(to, follower->log_end_offset()))) {
    auto w = want.find(base);
    if (w != want.end() && w->second == crc) continue;
    reported_.insert({tp, f.value()});
    if (!first_) {
      std::string when = FormatTime(at);
      when.erase(0, when.find_first_not_of(' '));
      first_ = "event " + std::to_string(event) + " at " + when + ": " + tp.ToString() + " offset " +
               std::to_string(base) + " is committed (leader " + sim.world().NameOf(leader_id) + "'s HW " +
               std::to_string(leader->high_watermark().value()) + ") but in-sync replica " + sim.world().NameOf(f) +
               " holds a different batch there: the replicas diverged";
    }
    return;
  }
}

}  // namespace kafkasim::sim
