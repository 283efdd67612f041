// core/client/transaction_manager.h — the idempotent producer's producer id,
// epoch and per-partition sequences (the idempotent half of Kafka's
// TransactionManager, with its TxnPartitionMap).
//
// Where to look (Kafka 3.4 name → function):
//   TxnPartitionEntry            PartitionEntry (its producer id and epoch,
//                                next sequence, last acked sequence, in-flight
//                                batches by sequence)
//   shouldStopDrainBatchesForPartition (RecordAccumulator) → ShouldStopDrain
//   drain: setProducerState       AssignSequence
//   canRetry                     CanRetry
//   handleCompletedBatch / handleFailedBatch → HandleCompletedBatch / HandleFailedBatch
//   markSequenceUnresolved / maybeResolveSequences → same names
//   requestEpochBumpForPartition RequestEpochBumpForPartition
//   bumpIdempotentEpochAndResetIdIfNeeded → BumpIdempotentEpochIfNeeded
//   startSequencesAtBeginning    StartSequencesAtBeginning
//
// The rules (KIP-98, KIP-360):
//   - a batch gets its producer id, epoch and sequence when it is first
//     drained, and keeps them across retries. Only a partition that asked
//     for an epoch bump has its unresolved ("in flight": drained, not yet
//     completed) batches re-stamped, from sequence 0, when the epoch is
//     bumped; every other batch keeps what it was sent with, so a broker
//     that appended it recognises the retry as a duplicate.
//   - the epoch is bumped locally; InitProducerId is sent only for the
//     first producer id and when the epoch reaches Short.MAX_VALUE.
//   - a partition whose unresolved batches carry an older producer id or
//     epoch drains no new batch until they finish; then it starts the new
//     epoch at sequence 0.
//   - OUT_OF_ORDER_SEQUENCE_NUMBER is always retried; it asks for an epoch
//     bump only for the next expected sequence when nothing is unresolved
//     (or for the batch right after an unresolved one).
//   - A transactional producer (set_transactional) never bumps its epoch
//     here: such a batch fails, the transaction becomes abortable, and the
//     epoch is bumped by the coordinator through InitProducerId after the
//     abort (KIP-360; TxnRequestManager).
//
// In-flight batches are tracked by address: the Sender reports every
// completion or failure (which removes the batch) before it frees a batch.
#pragma once

#include <map>
#include <set>
#include <utility>
#include <vector>

#include "core/client/producer_batch.h"

namespace kafkasim::client {

struct ProducerIdAndEpoch {
  ProducerId producer_id = kNoProducerId;
  ProducerEpoch epoch{-1};
  bool valid() const { return producer_id != kNoProducerId; }
  bool operator==(const ProducerIdAndEpoch&) const = default;
};

// What BumpIdempotentEpochIfNeeded did.
struct EpochBump {
  bool bumped = false;                    // the epoch moved on (or the producer id was dropped)
  std::vector<TopicPartition> rewritten;  // partitions whose unresolved batches were re-stamped
};

class TransactionManager {
 public:
  // The producer has a transactional.id (Kafka's isTransactional()).
  void set_transactional(bool transactional) { transactional_ = transactional; }
  const ProducerIdAndEpoch& producer_id_and_epoch() const { return producer_id_and_epoch_; }
  bool has_producer_id() const { return producer_id_and_epoch_.valid(); }
  // InitProducerId answered with a new producer id (and epoch).
  void SetProducerIdAndEpoch(ProducerIdAndEpoch pe);
  // Bumps the epoch when a partition asked for it (before each send pass).
  // At Short.MAX_VALUE the producer id is dropped instead: the caller then
  // sends InitProducerId, and the partitions are re-stamped under the new id.
  EpochBump BumpIdempotentEpochIfNeeded();
  // Partitions left unresolved by expired batches: once nothing of theirs is
  // in flight, either the acks caught up or the epoch must be bumped. A
  // transactional producer's unresolved partition is reported instead
  // (TakeUnresolvedExpiry) to make its transaction abortable.
  void MaybeResolveSequences();
  // True once after MaybeResolveSequences found a transactional producer's
  // partition whose expired batches the acks never covered.
  bool TakeUnresolvedExpiry() { return std::exchange(unresolved_expiry_, false); }

  // True while `first`, the head batch of its partition, must not be drained.
  bool ShouldStopDrain(const ProducerBatch& first) const;
  // A batch drained for the first time: the producer id, epoch and the
  // partition's next sequence; the batch is tracked as in flight.
  void AssignSequence(ProducerBatch& b);

  // Whether an error answer may be retried; may ask for an epoch bump.
  bool CanRetry(ErrorCode err, const ProducerBatch& b);
  void HandleCompletedBatch(const ProducerBatch& b);
  // `adjust_sequence_numbers`: the batch did not exhaust its retries, so the
  // broker surely did not take it (Kafka's failBatch argument).
  void HandleFailedBatch(const ProducerBatch& b, ErrorCode err, bool adjust_sequence_numbers);
  // A batch expired after it was sent: its sequence may or may not be on the broker.
  void MarkSequenceUnresolved(const ProducerBatch& b);
  void RequestEpochBumpForPartition(const TopicPartition& tp);
  // Forgets every batch (the producer shuts down).
  void Reset();

  bool HasInflightBatches(const TopicPartition& tp) const;
  bool HasStaleProducerIdAndEpoch(const TopicPartition& tp) const;
  bool HasUnresolvedSequence(const TopicPartition& tp) const { return unresolved_.contains(tp); }
  bool epoch_bump_required() const { return epoch_bump_required_; }
  int32_t NextSequence(const TopicPartition& tp) const;

 private:
  struct PartitionEntry {
    ProducerIdAndEpoch producer_id_and_epoch;
    int32_t next_sequence = 0;
    int32_t last_acked_sequence = -1;
    std::vector<ProducerBatch*> in_flight;  // by (producer id, epoch, sequence)
  };

  PartitionEntry& Entry(const TopicPartition& tp) { return partitions_[tp]; }
  const PartitionEntry* Find(const TopicPartition& tp) const;
  void RemoveInFlightBatch(const ProducerBatch& b);
  void StartSequencesAtBeginning(const TopicPartition& tp);
  int32_t FirstInFlightSequence(const TopicPartition& tp) const;
  bool IsNextSequence(const TopicPartition& tp, int32_t sequence) const;

  ProducerIdAndEpoch producer_id_and_epoch_;
  std::map<TopicPartition, PartitionEntry> partitions_;
  // Partition → the sequence right after its expired batch.
  std::map<TopicPartition, int32_t> unresolved_;
  std::set<TopicPartition> partitions_to_rewrite_;
  bool epoch_bump_required_ = false;
  bool transactional_ = false;
  bool unresolved_expiry_ = false;
};

}  // namespace kafkasim::client
