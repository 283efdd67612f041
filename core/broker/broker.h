// core/broker/broker.h — a Kafka broker process (Kafka's KafkaServer +
// KafkaApis): it owns the replicas (ReplicaManager), the metadata cache, the
// group coordinator and its seat in the control plane, and routes every
// request to the one that answers it.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "core/broker/control_plane.h"
#include "core/broker/metadata_cache.h"
#include "core/broker/producer_id_manager.h"
#include "core/broker/replica_manager.h"
#include "core/config/broker_config.h"
#include "core/config/topic_config.h"
#include "core/env.h"
#include "core/protocol/group.h"

namespace kafkasim::broker {

class GroupCoordinator;
class TransactionCoordinator;

struct BrokerOptions {
  config::BrokerConfig config;
  std::map<std::string, config::TopicConfig> topics;
  std::map<NodeId, std::string> racks;
  // Builds this broker's control plane (ZooKeeper mode today).
  std::function<std::unique_ptr<ControlPlane>(Env&)> make_control_plane;
};

class Broker final : public Node {
 public:
  Broker(Env& env, BrokerOptions options);
  ~Broker() override;

  void Start() override;
  void OnMessage(NodeId from, const Message& message) override;
  void OnPeerUnreachable(NodeId peer) override;

  // Read-only views for checkers and the GUI.
  const ReplicaManager& replicas() const { return *replica_manager_; }
  const MetadataCache& metadata() const { return metadata_; }
  const ControlPlane& control_plane() const { return *control_plane_; }
  const GroupCoordinator* group_coordinator() const { return groups_.get(); }
  const TransactionCoordinator* transaction_coordinator() const { return txns_.get(); }

 private:
  void HandleMetadata(NodeId from, const MetadataRequest& req);
  void HandleUpdateMetadata(NodeId from, const UpdateMetadataRequest& req);
  void HandleInitProducerId(NodeId from, const InitProducerIdRequest& req);
  NodeId OffsetsLeader(PartitionId p) const;
  NodeId LeaderOf(const TopicPartition& tp) const;
  // KafkaApis.getCoordinator's first step: true (and answered) when
  // __consumer_offsets is not in the metadata cache.
  bool AnswerWithoutOffsetsTopic(NodeId from, const FindCoordinatorRequest& req);

  Env& env_;
  BrokerOptions options_;
  std::unique_ptr<ControlPlane> control_plane_;
  MetadataCache metadata_;
  std::unique_ptr<ReplicaManager> replica_manager_;
  ProducerIdManager producer_ids_;
  std::unique_ptr<GroupCoordinator> groups_;
  std::unique_ptr<TransactionCoordinator> txns_;
  size_t offsets_topic_refusal_told_ = 0;  // live brokers when the refusal was last noted (0: never)
};

}  // namespace kafkasim::broker
