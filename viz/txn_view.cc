// viz/txn_view.cc — aborted and open transactions from a log's batches.
#include "viz/txn_view.h"

#include <algorithm>
#include <map>

namespace kafkasim::viz {

std::vector<OpenTxn> MarkTransactions(std::vector<BatchSpan>& batches) {
  // Per producer id: the indexes of its transactional batches since its last marker.
  std::map<int64_t, std::vector<size_t>> open;
  for (size_t i = 0; i < batches.size(); ++i) {
    BatchSpan& b = batches[i];
    if (b.kind == BatchKind::kTxnData) {
      b.aborted = false;
      open[b.producer_id].push_back(i);
    } else if (b.kind == BatchKind::kCommit || b.kind == BatchKind::kAbort) {
      auto it = open.find(b.producer_id);
      if (it == open.end()) continue;  // a marker for a transaction with no data here
      if (b.kind == BatchKind::kAbort)
        for (size_t j : it->second) batches[j].aborted = true;
      open.erase(it);
    }
  }
  std::vector<OpenTxn> out;
  for (const auto& [pid, idx] : open) out.push_back(OpenTxn{pid, batches[idx.front()].base_offset});
  std::sort(out.begin(), out.end(), [](const OpenTxn& a, const OpenTxn& b) { return a.first_offset < b.first_offset; });
  return out;
}

bool HasTransactions(const std::vector<BatchSpan>& batches) {
  return std::any_of(batches.begin(), batches.end(), [](const BatchSpan& b) { return b.kind != BatchKind::kData; });
}

}  // namespace kafkasim::viz
