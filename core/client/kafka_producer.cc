// core/client/kafka_producer.cc — Send, partitioning, the metadata wait.
#include "core/client/kafka_producer.h"

#include <algorithm>

#include "core/observe/observation.h"
#include "core/protocol/message.h"

namespace kafkasim::client {

namespace {
config::ProducerConfig Validated(config::ProducerConfig cfg) {
  // Kafka: idempotence requires acks=all, retries > 0 and max.in.flight <= 5
  // (it refuses to start otherwise; kafkasim drops idempotence instead).
  if (cfg.enable_idempotence && (cfg.acks != -1 || cfg.retries < 1)) cfg.enable_idempotence = false;
  if (cfg.enable_idempotence) {
    cfg.max_in_flight_requests_per_connection = std::clamp(cfg.max_in_flight_requests_per_connection, 1, 5);
  }
  if (cfg.max_in_flight_requests_per_connection < 1) cfg.max_in_flight_requests_per_connection = 1;
  return cfg;
}

std::optional<std::span<const uint8_t>> KeySpan(std::optional<std::string_view> key) {
  if (!key) return std::nullopt;
  return std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(key->data()), key->size());
}
}  // namespace

void EncodeUid(RecordUid uid, uint8_t out[8]) {
  for (int i = 7; i >= 0; --i, uid >>= 8) out[i] = static_cast<uint8_t>(uid & 0xff);
}

std::optional<RecordUid> DecodeUid(std::span<const uint8_t> bytes) {
  if (bytes.size() != 8) return std::nullopt;
  RecordUid u = 0;
  for (uint8_t b : bytes) u = (u << 8) | b;
  return u;
}

KafkaProducer::KafkaProducer(Env& env, const config::ProducerConfig& cfg, std::vector<NodeId> bootstrap)
    : env_(env),
      cfg_(Validated(cfg)),
      tracker_(env),
      metadata_(env, tracker_, std::move(bootstrap),
                MetadataTimeouts{cfg_.request_timeout_ms, cfg_.metadata_max_age_ms, cfg_.retry_backoff_ms}),
      partitioner_(cfg_.partitioner, env.random),
      acc_(cfg_),
      sender_(env, cfg_, acc_, metadata_, tracker_) {
  uid_header_.key = kRecordUidHeader;
  uid_header_.value = Bytes(8, 0);
  metadata_.AddListener([this] { OnMetadata(); });
}

KafkaProducer::~KafkaProducer() { sender_.Shutdown(); }

void KafkaProducer::Start() {
  metadata_.Start();
  sender_.Wakeup();
}

void KafkaProducer::Send(const std::string& topic, std::optional<std::string_view> key, std::span<const uint8_t> value,
                         RecordUid uid, SendCallback cb) {
  if (closed_ || acc_.queued_records() + waiting_.size() >= kMaxQueuedRecords) {
    if (cb) cb(ErrorCode::UNKNOWN_SERVER_ERROR, Offset{-1});  // Java: IllegalStateException / buffer full
    return;
  }
  if (const TxnRequestManager* t = sender_.transactions(); t && t->state() != TxnState::kInTransaction) {
    // TransactionManager.maybeAddPartition: sends belong inside a transaction
    // (Java throws; here the callback gets the error).
    ErrorCode e = t->state() == TxnState::kAbortableError || t->state() == TxnState::kFatalError
                      ? t->last_error()
                      : ErrorCode::INVALID_TXN_STATE;
    if (cb) cb(e, Offset{-1});
    return;
  }
  metadata_.AddTopic(topic);
  auto n = metadata_.PartitionCount(topic);
  if (!n || !waiting_.empty()) {
    std::optional<std::string> k;
    if (key) k.emplace(*key);
    waiting_.push_back({topic, std::move(k), Bytes(value.begin(), value.end()), uid, std::move(cb), env_.Now()});
    return;
  }
  Place(topic, key, value, uid, std::move(cb), *n);
  sender_.Wakeup();
}

void KafkaProducer::Place(const std::string& topic, std::optional<std::string_view> key, std::span<const uint8_t> value,
                          RecordUid uid, SendCallback cb, int32_t num_partitions) {
  auto key_span = KeySpan(key);
  TopicPartition tp{topic, PartitionId{partitioner_.Partition(topic, key_span, num_partitions)}};
  size_t bytes = (key ? key->size() : 0) + value.size() + kRecordOverheadBytes;
  if (partitioner_.IsSticky(key_span) && acc_.NeedsNewBatch(tp, bytes)) {
    // KIP-480: a record that would open a new batch moves the sticky partition first.
    partitioner_.OnNewBatch(topic, tp.partition.value(), num_partitions);
    tp.partition = PartitionId{partitioner_.Partition(topic, key_span, num_partitions)};
  }
  if (TxnRequestManager* t = sender_.transactions()) t->MaybeAddPartition(tp);
  EncodeUid(uid, uid_header_.value->data());
  int64_t ts_ms = env_.Now() / kNsPerMs;
  acc_.Append(tp, ts_ms, key_span, value, std::span<const record::RecordHeader>(&uid_header_, 1), uid, std::move(cb),
              env_.Now());
  env_.observer.Observe(ObsProduceSend{env_.self, tp, uid, key ? std::string(*key) : std::string()});
}

void KafkaProducer::OnMetadata() {
  TimeNs now = env_.Now();
  while (!waiting_.empty()) {
    WaitingRecord& w = waiting_.front();
    if (now >= w.enqueued_ns + Ms(cfg_.delivery_timeout_ms)) {
      if (w.cb) w.cb(ErrorCode::DELIVERY_TIMEOUT, Offset{-1});
      waiting_.pop_front();
      continue;
    }
    auto n = metadata_.PartitionCount(w.topic);
    if (!n) break;  // keep send order: wait for this topic
    std::optional<std::string_view> key;
    if (w.key) key = *w.key;
    Place(w.topic, key, w.value, w.uid, std::move(w.cb), *n);
    waiting_.pop_front();
  }
  sender_.Wakeup();
}

void KafkaProducer::Close() {
  closed_ = true;
  acc_.set_flushing(true);
  sender_.Wakeup();
}

bool KafkaProducer::OnMessage(NodeId from, const Message& m) { return tracker_.OnResponse(from, m); }

// ---- transactions (KafkaProducer.initTransactions ... abortTransaction) ----

void KafkaProducer::InitTransactions(TxnRequestManager::Done done) {
  if (TxnRequestManager* t = sender_.transactions()) return t->InitTransactions(std::move(done));
  done(ErrorCode::INVALID_TXN_STATE);
}

ErrorCode KafkaProducer::BeginTransaction() {
  TxnRequestManager* t = sender_.transactions();
  return t ? t->BeginTransaction() : ErrorCode::INVALID_TXN_STATE;
}

void KafkaProducer::SendOffsetsToTransaction(TxnOffsets offsets, TxnRequestManager::Done done) {
  if (TxnRequestManager* t = sender_.transactions())
    return t->SendOffsetsToTransaction(std::move(offsets), std::move(done));
  done(ErrorCode::INVALID_TXN_STATE);
}

void KafkaProducer::CommitTransaction(TxnRequestManager::Done done) {
  if (TxnRequestManager* t = sender_.transactions()) return t->CommitTransaction(std::move(done));
  done(ErrorCode::INVALID_TXN_STATE);
}

void KafkaProducer::AbortTransaction(TxnRequestManager::Done done) {
  if (TxnRequestManager* t = sender_.transactions()) return t->AbortTransaction(std::move(done));
  done(ErrorCode::INVALID_TXN_STATE);
}

}  // namespace kafkasim::client
