// core/broker/transaction_index.cc — aborted transactions of one partition.
#include "core/broker/transaction_index.h"

#include <string>

#include "core/util/assert.h"

namespace kafkasim::broker {

void TransactionIndex::Append(const AbortedTxn& txn) {
  // Kafka's TransactionIndex.append: "The last offset of appended
  // transactions must increase sequentially".
  KSIM_ASSERT(entries_.empty() || entries_.back().last_offset < txn.last_offset,
              "aborted transaction with marker at " + std::to_string(txn.last_offset.value()) +
                  " appended after one at " + std::to_string(entries_.back().last_offset.value()));
  KSIM_ASSERT(txn.first_offset <= txn.last_offset, "aborted transaction ends before it starts");
  entries_.push_back(txn);
}

std::vector<AbortedTxn> TransactionIndex::Collect(Offset fetch_offset, Offset upper_bound_offset) const {
  std::vector<AbortedTxn> out;
  for (const AbortedTxn& t : entries_)
    if (t.last_offset >= fetch_offset && t.first_offset < upper_bound_offset) out.push_back(t);
  return out;
}

}  // namespace kafkasim::broker
