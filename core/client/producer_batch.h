// core/client/producer_batch.h — one batch of records for one partition, from
// the first append until it is acknowledged or fails for good.
//
// Records are encoded into the batch's single buffer as they are appended
// (BatchBuilder). The bytes are finished once, when the batch is first
// drained (that is when an idempotent producer assigns its sequence); every
// retry resends those same bytes, so a retry is byte-identical to the
// original unless an epoch bump for its partition re-stamped it (`reopened`:
// the producer fields are rewritten when it is drained again).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "core/protocol/common.h"
#include "core/record/record_batch.h"

namespace kafkasim::client {

using SendCallback = std::function<void(ErrorCode, Offset)>;

// Sequences wrap from INT32_MAX to 0 (Java's DefaultRecordBatch.incrementSequence).
constexpr int32_t IncrementSequence(int32_t sequence, int32_t increment) {
  if (sequence > INT32_MAX - increment) return increment - (INT32_MAX - sequence) - 1;
  return sequence + increment;
}

struct ProducerBatch {
  ProducerBatch(TopicPartition p, size_t batch_size, TimeNs now)
      : tp(p), builder(std::in_place, 0, batch_size), created_ns(now) {}

  TopicPartition tp;
  std::optional<record::BatchBuilder> builder;  // while open
  SharedBytes bytes;                            // once drained
  std::vector<RecordUid> uids;
  std::vector<SendCallback> callbacks;
  TimeNs created_ns = 0;
  TimeNs retry_at_ns = 0;  // not before: retry.backoff.ms after a failure
  int32_t attempts = 0;    // sends so far
  int32_t base_sequence = record::kNoSequence;
  ProducerId producer_id = kNoProducerId;
  ProducerEpoch producer_epoch{-1};
  bool full = false;      // no further appends (size reached or drained)
  bool reopened = false;  // re-stamped since last drained (Java: sequenceHasBeenReset)

  int32_t record_count() const { return static_cast<int32_t>(uids.size()); }
  bool has_sequence() const { return base_sequence != record::kNoSequence; }
  // The sequence of the last record; sequences wrap from INT32_MAX to 0.
  int32_t last_sequence() const { return IncrementSequence(base_sequence, record_count() - 1); }
  bool drained() const { return bytes != nullptr; }
};

}  // namespace kafkasim::client
