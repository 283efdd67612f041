// core/client/assignor/range.cc — RangeAssignor.
#include "core/client/assignor/range.h"

#include <algorithm>

namespace kafkasim::client::assignor {

Assignment RangeAssignor::Assign(const PartitionCounts& partitions,
                                 const std::vector<MemberSubscription>& members) const {
  Assignment out = EmptyAssignment(members);
  for (const auto& [topic, count] : partitions) {
    std::vector<std::string> subs;
    for (const auto& m : members)
      if (Subscribes(m, topic)) subs.push_back(m.member_id);
    if (subs.empty()) continue;
    std::sort(subs.begin(), subs.end());
    int32_t n = static_cast<int32_t>(subs.size());
    int32_t per = count / n;
    int32_t extra = count % n;
    for (int32_t i = 0; i < n; ++i) {
      int32_t start = per * i + std::min(i, extra);
      int32_t len = per + (i < extra ? 1 : 0);
      for (int32_t p = start; p < start + len; ++p)
        out[subs[static_cast<size_t>(i)]].push_back({topic, PartitionId{p}});
    }
  }
  SortAssignment(out);
  return out;
}

}  // namespace kafkasim::client::assignor
