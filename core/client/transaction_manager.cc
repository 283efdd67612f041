// core/client/transaction_manager.cc — sequences, epoch bumps, retries of
// the idempotent producer (Kafka 3.4's TransactionManager, idempotent paths).
#include "core/client/transaction_manager.h"

#include <algorithm>

namespace kafkasim::client {

namespace {
constexpr int16_t kMaxProducerEpoch = INT16_MAX;  // Short.MAX_VALUE

bool BySequence(const ProducerBatch* a, const ProducerBatch* b) {
  if (a->producer_id != b->producer_id) return a->producer_id < b->producer_id;
  if (a->producer_epoch != b->producer_epoch) return a->producer_epoch < b->producer_epoch;
  return a->base_sequence < b->base_sequence;
}
}  // namespace

void TransactionManager::SetProducerIdAndEpoch(ProducerIdAndEpoch pe) {
  producer_id_and_epoch_ = pe;
  // Partitions that asked for a bump while the epoch ran out wait for the
  // new id (Kafka re-stamps them with the empty id; kafkasim with the new one).
  for (const auto& tp : partitions_to_rewrite_) {
    StartSequencesAtBeginning(tp);
    unresolved_.erase(tp);
  }
  partitions_to_rewrite_.clear();
}

EpochBump TransactionManager::BumpIdempotentEpochIfNeeded() {
  EpochBump out;
  if (!epoch_bump_required_ || !has_producer_id()) return out;
  epoch_bump_required_ = false;
  out.bumped = true;
  out.rewritten.assign(partitions_to_rewrite_.begin(), partitions_to_rewrite_.end());
  if (producer_id_and_epoch_.epoch.value() == kMaxProducerEpoch) {
    producer_id_and_epoch_ = {};  // resetIdempotentProducerId: InitProducerId next
    return out;
  }
  producer_id_and_epoch_.epoch = ProducerEpoch{static_cast<int16_t>(producer_id_and_epoch_.epoch.value() + 1)};
  for (const auto& tp : partitions_to_rewrite_) {
    StartSequencesAtBeginning(tp);
    unresolved_.erase(tp);
  }
  partitions_to_rewrite_.clear();
  return out;
}

void TransactionManager::MaybeResolveSequences() {
  for (auto it = unresolved_.begin(); it != unresolved_.end();) {
    const TopicPartition& tp = it->first;
    if (HasInflightBatches(tp)) {
      ++it;
      continue;
    }
    // Fully drained: resolved if the acks reached the next sequence (a later
    // batch succeeded, so the expired one was on the broker); otherwise the
    // broker's sequence is unknown and the partition restarts under a new epoch.
    if (!IsNextSequence(tp, NextSequence(tp))) {
      if (transactional_) {
        unresolved_expiry_ = true;  // "It is safe to abort the transaction and continue."
      } else {
        RequestEpochBumpForPartition(tp);
      }
    }
    it = unresolved_.erase(it);
  }
}

bool TransactionManager::ShouldStopDrain(const ProducerBatch& first) const {
  const TopicPartition& tp = first.tp;
  if (!has_producer_id()) return true;
  if (!first.has_sequence()) {
    // A new batch with the new epoch's sequence 0 must not overtake batches
    // still unresolved under the old one (they would then be fenced).
    if (HasInflightBatches(tp) && HasStaleProducerIdAndEpoch(tp)) return true;
    if (HasUnresolvedSequence(tp)) return true;
  }
  // A retry goes out only as the lowest unresolved sequence of its partition.
  int32_t lowest = FirstInFlightSequence(tp);
  return lowest != record::kNoSequence && first.has_sequence() && first.base_sequence != lowest;
}

void TransactionManager::AssignSequence(ProducerBatch& b) {
  if (b.has_sequence()) return;  // never re-stamped here: its earlier attempt may be in the log
  // maybeUpdateProducerIdAndEpoch: a partition whose old-epoch batches have
  // all finished starts the current epoch at sequence 0.
  if (HasStaleProducerIdAndEpoch(b.tp) && !HasInflightBatches(b.tp)) StartSequencesAtBeginning(b.tp);
  PartitionEntry& e = Entry(b.tp);
  b.producer_id = producer_id_and_epoch_.producer_id;
  b.producer_epoch = producer_id_and_epoch_.epoch;
  b.base_sequence = e.next_sequence;
  e.next_sequence = IncrementSequence(e.next_sequence, b.record_count());
  e.in_flight.insert(std::upper_bound(e.in_flight.begin(), e.in_flight.end(), &b, BySequence), &b);
}

// Kafka 3.4 TransactionManager.canRetry. Neither error is retriable in
// itself (OutOfOrderSequenceException is not a RetriableException): a
// transactional producer's batch fails, and the transaction with it.
bool TransactionManager::CanRetry(ErrorCode err, const ProducerBatch& b) {
  const TopicPartition& tp = b.tp;
  if (err == ErrorCode::UNKNOWN_PRODUCER_ID) {
    // The broker lost this producer's state. A batch re-stamped since it was
    // sent is just retried; otherwise an idempotent producer restarts the
    // partition under a new epoch. (Kafka also looks at the log start
    // offset; both of its idempotent branches end here.)
    if (b.reopened) return true;
    if (transactional_) return false;
    RequestEpochBumpForPartition(tp);
    return true;
  }
  if (err == ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER) {
    const bool unresolved = HasUnresolvedSequence(tp);
    // Not the next batch: an earlier one failed first and is retried first.
    if (!unresolved && (b.reopened || !IsNextSequence(tp, b.base_sequence))) return true;
    if (transactional_) return false;
    // The next batch (or the one right after an unresolved batch): the broker
    // has a gap. Bump the epoch for this partition; the retry starts at 0.
    if (!unresolved || unresolved_.at(tp) == b.base_sequence) RequestEpochBumpForPartition(tp);
    return true;
  }
  return IsRetriable(err);
}

void TransactionManager::HandleCompletedBatch(const ProducerBatch& b) {
  auto it = partitions_.find(b.tp);
  if (it != partitions_.end() && b.has_sequence()) {
    it->second.last_acked_sequence = std::max(it->second.last_acked_sequence, b.last_sequence());
  }
  RemoveInFlightBatch(b);
}

// Kafka 3.4 TransactionManager.handleFailedBatch. A transactional
// producer bumps nothing here: its transaction is abortable now
// (TxnRequestManager::OnBatchFailed) and the coordinator's epoch bump after
// the abort restarts every partition's sequences. (Kafka would also shift
// the sequences of the batches behind a refused one,
// adjustSequencesDueToFailedBatch; they can only fail with the transaction.)
void TransactionManager::HandleFailedBatch(const ProducerBatch& b, ErrorCode err, bool adjust_sequence_numbers) {
  RemoveInFlightBatch(b);
  if (err == ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER) {
    if (!transactional_) RequestEpochBumpForPartition(b.tp);  // a gap in the log: restart the partition at 0
  } else if (err == ErrorCode::UNKNOWN_PRODUCER_ID) {
    partitions_.erase(b.tp);  // resetSequenceForPartition: the broker takes sequence 0 again
    unresolved_.erase(b.tp);
  } else if (adjust_sequence_numbers && !transactional_) {
    // The broker refused the batch for good: later sequences would leave a
    // gap, so the idempotent producer restarts the partition under a new epoch.
    RequestEpochBumpForPartition(b.tp);
  }
}

void TransactionManager::MarkSequenceUnresolved(const ProducerBatch& b) {
  if (!b.has_sequence()) return;
  int32_t next = IncrementSequence(b.last_sequence(), 1);
  auto [it, added] = unresolved_.try_emplace(b.tp, next);
  if (!added) it->second = std::max(it->second, next);
}

void TransactionManager::RequestEpochBumpForPartition(const TopicPartition& tp) {
  epoch_bump_required_ = true;
  partitions_to_rewrite_.insert(tp);
}

void TransactionManager::Reset() {
  partitions_.clear();
  unresolved_.clear();
  partitions_to_rewrite_.clear();
  epoch_bump_required_ = false;
  unresolved_expiry_ = false;
}

bool TransactionManager::HasInflightBatches(const TopicPartition& tp) const {
  const PartitionEntry* e = Find(tp);
  return e != nullptr && !e->in_flight.empty();
}

bool TransactionManager::HasStaleProducerIdAndEpoch(const TopicPartition& tp) const {
  const PartitionEntry* e = Find(tp);
  return e == nullptr || e->producer_id_and_epoch != producer_id_and_epoch_;
}

int32_t TransactionManager::NextSequence(const TopicPartition& tp) const {
  const PartitionEntry* e = Find(tp);
  return e == nullptr ? 0 : e->next_sequence;
}

const TransactionManager::PartitionEntry* TransactionManager::Find(const TopicPartition& tp) const {
  auto it = partitions_.find(tp);
  return it == partitions_.end() ? nullptr : &it->second;
}

void TransactionManager::RemoveInFlightBatch(const ProducerBatch& b) {
  auto it = partitions_.find(b.tp);
  if (it == partitions_.end()) return;
  auto& v = it->second.in_flight;
  v.erase(std::remove(v.begin(), v.end(), &b), v.end());
}

void TransactionManager::StartSequencesAtBeginning(const TopicPartition& tp) {
  PartitionEntry& e = Entry(tp);
  int32_t sequence = 0;
  for (ProducerBatch* b : e.in_flight) {  // in sequence order, which they keep
    b->producer_id = producer_id_and_epoch_.producer_id;
    b->producer_epoch = producer_id_and_epoch_.epoch;
    b->base_sequence = sequence;
    b->reopened = true;
    sequence = IncrementSequence(sequence, b->record_count());
  }
  e.producer_id_and_epoch = producer_id_and_epoch_;
  e.next_sequence = sequence;
  e.last_acked_sequence = -1;
}

int32_t TransactionManager::FirstInFlightSequence(const TopicPartition& tp) const {
  const PartitionEntry* e = Find(tp);
  return e == nullptr || e->in_flight.empty() ? record::kNoSequence : e->in_flight.front()->base_sequence;
}

bool TransactionManager::IsNextSequence(const TopicPartition& tp, int32_t sequence) const {
  const PartitionEntry* e = Find(tp);
  int32_t last_acked = e == nullptr ? -1 : e->last_acked_sequence;
  return int64_t{sequence} - last_acked == 1;
}

}  // namespace kafkasim::client
