#include "core/broker/producer_state.h"

namespace kafkasim::broker {
namespace {

int32_t NextSeq(int32_t seq) { return seq == INT32_MAX ? 0 : seq + 1; }

}  // namespace

SequenceCheck ProducerStateManager::Check(const record::BatchHeader& h) const {
  if (h.producer_id < 0) return {};
  auto it = producers_.find(h.producer_id);
  if (it == producers_.end()) {
    // A new producer (or one whose state was lost) must start at sequence 0.
    if (h.base_sequence != 0) return {ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER, {}};
    return {};
  }
  const ProducerEntry& e = it->second;
  if (h.producer_epoch < e.epoch) return {ErrorCode::INVALID_PRODUCER_EPOCH, {}};
  if (h.producer_epoch > e.epoch) {
    // A bumped epoch restarts sequences at 0.
    if (h.base_sequence != 0) return {ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER, {}};
    return {};
  }
  for (const BatchMetadata& b : e.batches) {
    if (b.first_seq == h.base_sequence && b.last_seq == h.last_sequence()) {
      return {ErrorCode::DUPLICATE_SEQUENCE_NUMBER, b};
    }
  }
  if (!e.batches.empty() && h.base_sequence != NextSeq(e.batches.back().last_seq)) {
    return {ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER, {}};
  }
  return {};
}

void ProducerStateManager::Update(const record::BatchHeader& h) {
  if (h.producer_id < 0) return;
  ProducerEntry& e = producers_[h.producer_id];
  if (h.producer_epoch != e.epoch) {
    e.epoch = h.producer_epoch;
    e.batches.clear();
  }
  e.batches.push_back({h.base_sequence, h.last_sequence(), Offset{h.base_offset}, Offset{h.last_offset()}});
  while (e.batches.size() > kMaxCachedBatches) e.batches.pop_front();
}

}  // namespace kafkasim::broker
