// core/controller/kafka_controller.h — the ZooKeeper-mode controller (Kafka's
// KafkaController), hosted by the broker that holds /controller.
//
// Lifecycle: Startup() enqueues ControllerStartup (onControllerFailover,
// controller_failover.cc). Shutdown() = resignation: nothing more is sent,
// queued events are dropped, and every pending ZooKeeper or timer callback
// finds the controller shut down (Guard) and does nothing.
//
// Who shuts it down: its owner, ZkControlPlane (zk_control_plane.h), on every
// way of losing the role — the ZooKeeper session ended (ZkClient signals that
// once, through on_session_expired, and drops the old session's callbacks, so
// no callback here ever sees ZSESSIONEXPIRED), /controller deleted or taken,
// or the controller itself calling `resign` (lost the epoch race).
//
// Like Kafka's ControllerEventManager, events run one at a time, each to
// completion (an event may wait for ZooKeeper answers; later events queue).
// One file per event (see README.md):
//   ControllerStartup                   controller_failover.cc
//   BrokerChange                        broker_change.cc
//   IsrChangeNotification               isr_change_notification.cc
//   AutoPreferredReplicaLeaderElection  preferred_replica_election.cc
//
// Every partition state write is conditional on the version this controller
// last saw; on ZBADVERSION (the leader changed the ISR meanwhile) the state is
// re-read and the decision taken again (at most kMaxStateUpdateAttempts).
// Every request to brokers carries this controller's epoch.
//
// A topic's unclean.leader.election.enable is the topic's own value if it
// sets one, else the broker's (config::Resolve, as Kafka's LogConfig).
//
// Not modelled: zombie-controller fencing of ZooKeeper writes with a multi-op
// check on /controller_epoch's version (KAFKA-6082, Kafka 2.2); topic
// creation/deletion and reassignment after start; controlled shutdown.
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/broker/control_plane.h"
#include "core/config/broker_config.h"
#include "core/controller/controller_channel.h"
#include "core/controller/controller_context.h"
#include "core/controller/controller_stats.h"
#include "core/controller/zk_client.h"
#include "core/env.h"

namespace kafkasim::controller {

class KafkaController {
 public:
  static constexpr int kMaxStateUpdateAttempts = 5;
  // Kafka schedules the first imbalance check 5 s after failover.
  static constexpr int32_t kFirstLeaderImbalanceCheckMs = 5000;

  using ResignFn = std::function<void(const std::string& reason)>;
  // A step of an event: does its work, then calls Done (once) to go on.
  using Done = std::function<void()>;
  using Step = std::function<void(Done)>;

  // `stats` belongs to the broker process and outlives this controller.
  KafkaController(Env& env, BrokerId id, const config::BrokerConfig& config, const std::vector<TopicAssignment>& topics,
                  ZkClient& zk, ResignFn resign, ControllerStats& stats);
  ~KafkaController();
  KafkaController(const KafkaController&) = delete;
  KafkaController& operator=(const KafkaController&) = delete;

  void Startup();
  void Shutdown();
  // LeaderAndIsrResponse / UpdateMetadataResponse.
  bool OnMessage(NodeId from, const Message& message);

  // True once this controller's epoch is written (ObsControllerElected emitted).
  bool active() const { return active_; }
  ControllerEpoch epoch() const { return ctx_.epoch; }
  const ControllerContext& context() const { return ctx_; }

 private:
  using PartitionSet = std::set<TopicPartition>;

  // One decided change of a partition state (applied only if the write succeeds).
  struct Decision {
    LeaderIsrAndControllerEpoch state;
    bool election = true;  // false: only the ISR changed (told as an ISR change, not an election)
    bool unclean = false;
    std::vector<NodeId> old_isr;
    std::string reason;
  };
  using Decide = std::function<std::optional<Decision>(const TopicPartition&, const LeaderIsrAndControllerEpoch&)>;

  // Runs a callback only while this controller has not been shut down.
  template <typename F>
  auto Guard(F f) {
    return [alive = alive_, f = std::move(f)](auto&&... args) mutable {
      if (*alive) f(std::forward<decltype(args)>(args)...);
    };
  }

  // Event queue (kafka_controller.cc).
  void Enqueue(std::string name, Step step);
  void RunNext();
  // Runs `steps` one after another (each waits for the Done of the one
  // before), then `done`: the flat form of nested continuations.
  static void RunSteps(std::vector<Step> steps, Done done);
  ZkClient::WatchCallback EnqueueOnWatch(std::string name, void (KafkaController::*process)(Done));
  void Note(const std::string& text);

