// core/broker/producer_state.cc — sequence checks (ProducerStateManager /
// ProducerAppendInfo in Kafka 3.4).
#include "core/broker/producer_state.h"

namespace kafkasim::broker {
namespace {

int32_t NextSeq(int32_t seq) { return seq == INT32_MAX ? 0 : seq + 1; }

}  // namespace

SequenceCheck ProducerStateManager::Check(const record::BatchHeader& h) const {
  if (h.producer_id < 0) return {};
  auto it = producers_.find(h.producer_id);
  // KIP-360 (Kafka 2.5+, ProducerAppendInfo.checkSequence): with no state
  // for the producer — a new one, or one whose batches this replica never had
  // (a leader elected uncleanly) or has since removed — any sequence and
  // epoch is accepted; the state starts from that batch.
  if (it == producers_.end()) return {};
  const ProducerEntry& e = it->second;
  if (h.producer_epoch < e.epoch) return {ErrorCode::INVALID_PRODUCER_EPOCH, {}};
  if (h.producer_epoch > e.epoch) {
    // A bumped epoch restarts sequences at 0 (the producer re-numbers the
    // partition from 0 when it bumps for it, or starts a partition at 0 once
    // its batches of the old epoch are done).
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
