// core/controller/partition_leader_election.h — Kafka's leader election
// algorithms (PartitionLeaderElectionAlgorithms in the ZooKeeper-mode
// controller's PartitionStateMachine.scala), as pure functions.
//
// `assignment` is the replica list, preferred leader first; `isr` the current
// in-sync replicas; `live_replicas` the brokers that are registered (alive).
// Order matters: leaders are chosen by assignment order, never by id.
#pragma once

#include <optional>
#include <set>
#include <vector>

#include "core/types.h"

namespace kafkasim::controller {

struct LeaderElectionResult {
  NodeId leader = kNoNode;
  std::vector<NodeId> isr;  // the ISR to record with the new leader
  bool unclean = false;     // leader came from outside the ISR (data may be lost)
};

// The first assigned replica that is live and in the ISR. If none and
// unclean election is enabled, the first live assigned replica (ISR becomes
// just that leader). The new ISR keeps the live members of the old ISR.
std::optional<LeaderElectionResult> OfflinePartitionLeaderElection(const std::vector<NodeId>& assignment,
                                                                   const std::vector<NodeId>& isr,
                                                                   const std::set<NodeId>& live_replicas,
                                                                   bool unclean_leader_election_enabled);

// The preferred replica (assignment head) if it is live and in the ISR; the
// ISR is unchanged.
std::optional<LeaderElectionResult> PreferredReplicaPartitionLeaderElection(const std::vector<NodeId>& assignment,
                                                                            const std::vector<NodeId>& isr,
                                                                            const std::set<NodeId>& live_replicas);

// A new partition (NewPartition -> OnlinePartition): leader = first live
// replica in assignment order, ISR = the live replicas. nullopt if none live.
std::optional<LeaderElectionResult> InitialPartitionLeaderElection(const std::vector<NodeId>& assignment,
                                                                   const std::set<NodeId>& live_replicas);

// The ISR after `dead` brokers leave while the leader stays (Kafka's
// removeReplicasFromIsr): the dead are removed, but the ISR never becomes
// empty — if every member is dead the last one stays, which is why
// `kafka-topics --describe` shows "Leader: none  Isr: 1" for a partition whose
// last in-sync replica died.
std::vector<NodeId> IsrWithoutDeadReplicas(const std::vector<NodeId>& isr, const std::set<NodeId>& live_replicas);

}  // namespace kafkasim::controller
