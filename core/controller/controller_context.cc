// core/controller/controller_context.cc — queries over the controller cache.
#include "core/controller/controller_context.h"
#include "core/util/assert.h"

#include <algorithm>

namespace kafkasim::controller {

std::vector<TopicPartition> ControllerContext::PartitionsOn(BrokerId broker) const {
  std::vector<TopicPartition> out;
  for (const auto& [tp, replicas] : assignments)
    if (std::find(replicas.begin(), replicas.end(), broker) != replicas.end()) out.push_back(tp);
  return out;
}

bool ControllerContext::Unclean(const std::string& topic) const {
  auto it = topic_configs.find(topic);
  KSIM_ASSERT(it != topic_configs.end(), "controller has no config for topic " + topic);
  return it->second.unclean_leader_election_enable;
}

PartitionState ControllerContext::ToPartitionState(const TopicPartition& tp) const {
  auto it = partition_states.find(tp);
  KSIM_ASSERT(it != partition_states.end(), "controller has no cached state for " + tp.ToString());
  const LeaderIsrAndControllerEpoch& s = it->second;
  PartitionState p;
  p.tp = tp;
  p.controller_epoch = s.controller_epoch;
  p.leader = s.leader;
  p.leader_epoch = s.leader_epoch;
  p.isr = s.isr;
  p.partition_epoch = s.zk_version;
  p.replicas = assignments.at(tp);
  return p;
}

}  // namespace kafkasim::controller
