// tests/core/controller/partition_leader_election_test.cc — Kafka's election
// algorithms, cases after PartitionLeaderElectionAlgorithmsTest.scala, plus
// RapidCheck properties.
#include "core/controller/partition_leader_election.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>

namespace kafkasim::controller {
namespace {

std::vector<NodeId> NodeIds(std::initializer_list<int32_t> l) {
  std::vector<NodeId> out;
  for (int32_t i : l) out.push_back(NodeId{i});
  return out;
}
std::set<NodeId> Set(std::initializer_list<int32_t> l) {
  std::set<NodeId> out;
  for (int32_t i : l) out.insert(NodeId{i});
  return out;
}

TEST(OfflinePartitionLeaderElectionTest, ChoosesFirstAssignedReplicaThatIsLiveAndInIsr) {
  auto r = OfflinePartitionLeaderElection(NodeIds({2, 4}), NodeIds({2, 4}), Set({2, 4}), false);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->leader, NodeId{2});
  EXPECT_FALSE(r->unclean);
}

TEST(OfflinePartitionLeaderElectionTest, UsesAssignmentOrderNotIsrOrder) {
  auto r = OfflinePartitionLeaderElection(NodeIds({3, 1, 2}), NodeIds({2, 1, 3}), Set({1, 2}), false);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->leader, NodeId{1});
  EXPECT_EQ(r->isr, NodeIds({2, 1}));  // live members of the old ISR, order kept
}

TEST(OfflinePartitionLeaderElectionTest, UncleanDisabledAndNoLiveIsrReplicaGivesNone) {
  EXPECT_FALSE(OfflinePartitionLeaderElection(NodeIds({2, 4}), NodeIds({2}), Set({4}), false));
}

TEST(OfflinePartitionLeaderElectionTest, UncleanEnabledElectsLiveOutOfSyncReplicaWithIsrOfItself) {
  auto r = OfflinePartitionLeaderElection(NodeIds({2, 4}), NodeIds({2}), Set({4}), true);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->leader, NodeId{4});
  EXPECT_EQ(r->isr, NodeIds({4}));
  EXPECT_TRUE(r->unclean);
}

TEST(OfflinePartitionLeaderElectionTest, UncleanEnabledStillPrefersIsr) {
  auto r = OfflinePartitionLeaderElection(NodeIds({2, 4, 5}), NodeIds({5}), Set({4, 5}), true);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->leader, NodeId{5});
  EXPECT_FALSE(r->unclean);
}

TEST(OfflinePartitionLeaderElectionTest, NoLiveReplicaAtAllGivesNoneEvenUnclean) {
  EXPECT_FALSE(OfflinePartitionLeaderElection(NodeIds({2, 4}), NodeIds({2}), Set({7}), true));
}

TEST(PreferredReplicaPartitionLeaderElectionTest, ElectsPreferredWhenLiveAndInIsr) {
  auto r = PreferredReplicaPartitionLeaderElection(NodeIds({2, 4}), NodeIds({4, 2}), Set({2, 4}));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->leader, NodeId{2});
  EXPECT_EQ(r->isr, NodeIds({4, 2}));
}

TEST(PreferredReplicaPartitionLeaderElectionTest, PreferredNotInIsrGivesNone) {
  EXPECT_FALSE(PreferredReplicaPartitionLeaderElection(NodeIds({2, 4}), NodeIds({4}), Set({2, 4})));
}

TEST(PreferredReplicaPartitionLeaderElectionTest, PreferredNotLiveGivesNone) {
  EXPECT_FALSE(PreferredReplicaPartitionLeaderElection(NodeIds({2, 4}), NodeIds({2, 4}), Set({4})));
}

TEST(InitialPartitionLeaderElectionTest, FirstLiveReplicaLeadsAndLiveReplicasFormIsr) {
  auto r = InitialPartitionLeaderElection(NodeIds({3, 1, 2}), Set({1, 2}));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->leader, NodeId{1});
  EXPECT_EQ(r->isr, NodeIds({1, 2}));
  EXPECT_FALSE(InitialPartitionLeaderElection(NodeIds({3}), Set({1})));
}

TEST(IsrWithoutDeadReplicasTest, KeepsTheLastMemberWhenAllAreDead) {
  EXPECT_EQ(IsrWithoutDeadReplicas(NodeIds({1, 2, 3}), Set({1, 3})), NodeIds({1, 3}));
  EXPECT_EQ(IsrWithoutDeadReplicas(NodeIds({1}), Set({2})), NodeIds({1}));
  EXPECT_EQ(IsrWithoutDeadReplicas(NodeIds({1, 2}), Set({3})), NodeIds({2}));
}

// Properties over small clusters (ids 1..5).
rc::Gen<std::vector<NodeId>> GenReplicas() {
  // Distinct ids in a random order (duplicates from the generator are dropped).
  return rc::gen::map(rc::gen::container<std::vector<int32_t>>(rc::gen::inRange(1, 6)), [](std::vector<int32_t> v) {
    std::vector<NodeId> out;
    for (int32_t i : v)
      if (std::find(out.begin(), out.end(), NodeId{i}) == out.end()) out.push_back(NodeId{i});
    return out;
  });
}

RC_GTEST_PROP(OfflinePartitionLeaderElectionProperty, CleanLeaderIsLiveInIsrAndNewIsrIsLiveSubset, ()) {
  auto assignment = *GenReplicas();
  auto isr = *GenReplicas();
  auto live_v = *GenReplicas();
  std::set<NodeId> live(live_v.begin(), live_v.end());
  bool unclean = *rc::gen::arbitrary<bool>();
  auto r = OfflinePartitionLeaderElection(assignment, isr, live, unclean);
  bool clean_possible = std::any_of(assignment.begin(), assignment.end(), [&](NodeId id) {
    return live.count(id) && std::find(isr.begin(), isr.end(), id) != isr.end();
  });
  if (clean_possible) {
    RC_ASSERT(r.has_value());
    RC_ASSERT(!r->unclean);
    RC_ASSERT(std::find(isr.begin(), isr.end(), r->leader) != isr.end());
    for (NodeId id : r->isr) RC_ASSERT(live.count(id) == 1u);
    RC_ASSERT(std::find(r->isr.begin(), r->isr.end(), r->leader) != r->isr.end());
  } else if (r) {
    RC_ASSERT(unclean);
    RC_ASSERT(r->unclean);
    RC_ASSERT(r->isr == std::vector<NodeId>{r->leader});
  }
  if (r) {
    RC_ASSERT(live.count(r->leader) == 1u);
    RC_ASSERT(std::find(assignment.begin(), assignment.end(), r->leader) != assignment.end());
  }
}

}  // namespace
}  // namespace kafkasim::controller
