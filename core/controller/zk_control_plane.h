// core/controller/zk_control_plane.h — a broker's ZooKeeper-mode control
// plane (Kafka's KafkaServer/KafkaZkClient/KafkaController glue).
//
// Start(): open a ZooKeeper session; create the top-level persistent paths;
// register the ephemeral /brokers/ids/<id> (if a stale one from this
// broker's previous session still exists, wait for ZooKeeper to expire it and
// retry — Kafka's broker fails its registration until then); then compete for
// the ephemeral /controller ({"brokerid":N}): whoever creates it hosts the
// KafkaController; the others watch it and try again when it is deleted.
//
// Session expiry (or /controller deleted or taken by another) = resign at
// once: ObsControllerResigned, no more requests. A new session re-registers
// and competes again.
//
// AlterIsr (the leader's ISR change, pre KIP-497): read the partition state,
// check it is still this leader's (leader, leader_epoch, version ==
// partition_epoch), SetData with expected_version = partition_epoch keeping
// leader, leader_epoch and controller_epoch, then create a sequential
// /isr_change_notification/isr_change_NNNNNNNNNN child so the controller
// propagates the change (Kafka batched these every 2.5 s; kafkasim writes one
// per change at once). done() always runs exactly once:
//   NONE (new isr, new version)                      written
//   FENCED_LEADER_EPOCH (current isr, version)       stale version / not this leader's
//                                                    epoch any more: wait for LeaderAndIsr
//   UNKNOWN_TOPIC_OR_PARTITION                       no state znode
//   NETWORK_EXCEPTION                                no live session (the write may or
//                                                    may not have happened; re-read)
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/broker/control_plane.h"
#include "core/config/broker_config.h"
#include "core/controller/kafka_controller.h"
#include "core/controller/zk_client.h"
#include "core/protocol/zk.h"

namespace kafkasim::controller {

class ZkControlPlane : public ControlPlane {
 public:
  ZkControlPlane(Env& env, BrokerId id, const config::BrokerConfig& config, std::vector<TopicAssignment> topics);
  ~ZkControlPlane() override;

  void Start() override;
  bool OnMessage(NodeId from, const Message& message) override;
  void AlterIsr(const TopicPartition& tp, LeaderEpoch leader_epoch, const std::vector<NodeId>& new_isr,
                int32_t partition_epoch, AlterIsrCallback done) override;
  bool registered() const override { return registered_; }
  bool is_controller() const override { return controller_ != nullptr && controller_->active(); }

  // For tests and the GUI.
  NodeId active_controller_id() const { return active_controller_id_; }
  const KafkaController* controller() const { return controller_.get(); }
  // This broker process's controller timers (every controller it ran).
  const ControllerStats& controller_stats() const { return controller_stats_; }
  const ZkClient& zk() const { return zk_; }

 private:
  // Runs a ZooKeeper callback only if it belongs to the current session.
  template <typename F>
  auto Guard(F f) {
    return [this, gen = generation_, f = std::move(f)](auto&&... args) mutable {
      if (gen == generation_) f(std::forward<decltype(args)>(args)...);
    };
  }

  void OnConnected();
  void OnSessionExpired();
  void CreateTopLevelPaths();
  void RegisterBroker();
  void Elect();
  void OnControllerRead(const ZkResponse& r);
  void BecomeController();
  void Resign(const std::string& reason, bool give_up_znode);
  void WriteIsr(const TopicPartition& tp, const LeaderIsrAndControllerEpoch& next, int32_t partition_epoch,
                AlterIsrCallback done);
  void Note(const std::string& text);

  Env& env_;
  BrokerId id_;
  config::BrokerConfig config_;
  std::vector<TopicAssignment> topics_;
  ZkClient zk_;
  uint64_t generation_ = 0;  // +1 per session; older sessions' callbacks are ignored
  bool registered_ = false;
  bool waiting_for_stale_registration_ = false;
  bool controller_watch_set_ = false;  // a /controller data watch is registered at the server
  NodeId active_controller_id_ = kNoNode;
  ControllerStats controller_stats_;  // before controller_: outlives every controller
  // Declared after zk_: destroyed before it.
  std::unique_ptr<KafkaController> controller_;
  std::vector<std::unique_ptr<KafkaController>> retired_;  // shut down; freed from a timer
  bool reap_armed_ = false;
  TimerId reap_timer_ = 0;
};

}  // namespace kafkasim::controller
