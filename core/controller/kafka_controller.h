// core/controller/kafka_controller.h — the ZooKeeper-mode controller (Kafka's
// KafkaController), hosted by the broker that holds /controller.
//
// Lifecycle: Startup() = onControllerFailover: increment /controller_epoch
// with a conditional write (creating it if absent), read and watch
// /brokers/ids, read or create the topic assignments and partition states,
// then ReplicaStateMachine.startup (LeaderAndIsr to every live replica;
// dead brokers' replicas go offline, leader -1 where they led) and only then
// PartitionStateMachine.startup (elect new and offline partitions), watch
// /isr_change_notification,
// schedule the preferred-leader check. Shutdown() = resignation: nothing
// more is sent; pending ZooKeeper callbacks are ignored.
//
// A topic's unclean.leader.election.enable is the topic's own value if it
// sets one, else the broker's (config::Resolve, as Kafka's LogConfig).
//
// Like Kafka's ControllerEventManager, events run one at a time, each to
// completion (an event may wait for ZooKeeper answers; later events queue):
//   ControllerStartup, BrokerChange, IsrChangeNotification,
//   AutoPreferredReplicaLeaderElection.
//
// Every partition state write is conditional on the version this controller
// last saw; on ZBADVERSION (the leader changed the ISR meanwhile) the state is
// re-read and the decision taken again (at most kMaxStateUpdateAttempts).
// Every request to brokers carries this controller's epoch.
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
#include "core/controller/zk_client.h"
#include "core/env.h"

namespace kafkasim::controller {

class KafkaController {
 public:
  static constexpr int kMaxStateUpdateAttempts = 5;
  // Kafka schedules the first imbalance check 5 s after failover.
  static constexpr int32_t kFirstLeaderImbalanceCheckMs = 5000;

  using ResignFn = std::function<void(const std::string& reason)>;

  KafkaController(Env& env, BrokerId id, const config::BrokerConfig& config, const std::vector<TopicAssignment>& topics,
                  ZkClient& zk, ResignFn resign);
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
  using Done = std::function<void()>;
  using Step = std::function<void(Done)>;
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
  void Note(const std::string& text);

  // Failover (kafka_controller.cc).
  void ElectEpoch(Done then);
  void IncrementEpoch(ControllerEpoch current, int32_t version, Done then);
  void OnFailover(Done done);
  void ReadLiveBrokers(std::function<void(std::map<BrokerId, int64_t>)> then);
  void LoadTopics(Done then);
  void LoadPartitionStates(Done then);
  void RereadPartitionStates(const PartitionSet& tps, Done then);

  // Events (kafka_controller.cc).
  void ProcessBrokerChange(Done done);
  void OnBrokerStartup(const std::set<BrokerId>& brokers, Done done);
  void OnBrokerFailure(const std::set<BrokerId>& brokers, Done done);
  void ProcessIsrChangeNotification(Done done);
  void ProcessAutoPreferredReplicaLeaderElection(Done done);
  void ScheduleAutoLeaderRebalance(TimeNs delay);
  ZkClient::WatchCallback EnqueueOnWatch(std::string name, void (KafkaController::*process)(Done));

  // Partition state machine (controller_elections.cc).
  void InitializeNewPartitions(std::function<void(PartitionSet)> then);
  void ElectOfflinePartitions(std::function<void(PartitionSet)> then);
  void UpdateLeaderAndIsr(std::vector<TopicPartition> tps, Decide decide, int attempt,
                          std::function<void(PartitionSet)> then);
  void ElectAndPropagate(std::set<BrokerId> full_leader_and_isr_to, bool full_metadata, Done done);
  std::optional<Decision> DecideOfflineElection(const TopicPartition& tp, const LeaderIsrAndControllerEpoch& cur) const;
  std::optional<Decision> DecidePreferred(const TopicPartition& tp, const LeaderIsrAndControllerEpoch& cur) const;
  std::string WhyNoLeader(const TopicPartition& tp, const std::vector<NodeId>& isr) const;  // "" if one can lead
  void EmitDecision(const TopicPartition& tp, const Decision& d);
  // Returns the partitions it sent (those with a live replica or a `full_to` broker).
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
  TimerId rebalance_timer_ = 0;
  bool rebalance_armed_ = false;
  PartitionSet reported_unplaceable_;  // new partitions with no live replica, already reported
};

}  // namespace kafkasim::controller
