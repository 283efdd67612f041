// core/controller/controller_failover.cc — the ControllerStartup event:
// Kafka's KafkaController.onControllerFailover, after winning /controller.
//
//   ElectEpoch           read /controller_epoch (create it at 0 the first
//                        time), then IncrementEpoch: a conditional write of
//                        epoch + 1; losing that race = resign.
//   OnFailover, in order (each step waits for the one before):
//     1. ReadLiveBrokers      /brokers/ids and each registration's epoch
//     2. LoadTopics           /brokers/topics/T (created from the cluster's
//                             assignment when absent)
//     3. LoadPartitionStates  every .../partitions/P/state
//     4. StartReplicaStateMachine    live replicas hear their partitions;
//                             dead brokers' replicas go offline
//     5. StartPartitionStateMachine  new and offline partitions are elected;
//                             the preferred-leader check is scheduled and
//                             /isr_change_notification is read and watched
#include <utility>

#include "core/controller/kafka_controller.h"
#include "core/controller/zk_fan_out.h"
#include "core/util/strings.h"
#include "core/protocol/message.h"
#include "core/observe/observation.h"
#include "core/protocol/txn.h"
#include "core/protocol/group.h"

namespace kafkasim::controller {

void KafkaController::ElectEpoch(Done then) {
  zk_.GetData(std::string(kControllerEpochPath), nullptr, Guard([this, then](const ZkResponse& r) {
                if (r.code == ZkCode::ZNONODE) {  // the first controller ever: epoch 0, then incremented to 1
                  zk_.Create(std::string(kControllerEpochPath), EncodeControllerEpoch(ControllerEpoch{0}), false,
                             Guard([this, then](const ZkResponse&) { ElectEpoch(then); }));
                  return;
                }
                auto epoch = DecodeControllerEpoch(r.data);
                if (r.code != ZkCode::ZOK || !epoch) {
                  resign_("cannot read /controller_epoch (" + std::string(ZkCodeName(r.code)) + ")");
                  return;
                }
                IncrementEpoch(*epoch, r.version, then);
              }));
}

void KafkaController::IncrementEpoch(ControllerEpoch current, int32_t version, Done then) {
  ControllerEpoch next{current.value() + 1};
  zk_.SetData(std::string(kControllerEpochPath), EncodeControllerEpoch(next), version,
              Guard([this, next, then](const ZkResponse& r) {
                if (r.code != ZkCode::ZOK) {
                  resign_("the conditional write of controller epoch " + std::to_string(next.value()) +
                          " failed with " + ZkCodeName(r.code) + ": another broker moved the epoch");
                  return;
                }
                ctx_.epoch = next;
                ctx_.epoch_zk_version = r.version;
                active_ = true;
                env_.observer.Observe(ObsControllerElected{id_, next});
                then();
              }));
}

// Kafka's onControllerFailover, in its order: the controller context from
// ZooKeeper; ReplicaStateMachine.startup (every live replica hears its
// partitions' state, then the replicas of dead brokers go offline);
// PartitionStateMachine.startup (new and offline partitions are elected).
// Kafka first sends an UpdateMetadata with the live brokers and no partitions
// (its brokers need the broker list before a LeaderAndIsr); kafkasim's
// LeaderAndIsr carries the live leaders itself, so that round trip is left out.
void KafkaController::OnFailover(Done done) {
  RunSteps(
      {[this](Done next) { ReadLiveBrokersAtFailover(std::move(next)); },
       [this](Done next) { LoadTopics(std::move(next)); }, [this](Done next) { LoadPartitionStates(std::move(next)); },
       [this](Done next) { StartReplicaStateMachine(std::move(next)); },
       [this](Done next) { StartPartitionStateMachine(std::move(next)); }},
      std::move(done));
}

void KafkaController::ReadLiveBrokersAtFailover(Done then) {
  ReadLiveBrokers([this, then](std::map<BrokerId, int64_t> live) {
    ctx_.broker_epochs = std::move(live);
    ctx_.live_brokers.clear();
    for (const auto& [b, e] : ctx_.broker_epochs) {
      ctx_.live_brokers.insert(b);
      channel_.AddBroker(b);
    }
    Note("epoch " + std::to_string(ctx_.epoch.value()) + " begins; live brokers " + IdList(ctx_.LiveBrokerList()));
    then();
  });
}

void KafkaController::LoadTopics(Done then) {
  auto issue = [this](size_t i, ZkClient::ResponseCallback cb) {
    const TopicAssignment& t = topics_[i];
    // Kafka's PartitionStateMachine reads the topic's LogConfig: its own
    // overrides (/config/topics/T), the broker's values where it has none.
    ctx_.topic_configs[t.topic] = config::Resolve(t.config, config_);
    zk_.GetData(TopicPath(t.topic), nullptr, Guard(std::move(cb)));
  };
  auto each = [this](size_t i, const ZkResponse& r) {
    const TopicAssignment& t = topics_[i];
    auto stored = r.code == ZkCode::ZOK ? DecodeTopicAssignment(r.data) : std::nullopt;
    const std::vector<std::vector<NodeId>>& replicas = stored ? *stored : t.replicas;
    for (size_t p = 0; p < replicas.size(); ++p) {
      ctx_.assignments[TopicPartition{t.topic, PartitionId{static_cast<int32_t>(p)}}] = replicas[p];
    }
    if (r.code == ZkCode::ZNONODE) zk_.Create(TopicPath(t.topic), EncodeTopicAssignment(t.replicas), false, nullptr);
  };
  FanOut(topics_.size(), issue, each, std::move(then));
}

void KafkaController::LoadPartitionStates(Done then) {
  PartitionSet all;
  for (const auto& [tp, replicas] : ctx_.assignments) all.insert(tp);
  RereadPartitionStates(all, std::move(then));
}

// ReplicaStateMachine.startup: OnlineReplica — each live replica hears its
// partitions' current state; then the replicas of dead brokers go offline.
void KafkaController::StartReplicaStateMachine(Done then) {
  PartitionSet online = SendLeaderAndIsr({}, ctx_.live_brokers);
  if (!online.empty()) SendUpdateMetadata(online);
  std::set<BrokerId> dead;
  for (const auto& [tp, replicas] : ctx_.assignments)
    for (NodeId r : replicas)
      if (!ctx_.IsLive(r)) dead.insert(r);
  TakeReplicasOffline({dead.begin(), dead.end()}, OfflineCause::kControllerFailover, {},
                      [this, then](PartitionSet offline) {
                        SendBatch(offline);
                        then();
                      });
}

// PartitionStateMachine.startup, then what onControllerFailover does last:
// the first preferred-leader check is scheduled and pending ISR change
// notifications are processed (which also sets the watch).
void KafkaController::StartPartitionStateMachine(Done then) {
  ElectOfflinePartitions([this, then](PartitionSet elected) {
    SendBatch(elected);
    ScheduleAutoLeaderRebalance(Ms(kFirstLeaderImbalanceCheckMs));
    Enqueue("IsrChangeNotification", [this](Done d) { ProcessIsrChangeNotification(d); });
    then();
  });
}

}  // namespace kafkasim::controller
