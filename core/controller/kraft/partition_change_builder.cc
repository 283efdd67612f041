// core/controller/kraft/partition_change_builder.cc — see the header.
#include "core/controller/kraft/partition_change_builder.h"

#include <algorithm>

namespace kafkasim::controller::kraft {
namespace {

bool Contains(const std::vector<NodeId>& v, NodeId id) { return std::find(v.begin(), v.end(), id) != v.end(); }

bool ContainsAll(const std::vector<NodeId>& big, const std::vector<NodeId>& small) {
  return std::all_of(small.begin(), small.end(), [&](NodeId id) { return Contains(big, id); });
}

}  // namespace

std::optional<PartitionChange> BuildPartitionChange(const TopicPartition& tp, const PartitionRegistration& partition,
                                                    std::vector<NodeId> target_isr,
                                                    const std::function<bool(NodeId)>& acceptable, bool unclean_allowed,
                                                    bool bump_on_isr_shrink) {
  PartitionChange out{PartitionChangeRecord{tp, std::nullopt, std::nullopt}, false};
  // build(): without ELR an empty ISR is not written; the old one stays.
  if (target_isr.empty()) target_isr = partition.isr;
  auto valid = [&](NodeId r) { return Contains(target_isr, r) && acceptable(r); };
  NodeId leader = kNoNode;
  if (partition.leader != kNoNode && valid(partition.leader)) {
    leader = partition.leader;
  } else {
    for (NodeId r : partition.replicas) {
      if (valid(r)) {
        leader = r;
        break;
      }
    }
    if (leader == kNoNode && unclean_allowed) {
      for (NodeId r : partition.replicas) {
        if (acceptable(r)) {
          leader = r;
          out.unclean = true;
          target_isr = {r};  // tryElection: an unclean leader's ISR is itself alone
          break;
        }
      }
    }
  }
  if (leader != partition.leader) out.record.leader = leader;
  // triggerLeaderEpochBumpIfNeeded with isLeaderEpochBumpRequiredOnIsrShrink (MV < 3.6).
  if (bump_on_isr_shrink && !out.record.leader && !ContainsAll(target_isr, partition.isr)) {
    out.record.leader = partition.leader;
  }
  if (target_isr != partition.isr) out.record.isr = target_isr;
  if (!out.record.leader && !out.record.isr) return std::nullopt;
  return out;
}

PartitionRegistration Merge(PartitionRegistration p, const PartitionChangeRecord& change) {
  if (change.leader) {
    p.leader = *change.leader;
    p.leader_epoch = LeaderEpoch{p.leader_epoch.value() + 1};
  }
  if (change.isr) p.isr = *change.isr;
  ++p.partition_epoch;
  return p;
}

}  // namespace kafkasim::controller::kraft
