// sim/apps/consumer_app.cc — the poll/process/commit loop.
#include "sim/apps/consumer_app.h"

#include <algorithm>

#include "core/observe/observation.h"
#include "core/protocol/message.h"

namespace kafkasim::sim {

namespace {
std::string_view JavaExceptionFor(ErrorCode e) {
  switch (e) {
    case ErrorCode::INVALID_SESSION_TIMEOUT:
      return "InvalidSessionTimeoutException";
    case ErrorCode::INCONSISTENT_GROUP_PROTOCOL:
      return "InconsistentGroupProtocolException";
    default:
      return "KafkaException";
  }
}
}  // namespace

config::ConsumerConfig ConsumerConfigFromSpec(const scenario::ConsumerSpec& spec, Env* env) {
  config::ConsumerConfig cfg;
  for (const auto& [k, v] : spec.config) {
    auto st = cfg.Set(k, v);
    if (!st.ok() && env != nullptr)
      env->observer.Observe(ObsNote{env->self, "bad consumer config: " + st.error().message});
  }
  cfg.enable_auto_commit = spec.commit == scenario::CommitMode::kAuto;
  return cfg;
}

ConsumerApp::ConsumerApp(Env& env, const scenario::ConsumerSpec& spec, std::vector<NodeId> bootstrap)
    : env_(env), spec_(spec), bootstrap_(std::move(bootstrap)), cfg_(ConsumerConfigFromSpec(spec, &env)) {
  if (spec_.dedup != scenario::DedupMode::kNone) {
    store_.emplace(env_.disk, DedupStoreFile(spec_.id), spec_.dedup == scenario::DedupMode::kStore);
  }
}

ConsumerApp::~ConsumerApp() { env_.timers.Cancel(timer_); }

void ConsumerApp::Start() {
  TimeNs delay = std::max<TimeNs>(0, spec_.start_ns - env_.Now());
  timer_ = env_.timers.Schedule(delay, [this] {
    timer_ = 0;
    Begin();
  });
}

void ConsumerApp::Begin() {
  consumer_ = std::make_unique<client::KafkaConsumer>(env_, cfg_, bootstrap_, spec_.group);
  consumer_->Subscribe(spec_.topics, {[this](const std::vector<TopicPartition>& revoked) {
                                        for (const auto& tp : revoked) to_commit_.erase(tp);
                                      },
                                      nullptr, nullptr, nullptr});
  consumer_->Start();
  PollLoop();
}

void ConsumerApp::OnMessage(NodeId from, const Message& message) {
  if (consumer_) consumer_->OnMessage(from, message);
}

void ConsumerApp::PollLoop() {
  consumer_->Poll(kConsumerPollTimeoutNs,
                  [this](std::vector<client::ConsumerRecord> records) { OnRecords(std::move(records)); });
}

void ConsumerApp::OnRecords(std::vector<client::ConsumerRecord> records) {
  if (ErrorCode e = consumer_->poll_error(); e != ErrorCode::NONE) {
    Fail(e);
    return;
  }
  if (records.empty()) {
    PollLoop();
    return;
  }
  batch_ = std::move(records);
  next_ = 0;
  to_commit_.clear();
  for (const auto& r : batch_) {
    Offset& o = to_commit_[r.tp];
    o = std::max(o, r.offset + 1);
  }
  if (spec_.commit == scenario::CommitMode::kBeforeProcessing) {
    CommitThen([this] { ProcessNext(); });
  } else {
    ProcessNext();
  }
}

// The application does not catch what poll() throws: its loop ends, and
// closing the consumer (try-with-resources) is all it does on the way out.
void ConsumerApp::Fail(ErrorCode e) {
  env_.observer.Observe(ObsNote{env_.self, "poll() threw " + std::string(JavaExceptionFor(e)) + " (" +
                                               std::string(ErrorName(e)) +
                                               "), which the Java consumer treats as fatal: the application "
                                               "stops and consumes nothing more"});
  consumer_->Close();
}

void ConsumerApp::ProcessNext() {
  // The store lookup: a record already processed is skipped, not redone.
  while (store_ && next_ < batch_.size()) {
    const client::ConsumerRecord& r = batch_[next_];
    if (!r.uid || !store_->Contains(*r.uid)) break;
    env_.observer.Observe(ObsRedelivered{env_.self, spec_.group, r.tp, r.offset, *r.uid});
    ++next_;
  }
  if (next_ >= batch_.size()) {
    batch_.clear();
    if (spec_.commit == scenario::CommitMode::kAfterProcessing) {
      CommitThen([this] { PollLoop(); });
    } else {
      PollLoop();
    }
    return;
  }
  timer_ = env_.timers.Schedule(spec_.processing_time_ns, [this] {
    timer_ = 0;
    const client::ConsumerRecord& r = batch_[next_];
    if (r.uid) {
      env_.observer.Observe(ObsConsumed{env_.self, spec_.group, r.tp, r.offset, *r.uid});
      if (store_) store_->Add(*r.uid);  // the same step as the effect
    }
    ++processed_;
    ++next_;
    ProcessNext();
  });
}

void ConsumerApp::CommitThen(std::function<void()> next) {
  std::map<TopicPartition, Offset> offsets;
  for (const auto& tp : consumer_->assignment()) {
    auto it = to_commit_.find(tp);
    if (it != to_commit_.end()) offsets.insert(*it);
  }
  to_commit_.clear();
  if (offsets.empty()) {
    next();
    return;
  }
  // A failed commit (CommitFailed after a rebalance) is not retried: the
  // application moves on, as a Java loop catching the exception would.
  consumer_->Commit(offsets, [next = std::move(next)](ErrorCode) { next(); });
}

}  // namespace kafkasim::sim
