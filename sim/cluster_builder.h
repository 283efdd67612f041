// sim/cluster_builder.h — turns a scenario's cluster, topics and clients
// into nodes of a World: the coordination service, N brokers, producers and
// consumers, with Kafka's default replica assignment where the scenario
// gives none.
#pragma once

#include <vector>

#include "core/broker/control_plane.h"
#include "sim/scenario/scenario.h"
#include "sim/world.h"

namespace kafkasim::sim {

// Kafka's rack-unaware assignment (AdminUtils.assignReplicasToBrokers) with
// a fixed start index of 0, so it is deterministic: partition p's first
// replica is broker (p mod N)+1, followers follow with the shift Kafka uses.
std::vector<std::vector<NodeId>> DefaultAssignment(int brokers, int partitions, int replication_factor);

// The topics the controller creates, __consumer_offsets included when the
// scenario has consumers.
std::vector<TopicAssignment> BuildAssignments(const scenario::Scenario& s);

void BuildCluster(World& world, const scenario::Scenario& s);

}  // namespace kafkasim::sim
