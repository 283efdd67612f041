// core/controller/controller_requests.cc — how the controller tells brokers
// (Kafka's ControllerBrokerRequestBatch): LeaderAndIsr to the replicas of
// changed partitions, UpdateMetadata to every live broker, each through the
// broker's ordered ControllerChannel queue and stamped with this
// controller's epoch.
#include <utility>

#include "core/controller/kafka_controller.h"

namespace kafkasim::controller {

KafkaController::PartitionSet KafkaController::SendLeaderAndIsr(const PartitionSet& changed,
                                                                const std::set<BrokerId>& full_to) {
  std::map<BrokerId, PartitionSet> per_broker;
  for (const TopicPartition& tp : changed) {
    for (NodeId r : ctx_.assignments.at(tp))
      if (ctx_.IsLive(r)) per_broker[r].insert(tp);
  }
  for (BrokerId b : full_to) {
    if (!ctx_.IsLive(b)) continue;
    for (const TopicPartition& tp : ctx_.PartitionsOn(b))
      if (ctx_.partition_states.count(tp)) per_broker[b].insert(tp);
  }
  PartitionSet sent;
  for (const auto& [broker, tps] : per_broker) {
    sent.insert(tps.begin(), tps.end());
    LeaderAndIsrRequest req;
    req.correlation_id = channel_.NextCorrelationId();
    req.controller_id = id_;
    req.controller_epoch = ctx_.epoch;
    std::set<NodeId> leaders;
    for (const TopicPartition& tp : tps) {
      req.partition_states.push_back(ctx_.ToPartitionState(tp));
      NodeId l = ctx_.partition_states.at(tp).leader;
      if (ctx_.IsLive(l)) leaders.insert(l);
    }
    req.live_leaders.assign(leaders.begin(), leaders.end());
    channel_.Send(broker, std::move(req));
  }
  return sent;
}

// One of Kafka's ControllerBrokerRequestBatch sends: LeaderAndIsr to the live
// replicas of each changed partition, then UpdateMetadata for them to every
// live broker.
void KafkaController::SendBatch(const PartitionSet& changed) {
  if (changed.empty()) return;
  SendLeaderAndIsr(changed, {});
  SendUpdateMetadata(changed);
}

void KafkaController::SendUpdateMetadata(const PartitionSet& tps) {
  std::vector<PartitionState> states;
  for (const TopicPartition& tp : tps)
    if (ctx_.partition_states.count(tp)) states.push_back(ctx_.ToPartitionState(tp));
  for (BrokerId b : ctx_.live_brokers) {
    UpdateMetadataRequest req;
    req.correlation_id = channel_.NextCorrelationId();
    req.controller_id = id_;
    req.controller_epoch = ctx_.epoch;
    req.partition_states = states;
    req.live_brokers = ctx_.LiveBrokerList();
    channel_.Send(b, std::move(req));
  }
}

}  // namespace kafkasim::controller
