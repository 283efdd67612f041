// core/client/assignor/sticky.cc — StickyAssignor.
#include "core/client/assignor/sticky.h"

#include <algorithm>
#include <set>

namespace kafkasim::client::assignor {

namespace {

using Owners = std::map<TopicPartition, std::string>;

// Step 1: valid previous ownership.
Owners PreviousOwners(const PartitionCounts& partitions, const std::vector<MemberSubscription>& members) {
  Owners owner;
  std::map<TopicPartition, int32_t> owner_gen;
  std::vector<const MemberSubscription*> sorted;
  for (const auto& m : members) sorted.push_back(&m);
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->member_id < b->member_id; });
  for (const auto* m : sorted) {
    for (const auto& tp : m->owned) {
      auto c = partitions.find(tp.topic);
      if (c == partitions.end() || tp.partition.value() >= c->second || !Subscribes(*m, tp.topic)) continue;
      auto g = owner_gen.find(tp);
      if (g != owner_gen.end() && g->second >= m->generation) continue;
      owner[tp] = m->member_id;
      owner_gen[tp] = m->generation;
    }
  }
  return owner;
}

const std::string* LeastLoaded(const std::map<std::string, size_t>& load, const std::vector<std::string>& eligible) {
  const std::string* best = nullptr;
  for (const auto& m : eligible)  // eligible is sorted: ties go to the smaller id
    if (best == nullptr || load.at(m) < load.at(*best)) best = &m;
  return best;
}

// Step 3: one move that shrinks the spread, or false.
bool MoveOne(Owners& owner, std::map<std::string, size_t>& load,
             const std::map<std::string, std::vector<std::string>>& eligible_by_topic) {
  std::vector<std::string> by_load;
  for (const auto& [m, n] : load) by_load.push_back(m);
  std::stable_sort(by_load.begin(), by_load.end(), [&](const auto& a, const auto& b) { return load[a] > load[b]; });
  for (const auto& a : by_load) {
    for (auto it = owner.rbegin(); it != owner.rend(); ++it) {
      if (it->second != a) continue;
      const std::string* b = LeastLoaded(load, eligible_by_topic.at(it->first.topic));
      if (b == nullptr || load[*b] + 1 >= load[a]) continue;
      it->second = *b;
      --load[a];
      ++load[*b];
      return true;
    }
  }
  return false;
}

}  // namespace

Assignment StickyTarget(const PartitionCounts& partitions, const std::vector<MemberSubscription>& members) {
  std::map<std::string, std::vector<std::string>> eligible;  // topic -> members, sorted
  for (const auto& [topic, count] : partitions) {
    auto& e = eligible[topic];
    for (const auto& m : members)
      if (Subscribes(m, topic)) e.push_back(m.member_id);
    std::sort(e.begin(), e.end());
  }
  Owners owner = PreviousOwners(partitions, members);
  std::map<std::string, size_t> load;
  for (const auto& m : members) load[m.member_id] = 0;
  for (const auto& [tp, m] : owner) ++load[m];
  // Step 2: unowned partitions, fewest eligible members first.
  std::vector<TopicPartition> unowned;
  for (const auto& [topic, count] : partitions)
    for (int32_t p = 0; p < count; ++p)
      if (!owner.contains({topic, PartitionId{p}}) && !eligible[topic].empty())
        unowned.push_back({topic, PartitionId{p}});
  std::stable_sort(unowned.begin(), unowned.end(),
                   [&](const auto& a, const auto& b) { return eligible[a.topic].size() < eligible[b.topic].size(); });
  for (const auto& tp : unowned) {
    const std::string* m = LeastLoaded(load, eligible[tp.topic]);
    owner[tp] = *m;
    ++load[*m];
  }
  size_t total = owner.size();
  for (size_t moves = 0; moves < total * total + 1 && MoveOne(owner, load, eligible); ++moves) {
  }
  Assignment out = EmptyAssignment(members);
  for (const auto& [tp, m] : owner) out[m].push_back(tp);
  SortAssignment(out);
  return out;
}

Assignment StickyAssignor::Assign(const PartitionCounts& partitions,
                                  const std::vector<MemberSubscription>& members) const {
  return StickyTarget(partitions, members);
}

}  // namespace kafkasim::client::assignor
