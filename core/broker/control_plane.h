// core/broker/control_plane.h — what a broker sees of the cluster's control
// plane: registration, the controller role, and ISR updates.
//
// A broker never talks to ZooKeeper directly; it holds a ControlPlane. The
// ZooKeeper-mode implementation (core/controller/zk_control_plane.h)
// registers /brokers/ids/N, competes for /controller, hosts the
// KafkaController when elected, and turns ISR changes into conditional
// writes on the partition state znode (as Kafka did before KIP-497). A
// KRaft-mode implementation can be added beside it without touching brokers.
//
// Controller -> broker decisions still arrive as LeaderAndIsr /
// UpdateMetadata messages through Broker::OnMessage.
#pragma once

#include <functional>
#include <vector>

#include "core/config/topic_config.h"
#include "core/env.h"
#include "core/protocol/controller_api.h"

namespace kafkasim {

class ControlPlane {
 public:
  virtual ~ControlPlane() = default;

  // Begins registration (and controller candidacy) when the broker starts.
  virtual void Start() = 0;

  // Offers a message to the control plane (ZooKeeper responses and watches,
  // controller-bound responses). Returns true when it was consumed.
  virtual bool OnMessage(NodeId from, const Message& message) = 0;

  // The leader of `tp` asks to change the ISR from its current state
  // (`partition_epoch` = the version it last saw). The callback receives
  // NONE with the new state, or an error (e.g. a stale version: the
  // controller changed the partition meanwhile; the leader must wait for
  // its LeaderAndIsr).
  using AlterIsrCallback = std::function<void(ErrorCode, const std::vector<NodeId>& isr, int32_t partition_epoch)>;
  virtual void AlterIsr(const TopicPartition& tp, LeaderEpoch leader_epoch, const std::vector<NodeId>& new_isr,
                        int32_t partition_epoch, AlterIsrCallback done) = 0;

  // True while this broker's session with the coordination service is live
  // (a broker whose session expired is dead to the cluster).
  virtual bool registered() const = 0;
  // True while this broker is the active controller.
  virtual bool is_controller() const = 0;

  // KRaft mode: the control plane learns the controller's decisions from the
  // metadata log and hands them to its broker as the LeaderAndIsr /
  // UpdateMetadata messages a ZooKeeper-mode controller sends (the broker
  // answers `from`). ZooKeeper mode does not use it.
  using LocalDelivery = std::function<void(NodeId from, const Message& message)>;
  virtual void SetLocalDelivery(LocalDelivery /*deliver*/) {}
};

// Facts the controller needs about the topics, given when the cluster is
// created (a topic-creation API can come later).
struct TopicAssignment {
  std::string topic;
  // partition index -> replicas, preferred leader first
  std::vector<std::vector<NodeId>> replicas;
  // The topic's own config overrides (Kafka's /config/topics/T); keys it
  // leaves unset take the broker's values.
  config::TopicConfig config;
};

}  // namespace kafkasim
