// core/client/record_accumulator.h — the producer's per-partition queues of
// batches (Java's RecordAccumulator).
//
// A record joins the last open batch of its partition while it fits in
// batch.size (a batch always takes its first record, however large). A
// batch becomes ready to send when it is full, when linger.ms has passed
// since it was created, when the producer is closing, or — for a retry —
// when retry.backoff.ms has passed since it failed. Batches in flight are
// not in these queues; the Sender owns them until they complete or come
// back for a retry (Reenqueue puts them at the front).
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "core/client/producer_batch.h"
#include "core/config/client_config.h"

namespace kafkasim::client {

// Bytes a record adds to a batch beyond its key and value (varints,
// attributes, deltas) plus the "ksim.id" header — an estimate, like Java's
// DefaultRecord.sizeInBytes upper bound.
constexpr size_t kRecordOverheadBytes = 32;
// A bound on queued records, so a producer whose brokers are unreachable
// cannot grow without limit (Java's buffer.memory, counted in records).
constexpr size_t kMaxQueuedRecords = 1'000'000;

class RecordAccumulator {
 public:
  explicit RecordAccumulator(const config::ProducerConfig& cfg) : cfg_(cfg) {}

  // True when a record of `record_bytes` would open a new batch for tp.
  bool NeedsNewBatch(const TopicPartition& tp, size_t record_bytes) const;
  // Appends one record; returns true when a new batch was created for it.
  bool Append(const TopicPartition& tp, int64_t timestamp_ms, std::optional<std::span<const uint8_t>> key,
              std::span<const uint8_t> value, std::span<const record::RecordHeader> headers, RecordUid uid,
              SendCallback cb, TimeNs now);

  // The head batch of tp if it may be sent at `now`, else null.
  ProducerBatch* ReadyHead(const TopicPartition& tp, TimeNs now) const;
  std::unique_ptr<ProducerBatch> PopHead(const TopicPartition& tp);
  // Puts a batch that must be retried back at the front (in sequence order
  // when it carries one).
  void Reenqueue(std::unique_ptr<ProducerBatch> batch);

  // Partitions with queued batches, in order.
  std::vector<TopicPartition> Partitions() const;
  // The earliest moment a queued batch that is not ready now becomes ready
  // (linger or backoff), or nullopt.
  std::optional<TimeNs> NextReadyTime(TimeNs now) const;
  // Removes batches whose delivery.timeout.ms has passed.
  std::vector<std::unique_ptr<ProducerBatch>> TakeExpired(TimeNs now);
  // Removes everything (Close without waiting).
  std::vector<std::unique_ptr<ProducerBatch>> TakeAll();

  void set_flushing(bool on) { flushing_ = on; }
  size_t queued_records() const { return queued_records_; }
  bool empty() const { return queues_.empty(); }

 private:
  bool IsReady(const ProducerBatch& b, TimeNs now) const;

  const config::ProducerConfig& cfg_;
  std::map<TopicPartition, std::deque<std::unique_ptr<ProducerBatch>>> queues_;
  size_t queued_records_ = 0;
  bool flushing_ = false;
};

}  // namespace kafkasim::client
