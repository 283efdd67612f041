// tests/core/controller/kraft_metadata_test.cc — KRaft metadata records,
// their replay (MetadataImage) and PartitionChangeBuilder's elections.
#include <gtest/gtest.h>

#include "core/controller/kraft/metadata_image.h"
#include "core/controller/kraft/partition_change_builder.h"

namespace kafkasim::controller::kraft {
namespace {

const TopicPartition kTp{"orders", PartitionId{0}};
std::vector<NodeId> Ids(std::initializer_list<int> v) {
  std::vector<NodeId> out;
  for (int i : v) out.push_back(NodeId{i});
  return out;
}

TEST(MetadataRecordTest, EveryRecordRoundTripsThroughItsText) {
  const std::vector<MetadataRecord> records = {
      RegisterBrokerRecord{NodeId{2}, 7, 12345},
      BrokerRegistrationChangeRecord{NodeId{2}, 7, -1},
      TopicRecord{"orders"},
      PartitionRecord{kTp, Ids({1, 2, 3}), Ids({1, 2}), NodeId{1}, LeaderEpoch{4}, 9, {}, {}},
      PartitionRecord{kTp, Ids({1, 2, 3}), Ids({}), NodeId{-1}, LeaderEpoch{4}, 9, Ids({2}), Ids({1})},
      PartitionChangeRecord{kTp, NodeId{-1}, std::nullopt, std::nullopt, std::nullopt},
      PartitionChangeRecord{kTp, std::nullopt, Ids({}), Ids({1, 2}), Ids({1})},
      PartitionChangeRecord{kTp, std::nullopt, std::nullopt, Ids({}), std::nullopt},
      PartitionChangeRecord{TopicPartition{"a-b", PartitionId{3}}, NodeId{2}, Ids({2, 3}), std::nullopt, std::nullopt},
  };
  for (const MetadataRecord& r : records) {
    auto back = Decode(Encode(r));
    ASSERT_TRUE(back.has_value()) << Encode(r);
    EXPECT_EQ(*back, r) << Encode(r);
  }
  EXPECT_FALSE(Decode("LeaderChange leader=901 voters=901,902,903").has_value());
  // Without ELR the text is what it was before KIP-966 (trace hashes keep).
  EXPECT_EQ(Encode(records[3]),
            "PartitionRecord tp=orders-0 replicas=1,2,3 isr=1,2 leader=1 leader_epoch=4 partition_epoch=9");
  EXPECT_FALSE(Decode("PartitionChangeRecord tp=orders-0 elr=1,x").has_value());
}

TEST(MetadataImageTest, ReplayRegistersFencesAndChangesPartitions) {
  MetadataImage image;
  image.ApplyRaw("LeaderChange leader=901", true, Offset{0});
  image.Apply(RegisterBrokerRecord{NodeId{1}, 1, 5}, Offset{1});
  EXPECT_FALSE(image.IsUnfenced(NodeId{1}));  // registered fenced
  image.Apply(BrokerRegistrationChangeRecord{NodeId{1}, 1, -1}, Offset{2});
  EXPECT_TRUE(image.IsUnfenced(NodeId{1}));
  image.Apply(PartitionRecord{kTp, Ids({1, 2, 3}), Ids({1, 2, 3}), NodeId{1}, LeaderEpoch{0}, 0, {}, {}}, Offset{3});
  image.Apply(PartitionChangeRecord{kTp, std::nullopt, Ids({1, 2}), std::nullopt, std::nullopt}, Offset{4});
  const PartitionRegistration* p = image.Partition(kTp);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->isr, Ids({1, 2}));
  EXPECT_EQ(p->leader_epoch, LeaderEpoch{0});  // an ISR change alone keeps the leader epoch
  EXPECT_EQ(p->partition_epoch, 1);
  image.Apply(PartitionChangeRecord{kTp, NodeId{2}, std::nullopt, std::nullopt, std::nullopt}, Offset{5});
  EXPECT_EQ(image.Partition(kTp)->leader, NodeId{2});
  EXPECT_EQ(image.Partition(kTp)->leader_epoch, LeaderEpoch{1});
  EXPECT_EQ(image.Partition(kTp)->partition_epoch, 2);
  EXPECT_EQ(image.next_offset(), Offset{6});
}

PartitionRegistration Part(std::vector<NodeId> isr, int leader) {
  return PartitionRegistration{Ids({1, 2, 3}), std::move(isr), NodeId{leader}, LeaderEpoch{3}, 10, {}, {}};
}

TEST(PartitionChangeBuilderTest, FencedLeaderIsReplacedByTheFirstReplicaInTheIsr) {
  auto alive = [](NodeId r) { return r != NodeId{1}; };
  auto c = BuildPartitionChange(kTp, Part(Ids({1, 2, 3}), 1), Ids({2, 3}), alive, false, true);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->record.leader, NodeId{2});
  EXPECT_EQ(c->record.isr, Ids({2, 3}));
  EXPECT_FALSE(c->unclean);
  EXPECT_EQ(Merge(Part(Ids({1, 2, 3}), 1), c->record).leader_epoch, LeaderEpoch{4});
}

