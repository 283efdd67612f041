// core/client/aborted_txn_filter.cc — read_committed filtering.
#include "core/client/aborted_txn_filter.h"

#include <algorithm>

#include "core/record/control_record.h"
#include "core/record/record_batch.h"

namespace kafkasim::client {
namespace {

// containsAbortMarker: the first record of a control batch is an ABORT marker.
bool IsAbortMarker(std::span<const uint8_t> batch) {
  auto decoded = record::DecodeBatch(batch);
  if (!decoded.ok()) return false;
  auto records = record::ParseControlBatch(*decoded);
  return records.ok() && !records->empty() && records->front().type == record::ControlRecordType::ABORT;
}

}  // namespace

AbortedTxnFilter::AbortedTxnFilter(std::vector<AbortedTransaction> aborted) : pending_(std::move(aborted)) {
  std::sort(pending_.begin(), pending_.end(), [](const AbortedTransaction& a, const AbortedTransaction& b) {
    return a.first_offset != b.first_offset ? a.first_offset < b.first_offset : a.producer_id < b.producer_id;
  });
}

bool AbortedTxnFilter::Skip(const record::BatchHeader& h, std::span<const uint8_t> batch) {
  if (h.producer_id >= 0) {
    // consumeAbortedTransactionsUpTo(batch.lastOffset)
    auto reached = std::find_if(pending_.begin(), pending_.end(),
                                [&](const AbortedTransaction& t) { return t.first_offset.value() > h.last_offset(); });
    for (auto it = pending_.begin(); it != reached; ++it) aborted_producers_.insert(it->producer_id);
    pending_.erase(pending_.begin(), reached);
    if (h.is_control()) {
      if (IsAbortMarker(batch)) aborted_producers_.erase(h.producer_id);
    } else if (h.is_transactional() && aborted_producers_.count(h.producer_id)) {
      return true;  // isBatchAborted
    }
  }
  return h.is_control();
}

}  // namespace kafkasim::client
