// core/broker/transaction_index.h — the aborted transactions of one
// partition (Kafka's TransactionIndex, a segment's .txnindex file).
//
// One entry per transaction aborted here that had data here: the producer,
// the offset of its first record, the offset of its ABORT marker and the LSO
// when it was aborted. A read_committed Fetch returns the entries that
// overlap the fetched range (Kafka's LocalLog.collectAbortedTransactions), so
// the consumer can drop those producers' records up to the marker.
//
// kafkasim keeps the index in memory and rebuilds it, with the producer
// state, by scanning the log when the replica is created or truncated
// (Partition::RebuildProducerState) — Kafka writes it to disk beside each
// segment and rebuilds it only during recovery. Entries whose marker is below
// the log start offset can no longer match a fetch and are harmless.
#pragma once

#include <cstdint>
#include <vector>

#include "core/types.h"

namespace kafkasim::broker {

// Kafka's AbortedTxn.
struct AbortedTxn {
  int64_t producer_id = -1;
  Offset first_offset{0};
  Offset last_offset{0};  // the ABORT marker
  Offset last_stable_offset{0};
  bool operator==(const AbortedTxn&) const = default;
};

class TransactionIndex {
 public:
  // Entries arrive in marker order (the log's order).
  void Append(const AbortedTxn& txn);
  // TransactionIndex.collectAbortedTxns: every entry with
  // last_offset >= fetch_offset and first_offset < upper_bound_offset.
  std::vector<AbortedTxn> Collect(Offset fetch_offset, Offset upper_bound_offset) const;
  void Clear() { entries_.clear(); }
  const std::vector<AbortedTxn>& entries() const { return entries_; }

 private:
  std::vector<AbortedTxn> entries_;  // INVARIANT: last_offset strictly increasing (asserted by Append)
};

}  // namespace kafkasim::broker
