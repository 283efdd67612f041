// core/client/aborted_txn_filter.h — how a read_committed consumer drops the
// records of aborted transactions (Kafka 3.4 Fetcher.CompletedFetch:
// abortedTransactions, abortedProducerIds, consumeAbortedTransactionsUpTo,
// isBatchAborted, containsAbortMarker).
//
// The broker returns records only below the LSO, so every transaction in
// them is decided; it lists the aborted ones overlapping the fetch as
// (producer id, first offset). Walking the batches in offset order, a
// producer becomes "aborted" once the walk reaches its transaction's first
// offset; its transactional batches are skipped until its ABORT marker,
// which clears it. Control batches are never handed to the application.
#pragma once

#include <cstdint>
#include <set>
#include <vector>

#include "core/protocol/fetch.h"
#include "core/record/batch_header.h"

namespace kafkasim::client {

class AbortedTxnFilter {
 public:
  explicit AbortedTxnFilter(std::vector<AbortedTransaction> aborted);
  // Whether the batch's records are withheld from the application: an
  // aborted transactional batch, or any control batch. `batch` holds the
  // whole batch (a control batch's marker is read from it).
  bool Skip(const record::BatchHeader& h, std::span<const uint8_t> batch);

 private:
  std::vector<AbortedTransaction> pending_;  // by first offset, not yet reached
  std::set<int64_t> aborted_producers_;
};

}  // namespace kafkasim::client
