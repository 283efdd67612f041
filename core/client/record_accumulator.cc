// core/client/record_accumulator.cc — batching by batch.size and linger.ms.
#include "core/client/record_accumulator.h"

#include <algorithm>

namespace kafkasim::client {

namespace {
bool Open(const std::unique_ptr<ProducerBatch>& b) { return !b->full && !b->drained(); }
}  // namespace

bool RecordAccumulator::NeedsNewBatch(const TopicPartition& tp, size_t record_bytes) const {
  auto it = queues_.find(tp);
  if (it == queues_.end() || it->second.empty() || !Open(it->second.back())) return true;
  const auto& b = *it->second.back();
  return b.builder->size_bytes() + record_bytes > static_cast<size_t>(cfg_.batch_size);
}

bool RecordAccumulator::Append(const TopicPartition& tp, int64_t timestamp_ms,
                               std::optional<std::span<const uint8_t>> key, std::span<const uint8_t> value,
                               std::span<const record::RecordHeader> headers, RecordUid uid, SendCallback cb,
                               TimeNs now) {
  size_t bytes = (key ? key->size() : 0) + value.size() + kRecordOverheadBytes;
  bool created = NeedsNewBatch(tp, bytes);
  auto& q = queues_[tp];
  if (created) {
    if (!q.empty() && Open(q.back())) q.back()->full = true;
    q.push_back(std::make_unique<ProducerBatch>(tp, static_cast<size_t>(cfg_.batch_size), now));
  }
  ProducerBatch& b = *q.back();
  b.builder->Append(timestamp_ms, key, value, headers);
  b.uids.push_back(uid);
  b.callbacks.push_back(std::move(cb));
  if (b.builder->size_bytes() >= static_cast<size_t>(cfg_.batch_size)) b.full = true;
  ++queued_records_;
  return created;
}

bool RecordAccumulator::IsReady(const ProducerBatch& b, TimeNs now) const {
  return b.full || flushing_ || now >= b.created_ns + Ms(cfg_.linger_ms);
}

ProducerBatch* RecordAccumulator::ReadyHead(const TopicPartition& tp, TimeNs now) const {
  auto it = queues_.find(tp);
  if (it == queues_.end() || it->second.empty()) return nullptr;
  ProducerBatch* b = it->second.front().get();
  // Another batch behind the head means the head can take no more records.
  bool full = b->full || it->second.size() > 1;
  // A retry waits out its backoff; a new batch its linger.
  if (b->attempts > 0 ? now >= b->retry_at_ns : (full || IsReady(*b, now))) return b;
  return nullptr;
}

std::unique_ptr<ProducerBatch> RecordAccumulator::PopHead(const TopicPartition& tp) {
  auto it = queues_.find(tp);
  if (it == queues_.end() || it->second.empty()) return nullptr;
  auto b = std::move(it->second.front());
  it->second.pop_front();
  if (it->second.empty()) queues_.erase(it);
  b->full = true;
  queued_records_ -= static_cast<size_t>(b->record_count());
  return b;
}

void RecordAccumulator::Reenqueue(std::unique_ptr<ProducerBatch> batch) {
  queued_records_ += static_cast<size_t>(batch->record_count());
  auto& q = queues_[batch->tp];
  if (batch->base_sequence < 0) {
    q.push_front(std::move(batch));
    return;
  }
  // Idempotent: keep sequence order among batches that already have one.
  auto pos = std::find_if(q.begin(), q.end(), [&](const auto& b) {
    return b->base_sequence < 0 || b->base_sequence > batch->base_sequence;
  });
  q.insert(pos, std::move(batch));
}

std::vector<TopicPartition> RecordAccumulator::Partitions() const {
  std::vector<TopicPartition> out;
  out.reserve(queues_.size());
  for (const auto& [tp, q] : queues_) out.push_back(tp);
  return out;
}

std::optional<TimeNs> RecordAccumulator::NextReadyTime(TimeNs now) const {
  std::optional<TimeNs> best;
  for (const auto& [tp, q] : queues_) {
    const auto& b = *q.front();
    TimeNs t = b.attempts > 0 ? b.retry_at_ns : b.created_ns + Ms(cfg_.linger_ms);
    if (t > now && (!best || t < *best)) best = t;
    TimeNs deadline = b.created_ns + Ms(cfg_.delivery_timeout_ms);  // expiry wakes the sender too
    if (deadline > now && (!best || deadline < *best)) best = deadline;
  }
  return best;
}

std::vector<std::unique_ptr<ProducerBatch>> RecordAccumulator::TakeExpired(TimeNs now) {
  std::vector<std::unique_ptr<ProducerBatch>> out;
  for (auto it = queues_.begin(); it != queues_.end();) {
    auto& q = it->second;
    for (auto b = q.begin(); b != q.end();) {
      if (now >= (*b)->created_ns + Ms(cfg_.delivery_timeout_ms)) {
        queued_records_ -= static_cast<size_t>((*b)->record_count());
        out.push_back(std::move(*b));
        b = q.erase(b);
      } else {
        ++b;
      }
    }
    it = q.empty() ? queues_.erase(it) : std::next(it);
  }
  return out;
}

std::vector<std::unique_ptr<ProducerBatch>> RecordAccumulator::TakeAll() {
  std::vector<std::unique_ptr<ProducerBatch>> out;
  for (auto& [tp, q] : queues_)
    for (auto& b : q) out.push_back(std::move(b));
  queues_.clear();
  queued_records_ = 0;
  return out;
}

}  // namespace kafkasim::client
