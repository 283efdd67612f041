// sim/apps/processor_app.cc — the processor's clients and its poll/process loop.
#include "sim/apps/processor_app.h"

#include <algorithm>
#include <climits>

#include "core/config/config_checks.h"
#include "core/observe/observation.h"
#include "core/protocol/message.h"
#include "sim/apps/consumer_app.h"
#include "sim/apps/producer_app.h"

namespace kafkasim::sim {

namespace {
// Each client instance of a processor takes its own range of correlation ids
// (RequestTracker::set_next_correlation_id): consumer and producer, and the
// replacements TaskMigrated makes.
constexpr int32_t kCorrelationRange = 50'000'000;
constexpr uint32_t kCorrelationRanges = INT32_MAX / kCorrelationRange;  // 42
constexpr int kOutputValueBytes = 100;
}  // namespace

std::string ProcessorTransactionalId(const scenario::ProcessorSpec& spec) { return spec.group + "-" + spec.id; }

TimeNs ProcessorCommitIntervalNs(const scenario::ProcessorSpec& spec) {
  if (spec.commit_interval_ns) return *spec.commit_interval_ns;
  // StreamsConfig: COMMIT_INTERVAL_MS 30000, EOS_DEFAULT_COMMIT_INTERVAL_MS 100.
  return spec.guarantee == scenario::ProcessingGuarantee::kExactlyOnceV2 ? Ms(100) : Ms(30000);
}

config::ConsumerConfig ProcessorConsumerConfig(const scenario::ProcessorSpec& spec, Env* env) {
  config::ConsumerConfig cfg;
  cfg.max_poll_records = 1000;
  cfg.auto_offset_reset = config::OffsetReset::kEarliest;
  cfg.read_committed = spec.guarantee == scenario::ProcessingGuarantee::kExactlyOnceV2;
  for (const auto& [k, v] : spec.consumer_config) {
    auto st = cfg.Set(k, v);
    if (!st.ok() && env != nullptr)
      env->observer.Observe(ObsNote{env->self, "bad consumer config: " + st.error().message});
  }
  cfg.enable_auto_commit = false;
  return cfg;
}

config::ProducerConfig ProcessorProducerConfig(const scenario::ProcessorSpec& spec, Env* env) {
  config::ProducerConfig cfg;
  cfg.linger_ms = 100;
  if (spec.guarantee == scenario::ProcessingGuarantee::kExactlyOnceV2) {
    cfg.delivery_timeout_ms = INT32_MAX;
    cfg.enable_idempotence = true;
    cfg.transaction_timeout_ms = 10000;
    cfg.transactional_id = ProcessorTransactionalId(spec);
  }
  return ProducerConfigFromSpec(spec.producer_config, env, std::move(cfg));  // the scenario's keys on top
}

ProcessorApp::ProcessorApp(Env& env, const scenario::ProcessorSpec& spec, UidSlots slots, std::vector<NodeId> bootstrap)
    : env_(env),
      spec_(spec),
      slots_(slots),
      bootstrap_(std::move(bootstrap)),
      ccfg_(ProcessorConsumerConfig(spec, &env)),
      pcfg_(ProcessorProducerConfig(spec, &env)),
      commit_interval_ns_(ProcessorCommitIntervalNs(spec)),
      value_(kOutputValueBytes, static_cast<uint8_t>('o')) {
  if (spec_.dedup != scenario::DedupMode::kNone) {
    store_.emplace(env_.disk, DedupStoreFile(spec_.id), spec_.dedup == scenario::DedupMode::kStore);
  }
}

ProcessorApp::~ProcessorApp() { env_.timers.Cancel(timer_); }

void ProcessorApp::Start() {
  timer_ = env_.timers.Schedule(std::max<TimeNs>(0, spec_.start_ns - env_.Now()), [this] {
    timer_ = 0;
    Begin();
  });
}

void ProcessorApp::OnMessage(NodeId from, const Message& message) {
  if (consumer_ && consumer_->OnMessage(from, message)) return;
  if (producer_ && producer_->OnMessage(from, message)) return;
  for (auto& c : old_consumers_)
    if (c->OnMessage(from, message)) return;
  for (auto& p : old_producers_)
    if (p->OnMessage(from, message)) return;
}

void ProcessorApp::OnPeerUnreachable(NodeId peer) {
  if (consumer_) consumer_->OnConnectionLost(peer);
  if (producer_) producer_->OnConnectionLost(peer);
  for (auto& c : old_consumers_) c->OnConnectionLost(peer);
  for (auto& p : old_producers_) p->OnConnectionLost(peer);
}

void ProcessorApp::Note(const std::string& text) { env_.observer.Observe(ObsNote{env_.self, spec_.id + ": " + text}); }

// New clients (at the start, and after TaskMigrated): the old ones are closed
// and kept; their callbacks find incarnation_ moved on.
void ProcessorApp::Begin() {
  ++incarnation_;
  if (consumer_) consumer_->Close(), old_consumers_.push_back(std::move(consumer_));
  if (producer_) producer_->Close(), old_producers_.push_back(std::move(producer_));
  env_.timers.Cancel(timer_);
  timer_ = 0;
  batch_.clear();
  next_ = 0;
  consumed_.clear();
  unacked_ = 0;
  send_failed_ = false;
  flushed_ = nullptr;
  in_transaction_ = committing_ = polling_ = repoll_ = false;
  join_waiter_ = nullptr;
  last_commit_ns_ = env_.Now();
  producer_ = std::make_unique<client::KafkaProducer>(env_, pcfg_, bootstrap_);
  producer_->set_first_correlation_id(1 + static_cast<int32_t>((2 * incarnation_ + 1) % kCorrelationRanges) *
                                              kCorrelationRange);
  producer_->RequestMetadata(spec_.output);
  producer_->Start();
  if (!eos()) return StartConsumer();
  const uint32_t inc = incarnation_;
  producer_->InitTransactions([this, inc](ErrorCode e) {
    if (inc != incarnation_) return;
    if (e != ErrorCode::NONE) return Die(e);
    StartConsumer();
  });
}

void ProcessorApp::StartConsumer() {
  consumer_ = std::make_unique<client::KafkaConsumer>(env_, ccfg_, bootstrap_, spec_.group);
  consumer_->set_first_correlation_id(1 + static_cast<int32_t>((2 * incarnation_) % kCorrelationRanges) *
                                              kCorrelationRange);
  const uint32_t inc = incarnation_;
  client::KafkaConsumer::RebalanceListener listener;
  listener.on_revoked = [this, inc](const std::vector<TopicPartition>& revoked) {
    if (inc == incarnation_) OnRevoked(revoked);
  };
  listener.before_join = [this, inc](std::function<void()> done) {
    if (inc != incarnation_) return done();
    BeforeJoin(std::move(done));
  };
  consumer_->Subscribe(spec_.input, std::move(listener));
  consumer_->Start();
  PollLoop();
}

void ProcessorApp::PollLoop() {
  if (stopped_) return;
  polling_ = true;
  const uint32_t inc = incarnation_;
  consumer_->Poll(kConsumerPollTimeoutNs, [this, inc](std::vector<client::ConsumerRecord> records) {
    if (inc == incarnation_) OnRecords(std::move(records));
  });
}

void ProcessorApp::OnRecords(std::vector<client::ConsumerRecord> records) {
  polling_ = false;
  if (ErrorCode e = consumer_->poll_error(); e != ErrorCode::NONE) return Die(e);
  if (committing_) {  // a rebalance's commit (BeforeJoin): these partitions are being given up
    repoll_ = true;
    return;
  }
  const std::vector<TopicPartition> assigned = consumer_->assignment();
  batch_.clear();
  next_ = 0;
  for (auto& r : records) {
    if (std::find(assigned.begin(), assigned.end(), r.tp) != assigned.end()) batch_.push_back(std::move(r));
  }
  ProcessNext();
}

void ProcessorApp::ProcessNext() {
  if (join_waiter_) DropUnprocessed();       // a rebalance waits: commit what is done
  while (store_ && next_ < batch_.size()) {  // the dedup store's lookup
    const client::ConsumerRecord& r = batch_[next_];
    if (!r.uid || !store_->Contains(*r.uid)) break;
    env_.observer.Observe(ObsRedelivered{env_.self, spec_.group, r.tp, r.offset, *r.uid});
    consumed_[r.tp] = r.offset + 1;
    ++next_;
  }
  if (next_ >= batch_.size()) return AfterBatch();
  timer_ = env_.timers.Schedule(spec_.processing_time_ns, [this] {
    timer_ = 0;
    if (next_ < batch_.size() && !Process(batch_[next_])) return;
    ++next_;
    ProcessNext();
  });
}

// One input record done: its output sent (inside the open transaction with
// exactly_once_v2: maybeBeginTransaction), its offset due for the next commit.
bool ProcessorApp::Process(const client::ConsumerRecord& r) {
  if (eos() && !in_transaction_) {
    if (ErrorCode e = producer_->BeginTransaction(); e != ErrorCode::NONE) {
      TaskMigrated(e);
      return false;
    }
    in_transaction_ = true;
  }
  if (r.uid) {
    const uint32_t inc = incarnation_;
    ++unacked_;
    std::optional<std::string_view> key;
    if (r.key) key = *r.key;
    producer_->Send(spec_.output, key, value_, OutputUid(*r.uid, slots_),
                    [this, inc](ErrorCode e, Offset) { OnSendDone(inc, e); });
    env_.observer.Observe(ObsConsumed{env_.self, spec_.group, r.tp, r.offset, *r.uid});
    if (store_) store_->Add(*r.uid);
  }
  consumed_[r.tp] = r.offset + 1;
  ++processed_;
  return true;
}

void ProcessorApp::OnSendDone(uint32_t incarnation, ErrorCode e) {
  if (incarnation != incarnation_) return;
  --unacked_;
  if (e != ErrorCode::NONE) send_failed_ = true;
  if (unacked_ == 0 && flushed_) std::exchange(flushed_, nullptr)();
}

void ProcessorApp::AfterBatch() {
  batch_.clear();
  next_ = 0;
  if (join_waiter_ || env_.Now() - last_commit_ns_ >= commit_interval_ns_) return Commit([this] { PollLoop(); });
  PollLoop();
}

// The records of this poll not yet processed are given back: the next
// poll (or the partition's next owner) starts at the first of them.
void ProcessorApp::DropUnprocessed() {
  std::map<TopicPartition, Offset> first;
  for (size_t i = next_; i < batch_.size(); ++i) first.try_emplace(batch_[i].tp, batch_[i].offset);
  for (const auto& [tp, offset] : first) consumer_->Seek(tp, offset);
  batch_.resize(std::min(next_, batch_.size()));
}

// Partitions taken away. After BeforeJoin's commit nothing of theirs is
// pending; anything left was processed but never committed — lost with the
// partition (onPartitionsLost): with exactly_once_v2 the transaction must
// abort (handleLostAll), with at_least_once the next owner redoes it.
void ProcessorApp::OnRevoked(const std::vector<TopicPartition>& revoked) {
  bool lost_work = false;
  for (const TopicPartition& tp : revoked) lost_work |= consumed_.erase(tp) > 0;
  // Their records of this poll not yet processed are dropped.
  std::vector<client::ConsumerRecord> kept;
  for (size_t i = 0; i < batch_.size(); ++i) {
    bool gone = i >= next_ && std::find(revoked.begin(), revoked.end(), batch_[i].tp) != revoked.end();
    if (!gone) kept.push_back(std::move(batch_[i]));
  }
  batch_ = std::move(kept);
  if (!lost_work || !eos()) return;
  // Not from inside the consumer's own call: a fresh event.
  const uint32_t inc = incarnation_;
  env_.timers.Schedule(0, [this, inc] {
    if (inc == incarnation_) TaskMigrated(ErrorCode::UNKNOWN_MEMBER_ID);
  });
}

}  // namespace kafkasim::sim
