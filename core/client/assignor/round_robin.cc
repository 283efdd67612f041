// core/client/assignor/round_robin.cc — RoundRobinAssignor.
#include "core/client/assignor/round_robin.h"

#include <algorithm>

namespace kafkasim::client::assignor {

Assignment RoundRobinAssignor::Assign(const PartitionCounts& partitions,
                                      const std::vector<MemberSubscription>& members) const {
  Assignment out = EmptyAssignment(members);
  std::vector<const MemberSubscription*> sorted;
  for (const auto& m : members) sorted.push_back(&m);
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->member_id < b->member_id; });
  if (sorted.empty()) return out;
  size_t next = 0;  // Kafka's CircularIterator over the sorted members
  for (const auto& [topic, count] : partitions) {
    for (int32_t p = 0; p < count; ++p) {
      for (size_t tries = 0; tries < sorted.size(); ++tries) {
        const auto* m = sorted[next];
        next = (next + 1) % sorted.size();
        if (Subscribes(*m, topic)) {
          out[m->member_id].push_back({topic, PartitionId{p}});
          break;
        }
      }
    }
  }
  SortAssignment(out);
  return out;
}

}  // namespace kafkasim::client::assignor