  // ControllerStartup (controller_failover.cc).
  void ElectEpoch(Done then);
  void IncrementEpoch(ControllerEpoch current, int32_t version, Done then);
  void OnFailover(Done done);
  void ReadLiveBrokersAtFailover(Done then);
  void LoadTopics(Done then);
  void LoadPartitionStates(Done then);
  void StartReplicaStateMachine(Done then);
  void StartPartitionStateMachine(Done then);

  // Reads used by several events (controller_zk_reads.cc).
  void ReadLiveBrokers(std::function<void(std::map<BrokerId, int64_t>)> then);
  void RereadPartitionStates(const PartitionSet& tps, Done then);

  // BrokerChange (broker_change.cc).
  void ProcessBrokerChange(Done done);
  void ApplyBrokerChange(const std::map<BrokerId, int64_t>& now_live, const std::set<BrokerId>& fresh,
                         const std::set<BrokerId>& bounced, const std::set<BrokerId>& dead, Done done);
  void OnBrokerStartup(const std::set<BrokerId>& brokers, Done done);
  void OnBrokerFailure(const std::set<BrokerId>& brokers, Done done);

  // IsrChangeNotification (isr_change_notification.cc).
  void ProcessIsrChangeNotification(Done done);
  void ReadAndDeleteNotifications(std::vector<std::string> paths, Done done);
  void PropagateIsrChanges(const PartitionSet& tps, Done done);

  // AutoPreferredReplicaLeaderElection (preferred_replica_election.cc).
  void ProcessAutoPreferredReplicaLeaderElection(Done done);
  void ScheduleAutoLeaderRebalance(TimeNs delay);

  // Partition state machine (partition_state_machine.cc).
  void InitializeNewPartitions(std::function<void(PartitionSet)> then);
  void ElectOfflinePartitions(std::function<void(PartitionSet)> then);
  void UpdateLeaderAndIsr(std::vector<TopicPartition> tps, Decide decide, int attempt,
                          std::function<void(PartitionSet)> then);
  void ElectAndPropagate(std::set<BrokerId> full_leader_and_isr_to, bool full_metadata, Done done);
  std::optional<Decision> DecideOfflineElection(const TopicPartition& tp, const LeaderIsrAndControllerEpoch& cur) const;
  std::optional<Decision> DecidePreferred(const TopicPartition& tp, const LeaderIsrAndControllerEpoch& cur) const;
  // A new leader and ISR at the next leader epoch, in this controller's epoch
  // (Kafka's LeaderAndIsr.newLeaderAndIsr): what every election writes.
  Decision NewLeaderDecision(const LeaderIsrAndControllerEpoch& cur, NodeId leader, std::vector<NodeId> isr) const;
  std::string WhyNoLeader(const TopicPartition& tp, const std::vector<NodeId>& isr) const;  // "" if one can lead
  void EmitDecision(const TopicPartition& tp, const Decision& d);
  // Requests to brokers (controller_requests.cc). Returns the partitions it sent (those with a live replica or a
  // `full_to` broker).
  PartitionSet SendLeaderAndIsr(const PartitionSet& changed, const std::set<BrokerId>& full_to);
  void SendUpdateMetadata(const PartitionSet& tps);
  void SendBatch(const PartitionSet& changed);

  // Replica state machine, OfflineReplica (replica_state_machine.cc).
  enum class OfflineCause { kBrokerFailure, kControllerFailover };
  void TakeReplicasOffline(std::vector<BrokerId> brokers, OfflineCause cause, PartitionSet changed,
                           std::function<void(PartitionSet)> then);
  std::optional<Decision> DecideReplicaOffline(BrokerId replica, OfflineCause cause, const TopicPartition& tp,
                                               const LeaderIsrAndControllerEpoch& cur) const;

  Env& env_;
  BrokerId id_;
  const config::BrokerConfig& config_;
  std::vector<TopicAssignment> topics_;
  ZkClient& zk_;
  ResignFn resign_;
  ControllerContext ctx_;
  ControllerChannel channel_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
  bool active_ = false;
  std::deque<std::pair<std::string, Step>> queue_;
  bool busy_ = false;
  ControllerStats& stats_;
  TimerId rebalance_timer_ = 0;
  bool rebalance_armed_ = false;
  PartitionSet reported_unplaceable_;  // new partitions with no live replica, already reported
};

}  // namespace kafkasim::controller
