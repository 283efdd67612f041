// core/controller/kraft/kraft_control_plane.cc — registration, heartbeats
// and AlterPartition; the metadata side is in kraft_metadata_fetch.cc.
#include "core/controller/kraft/kraft_control_plane.h"

#include "core/observe/observation.h"
#include "core/protocol/message.h"
#include "core/raft/quorum_config.h"
#include "core/util/assert.h"

namespace kafkasim::controller::kraft {

KRaftControlPlane::KRaftControlPlane(Env& env, KRaftBrokerSettings settings)
    : env_(env), settings_(std::move(settings)) {
  KSIM_ASSERT(!settings_.voters.empty(), "a KRaft broker without controller.quorum.voters");
}

KRaftControlPlane::~KRaftControlPlane() {
  *alive_ = false;
  // A dying broker's pending AlterPartitions are not answered: the
  // ReplicaManager that waits for them goes with it.
}

TimerId KRaftControlPlane::After(TimeNs delay, std::function<void()> fn) {
  return env_.timers.Schedule(delay, [alive = std::weak_ptr<bool>(alive_), fn = std::move(fn)] {
    if (!alive.expired()) fn();
  });
}

void KRaftControlPlane::Start() {
  incarnation_ = static_cast<int64_t>(env_.random.NextU64() >> 1);
  controller_ = settings_.voters[target_index_];
  SendRegistration();
  SendMetadataFetch();
  After(Ms(settings_.heartbeat_interval_ms), [this] { SendHeartbeat(); });
}

// NOT_CONTROLLER or silence: the named leader, else the next voter.
void KRaftControlPlane::Retarget(NodeId hint) {
  if (hint != kNoNode && hint != controller_) {
    controller_ = hint;
    return;
  }
  target_index_ = (target_index_ + 1) % settings_.voters.size();
  controller_ = settings_.voters[target_index_];
}

bool KRaftControlPlane::OnMessage(NodeId /*from*/, const Message& m) {
  if (const auto* r = std::get_if<BrokerRegistrationResponse>(&m)) {
    OnRegistration(*r);
  } else if (const auto* r = std::get_if<BrokerHeartbeatResponse>(&m)) {
    OnHeartbeat(*r);
  } else if (const auto* r = std::get_if<MetadataFetchResponse>(&m)) {
    OnMetadataFetch(*r);
  } else if (const auto* r = std::get_if<AlterPartitionResponse>(&m)) {
    OnAlterPartition(*r);
  } else if (!std::holds_alternative<LeaderAndIsrResponse>(m) && !std::holds_alternative<UpdateMetadataResponse>(m)) {
    return false;
  }
  return true;  // the LeaderAndIsr/UpdateMetadata answers of Deliver() end here
}

void KRaftControlPlane::SendRegistration() {
  const uint64_t attempt = ++registration_attempt_;
  env_.net.Send(controller_, BrokerRegistrationRequest{env_.self, incarnation_});
  After(Ms(settings_.request_timeout_ms), [this, attempt] {
    if (attempt != registration_attempt_ || broker_epoch_ >= 0) return;
    Retarget(kNoNode);
    SendRegistration();
  });
}

void KRaftControlPlane::OnRegistration(const BrokerRegistrationResponse& r) {
  if (broker_epoch_ >= 0) return;
  if (r.error_code != ErrorCode::NONE) {
    if (r.error_code == ErrorCode::NOT_CONTROLLER) Retarget(r.leader_id);
    ++registration_attempt_;  // the pending timeout does nothing now
    After(Ms(KRaftBrokerSettings::kRetryBackoffMs), [this] {
      if (broker_epoch_ < 0) SendRegistration();
    });
    return;
  }
  broker_epoch_ = r.broker_epoch;
  Note("registered with the active controller " + raft::VoterName(r.leader_id) + ", broker epoch " +
       std::to_string(broker_epoch_) + "; fenced until caught up");
  if (CurrentMetadataOffset().value() >= broker_epoch_) SendHeartbeat();
}

// Periodic (broker.heartbeat.interval.ms); an unanswered one means the
// controller is gone: try another.
void KRaftControlPlane::SendHeartbeat() {
  if (broker_epoch_ >= 0) {
    if (heartbeat_in_flight_) Retarget(kNoNode);
    heartbeat_in_flight_ = true;
    env_.net.Send(controller_, BrokerHeartbeatRequest{env_.self, broker_epoch_, CurrentMetadataOffset(), false});
  }
  After(Ms(settings_.heartbeat_interval_ms), [this] { SendHeartbeat(); });
}

void KRaftControlPlane::OnHeartbeat(const BrokerHeartbeatResponse& r) {
  heartbeat_in_flight_ = false;
  if (r.error_code == ErrorCode::NOT_CONTROLLER) {
    Retarget(r.leader_id);
    return;
  }
  if (r.error_code == ErrorCode::STALE_BROKER_EPOCH) {
    Note("heartbeat refused (STALE_BROKER_EPOCH): registers again");
    broker_epoch_ = -1;
    fenced_ = true;
    SendRegistration();
    return;
  }
  if (r.error_code != ErrorCode::NONE) return;
  if (fenced_ != r.is_fenced) Note(r.is_fenced ? "is fenced by the controller" : "is unfenced by the controller");
  fenced_ = r.is_fenced;
}

void KRaftControlPlane::AlterIsr(const TopicPartition& tp, LeaderEpoch leader_epoch, const std::vector<NodeId>& new_isr,
                                 int32_t partition_epoch, AlterIsrCallback done) {
  const int32_t id = next_correlation_id_++;
  const TimerId timer = After(Ms(settings_.request_timeout_ms), [this, id] {
    auto it = alters_.find(id);
    if (it == alters_.end()) return;
    AlterIsrCallback cb = std::move(it->second.done);
    alters_.erase(it);
    Retarget(kNoNode);
    cb(ErrorCode::REQUEST_TIMED_OUT, {}, 0);
  });
  alters_[id] = PendingAlter{std::move(done), timer};
  env_.net.Send(controller_,
                AlterPartitionRequest{id, env_.self, broker_epoch_, tp, leader_epoch, new_isr, partition_epoch});
}

void KRaftControlPlane::OnAlterPartition(const AlterPartitionResponse& r) {
  auto it = alters_.find(r.correlation_id);
  if (it == alters_.end()) return;
  AlterIsrCallback cb = std::move(it->second.done);
  env_.timers.Cancel(it->second.timer);
  alters_.erase(it);
  if (r.error_code == ErrorCode::NOT_CONTROLLER) Retarget(kNoNode);
  cb(r.error_code, r.isr, r.partition_epoch);
}

void KRaftControlPlane::Note(const std::string& text) {
  env_.observer.Observe(ObsNote{env_.self, "broker " + std::to_string(env_.self.value()) + " " + text});
}

}  // namespace kafkasim::controller::kraft
