// core/controller/kraft/partition_change_builder.h — Kafka's
// PartitionChangeBuilder (metadata/.../controller/PartitionChangeBuilder.java,
// 3.7-3.9): from a partition's registration and a target ISR, the
// PartitionChangeRecord that gets there, electing a leader when the current
// one is no longer valid.
//
// Election (electAnyLeader): keep the current leader if it is valid; else the
// first replica, in assignment order, that is; else (ELR only) the last
// known leader when ISR and ELR are both empty (useLastKnownLeaderInBalancedRecovery,
// true in 3.9); else, with unclean election allowed, the first acceptable
// replica at all, and the ISR becomes just that one (data may be lost); else
// NO_LEADER. Valid: acceptable (unfenced) and in the target ISR — or, with
// ELR and an empty target ISR, in the ELR.
//
// Without ELR an ISR that would become empty is kept as it is (the last
// member stays, as in ZooKeeper mode). With ELR (KIP-966,
// `eligible.leader.replicas.enable`) the ISR may become empty; while it is
// below min.insync.replicas, the members that leave it join the ELR
// (maybePopulateTargetElr) unless they shut down uncleanly, and an ELR member
// elected leader becomes the ISR alone (tryElection).
//
// Leader epoch: bumped when the leader changes and, with
// `bump_on_isr_shrink`, when the ISR shrinks, as Kafka does for metadata
// versions before 3.6 (KAFKA-15021). kafkasim's brokers apply a partition
// state only at a higher leader epoch, so the controller's own shrinks (a
// fenced follower removed) bump it; a leader's AlterPartition does not (the
// leader takes the new ISR from the response, as in 3.6+).
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

struct PartitionChangeOptions {
  bool unclean_allowed = false;       // Election.UNCLEAN
  bool bump_on_isr_shrink = true;     // isLeaderEpochBumpRequiredOnIsrShrink
  bool elr_enabled = false;           // setEligibleLeaderReplicasEnabled
  int32_t min_isr = 1;                // the topic's effective min.insync.replicas
  NodeId unclean_shutdown = kNoNode;  // setUncleanShutdownReplicas: never ELR, never leader
};

// nullopt when nothing would change.
std::optional<PartitionChange> BuildPartitionChange(const TopicPartition& tp, const PartitionRegistration& partition,
                                                    std::vector<NodeId> target_isr,
                                                    const std::function<bool(NodeId)>& acceptable,
                                                    const PartitionChangeOptions& options);
// Without ELR.
std::optional<PartitionChange> BuildPartitionChange(const TopicPartition& tp, const PartitionRegistration& partition,
                                                    std::vector<NodeId> target_isr,
                                                    const std::function<bool(NodeId)>& acceptable, bool unclean_allowed,
                                                    bool bump_on_isr_shrink);

// The state after `change` (PartitionRegistration.merge).
PartitionRegistration Merge(PartitionRegistration p, const PartitionChangeRecord& change);

}  // namespace kafkasim::controller::kraft
