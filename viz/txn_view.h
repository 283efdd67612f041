// viz/txn_view.h — transactions (KIP-98) on one replica's log, for the
// Replica logs window: which transactional batches were aborted (a read_committed
// consumer drops them) and which transactions are still open (no marker yet).
//
// Read from the batches alone, in log order, as Kafka's producer state learns
// them (ProducerStateManager: a producer's first transactional batch opens its
// transaction; its COMMIT or ABORT marker closes it), so a crashed broker's
// disk is read the same way as a live log. For a live replica the broker's own
// ProducerStateManager::ongoing_txns and TransactionIndex say the same
// (tests/viz/view_model_test.cc checks that they agree).
#pragma once

#include <cstdint>
#include <vector>

#include "viz/disk_log_view.h"

namespace kafkasim::viz {

// A transaction with data in this log and no marker yet.
struct OpenTxn {
  int64_t producer_id = -1;
  int64_t first_offset = 0;  // its first batch's base offset here
  auto operator<=>(const OpenTxn&) const = default;
};

// Sets `aborted` on every kTxnData batch whose producer's next marker in
// `batches` is an ABORT; returns the transactions left open at the end,
// oldest first.
// REQUIRES: batches in offset order (not asserted: the log's own order).
std::vector<OpenTxn> MarkTransactions(std::vector<BatchSpan>& batches);

// Any transactional batch or marker: the log has transactions to draw.
bool HasTransactions(const std::vector<BatchSpan>& batches);

}  // namespace kafkasim::viz
