// core/controller/kraft/partition_change_builder.h — Kafka's
// PartitionChangeBuilder (metadata/.../controller/PartitionChangeBuilder.java,
// 3.7): from a partition's registration and a target ISR, the
// PartitionChangeRecord that gets there, electing a leader when the current
// one is no longer valid.
//
// Election (electAnyLeader): keep the current leader if it is in the target
// ISR and acceptable (unfenced); else the first replica, in assignment order,
// that is; else, with unclean election allowed, the first acceptable replica
// at all, and the ISR becomes just that one (data may be lost); else
// NO_LEADER. An ISR that would become empty is kept as it is (without ELR,
// the last member stays, as in ZooKeeper mode).
//
// Leader epoch: bumped when the leader changes and, with
// `bump_on_isr_shrink`, when the ISR shrinks, as Kafka does for metadata
// versions before 3.6 (KAFKA-15021). kafkasim's brokers apply a partition
// state only at a higher leader epoch, so the controller's own shrinks (a
// fenced follower removed) bump it; a leader's AlterPartition does not (the
// leader takes the new ISR from the response, as in 3.6+).
// ELR (KIP-966) is not modelled yet.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "core/controller/kraft/metadata_image.h"

namespace kafkasim::controller::kraft {

struct PartitionChange {
  PartitionChangeRecord record;
  bool unclean = false;
};

// nullopt when nothing would change.
std::optional<PartitionChange> BuildPartitionChange(const TopicPartition& tp, const PartitionRegistration& partition,
                                                    std::vector<NodeId> target_isr,
                                                    const std::function<bool(NodeId)>& acceptable, bool unclean_allowed,
                                                    bool bump_on_isr_shrink);

// The state after `change` (PartitionRegistration.merge).
PartitionRegistration Merge(PartitionRegistration p, const PartitionChangeRecord& change);

}  // namespace kafkasim::controller::kraft