TEST(PartitionChangeBuilderTest, ControllerShrinkBumpsTheLeaderEpochOnlyWhenAsked) {
  auto alive = [](NodeId r) { return r != NodeId{3}; };
  auto bump = BuildPartitionChange(kTp, Part(Ids({1, 2, 3}), 1), Ids({1, 2}), alive, false, true);
  ASSERT_TRUE(bump.has_value());
  EXPECT_EQ(bump->record.leader, NodeId{1});  // same leader, new epoch (MV < 3.6)
  auto no_bump = BuildPartitionChange(kTp, Part(Ids({1, 2, 3}), 1), Ids({1, 2}), alive, false, false);
  ASSERT_TRUE(no_bump.has_value());
  EXPECT_FALSE(no_bump->record.leader.has_value());
}

TEST(PartitionChangeBuilderTest, LastIsrMemberFencedLeavesThePartitionWithoutLeaderAndKeepsTheIsr) {
  auto none = [](NodeId r) { return r == NodeId{2}; };  // only broker 2 (not in the ISR) is alive
  auto c = BuildPartitionChange(kTp, Part(Ids({1}), 1), Ids({}), none, false, true);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->record.leader, kNoNode);
  EXPECT_FALSE(c->record.isr.has_value());  // without ELR the ISR stays [1]
}

TEST(PartitionChangeBuilderTest, UncleanElectionTakesAnAliveReplicaOutsideTheIsr) {
  auto only2 = [](NodeId r) { return r == NodeId{2}; };
  auto c = BuildPartitionChange(kTp, Part(Ids({1}), 1), Ids({}), only2, true, true);
  ASSERT_TRUE(c.has_value());
  EXPECT_TRUE(c->unclean);
  EXPECT_EQ(c->record.leader, NodeId{2});
  EXPECT_EQ(c->record.isr, Ids({2}));
}

TEST(PartitionChangeBuilderTest, NothingToChangeIsNoRecord) {
  auto all = [](NodeId) { return true; };
  EXPECT_FALSE(BuildPartitionChange(kTp, Part(Ids({1, 2, 3}), 1), Ids({1, 2, 3}), all, false, true).has_value());
}

// ---------------------------------------------------------------- KIP-966

PartitionChangeOptions Elr(NodeId unclean_shutdown = kNoNode) {
  PartitionChangeOptions o;
  o.elr_enabled = true;
  o.min_isr = 2;
  o.unclean_shutdown = unclean_shutdown;
  return o;
}

