// sim/controller_view.h — a partition as the controller sees it: the state
// znode /brokers/topics/T/partitions/P/state and the assignment in
// /brokers/topics/T, read from the simulated ZooKeeper.
//
// This is the cluster's truth for leader and ISR, what kafka-topics.sh
// --describe shows (it reads a broker's metadata cache, which the
// controller fills from these znodes): the leader is -1 while the partition
// is offline, and a leader that crashed is still named until its ZooKeeper
// session ends and the controller acts. A broker's own idea of its role (a
// crashed leader's, a zombie's) is not consulted.
#pragma once

#include <optional>
#include <vector>

#include "core/types.h"

namespace kafkasim::sim {

class Simulation;

struct ControllerPartitionView {
  NodeId leader = kNoNode;  // kNoNode: offline (leader -1 in ZooKeeper)
  LeaderEpoch leader_epoch{0};
  std::vector<NodeId> isr;
  std::vector<NodeId> replicas;  // empty if /brokers/topics/T is not written yet
  int32_t partition_epoch = 0;   // the state znode's version
};

// nullopt while ZooKeeper is down or the partition has no state znode yet
// (the controller has not initialised it).
std::optional<ControllerPartitionView> ControllerViewOf(const Simulation& sim, const TopicPartition& tp);

}  // namespace kafkasim::sim
