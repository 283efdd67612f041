#include "core/broker/broker.h"

#include <string>

#include "core/broker/group_coordinator.h"
#include "core/broker/transaction_coordinator.h"
#include "core/observe/observation.h"
#include "core/protocol/message.h"

namespace kafkasim::broker {

Broker::Broker(Env& env, BrokerOptions options)
    : env_(env),
      options_(std::move(options)),
      control_plane_(options_.make_control_plane(env)),
      replica_manager_(std::make_unique<ReplicaManager>(env, options_.config, options_.topics, *control_plane_)),
      producer_ids_(env, replica_manager_->log_dir()),
      groups_(std::make_unique<GroupCoordinator>(env, env.self, *replica_manager_, options_.config,
                                                 [this](PartitionId p) { return OffsetsLeader(p); })),
      txns_(std::make_unique<TransactionCoordinator>(env, *replica_manager_, producer_ids_, options_.config,
                                                     [this](const TopicPartition& tp) { return LeaderOf(tp); })) {
  replica_manager_->set_coordinator_role_listener([this](const TopicPartition& tp, bool leader) {
    if (tp.topic == kOffsetsTopic) {
      if (leader) {
        groups_->OnBecomeLeader(tp.partition);
      } else {
        groups_->OnResign(tp.partition);
      }
    } else if (tp.topic == kTransactionStateTopic) {
      if (leader) {
        txns_->OnBecomeLeader(tp.partition);
      } else {
        txns_->OnResign(tp.partition);
      }
    }
  });
  replica_manager_->set_txn_completion_listener([this](int64_t producer_id, PartitionId p, bool committed) {
    groups_->OnTxnCompleted(producer_id, p, committed);
  });
}

Broker::~Broker() = default;

void Broker::Start() {
  env_.observer.Observe(ObsNote{env_.self, "broker " + std::to_string(env_.self.value()) + " started"});
  replica_manager_->Start();
  txns_->Start();
  control_plane_->SetLocalDelivery([this](NodeId from, const Message& m) { OnMessage(from, m); });
  control_plane_->Start();
}

void Broker::OnPeerUnreachable(NodeId peer) {
  replica_manager_->OnPeerUnreachable(peer);
  txns_->OnPeerUnreachable(peer);
}

NodeId Broker::LeaderOf(const TopicPartition& tp) const {
  const PartitionState* st = metadata_.Find(tp);
  return st ? st->leader : kNoNode;
}

NodeId Broker::OffsetsLeader(PartitionId p) const {
  const PartitionState* st = metadata_.Find(TopicPartition{kOffsetsTopic, p});
  return st ? st->leader : kNoNode;
}

void Broker::OnMessage(NodeId from, const Message& m) {
  if (control_plane_->OnMessage(from, m)) return;
  if (replica_manager_->HandleFetcherMessage(from, m)) return;
  if (txns_->OnMessage(from, m)) return;
  if (auto* fc = std::get_if<FindCoordinatorRequest>(&m); fc && AnswerWithoutOffsetsTopic(from, *fc)) return;
  if (groups_->OnMessage(from, m)) return;
  std::visit(
      [&](const auto& msg) {
        using T = std::decay_t<decltype(msg)>;
        if constexpr (std::is_same_v<T, ProduceRequest>)
          replica_manager_->HandleProduce(from, msg);
        else if constexpr (std::is_same_v<T, FetchRequest>)
          replica_manager_->HandleFetch(from, msg);
        else if constexpr (std::is_same_v<T, ListOffsetsRequest>)
          replica_manager_->HandleListOffsets(from, msg);
        else if constexpr (std::is_same_v<T, OffsetsForLeaderEpochRequest>)
          replica_manager_->HandleOffsetsForLeaderEpoch(from, msg);
        else if constexpr (std::is_same_v<T, LeaderAndIsrRequest>) {
          // Checkers pair this with the ObsBecomeRole / ObsFenced that follow.
          env_.observer.Observe(ObsLeaderAndIsr{env_.self, msg.controller_id, msg.controller_epoch,
                                                static_cast<int32_t>(msg.partition_states.size())});
          replica_manager_->HandleLeaderAndIsr(from, msg);
        } else if constexpr (std::is_same_v<T, UpdateMetadataRequest>)
          HandleUpdateMetadata(from, msg);
        else if constexpr (std::is_same_v<T, MetadataRequest>)
          HandleMetadata(from, msg);
        else if constexpr (std::is_same_v<T, InitProducerIdRequest>)
          HandleInitProducerId(from, msg);
        else if constexpr (std::is_same_v<T, WriteTxnMarkersRequest>)
          replica_manager_->HandleWriteTxnMarkers(from, msg);
        // Anything else is not for a broker; it is dropped (traced as delivered).
      },
      m);
}

// Kafka's KafkaApis.getCoordinator: with no __consumer_offsets in the
// metadata cache the broker asks for it to be created (AutoTopicCreationManager)
// and answers COORDINATOR_NOT_AVAILABLE; the client asks again later. The
// creation never lowers offsets.topic.replication.factor: with fewer live
// brokers it fails (AdminUtils.assignReplicasToBrokers:
// INVALID_REPLICATION_FACTOR), so no group can form. kafkasim creates the
// topic with the cluster when it has enough brokers (sim/cluster_builder.cc);
// here the broker tells why it is missing.
bool Broker::AnswerWithoutOffsetsTopic(NodeId from, const FindCoordinatorRequest& req) {
  if (metadata_.Find(TopicPartition{kOffsetsTopic, PartitionId{0}}) != nullptr) return false;
  env_.net.Send(from, FindCoordinatorResponse{req.correlation_id, ErrorCode::COORDINATOR_NOT_AVAILABLE, kNoNode});
  size_t live = metadata_.live_brokers().size();
  auto rf = static_cast<size_t>(options_.config.offsets_topic_replication_factor);
  if (metadata_.controller_id() == kNoNode || live >= rf || live == offsets_topic_refusal_told_) return true;
  offsets_topic_refusal_told_ = live;
  env_.observer.Observe(
      ObsNote{env_.self, "FindCoordinator for group " + req.key + ": COORDINATOR_NOT_AVAILABLE, because " +
                             std::string(kOffsetsTopic) + " cannot be created: offsets.topic.replication.factor " +
                             std::to_string(rf) + " is larger than available brokers: " + std::to_string(live) +
                             " (INVALID_REPLICATION_FACTOR). No consumer group can form until " + std::to_string(rf) +
                             " brokers are alive"});
  return true;
}

void Broker::HandleMetadata(NodeId from, const MetadataRequest& req) {
  env_.net.Send(from, metadata_.Describe(req, options_.racks));
}

void Broker::HandleUpdateMetadata(NodeId from, const UpdateMetadataRequest& req) {
  UpdateMetadataResponse resp{req.correlation_id, ErrorCode::NONE};
  if (!metadata_.Update(req)) {
    resp.error_code = ErrorCode::STALE_CONTROLLER_EPOCH;
    env_.observer.Observe(ObsFenced{env_.self, TopicPartition{},
                                    "ignored UpdateMetadata from broker " + std::to_string(req.controller_id.value()) +
                                        " with stale controller epoch " +
                                        std::to_string(req.controller_epoch.value())});
  }
  env_.net.Send(from, resp);
}

// An idempotent producer's InitProducerId (no transactional.id): any broker
// hands out a new producer id at epoch 0 (Kafka's
// TransactionCoordinator.handleInitProducerId with a null transactional id).
void Broker::HandleInitProducerId(NodeId from, const InitProducerIdRequest& req) {
  std::optional<ProducerId> pid = producer_ids_.GenerateProducerId();
  if (!pid) {
    // The log dir just went offline (the broker halts): hand out no id. The
    // producer retries InitProducerId elsewhere on this retriable error.
    InitProducerIdResponse refused;
    refused.correlation_id = req.correlation_id;
    refused.error_code = ErrorCode::COORDINATOR_NOT_AVAILABLE;
    env_.net.Send(from, refused);
    return;
  }
  InitProducerIdResponse resp{req.correlation_id, ErrorCode::NONE, *pid, ProducerEpoch{0}};
  env_.net.Send(from, resp);
}

}  // namespace kafkasim::broker
