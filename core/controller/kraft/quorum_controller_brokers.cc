// core/controller/kraft/quorum_controller_brokers.cc — brokers joining,
// heartbeating, fenced and unfenced (KIP-631; Kafka's
// ClusterControlManager.registerBroker, BrokerHeartbeatManager,
// ReplicationControlManager.processBrokerHeartbeat / handleBrokerFenced /
// handleBrokerUnfenced, 3.7).
#include <algorithm>
#include <utility>
#include <variant>

#include "core/controller/kraft/quorum_controller.h"
#include "core/protocol/message.h"

namespace kafkasim::controller::kraft {

// ClusterControlManager.registerBroker: a broker already registered under
// another incarnation whose session is still valid is refused
// (DUPLICATE_BROKER_REGISTRATION) until the old session expires and it is
// fenced; otherwise a RegisterBrokerRecord (fenced) whose offset is the new
// broker epoch. The same incarnation asking again gets the epoch it has.
void QuorumController::HandleRegistration(NodeId from, const BrokerRegistrationRequest& req) {
  auto it = image_.brokers().find(req.broker_id);
  if (it != image_.brokers().end() && it->second.incarnation == req.incarnation) {
    env_.net.Send(from, BrokerRegistrationResponse{ErrorCode::NONE, env_.self, it->second.epoch});
    return;
  }
  if (it != image_.brokers().end() && !it->second.fenced) {
    env_.net.Send(from, BrokerRegistrationResponse{ErrorCode::DUPLICATE_BROKER_REGISTRATION, env_.self, -1});
    return;
  }
  const NodeId broker = req.broker_id;
  // ClusterControlManager.registerBroker -> handleBrokerUncleanShutdown: with
  // ELR, a new incarnation (every restart: kafkasim has no controlled
  // shutdown, and 3.9 does not look at PreviousBrokerEpoch) leaves every ISR
  // and ELR first, so a replica that may have lost its unflushed tail is
  // never elected from them.
  if (settings_.eligible_leader_replicas_enable) {
    std::vector<MetadataRecord> updates = LeaderAndIsrUpdates(
        kNoNode, kNoNode, "broker " + std::to_string(broker.value()) + " registered a new incarnation", broker);
    if (!updates.empty() && !Write(updates, [] {})) return;
  }
  const int64_t epoch = raft_.log().EndOffset().value();
  const bool ok = Write({RegisterBrokerRecord{broker, epoch, req.incarnation}}, [this, from, epoch] {
    env_.net.Send(from, BrokerRegistrationResponse{ErrorCode::NONE, env_.self, epoch});
  });
  if (!ok) return;
  last_contact_[broker] = env_.Now();
  Note("registered broker " + std::to_string(broker.value()) + " with broker epoch " + std::to_string(epoch) +
       " (fenced until it catches up with the metadata log)");
}

// BrokerHeartbeatManager.calculateNextBrokerState: a fenced broker that does
// not want to stay fenced is unfenced once its metadata offset reaches its
// RegisterBrokerRecord; an unfenced one that asks to be fenced is fenced.
void QuorumController::HandleHeartbeat(NodeId from, const BrokerHeartbeatRequest& req) {
  auto it = image_.brokers().find(req.broker_id);
  if (it == image_.brokers().end() || it->second.epoch != req.broker_epoch) {
    env_.net.Send(from, BrokerHeartbeatResponse{ErrorCode::STALE_BROKER_EPOCH, env_.self, false, true});
    return;
  }
  last_contact_[req.broker_id] = env_.Now();
  const bool caught_up = req.current_metadata_offset.value() >= it->second.epoch;
  const NodeId broker = req.broker_id;
  if (it->second.fenced && !req.want_fence && caught_up) {
    const bool ok = Write(UnfenceRecords(broker), [this, from, caught_up] {
      env_.net.Send(from, BrokerHeartbeatResponse{ErrorCode::NONE, env_.self, caught_up, false});
    });
    if (ok) ArmStaleBrokerTimer();
    return;
  }
  if (!it->second.fenced && req.want_fence) {
    FenceBroker(broker, "it asked to be fenced");
    return;
  }
  env_.net.Send(from, BrokerHeartbeatResponse{ErrorCode::NONE, env_.self, caught_up, it->second.fenced});
}

// handleBrokerFenced: the broker leaves every ISR (electing new leaders
// where it led), then BrokerRegistrationChangeRecord(fenced=1).
void QuorumController::FenceBroker(NodeId broker, const std::string& why) {
  auto it = image_.brokers().find(broker);
  if (it == image_.brokers().end() || it->second.fenced) return;
  Note("fences broker " + std::to_string(broker.value()) + ": " + why);
  std::vector<MetadataRecord> records =
      LeaderAndIsrUpdates(broker, kNoNode, "broker " + std::to_string(broker.value()) + " fenced");
  // Built in place: GCC 12 warns (maybe-uninitialized) about moving a temporary variant.
  records.emplace_back(std::in_place_type<BrokerRegistrationChangeRecord>, broker, it->second.epoch, int8_t{1});
  Write(records, [] {});
}

// handleBrokerUnfenced: BrokerRegistrationChangeRecord(fenced=-1), then
// leaders for the partitions that had none and can take this broker; then
// the topics of the scenario if their brokers are all here now.
std::vector<MetadataRecord> QuorumController::UnfenceRecords(NodeId broker) {
  Note("unfences broker " + std::to_string(broker.value()) + ": it caught up with its registration record");
  std::vector<MetadataRecord> records{BrokerRegistrationChangeRecord{broker, image_.brokers().at(broker).epoch, -1}};
  MetadataImage after = image_;
  after.Apply(records.front(), image_.next_offset());
  std::swap(image_, after);  // elections see the broker unfenced
  std::vector<MetadataRecord> elections =
      LeaderAndIsrUpdates(kNoNode, broker, "broker " + std::to_string(broker.value()) + " unfenced");
  std::vector<MetadataRecord> topics = MaybeCreateTopics();
  std::swap(image_, after);
  records.insert(records.end(), elections.begin(), elections.end());
  records.insert(records.end(), topics.begin(), topics.end());
  return records;
}

}  // namespace kafkasim::controller::kraft
