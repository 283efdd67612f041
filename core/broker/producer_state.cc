// core/broker/producer_state.cc — sequence, epoch and transaction checks
// (ProducerStateManager / ProducerAppendInfo in Kafka 3.4).
#include "core/broker/producer_state.h"

#include "core/util/assert.h"

namespace kafkasim::broker {
namespace {

int32_t NextSeq(int32_t seq) { return seq == INT32_MAX ? 0 : seq + 1; }

}  // namespace

SequenceCheck ProducerStateManager::Check(const record::BatchHeader& h, AppendOrigin origin,
                                          const std::optional<record::EndTransactionMarker>& marker) const {
  if (h.producer_id < 0 || origin == AppendOrigin::kReplication) return {};
  auto it = producers_.find(h.producer_id);
  // KIP-360 (Kafka 2.5+, ProducerAppendInfo.checkSequence): with no state
  // for the producer — a new one, or one whose batches this replica never had
  // (a leader elected uncleanly) or has since removed — any sequence and
  // epoch is accepted; the state starts from that batch.
  if (it == producers_.end()) return {};
  const ProducerEntry& e = it->second;
  // ProducerAppendInfo.checkProducerEpoch: since 2.7 an older epoch is
  // INVALID_PRODUCER_EPOCH (PRODUCER_FENCED is the coordinator's answer).
  if (h.producer_epoch < e.epoch) return {ErrorCode::INVALID_PRODUCER_EPOCH, {}};
  if (h.is_control()) {
    // checkCoordinatorEpoch: a marker from a coordinator older than the one
    // that wrote this producer's last marker is a zombie's.
    if (marker && e.coordinator_epoch > marker->coordinator_epoch) {
      return {ErrorCode::TRANSACTION_COORDINATOR_FENCED, {}};
    }
    return {};
  }
  return CheckDataBatch(e, h, origin);
}

SequenceCheck ProducerStateManager::CheckDataBatch(const ProducerEntry& e, const record::BatchHeader& h,
                                                   AppendOrigin origin) const {
  // appendDataBatch: a non-transactional write while this producer's
  // transaction is open here is refused.
  if (e.current_txn_first_offset && !h.is_transactional()) return {ErrorCode::INVALID_TXN_STATE, {}};
  if (origin != AppendOrigin::kClient) return {};
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

std::optional<CompletedTxn> ProducerStateManager::Update(const record::BatchHeader& h,
                                                         const std::optional<record::EndTransactionMarker>& marker) {
  if (h.producer_id < 0) return std::nullopt;
  ProducerEntry& e = producers_[h.producer_id];
  if (h.is_control()) {
    // An empty control batch (its transaction cleaned away) or one that is
    // not a marker changes nothing (ProducerAppendInfo.append).
    if (!marker) return std::nullopt;
    return AppendEndTxnMarker(e, h, *marker);
  }
  if (h.producer_epoch != e.epoch) {
    e.epoch = h.producer_epoch;
    e.batches.clear();
  }
  e.batches.push_back({h.base_sequence, h.last_sequence(), Offset{h.base_offset}, Offset{h.last_offset()}});
  while (e.batches.size() > kMaxCachedBatches) e.batches.pop_front();
  if (h.is_transactional() && !e.current_txn_first_offset) {
    // The producer's first batch of a transaction on this partition.
    e.current_txn_first_offset = Offset{h.base_offset};
    ongoing_txns_[Offset{h.base_offset}] = h.producer_id;
  }
  return std::nullopt;
}

// ProducerAppendInfo.appendEndTxnMarker: only a transaction with data here
// completes; a marker for none (the producer sent nothing to this partition)
// moves neither the LSO nor the index.
std::optional<CompletedTxn> ProducerStateManager::AppendEndTxnMarker(ProducerEntry& e, const record::BatchHeader& h,
                                                                     const record::EndTransactionMarker& marker) {
  std::optional<CompletedTxn> done;
  if (e.current_txn_first_offset) {
    done = CompletedTxn{h.producer_id, *e.current_txn_first_offset, Offset{h.base_offset},
                        marker.type == record::ControlRecordType::ABORT};
  }
  if (h.producer_epoch != e.epoch) {  // maybeUpdateProducerEpoch
    e.epoch = h.producer_epoch;
    e.batches.clear();
  }
  e.current_txn_first_offset.reset();
  e.coordinator_epoch = marker.coordinator_epoch;
  return done;
}

Offset ProducerStateManager::LastStableOffset(const CompletedTxn& txn) const {
  for (const auto& [first, pid] : ongoing_txns_)
    if (pid != txn.producer_id) return first;
  return txn.last_offset + 1;
}

void ProducerStateManager::CompleteTxn(const CompletedTxn& txn) {
  auto it = ongoing_txns_.find(txn.first_offset);
  KSIM_ASSERT(it != ongoing_txns_.end() && it->second == txn.producer_id,
              "completed a transaction of producer " + std::to_string(txn.producer_id) + " at offset " +
                  std::to_string(txn.first_offset.value()) + " that was not started");
  ongoing_txns_.erase(it);
  unreplicated_[txn.first_offset] = txn;
}

void ProducerStateManager::OnHighWatermarkUpdated(Offset high_watermark) {
  for (auto it = unreplicated_.begin(); it != unreplicated_.end();)
    it = it->second.last_offset < high_watermark ? unreplicated_.erase(it) : std::next(it);
}

std::optional<Offset> ProducerStateManager::FirstUnstableOffset() const {
  std::optional<Offset> out;
  if (!ongoing_txns_.empty()) out = ongoing_txns_.begin()->first;
  if (!unreplicated_.empty() && (!out || unreplicated_.begin()->first < *out)) out = unreplicated_.begin()->first;
  return out;
}

void ProducerStateManager::Clear() {
  producers_.clear();
  ongoing_txns_.clear();
  unreplicated_.clear();
}

}  // namespace kafkasim::broker
