// core/controller/controller_context.cc — queries over the controller cache.
#include "core/controller/controller_context.h"

#include <algorithm>

namespace kafkasim::controller {

std::vector<TopicPartition> ControllerContext::PartitionsOn(BrokerId broker) const {
  std::vector<TopicPartition> out;
  for (const auto& [tp, replicas] : assignments)
    if (std::find(replicas.begin(), replicas.end(), broker) != replicas.end()) out.push_back(tp);
  return out;
}

PartitionState ControllerContext::ToPartitionState(const TopicPartition& tp) const {
  const LeaderIsrAndControllerEpoch& s = partition_states.at(tp);
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
