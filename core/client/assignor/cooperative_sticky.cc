// core/client/assignor/cooperative_sticky.cc — CooperativeStickyAssignor.
#include "core/client/assignor/cooperative_sticky.h"

#include <algorithm>

namespace kafkasim::client::assignor {

Assignment CooperativeStickyAssignor::Assign(const PartitionCounts& partitions,
                                             const std::vector<MemberSubscription>& members) const {
  Assignment target = StickyTarget(partitions, members);
  // Who owns what right now (as the members report it).
  std::map<TopicPartition, std::string> current;
  for (const auto& m : members)
    for (const auto& tp : m.owned) current.emplace(tp, m.member_id);
  for (auto& [member, parts] : target) {
    std::erase_if(parts, [&, &member = member](const TopicPartition& tp) {
      auto it = current.find(tp);
      return it != current.end() && it->second != member;  // still owned elsewhere: withhold
    });
  }
  return target;
}

}  // namespace kafkasim::client::assignor