TEST(PartitionChangeBuilderElrTest, ShrinkBelowMinIsrPutsTheLeavingMemberInTheElr) {
  auto all = [](NodeId) { return true; };
  PartitionChangeOptions o = Elr();
  o.bump_on_isr_shrink = false;
  // [1,2,3] -> [1,2]: still min ISR, no ELR.
  auto at_min = BuildPartitionChange(kTp, Part(Ids({1, 2, 3}), 1), Ids({1, 2}), all, o);
  ASSERT_TRUE(at_min.has_value());
  EXPECT_FALSE(at_min->record.elr.has_value());
  // [1,2] -> [1]: below min ISR, 2 joins the ELR; the leader stays.
  auto below = BuildPartitionChange(kTp, Part(Ids({1, 2}), 1), Ids({1}), all, o);
  ASSERT_TRUE(below.has_value());
  EXPECT_EQ(below->record.isr, Ids({1}));
  EXPECT_EQ(below->record.elr, Ids({2}));
  EXPECT_FALSE(below->record.leader.has_value());
  // Back to min ISR: the ELR empties.
  PartitionRegistration p = Merge(Part(Ids({1, 2}), 1), below->record);
  auto back = BuildPartitionChange(kTp, p, Ids({1, 2}), all, o);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->record.elr, Ids({}));
}

TEST(PartitionChangeBuilderElrTest, LastIsrMemberFencedEmptiesTheIsrAndRemembersTheLastLeader) {
  PartitionRegistration p = Part(Ids({1}), 1);
  p.elr = Ids({2});
  auto none = [](NodeId) { return false; };  // every replica fenced
  auto c = BuildPartitionChange(kTp, p, Ids({}), none, Elr());
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->record.leader, kNoNode);
  EXPECT_EQ(c->record.isr, Ids({}));  // with ELR the ISR may be empty
  EXPECT_EQ(c->record.elr, Ids({1, 2}));
  EXPECT_EQ(c->record.last_known_elr, Ids({1}));
  EXPECT_FALSE(c->unclean);
}

TEST(PartitionChangeBuilderElrTest, UncleanShutdownLeavesTheElrAndAnElrMemberIsElectedAlone) {
  PartitionRegistration p = Part(Ids({}), -1);
  p.elr = Ids({1, 2});
  p.last_known_elr = Ids({1});
  // Broker 1 registers a new incarnation: out of the ELR, not a leader even if alive.
  auto only1 = [](NodeId r) { return r == NodeId{1}; };
  auto out = BuildPartitionChange(
      kTp, p, Ids({}), [&](NodeId r) { return r != NodeId{1} && only1(r); }, Elr(NodeId{1}));
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->record.elr, Ids({2}));
  EXPECT_FALSE(out->record.leader.has_value());
  p = Merge(p, out->record);
  // Broker 1 unfenced: it is in neither ISR nor ELR, so no leader (unclean election off).
  EXPECT_FALSE(BuildPartitionChange(kTp, p, Ids({}), only1, Elr()).has_value());
  // Broker 2, an ELR member, unfenced: elected, and the ISR is just it.
  auto only2 = [](NodeId r) { return r == NodeId{2}; };
  auto elected = BuildPartitionChange(kTp, p, Ids({}), only2, Elr());
  ASSERT_TRUE(elected.has_value());
  EXPECT_EQ(elected->record.leader, NodeId{2});
  EXPECT_EQ(elected->record.isr, Ids({2}));
  EXPECT_EQ(elected->record.elr, Ids({}));
  EXPECT_EQ(elected->record.last_known_elr, Ids({}));
  EXPECT_FALSE(elected->unclean);
}

TEST(PartitionChangeBuilderElrTest, WithoutElrTheSameStoryElectsTheLastIsrMember) {
  // The contrast: ISR [1] kept when 1 was fenced; 1 comes back and leads.
  PartitionRegistration p = Part(Ids({1}), -1);
  auto only1 = [](NodeId r) { return r == NodeId{1}; };
  auto c = BuildPartitionChange(kTp, p, Ids({1}), only1, false, true);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->record.leader, NodeId{1});
  EXPECT_FALSE(c->record.elr.has_value());
}

}  // namespace
}  // namespace kafkasim::controller::kraft
