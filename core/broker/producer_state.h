// core/broker/producer_state.h — idempotent producer state per partition
// (Kafka's ProducerStateManager, KIP-98).
//
// For each producer id the broker keeps its epoch and the metadata of its
// last kMaxCachedBatches batches. A retried batch whose sequence range is
// cached is a duplicate (answered with DUPLICATE_SEQUENCE_NUMBER and the
// original offset, and not appended again); a gap in sequence numbers under
// the same epoch, or a new epoch that does not start at sequence 0, is
// OUT_OF_ORDER_SEQUENCE_NUMBER; an older epoch is INVALID_PRODUCER_EPOCH. A
// producer the partition has no state for is accepted at any sequence
// (KIP-360). Leaders and followers both update it on every append, so a new
// leader deduplicates too.
#pragma once

#include <cstdint>
#include <deque>
#include <map>

#include "core/protocol/errors.h"
#include "core/record/batch_header.h"
#include "core/types.h"

namespace kafkasim::broker {

constexpr size_t kMaxCachedBatches = 5;  // Kafka's NUM_BATCHES_TO_RETAIN

struct BatchMetadata {
  int32_t first_seq = 0;
  int32_t last_seq = 0;
  Offset first_offset{0};
  Offset last_offset{0};
};

struct ProducerEntry {
  int16_t epoch = -1;
  std::deque<BatchMetadata> batches;  // oldest first, at most kMaxCachedBatches
};

struct SequenceCheck {
  ErrorCode error = ErrorCode::NONE;  // NONE: append; DUPLICATE_SEQUENCE_NUMBER: answer `duplicate_of`
  BatchMetadata duplicate_of;
};

class ProducerStateManager {
 public:
  // Validates a batch about to be appended by the leader. Non-idempotent
  // batches (producer id -1) always pass.
  SequenceCheck Check(const record::BatchHeader& h) const;
  // Records an appended batch (leader or follower).
  void Update(const record::BatchHeader& h);
  void Clear() { producers_.clear(); }
  const std::map<int64_t, ProducerEntry>& producers() const { return producers_; }

 private:
  std::map<int64_t, ProducerEntry> producers_;
};

}  // namespace kafkasim::broker
