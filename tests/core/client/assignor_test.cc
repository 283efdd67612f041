// Assignors against the examples in Kafka's javadoc (RangeAssignor.java,
// RoundRobinAssignor.java, StickyAssignor.java), plus properties.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <set>

#include "core/client/assignor/cooperative_sticky.h"
#include "core/client/assignor/range.h"
#include "core/client/assignor/round_robin.h"
#include "core/client/assignor/sticky.h"

namespace kafkasim::client::assignor {
namespace {

TopicPartition Tp(const std::string& t, int p) { return {t, PartitionId{p}}; }

std::vector<TopicPartition> L(std::initializer_list<TopicPartition> l) {
  std::vector<TopicPartition> v(l);
  std::sort(v.begin(), v.end());
  return v;
}

std::vector<MemberSubscription> SameSubs(std::vector<std::string> ids, std::vector<std::string> topics) {
  std::vector<MemberSubscription> out;
  for (auto& id : ids) out.push_back({id, topics, {}, -1});
  return out;
}

// Feeds an assignment back as each member's owned partitions.
std::vector<MemberSubscription> WithOwned(std::vector<MemberSubscription> m, const Assignment& a, int gen) {
  for (auto& s : m) {
    auto it = a.find(s.member_id);
    s.owned = it == a.end() ? std::vector<TopicPartition>{} : it->second;
    s.generation = gen;
  }
  return m;
}

TEST(RangeAssignorTest, JavadocTwoConsumersTwoTopicsThreePartitions) {
  // "C0: [t0p0, t0p1, t1p0, t1p1], C1: [t0p2, t1p2]"
  auto a = RangeAssignor().Assign({{"t0", 3}, {"t1", 3}}, SameSubs({"C0", "C1"}, {"t0", "t1"}));
  EXPECT_EQ(a["C0"], L({Tp("t0", 0), Tp("t0", 1), Tp("t1", 0), Tp("t1", 1)}));
  EXPECT_EQ(a["C1"], L({Tp("t0", 2), Tp("t1", 2)}));
}

TEST(RoundRobinAssignorTest, JavadocSameSubscriptions) {
  // "C0: [t0p0, t0p2, t1p1], C1: [t0p1, t1p0, t1p2]"
  auto a = RoundRobinAssignor().Assign({{"t0", 3}, {"t1", 3}}, SameSubs({"C0", "C1"}, {"t0", "t1"}));
  EXPECT_EQ(a["C0"], L({Tp("t0", 0), Tp("t0", 2), Tp("t1", 1)}));
  EXPECT_EQ(a["C1"], L({Tp("t0", 1), Tp("t1", 0), Tp("t1", 2)}));
}

std::vector<MemberSubscription> JavadocUnequal() {
  // C0 subscribes t0; C1 t0, t1; C2 t0, t1, t2 (t0 1 partition, t1 2, t2 3).
  return {{"C0", {"t0"}, {}, -1}, {"C1", {"t0", "t1"}, {}, -1}, {"C2", {"t0", "t1", "t2"}, {}, -1}};
}

TEST(RoundRobinAssignorTest, JavadocDifferentSubscriptions) {
  // "C0: [t0p0], C1: [t1p0], C2: [t1p1, t2p0, t2p1, t2p2]"
  auto a = RoundRobinAssignor().Assign({{"t0", 1}, {"t1", 2}, {"t2", 3}}, JavadocUnequal());
  EXPECT_EQ(a["C0"], L({Tp("t0", 0)}));
  EXPECT_EQ(a["C1"], L({Tp("t1", 0)}));
  EXPECT_EQ(a["C2"], L({Tp("t1", 1), Tp("t2", 0), Tp("t2", 1), Tp("t2", 2)}));
}

TEST(StickyAssignorTest, JavadocExampleOneKeepsPartitionsWhenC1Leaves) {
  PartitionCounts counts{{"t0", 2}, {"t1", 2}, {"t2", 2}, {"t3", 2}};
  auto members = SameSubs({"C0", "C1", "C2"}, {"t0", "t1", "t2", "t3"});
  auto a = StickyAssignor().Assign(counts, members);
  // "C0 [t0p0, t1p1, t3p0], C1 [t0p1, t2p0, t3p1], C2 [t1p0, t2p1]"
  EXPECT_EQ(a["C0"], L({Tp("t0", 0), Tp("t1", 1), Tp("t3", 0)}));
  EXPECT_EQ(a["C1"], L({Tp("t0", 1), Tp("t2", 0), Tp("t3", 1)}));
  EXPECT_EQ(a["C2"], L({Tp("t1", 0), Tp("t2", 1)}));
  // C1 leaves: "C0 [t0p0, t1p1, t3p0, t2p0], C2 [t1p0, t2p1, t0p1, t3p1]"
  auto after = WithOwned(members, a, 1);
  after.erase(after.begin() + 1);
  auto b = StickyAssignor().Assign(counts, after);
  EXPECT_EQ(b["C0"], L({Tp("t0", 0), Tp("t1", 1), Tp("t3", 0), Tp("t2", 0)}));
  EXPECT_EQ(b["C2"], L({Tp("t1", 0), Tp("t2", 1), Tp("t0", 1), Tp("t3", 1)}));
}

TEST(StickyAssignorTest, JavadocExampleTwoDifferentSubscriptions) {
  PartitionCounts counts{{"t0", 1}, {"t1", 2}, {"t2", 3}};
  auto a = StickyAssignor().Assign(counts, JavadocUnequal());
  // "C0 [t0p0], C1 [t1p0, t1p1], C2 [t2p0, t2p1, t2p2]"
  EXPECT_EQ(a["C0"], L({Tp("t0", 0)}));
  EXPECT_EQ(a["C1"], L({Tp("t1", 0), Tp("t1", 1)}));
  EXPECT_EQ(a["C2"], L({Tp("t2", 0), Tp("t2", 1), Tp("t2", 2)}));
  // C0 leaves: "C1 [t1p0, t1p1, t0p0], C2 [t2p0, t2p1, t2p2]"
  auto after = WithOwned(JavadocUnequal(), a, 1);
  after.erase(after.begin());
  auto b = StickyAssignor().Assign(counts, after);
  EXPECT_EQ(b["C1"], L({Tp("t1", 0), Tp("t1", 1), Tp("t0", 0)}));
  EXPECT_EQ(b["C2"], L({Tp("t2", 0), Tp("t2", 1), Tp("t2", 2)}));
}

TEST(CooperativeStickyAssignorTest, WithholdsMovingPartitionsUntilRevoked) {
  PartitionCounts counts{{"t", 4}};
  auto members = SameSubs({"A"}, {"t"});
  auto first = CooperativeStickyAssignor().Assign(counts, members);
  ASSERT_EQ(first["A"].size(), 4u);
  // B joins: A keeps 2, B gets nothing yet (the 2 moving ones are still A's).
  auto two = WithOwned(SameSubs({"A", "B"}, {"t"}), first, 1);
  auto second = CooperativeStickyAssignor().Assign(counts, two);
  EXPECT_EQ(second["A"].size(), 2u);
  EXPECT_TRUE(second["B"].empty());
  // A revoked the other two and rejoined: now B gets them, A keeps its two.
  auto third = CooperativeStickyAssignor().Assign(counts, WithOwned(two, second, 2));
  EXPECT_EQ(third["A"], second["A"]);
  EXPECT_EQ(third["B"].size(), 2u);
}

// ---- properties -------------------------------------------------------------------

struct Case {
  PartitionCounts counts;
  std::vector<MemberSubscription> members;
};

Case GenCase() {
  auto ntopics = *rc::gen::inRange(1, 4);
  Case c;
  std::vector<std::string> topics;
  for (int t = 0; t < ntopics; ++t) {
    topics.push_back("t" + std::to_string(t));
    c.counts[topics.back()] = *rc::gen::inRange(1, 7);
  }
  auto nmembers = *rc::gen::inRange(1, 6);
  for (int m = 0; m < nmembers; ++m) {
    MemberSubscription s{"m" + std::to_string(m), {}, {}, -1};
    for (const auto& t : topics)
      if (*rc::gen::inRange(0, 4) != 0) s.topics.push_back(t);
    if (s.topics.empty()) s.topics.push_back(topics[0]);
    c.members.push_back(s);
  }
  return c;
}

// Every partition some member subscribes to is owned by exactly one
// subscribed member; no other partition is owned.
void CheckExactlyOnce(const Case& c, const Assignment& a) {
  std::map<TopicPartition, int> owners;
  for (const auto& [m, parts] : a) {
    const auto& sub = *std::find_if(c.members.begin(), c.members.end(), [&](auto& s) { return s.member_id == m; });
    for (const auto& tp : parts) {
      RC_ASSERT(Subscribes(sub, tp.topic));
      ++owners[tp];
    }
  }
  for (const auto& [t, n] : c.counts) {
    bool subscribed = std::any_of(c.members.begin(), c.members.end(), [&](auto& s) { return Subscribes(s, t); });
    for (int p = 0; p < n; ++p) RC_ASSERT(owners[Tp(t, p)] == (subscribed ? 1 : 0));
  }
}

RC_GTEST_PROP(AssignorProperty, EveryPartitionOwnedExactlyOnce, ()) {
  Case c = GenCase();
  for (auto s : {config::AssignmentStrategy::kRange, config::AssignmentStrategy::kRoundRobin,
                 config::AssignmentStrategy::kSticky}) {
    CheckExactlyOnce(c, MakeAssignor(s)->Assign(c.counts, c.members));
  }
}

RC_GTEST_PROP(AssignorProperty, StickyIsBalancedForEqualSubscriptions, ()) {
  Case c = GenCase();
  for (auto& m : c.members) {
    m.topics.clear();
    for (const auto& [t, n] : c.counts) m.topics.push_back(t);
  }
  // Start from a random previous ownership, then compare spread.
  auto prev = RoundRobinAssignor().Assign(c.counts, c.members);
  auto members = WithOwned(c.members, prev, 1);
  if (members.size() > 1 && *rc::gen::arbitrary<bool>()) members.pop_back();  // someone left
  Case after{c.counts, members};
  auto a = StickyAssignor().Assign(c.counts, members);
  CheckExactlyOnce(after, a);
  size_t lo = SIZE_MAX, hi = 0;
  for (const auto& [m, parts] : a) {
    lo = std::min(lo, parts.size());
    hi = std::max(hi, parts.size());
  }
  RC_ASSERT(hi - lo <= 1);
  // Sticky: a surviving member keeps at least min(its old count, its new count) of its old partitions.
  for (const auto& m : members) {
    std::set<TopicPartition> now(a[m.member_id].begin(), a[m.member_id].end());
    size_t kept = std::count_if(m.owned.begin(), m.owned.end(), [&](auto& tp) { return now.contains(tp); });
    RC_ASSERT(kept >= std::min(m.owned.size(), now.size()));
  }
}

// Cooperative: following the two-phase protocol from any starting point, no
// partition is ever owned by two members, and it settles on the sticky target.
RC_GTEST_PROP(AssignorProperty, CooperativeNeverDoubleOwnsAndConverges, ()) {
  Case c = GenCase();
  auto members = c.members;
  // A previous generation without the last member (it is joining now).
  auto before = members;
  if (before.size() > 1) before.pop_back();
  Assignment owned = EmptyAssignment(members);
  for (auto& [m, parts] : RoundRobinAssignor().Assign(c.counts, before)) owned[m] = parts;
  bool settled = false;
  for (int round = 0; round < 6 && !settled; ++round) {
    auto in = WithOwned(members, owned, round);
    auto a = CooperativeStickyAssignor().Assign(c.counts, in);
    // Each member now owns what it was given (it revoked the rest).
    std::map<TopicPartition, int> count;
    for (const auto& [m, parts] : a)
      for (const auto& tp : parts) RC_ASSERT(++count[tp] == 1);
    bool revoked_any = false;
    for (const auto& [m, parts] : owned) {
      std::set<TopicPartition> keep(a[m].begin(), a[m].end());
      for (const auto& tp : parts) revoked_any |= !keep.contains(tp);
    }
    owned = a;
    settled = !revoked_any;
  }
  RC_ASSERT(settled);  // settles within a few rebalances
  CheckExactlyOnce(c, owned);
}

}  // namespace
}  // namespace kafkasim::client::assignor
