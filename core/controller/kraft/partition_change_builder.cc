// core/controller/kraft/partition_change_builder.cc — see the header.
#include "core/controller/kraft/partition_change_builder.h"

#include <algorithm>
#include <set>

namespace kafkasim::controller::kraft {
namespace {

bool Contains(const std::vector<NodeId>& v, NodeId id) { return std::find(v.begin(), v.end(), id) != v.end(); }

bool ContainsAll(const std::vector<NodeId>& big, const std::vector<NodeId>& small) {
  return std::all_of(small.begin(), small.end(), [&](NodeId id) { return Contains(big, id); });
}

// The builder's working state: the targets it moves towards.
struct ChangeTargets {
  std::vector<NodeId> isr;
  std::vector<NodeId> elr;
  std::vector<NodeId> last_known_elr;
};

// maybePopulateTargetElr: at or above min ISR the ELR is cleared; below it,
// the current ISR and ELR members not in the target ISR (and not shut down
// uncleanly) are the ELR, in id order (Kafka collects a HashSet of small ints).
void PopulateTargetElr(const PartitionRegistration& p, const PartitionChangeOptions& o, ChangeTargets& t) {
  if (static_cast<int32_t>(t.isr.size()) >= o.min_isr) {
    t.elr.clear();
    t.last_known_elr.clear();
    return;
  }
  std::set<NodeId> candidates(t.elr.begin(), t.elr.end());
  candidates.insert(p.isr.begin(), p.isr.end());
  t.elr.clear();
  for (NodeId r : candidates)
    if (!Contains(t.isr, r) && r != o.unclean_shutdown) t.elr.push_back(r);
  candidates.insert(t.last_known_elr.begin(), t.last_known_elr.end());
  t.last_known_elr.clear();
  for (NodeId r : candidates)
    if (!Contains(t.isr, r) && !Contains(t.elr, r)) t.last_known_elr.push_back(r);
}

// electAnyLeader; sets `unclean` when the leader comes from outside ISR/ELR.
NodeId ElectLeader(const PartitionRegistration& p, const ChangeTargets& t,
                   const std::function<bool(NodeId)>& acceptable, const PartitionChangeOptions& o, bool* unclean) {
  auto valid = [&](NodeId r) {
    return (Contains(t.isr, r) || (o.elr_enabled && t.isr.empty() && Contains(t.elr, r))) && acceptable(r);
  };
  if (p.leader != kNoNode && valid(p.leader)) return p.leader;
  for (NodeId r : p.replicas)
    if (valid(r)) return r;
  // canElectLastKnownLeader (useLastKnownLeaderInBalancedRecovery is true in 3.9).
  if (o.elr_enabled && t.elr.empty() && t.isr.empty() && p.last_known_elr.size() == 1 &&
      acceptable(p.last_known_elr.front())) {
    *unclean = true;
    return p.last_known_elr.front();
  }
  if (o.unclean_allowed) {
    for (NodeId r : p.replicas) {
      if (acceptable(r)) {
        *unclean = true;
        return r;
      }
    }
  }
  return kNoNode;
}

// maybeUpdateLastKnownLeader: the leader is remembered the first time the
// ISR becomes empty, forgotten once the partition has a leader again.
void UpdateLastKnownLeader(const PartitionRegistration& p, PartitionChangeRecord& r) {
  const int32_t rec_leader = r.leader ? r.leader->value() : -2;  // -2: NO_LEADER_CHANGE
  if (r.isr && r.isr->empty() && (p.last_known_elr.size() != 1 || p.last_known_elr.front() != p.leader)) {
    r.last_known_elr = std::vector<NodeId>{p.leader};
  } else if ((rec_leader >= 0 || (p.leader != kNoNode && rec_leader != kNoNode.value())) && !p.last_known_elr.empty()) {
    r.last_known_elr = std::vector<NodeId>{};
  }
}

}  // namespace

// PartitionChangeBuilder.build(), without reassignment and directories.
std::optional<PartitionChange> BuildPartitionChange(const TopicPartition& tp, const PartitionRegistration& partition,
                                                    std::vector<NodeId> target_isr,
                                                    const std::function<bool(NodeId)>& acceptable,
                                                    const PartitionChangeOptions& o) {
  PartitionChange out{PartitionChangeRecord{tp, std::nullopt, std::nullopt, std::nullopt, std::nullopt}, false};
  // Without ELR an empty ISR is not written; the old one stays.
  if (target_isr.empty() && !o.elr_enabled) target_isr = partition.isr;
  ChangeTargets t{std::move(target_isr), partition.elr, partition.last_known_elr};
  if (o.elr_enabled) PopulateTargetElr(partition, o, t);
  // tryElection
  const NodeId leader = ElectLeader(partition, t, acceptable, o, &out.unclean);
  if (leader != partition.leader) {
    if (Contains(t.elr, leader)) {
      t.isr = {leader};
      std::erase(t.elr, leader);
    } else if (out.unclean) {
      out.record.isr = std::vector<NodeId>{leader};  // an unclean leader's ISR is itself alone
    }
    out.record.leader = leader;
  }
  // maybeUpdateRecordElr: an unclean election or ELR off clears the ELR.
  if (out.record.isr || !o.elr_enabled) t.elr.clear();
  if (t.elr != partition.elr) out.record.elr = t.elr;
  if (!out.record.isr && (!t.isr.empty() || o.elr_enabled) && t.isr != partition.isr) out.record.isr = t.isr;
  // triggerLeaderEpochBumpIfNeeded with isLeaderEpochBumpRequiredOnIsrShrink (MV < 3.6).
  const std::vector<NodeId>& new_isr = out.record.isr ? *out.record.isr : partition.isr;
  if (o.bump_on_isr_shrink && !out.record.leader && !ContainsAll(new_isr, partition.isr)) {
    out.record.leader = partition.leader;
  }
  if (o.elr_enabled) UpdateLastKnownLeader(partition, out.record);
  if (!out.record.leader && !out.record.isr && !out.record.elr && !out.record.last_known_elr) return std::nullopt;
  return out;
}

std::optional<PartitionChange> BuildPartitionChange(const TopicPartition& tp, const PartitionRegistration& partition,
                                                    std::vector<NodeId> target_isr,
                                                    const std::function<bool(NodeId)>& acceptable, bool unclean_allowed,
                                                    bool bump_on_isr_shrink) {
  PartitionChangeOptions o;
  o.unclean_allowed = unclean_allowed;
  o.bump_on_isr_shrink = bump_on_isr_shrink;
  return BuildPartitionChange(tp, partition, std::move(target_isr), acceptable, o);
}

PartitionRegistration Merge(PartitionRegistration p, const PartitionChangeRecord& change) {
  if (change.leader) {
    p.leader = *change.leader;
    p.leader_epoch = LeaderEpoch{p.leader_epoch.value() + 1};
  }
  if (change.isr) p.isr = *change.isr;
  if (change.elr) p.elr = *change.elr;
  if (change.last_known_elr) p.last_known_elr = *change.last_known_elr;
  ++p.partition_epoch;
  return p;
}

}  // namespace kafkasim::controller::kraft
