// core/client/sender.cc — draining, ProduceRequests, retries, idempotence.
#include "core/client/sender.h"

#include <algorithm>

#include "core/observe/observation.h"
#include "core/protocol/message.h"

namespace kafkasim::client {

namespace {
// Sender.completeBatch requests a metadata update when the error's exception
// is an InvalidMetadataException (Kafka 3.4: NotLeaderOrFollower,
// FencedLeaderEpoch, UnknownTopicOrPartition, LeaderNotAvailable, Network —
// a disconnect or a request timeout — and KafkaStorage: the replica's log
// dir failed, so leadership is about to move). A broker's REQUEST_TIMED_OUT
// (acks=all not satisfied in time) is a plain TimeoutException: no update.
bool ProduceErrorNeedsMetadata(ErrorCode e) {
  return e == ErrorCode::NOT_LEADER_OR_FOLLOWER || e == ErrorCode::FENCED_LEADER_EPOCH ||
         e == ErrorCode::UNKNOWN_TOPIC_OR_PARTITION || e == ErrorCode::LEADER_NOT_AVAILABLE ||
         e == ErrorCode::NETWORK_EXCEPTION || e == ErrorCode::KAFKA_STORAGE_ERROR;
}
}  // namespace

Sender::Sender(Env& env, const config::ProducerConfig& cfg, RecordAccumulator& acc, ClientMetadata& metadata,
               RequestTracker& tracker)
    : env_(env), cfg_(cfg), acc_(acc), metadata_(metadata), tracker_(tracker) {
  if (!cfg_.transactional_id.empty()) {
    txn_.set_transactional(true);
    txn_requests_ = std::make_unique<TxnRequestManager>(env, cfg, metadata, tracker, txn_, [this] { Wakeup(); });
  }
}

Sender::~Sender() { env_.timers.Cancel(run_timer_); }

void Sender::Wakeup() { ScheduleAt(env_.Now()); }

void Sender::ScheduleAt(TimeNs at) {
  if (shut_down_) return;
  if (run_timer_ != 0 && run_at_ <= at) return;
  env_.timers.Cancel(run_timer_);
  run_at_ = at;
  run_timer_ = env_.timers.Schedule(at - env_.Now(), [this] {
    run_timer_ = 0;
    run_at_ = -1;
    Run();
  });
}

void Sender::Shutdown() {
  shut_down_ = true;
  env_.timers.Cancel(run_timer_);
  run_timer_ = 0;
  in_flight_.clear();
  txn_.Reset();  // the batches it tracked are gone
}

void Sender::Run() {
  if (shut_down_) return;
  ExpireBatches();
  if (ProducerIdReady()) {
    std::map<NodeId, int> used;
    for (int round = 0; round < cfg_.max_in_flight_requests_per_connection; ++round) {
      auto groups = DrainRound(used);
      if (groups.empty()) break;
      for (auto& [broker, batches] : groups) SendProduce(broker, std::move(batches));
    }
  }
  if (auto next = acc_.NextReadyTime(env_.Now())) ScheduleAt(*next);
}

void Sender::ExpireBatches() {
  for (auto& b : acc_.TakeExpired(env_.Now())) {
    if (cfg_.enable_idempotence) {
      txn_.HandleFailedBatch(*b, ErrorCode::DELIVERY_TIMEOUT, false);
      // Sent before: the broker may or may not have it. No new batch of its
      // partition is drained until this is resolved (Sender.sendProducerData).
      if (b->attempts > 0) txn_.MarkSequenceUnresolved(*b);
    }
    // failBatch → handleFailedBatch: an expired batch makes the transaction abortable.
    if (txn_requests_) txn_requests_->OnBatchFailed(ErrorCode::DELIVERY_TIMEOUT);
    record_counts_.errored += b->record_count();
    Complete(std::move(b), ErrorCode::DELIVERY_TIMEOUT, Offset{-1});
  }
}

// Sender.runOnce: maybeResolveSequences, then bumpIdempotentEpochAndResetIdIfNeeded.
bool Sender::ProducerIdReady() {
  if (!cfg_.enable_idempotence) return true;
  if (txn_requests_) return TransactionalReady();
  txn_.MaybeResolveSequences();
  EpochBump bump = txn_.BumpIdempotentEpochIfNeeded();
  if (bump.bumped) {
    std::string parts;
    for (const auto& tp : bump.rewritten) parts += (parts.empty() ? "" : ", ") + tp.ToString();
    ObserveProducerId(txn_.has_producer_id() ? "epoch bumped locally; sequences restart at 0 for " + parts
                                             : "epoch exhausted: asking for a new producer id for " + parts);
  }
  if (!txn_.has_producer_id() && !init_in_flight_) SendInitProducerId();
  return txn_.has_producer_id() && !init_in_flight_;
}

// Kafka's Sender.maybeSendAndPollTransactionalRequest. A transactional
// producer gets its producer id and epoch from its coordinator only (no
// local epoch bumps: KIP-360's bump goes through InitProducerId there).
bool Sender::TransactionalReady() {
  TxnRequestManager& t = *txn_requests_;
  txn_.MaybeResolveSequences();  // Sender.runOnce, before the transactional request
  if (txn_.TakeUnresolvedExpiry()) t.OnUnresolvedSequences();
  if (t.TakeAbortUndrained()) {
    for (auto& b : acc_.TakeAll()) {
      if (b->has_sequence()) txn_.HandleFailedBatch(*b, ErrorCode::TRANSACTION_ABORTED, true);
      Complete(std::move(b), ErrorCode::TRANSACTION_ABORTED, Offset{-1});
    }
  }
  // commitTransaction flushes: queued batches go out without linger.ms.
  acc_.set_flushing(t.state() == TxnState::kCommitting);
  t.Poll(!acc_.empty() || !in_flight_.empty());
  return t.CanSendData();
}

void Sender::SendInitProducerId() {
  NodeId to = metadata_.AnyBroker();
  if (to == kNoNode) return;
  init_in_flight_ = true;
  InitProducerIdRequest req;  // an idempotent producer's carries no id: a new one (KIP-360 bumps are local)
  tracker_.Send(to, req, cfg_.request_timeout_ms, [this](const Message* m, ErrorCode err) {
    init_in_flight_ = false;
    const auto* r = ResponseAs<InitProducerIdResponse>(m);
    if (err == ErrorCode::NONE && r != nullptr && r->error_code == ErrorCode::NONE) {
      txn_.SetProducerIdAndEpoch({r->producer_id, r->producer_epoch});
      ObserveProducerId("");
      Wakeup();
      return;
    }
    ScheduleAt(env_.Now() + Ms(cfg_.retry_backoff_ms));  // try again (another broker)
  });
}

void Sender::ObserveProducerId(const std::string& why) {
  const auto& pe = txn_.producer_id_and_epoch();
  std::string text = pe.valid() ? "producer id " + std::to_string(pe.producer_id.value()) + " epoch " +
                                      std::to_string(pe.epoch.value())
                                : std::string("no producer id");
  if (!why.empty()) text += " (" + why + ")";
  env_.observer.Observe(ObsNote{env_.self, std::move(text)});
}

bool Sender::Muted(const TopicPartition& tp, const ProducerBatch& head) const {
  auto it = in_flight_batches_.find(tp);
  int n = it == in_flight_batches_.end() ? 0 : it->second;
  if (cfg_.enable_idempotence && txn_.ShouldStopDrain(head)) return true;
  if (n == 0) return false;
  if (cfg_.max_in_flight_requests_per_connection == 1) return true;  // guaranteeMessageOrder
  // Idempotent retries go out only when the partition has nothing in flight.
  return cfg_.enable_idempotence && head.has_sequence();
}

std::map<NodeId, std::vector<std::unique_ptr<ProducerBatch>>> Sender::DrainRound(std::map<NodeId, int>& used) {
  std::map<NodeId, std::vector<std::unique_ptr<ProducerBatch>>> out;
  TimeNs now = env_.Now();
  for (const auto& tp : acc_.Partitions()) {
    ProducerBatch* head = acc_.ReadyHead(tp, now);
    if (head == nullptr || Muted(tp, *head)) continue;
    // TransactionManager.isSendToPartitionAllowed: only once AddPartitionsToTxn added it.
    if (txn_requests_ && !txn_requests_->IsSendToPartitionAllowed(tp)) continue;
    NodeId leader = metadata_.LeaderOf(tp).leader;
    if (leader == kNoNode) {
      metadata_.RequestUpdate();
      continue;
    }
    if (!out.contains(leader) && tracker_.InFlight(leader) + used[leader] >= cfg_.max_in_flight_requests_per_connection)
      continue;
    if (!out.contains(leader)) ++used[leader];
    auto b = acc_.PopHead(tp);
    Seal(*b);
    out[leader].push_back(std::move(b));
  }
  // acks=0 requests are not tracked: they free their slot at once.
  if (cfg_.acks == 0) used.clear();
  return out;
}

void Sender::Seal(ProducerBatch& b) {
  // The producer fields are set once, on the first drain; a batch keeps them
  // across retries unless an epoch bump for its partition re-stamped it.
  if (cfg_.enable_idempotence) txn_.AssignSequence(b);
  if (!b.drained()) {
    b.builder->SetProducer(b.producer_id.value(), b.producer_epoch.value(), b.base_sequence);
    if (txn_requests_) b.builder->SetTransactional(true);
    b.bytes = MakeShared(b.builder->Build(cfg_.compression_type));
    b.builder.reset();
  } else if (b.reopened) {
    Bytes copy = *b.bytes;  // rewrite the producer fields (and the CRC)
    auto h = record::ParseBatchHeader(copy);
    if (h.ok()) {
      h->producer_id = b.producer_id.value();
      h->producer_epoch = b.producer_epoch.value();
      h->base_sequence = b.base_sequence;
      record::FinishBatchHeader(copy, *h);
    }
    b.bytes = MakeShared(std::move(copy));
  }
  b.reopened = false;
}

void Sender::SendProduce(NodeId broker, std::vector<std::unique_ptr<ProducerBatch>> batches) {
  ProduceRequest req;
  req.acks = cfg_.acks;
  req.timeout_ms = cfg_.request_timeout_ms;
  for (auto& b : batches) {
    ++b->attempts;
    record_counts_.sent += b->record_count();
    req.partitions.push_back({b->tp, b->bytes});
  }
  if (cfg_.acks == 0) {  // no response will come: done as soon as it is sent
    tracker_.SendOneWay(broker, std::move(req));
    for (auto& b : batches) Complete(std::move(b), ErrorCode::NONE, Offset{-1});
    return;
  }
  uint64_t key = next_request_key_++;
  for (auto& b : batches) ++in_flight_batches_[b->tp];
  in_flight_.emplace(key, InFlight{broker, std::move(batches)});
  tracker_.Send(broker, std::move(req), cfg_.request_timeout_ms,
                [this, key](const Message* m, ErrorCode err) { OnProduceResponse(key, m, err); });
}

void Sender::OnProduceResponse(uint64_t key, const Message* m, ErrorCode err) {
  auto it = in_flight_.find(key);
  if (it == in_flight_.end()) return;
  InFlight req = std::move(it->second);
  in_flight_.erase(it);
  for (auto& b : req.batches) --in_flight_batches_[b->tp];
  const auto* resp = ResponseAs<ProduceResponse>(m);
  for (auto& b : req.batches) {
    ErrorCode e = err != ErrorCode::NONE ? err : ErrorCode::NETWORK_EXCEPTION;
    Offset base{-1};
    if (resp != nullptr) {
      for (const auto& p : resp->partitions) {
        if (p.tp == b->tp) {
          e = p.error_code;
          base = p.base_offset;
        }
      }
    }
    HandlePartition(std::move(b), e, base);
  }
  Wakeup();
}

void Sender::HandlePartition(std::unique_ptr<ProducerBatch> b, ErrorCode err, Offset base_offset) {
  if (err == ErrorCode::NONE || (err == ErrorCode::DUPLICATE_SEQUENCE_NUMBER && cfg_.enable_idempotence)) {
    if (cfg_.enable_idempotence) txn_.HandleCompletedBatch(*b);
    Complete(std::move(b), ErrorCode::NONE, base_offset);
    return;
  }
  if (ProduceErrorNeedsMetadata(err)) metadata_.RequestUpdate();
  if (!CanRetry(*b, err)) {
    Fail(std::move(b), err);
    return;
  }
  env_.observer.Observe(ObsProduceError{env_.self, b->tp, err, true});
  record_counts_.retried += b->record_count();
  b->retry_at_ns = env_.Now() + Ms(cfg_.retry_backoff_ms);
  acc_.Reenqueue(std::move(b));  // with the same producer id, epoch and sequence
}

// Sender.canRetry: within delivery.timeout.ms and retries, and retriable —
// for an idempotent producer as TransactionManager.canRetry decides.
bool Sender::CanRetry(const ProducerBatch& b, ErrorCode err) {
  bool expired = env_.Now() >= b.created_ns + Ms(cfg_.delivery_timeout_ms);
  if (shut_down_ || expired || b.attempts - 1 >= cfg_.retries) return false;
  return cfg_.enable_idempotence ? txn_.CanRetry(err, b) : IsRetriable(err);
}

void Sender::Fail(std::unique_ptr<ProducerBatch> b, ErrorCode err) {
  env_.observer.Observe(ObsProduceError{env_.self, b->tp, err, false});
  record_counts_.errored += b->record_count();
  // Only a batch that did not exhaust its retries is surely not on the
  // broker (Kafka's adjustSequenceNumbers = attempts < retries).
  if (cfg_.enable_idempotence) txn_.HandleFailedBatch(*b, err, b->attempts - 1 < cfg_.retries);
  if (txn_requests_) txn_requests_->OnBatchFailed(err);
  // An error it would have retried but for delivery.timeout.ms is reported as the timeout.
  bool retriable = IsRetriable(err) || (cfg_.enable_idempotence && (err == ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER ||
                                                                    err == ErrorCode::UNKNOWN_PRODUCER_ID));
  bool expired = env_.Now() >= b->created_ns + Ms(cfg_.delivery_timeout_ms);
  Complete(std::move(b), expired && retriable ? ErrorCode::DELIVERY_TIMEOUT : err, Offset{-1});
}

void Sender::Complete(std::unique_ptr<ProducerBatch> b, ErrorCode err, Offset base_offset) {
  env_.observer.Observe(ObsProduceResult{env_.self, b->tp, err, base_offset, cfg_.acks, b->uids});
  for (size_t i = 0; i < b->callbacks.size(); ++i) {
    Offset o = base_offset.value() < 0 ? Offset{-1} : base_offset + static_cast<int64_t>(i);
    if (b->callbacks[i]) b->callbacks[i](err, o);
  }
}

}  // namespace kafkasim::client
