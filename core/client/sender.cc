// core/client/sender.cc — draining, ProduceRequests, retries, idempotence.
#include "core/client/sender.h"

#include <algorithm>

namespace kafkasim::client {

namespace {
bool NeedsMetadata(ErrorCode e) {
  return e == ErrorCode::NOT_LEADER_OR_FOLLOWER || e == ErrorCode::FENCED_LEADER_EPOCH ||
         e == ErrorCode::UNKNOWN_TOPIC_OR_PARTITION || e == ErrorCode::LEADER_NOT_AVAILABLE ||
         e == ErrorCode::REQUEST_TIMED_OUT || e == ErrorCode::NETWORK_EXCEPTION ||
         e == ErrorCode::UNKNOWN_LEADER_EPOCH;
}
}  // namespace

Sender::Sender(Env& env, const config::ProducerConfig& cfg, RecordAccumulator& acc, ClientMetadata& metadata,
               RequestTracker& tracker)
    : env_(env), cfg_(cfg), acc_(acc), metadata_(metadata), tracker_(tracker) {}

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
    if (b->base_sequence >= 0 && b->attempts > 0) RequestEpochBump();  // unresolved sequence
    Complete(std::move(b), ErrorCode::DELIVERY_TIMEOUT, Offset{-1});
  }
}

bool Sender::ProducerIdReady() {
  if (!cfg_.enable_idempotence) return true;
  bool need = producer_id_ == kNoProducerId || (bump_needed_ && in_flight_.empty());
  if (need && !init_in_flight_) SendInitProducerId();
  return producer_id_ != kNoProducerId && !bump_needed_ && !init_in_flight_;
}

void Sender::SendInitProducerId() {
  NodeId to = metadata_.AnyBroker();
  if (to == kNoNode) return;
  init_in_flight_ = true;
  InitProducerIdRequest req;
  req.producer_id = producer_id_;  // kNoProducerId on the first call; KIP-360 bump otherwise
  req.producer_epoch = epoch_;
  tracker_.Send(to, req, cfg_.request_timeout_ms, [this](const Message* m, ErrorCode err) {
    init_in_flight_ = false;
    const auto* r = m ? std::get_if<InitProducerIdResponse>(m) : nullptr;
    if (err == ErrorCode::NONE && r != nullptr && r->error_code == ErrorCode::NONE) {
      bool bump = producer_id_ != kNoProducerId;
      producer_id_ = r->producer_id;
      epoch_ = r->producer_epoch;
      if (bump) ApplyEpochBump();
      bump_needed_ = false;
      env_.observer.Observe(ObsNote{env_.self, "producer id " + std::to_string(producer_id_.value()) + " epoch " +
                                                   std::to_string(epoch_.value())});
      Wakeup();
      return;
    }
    ScheduleAt(env_.Now() + Ms(cfg_.retry_backoff_ms));  // try again (another broker)
  });
}

void Sender::RequestEpochBump() { bump_needed_ = true; }

void Sender::ApplyEpochBump() {
  // A new epoch starts every partition at sequence 0; queued batches get new
  // sequences, in queue order, when drained again.
  // (Seal sees the epoch change on each batch.)
  next_sequence_.clear();
  last_acked_sequence_.clear();
}

bool Sender::Muted(const TopicPartition& tp, const ProducerBatch& head) const {
  auto it = in_flight_batches_.find(tp);
  int n = it == in_flight_batches_.end() ? 0 : it->second;
  if (n == 0) return false;
  if (cfg_.max_in_flight_requests_per_connection == 1) return true;  // guaranteeMessageOrder
  // Idempotent retries go out only when the partition has nothing in flight.
  return cfg_.enable_idempotence && head.base_sequence >= 0;
}

