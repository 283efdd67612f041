// core/client/assignor/assignor.cc — the assignor factory and shared helpers.
#include "core/client/assignor/assignor.h"

#include <algorithm>

#include "core/client/assignor/cooperative_sticky.h"
#include "core/client/assignor/range.h"
#include "core/client/assignor/round_robin.h"
#include "core/client/assignor/sticky.h"

namespace kafkasim::client::assignor {

std::unique_ptr<PartitionAssignor> MakeAssignor(config::AssignmentStrategy s) {
  switch (s) {
    case config::AssignmentStrategy::kRange:
      return std::make_unique<RangeAssignor>();
    case config::AssignmentStrategy::kRoundRobin:
      return std::make_unique<RoundRobinAssignor>();
    case config::AssignmentStrategy::kSticky:
      return std::make_unique<StickyAssignor>();
    case config::AssignmentStrategy::kCooperativeSticky:
      return std::make_unique<CooperativeStickyAssignor>();
  }
  return std::make_unique<RangeAssignor>();
}

std::unique_ptr<PartitionAssignor> MakeAssignor(const std::string& name) {
  for (auto s : {config::AssignmentStrategy::kRange, config::AssignmentStrategy::kRoundRobin,
                 config::AssignmentStrategy::kSticky, config::AssignmentStrategy::kCooperativeSticky}) {
    if (StrategyName(s) == name) return MakeAssignor(s);
  }
  return nullptr;
}

std::string StrategyName(config::AssignmentStrategy s) {
  switch (s) {
    case config::AssignmentStrategy::kRange:
      return "range";
    case config::AssignmentStrategy::kRoundRobin:
      return "roundrobin";
    case config::AssignmentStrategy::kSticky:
      return "sticky";
    case config::AssignmentStrategy::kCooperativeSticky:
      return "cooperative-sticky";
  }
  return "range";
}

Assignment EmptyAssignment(const std::vector<MemberSubscription>& members) {
  Assignment a;
  for (const auto& m : members) a[m.member_id];
  return a;
}

void SortAssignment(Assignment& a) {
  for (auto& [m, parts] : a) std::sort(parts.begin(), parts.end());
}

bool Subscribes(const MemberSubscription& m, const std::string& topic) {
  return std::find(m.topics.begin(), m.topics.end(), topic) != m.topics.end();
}

}  // namespace kafkasim::client::assignor
