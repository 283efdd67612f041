// core/controller/controller_context.h — the active controller's cached view
// of the cluster (Kafka's ControllerContext): live brokers, assignments and
// the partition states it last read or wrote.
//
// INVARIANTS
// - partition_states holds only partitions whose state znode exists; its
//   zk_version is the version this controller last saw (a conditional write
//   with a stale one fails with ZBADVERSION and is retried after a re-read).
// - every key of partition_states is a key of assignments.
// Not asserted as a whole (a walk of every map per change); ToPartitionState
// and Unclean assert the part they rely on.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/config/topic_config.h"
#include "core/controller/zk_data.h"
#include "core/protocol/controller_api.h"

namespace kafkasim::controller {

struct ControllerContext {
  ControllerEpoch epoch{0};
  int32_t epoch_zk_version = -1;
  std::set<BrokerId> live_brokers;
  std::map<BrokerId, int64_t> broker_epochs;                          // live brokers' registration epochs
  std::map<TopicPartition, std::vector<NodeId>> assignments;          // replicas, preferred first
  std::map<std::string, config::EffectiveTopicConfig> topic_configs;  // topic overrides over broker defaults
  std::map<TopicPartition, LeaderIsrAndControllerEpoch> partition_states;

  bool IsLive(BrokerId id) const { return live_brokers.count(id) > 0; }
  // The topic's effective unclean.leader.election.enable.
  // REQUIRES (asserted): the topic was loaded (every assigned partition's topic is).
  bool Unclean(const std::string& topic) const;
  // The partitions `broker` is a replica of (sorted).
  std::vector<TopicPartition> PartitionsOn(BrokerId broker) const;
  // The wire form of one cached partition state. REQUIRES (asserted): tp is cached.
  PartitionState ToPartitionState(const TopicPartition& tp) const;
  std::vector<NodeId> LiveBrokerList() const { return {live_brokers.begin(), live_brokers.end()}; }
};

}  // namespace kafkasim::controller