std::map<NodeId, std::vector<std::unique_ptr<ProducerBatch>>> Sender::DrainRound(std::map<NodeId, int>& used) {
  std::map<NodeId, std::vector<std::unique_ptr<ProducerBatch>>> out;
  TimeNs now = env_.Now();
  for (const auto& tp : acc_.Partitions()) {
    ProducerBatch* head = acc_.ReadyHead(tp, now);
    if (head == nullptr || Muted(tp, *head)) continue;
    NodeId leader = metadata_.LeaderOf(tp).leader;
    if (leader == kNoNode) {
      metadata_.RequestUpdate();
      continue;
    }
    if (!out.contains(leader) &&
        tracker_.InFlight(leader) + used[leader] >= cfg_.max_in_flight_requests_per_connection)
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
  bool idem = cfg_.enable_idempotence;
  // A new producer id (InitProducerId again) restarts sequences just as a
  // bumped epoch does: the new id may come back with the same epoch 0.
  bool new_epoch = idem && b.drained() && (b.producer_epoch != epoch_ || b.producer_id != producer_id_);
  if (idem && (b.base_sequence < 0 || new_epoch)) {
    int32_t& next = next_sequence_[b.tp];
    b.base_sequence = next;
    next += b.record_count();
    b.producer_id = producer_id_;
    b.producer_epoch = epoch_;
  }
  if (!b.drained()) {
    b.builder->SetProducer(b.producer_id.value(), b.producer_epoch.value(), b.base_sequence);
    b.bytes = MakeShared(b.builder->Build(cfg_.compression_type));
    b.builder.reset();
  } else if (new_epoch) {
    Bytes copy = *b.bytes;  // rewrite the producer fields under the new epoch
    auto h = record::ParseBatchHeader(copy);
    if (h.ok()) {
      h->producer_id = b.producer_id.value();
      h->producer_epoch = b.producer_epoch.value();
      h->base_sequence = b.base_sequence;
      record::FinishBatchHeader(copy, *h);
    }
    b.bytes = MakeShared(std::move(copy));
  }
}

void Sender::SendProduce(NodeId broker, std::vector<std::unique_ptr<ProducerBatch>> batches) {
  ProduceRequest req;
  req.acks = cfg_.acks;
  req.timeout_ms = cfg_.request_timeout_ms;
  for (auto& b : batches) {
    ++b->attempts;
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
  const auto* resp = m ? std::get_if<ProduceResponse>(m) : nullptr;
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
    if (cfg_.enable_idempotence && b->producer_epoch == epoch_) {
      int32_t last = b->base_sequence + b->record_count() - 1;
      auto& acked = last_acked_sequence_.try_emplace(b->tp, -1).first->second;
      acked = std::max(acked, last);
    }
    Complete(std::move(b), ErrorCode::NONE, base_offset);
    return;
  }
  if (NeedsMetadata(err)) metadata_.RequestUpdate();
  if (cfg_.enable_idempotence) {
    if (b->producer_epoch != epoch_) {  // sent under an epoch since bumped
      Retry(std::move(b), err);
      return;
    }
    auto acked_it = last_acked_sequence_.find(b->tp);
    int32_t expected = (acked_it == last_acked_sequence_.end() ? -1 : acked_it->second) + 1;
    if (err == ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER && b->base_sequence != expected) {
      Retry(std::move(b), err);  // an earlier batch is unresolved: it failed first
      return;
    }
    if (err == ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER) RequestEpochBump();
    if (err == ErrorCode::UNKNOWN_PRODUCER_ID) {
      RequestEpochBump();
      Retry(std::move(b), err);
      return;
    }
  }
  if (IsRetriable(err)) {
    Retry(std::move(b), err);
    return;
  }
  env_.observer.Observe(ObsProduceError{env_.self, b->tp, err, false});
  Complete(std::move(b), err, Offset{-1});
}

void Sender::Retry(std::unique_ptr<ProducerBatch> b, ErrorCode err) {
  TimeNs now = env_.Now();
  bool expired = now >= b->created_ns + Ms(cfg_.delivery_timeout_ms);
  bool can = !shut_down_ && !expired && b->attempts - 1 < cfg_.retries;
  env_.observer.Observe(ObsProduceError{env_.self, b->tp, err, can});
  if (!can) {
    if (cfg_.enable_idempotence && b->base_sequence >= 0) RequestEpochBump();
    Complete(std::move(b), expired ? ErrorCode::DELIVERY_TIMEOUT : err, Offset{-1});
    return;
  }
  b->retry_at_ns = now + Ms(cfg_.retry_backoff_ms);
  if (cfg_.enable_idempotence && b->producer_epoch != epoch_) b->base_sequence = record::kNoSequence;
  acc_.Reenqueue(std::move(b));
}

void Sender::Complete(std::unique_ptr<ProducerBatch> b, ErrorCode err, Offset base_offset) {
  env_.observer.Observe(ObsProduceResult{env_.self, b->tp, err, base_offset, cfg_.acks, b->uids});
  for (size_t i = 0; i < b->callbacks.size(); ++i) {
    Offset o = base_offset.value() < 0 ? Offset{-1} : base_offset + static_cast<int64_t>(i);
    if (b->callbacks[i]) b->callbacks[i](err, o);
  }
}

}  // namespace kafkasim::client
