// core/controller/kraft/quorum_controller.cc — claiming, writing records,
// answering on commit, and the stale-broker timer.
#include "core/controller/kraft/quorum_controller.h"

#include "core/observe/observation.h"
#include "core/util/assert.h"

namespace kafkasim::controller::kraft {

// QuorumController.claim -> ClusterControlManager.activate: every broker
// registered so far gets a fresh session, counted from now (a new active
// controller does not fence brokers for the silence of the election).
QuorumController::QuorumController(Env& env, raft::KafkaRaftClient& raft, const MetadataImage& committed,
                                   const ControllerSettings& settings)
    : env_(env), raft_(raft), settings_(settings), epoch_(raft.epoch()), image_(committed) {
  KSIM_ASSERT(raft_.role() == raft::RaftRole::kLeader, "an active controller that is not the quorum leader");
  for (const auto& [id, b] : image_.brokers()) last_contact_[id] = env_.Now();
  env_.observer.Observe(ObsControllerElected{env_.self, ControllerEpoch{epoch_.value()}});
  Note("is the active controller in epoch " + std::to_string(epoch_.value()) + " (metadata replayed to offset " +
       std::to_string(image_.next_offset().value()) + ")");
  std::vector<MetadataRecord> topics = MaybeCreateTopics();
  if (!topics.empty()) Write(topics, [] {});
  ArmStaleBrokerTimer();
}

QuorumController::~QuorumController() {
  *alive_ = false;
  if (stale_timer_armed_) env_.timers.Cancel(stale_timer_);
}

bool QuorumController::Write(const std::vector<MetadataRecord>& records, std::function<void()> on_commit) {
  KSIM_ASSERT(!records.empty(), "an empty metadata write");
  Offset last{-1};
  for (const MetadataRecord& r : records) {
    Result<Offset> offset = raft_.Append(Encode(r));
    if (!offset.ok()) return false;
    image_.Apply(r, *offset);
    last = *offset;
  }
  on_commit_.emplace(last, std::move(on_commit));
  OnCommitted(raft_.high_watermark().value_or(Offset{0}));  // a quorum of one commits at once
  return true;
}

void QuorumController::OnCommitted(Offset hw) {
  while (!on_commit_.empty() && on_commit_.begin()->first < hw) {
    auto fn = std::move(on_commit_.begin()->second);
    on_commit_.erase(on_commit_.begin());
    fn();
  }
}

// QuorumController.rescheduleMaybeFenceStaleBrokers: wake at the earliest
// session expiry of an unfenced broker.
void QuorumController::ArmStaleBrokerTimer() {
  if (stale_timer_armed_) env_.timers.Cancel(stale_timer_);
  stale_timer_armed_ = false;
  TimeNs earliest = -1;
  for (const auto& [id, at] : last_contact_) {
    if (!image_.IsUnfenced(id)) continue;
    const TimeNs deadline = at + Ms(settings_.broker_session_timeout_ms);
    if (earliest < 0 || deadline < earliest) earliest = deadline;
  }
  if (earliest < 0) return;
  stale_timer_armed_ = true;
  stale_timer_ =
      env_.timers.Schedule(std::max<TimeNs>(0, earliest - env_.Now()), [this, alive = std::weak_ptr<bool>(alive_)] {
        if (alive.expired()) return;
        stale_timer_armed_ = false;
        FenceStaleBrokers();
      });
}

// BrokerHeartbeatManager.findOneStaleBroker, all of them at once.
void QuorumController::FenceStaleBrokers() {
  std::vector<NodeId> stale;
  for (const auto& [id, at] : last_contact_) {
    if (image_.IsUnfenced(id) && env_.Now() - at >= Ms(settings_.broker_session_timeout_ms)) stale.push_back(id);
  }
  for (NodeId b : stale) {
    FenceBroker(
        b, "no heartbeat for broker.session.timeout.ms=" + std::to_string(settings_.broker_session_timeout_ms) + " ms");
  }
  ArmStaleBrokerTimer();
}

void QuorumController::Note(const std::string& text) {
  env_.observer.Observe(ObsNote{env_.self, "controller-" + std::to_string(env_.self.value() % 100) + " " + text});
}

}  // namespace kafkasim::controller::kraft
