// core/controller/kafka_controller.cc — the controller's lifecycle and its
// event queue (Kafka's ControllerEventManager): events run one at a time,
// each to completion. The events themselves, one file each:
//   controller_failover.cc        ControllerStartup (onControllerFailover)
//   broker_change.cc              BrokerChange
//   isr_change_notification.cc    IsrChangeNotification
//   preferred_replica_election.cc AutoPreferredReplicaLeaderElection
#include "core/controller/kafka_controller.h"
#include "core/observe/observation.h"
#include "core/protocol/message.h"
#include "core/util/assert.h"
#include "core/util/strings.h"

#include <memory>
#include <utility>

#include "core/util/assert.h"

namespace kafkasim::controller {

KafkaController::KafkaController(Env& env, BrokerId id, const config::BrokerConfig& config,
                                 const std::vector<TopicAssignment>& topics, ZkClient& zk, ResignFn resign,
                                 ControllerStats& stats)
    : env_(env),
      id_(id),
      config_(config),
      topics_(topics),
      zk_(zk),
      resign_(std::move(resign)),
      channel_(env),
      stats_(stats) {}

KafkaController::~KafkaController() { Shutdown(); }

void KafkaController::Startup() {
  Enqueue("ControllerStartup", [this](Done done) { ElectEpoch([this, done] { OnFailover(done); }); });
}

void KafkaController::Shutdown() {
  *alive_ = false;
  active_ = false;
  queue_.clear();
  channel_.Shutdown();
  if (rebalance_armed_) env_.timers.Cancel(rebalance_timer_);
  rebalance_armed_ = false;
}

bool KafkaController::OnMessage(NodeId from, const Message& message) {
  if (!*alive_) return false;
  ErrorCode error = ErrorCode::NONE;
  if (const auto* r = std::get_if<LeaderAndIsrResponse>(&message)) error = r->error_code;
  if (const auto* r = std::get_if<UpdateMetadataResponse>(&message)) error = r->error_code;
  bool consumed = channel_.OnResponse(from, message);
  if (consumed && error == ErrorCode::STALE_CONTROLLER_EPOCH) {
    Note("broker-" + std::to_string(from.value()) + " refused a request of controller epoch " +
         std::to_string(ctx_.epoch.value()) + " (STALE_CONTROLLER_EPOCH): a newer controller exists");
  }
  return consumed;
}

void KafkaController::Enqueue(std::string name, Step step) {
  if (!*alive_) return;
  queue_.emplace_back(std::move(name), std::move(step));
  RunNext();
}

// INVARIANT: at most one event runs; `busy_` is cleared only by its Done
// (asserted there: a Done with nothing running was called twice).
void KafkaController::RunNext() {
  if (busy_ || queue_.empty() || !*alive_) return;
  busy_ = true;
  // ControllerEventManager times each event under its ControllerState's
  // RateAndTimeMs timer; BrokerChange's is LeaderElectionRateAndTimeMs.
  const bool timed = queue_.front().first == "BrokerChange";
  const TimeNs started = env_.Now();
  Step step = std::move(queue_.front().second);
  queue_.pop_front();
  step([this, alive = alive_, timed, started] {
    if (!*alive) return;
    KSIM_ASSERT(busy_, "a controller event finished twice");
    if (timed) stats_.broker_change.Record(env_.Now() - started);
    busy_ = false;
    RunNext();
  });
}

namespace {

struct StepChain {
  std::vector<KafkaController::Step> steps;
  KafkaController::Done done;
  size_t next = 0;
};

// Each step's Done holds the chain; a Done never called (the controller shut
// down, the session lost) simply frees it.
void Continue(const std::shared_ptr<StepChain>& chain) {
  if (chain->next == chain->steps.size()) {
    chain->done();
    return;
  }
  KafkaController::Step& step = chain->steps[chain->next++];
  step([chain] { Continue(chain); });
}

}  // namespace

void KafkaController::RunSteps(std::vector<Step> steps, Done done) {
  Continue(std::make_shared<StepChain>(StepChain{std::move(steps), std::move(done)}));
}

ZkClient::WatchCallback KafkaController::EnqueueOnWatch(std::string name, void (KafkaController::*process)(Done)) {
  return Guard(
      [this, name, process](const ZkWatchEvent&) { Enqueue(name, [this, process](Done d) { (this->*process)(d); }); });
}

void KafkaController::Note(const std::string& text) {
  env_.observer.Observe(ObsNote{id_, "controller broker-" + std::to_string(id_.value()) + ": " + text});
}

}  // namespace kafkasim::controller
