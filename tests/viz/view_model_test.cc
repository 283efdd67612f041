// tests/viz/view_model_test.cc — the GUI's view model at the moments the
// lessons depend on: each broker's own belief beside ZooKeeper's record
// (a zombie leader), no stale ISR after a crash and the crashed broker's
// disk, and the consumer groups with members, assignment and lag.
#include "viz/view_model.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "sim/simulation.h"
#include "tests/viz/run_to.h"

namespace kafkasim::viz {
namespace {

const ReplicaBelief& Row(const PartitionView& v, const std::string& name) {
  auto it = std::find_if(v.replicas.begin(), v.replicas.end(), [&](const ReplicaBelief& r) { return r.name == name; });
  EXPECT_NE(it, v.replicas.end()) << name;
  return *it;
}

bool HasNote(const PartitionView& v, const std::string& text) {
  return std::any_of(v.notes.begin(), v.notes.end(), [&](const std::string& n) { return n == text; });
}

const GroupView* Group(const ViewModel& m, const std::string& name) {
  for (const GroupView& g : m.groups)
    if (g.group == name) return &g;
  return nullptr;
}

constexpr TimeNs kMs = kNsPerMs;

TEST(ReplicaViewTest, ZombieLeaderRowSaysItStillLeadsBesideTheControllersChoice) {
  auto sim = RunTo("zombie-leader-acks1.yaml", 7 * kNsPerSec);
  PartitionView v = BuildPartitionView(*sim, TopicPartition{"orders", PartitionId{0}});
  ASSERT_TRUE(v.cluster.known);
  EXPECT_EQ(v.cluster.leader, NodeId{2});
  EXPECT_EQ(v.cluster.leader_epoch, LeaderEpoch{2});
  EXPECT_FALSE(std::count(v.cluster.isr.begin(), v.cluster.isr.end(), NodeId{1}));

  const ReplicaBelief& zombie = Row(v, "broker-1");
  EXPECT_EQ(zombie.process, BrokerProcess::kLive);
  EXPECT_TRUE(zombie.believes_leader) << "broker-1's own Partition still says it leads";
  EXPECT_EQ(zombie.believed_epoch, LeaderEpoch{0});
  EXPECT_FALSE(zombie.cluster_leader);
  EXPECT_FALSE(zombie.in_cluster_isr);
  const ReplicaBelief& leader = Row(v, "broker-2");
  EXPECT_TRUE(leader.believes_leader);
  EXPECT_EQ(leader.believed_epoch, LeaderEpoch{2});
  EXPECT_GT(zombie.leo, leader.leo) << "the zombie goes on acknowledging into its own log";
  EXPECT_EQ(BeliefText(*sim, zombie), "leads, epoch 0");
  EXPECT_TRUE(HasNote(v, "broker-1 still believes it leads, epoch 0; the controller says broker-2, epoch 2"))
      << DescribeViewModel(BuildViewModel(*sim));
}

TEST(ReplicaViewTest, AfterTheLeaderCrashesTheIsrIsZooKeepersAndTheDiskIsShown) {
  const TopicPartition tp{"orders", PartitionId{0}};
  auto sim = RunTo("unclean-election.yaml", 6990 * kMs);
  PartitionView before;  // the last moment broker-1 ran
  while (sim->broker(NodeId{1}) != nullptr) {
    before = BuildPartitionView(*sim, tp);
    ASSERT_TRUE(sim->Step());
  }
  sim->RunUntil(7500 * kMs);
  PartitionView v = BuildPartitionView(*sim, tp);
  ASSERT_TRUE(v.cluster.known);
  EXPECT_EQ(v.cluster.isr, std::vector<NodeId>{NodeId{1}}) << "broker-2 left the ISR at 5 s";
  EXPECT_FALSE(Row(v, "broker-2").in_cluster_isr);

  const ReplicaBelief& crashed = Row(v, "broker-1");
  EXPECT_EQ(crashed.process, BrokerProcess::kCrashed);
  ASSERT_TRUE(crashed.has_replica) << "a crashed broker's replica stays, read from its disk";
  // A process crash keeps the page cache: the disk holds what the log held.
  const ReplicaBelief& last_live = Row(before, "broker-1");
  EXPECT_EQ(crashed.leo, last_live.leo);
  EXPECT_EQ(crashed.batches, last_live.batches);
  const ReplicaBelief& follower = Row(v, "broker-2");
  EXPECT_LT(follower.leo, crashed.leo);
  EXPECT_EQ(crashed.unique_from, follower.leo) << "everything since the cut exists only on broker-1's disk";
  EXPECT_TRUE(HasNote(v,
                      "ZooKeeper still names broker-1 leader (epoch 0, ISR [1]), but broker-1 has crashed: "
                      "no broker serves orders-0 now"))
      << DescribeViewModel(BuildViewModel(*sim));
  EXPECT_TRUE(HasNote(v, "broker-1 has crashed; its disk holds offsets " + std::to_string(follower.leo.value()) + "-" +
                             std::to_string(crashed.leo.value() - 1) + " that no live replica has"));
}

TEST(GroupViewTest, TwoGroupsEachReadEverythingWithTheirOwnOffsets) {
  auto sim = RunTo("pubsub-two-groups.yaml", 5 * kNsPerSec);
  ViewModel m = BuildViewModel(*sim);
  const GroupView* billing = Group(m, "billing");
  const GroupView* audit = Group(m, "audit");
  ASSERT_TRUE(billing && audit) << DescribeViewModel(m);
  EXPECT_EQ(billing->state, "Stable");
  EXPECT_NE(billing->coordinator, kNoNode);
  ASSERT_EQ(billing->members.size(), 2u);
  EXPECT_EQ(billing->members[0].client, "c1") << "members by client id";
  EXPECT_EQ(billing->members[1].client, "c2");
  EXPECT_EQ(billing->members[0].assignment.size() + billing->members[1].assignment.size(), 4u);
  ASSERT_EQ(audit->members.size(), 1u);
  EXPECT_EQ(audit->members[0].client, "c3");
  EXPECT_EQ(audit->members[0].assignment.size(), 4u) << "alone, c3 reads every partition";
  for (const GroupView* g : {billing, audit}) {
    ASSERT_EQ(g->partitions.size(), 4u);
    for (const GroupPartitionView& p : g->partitions) {
      EXPECT_FALSE(p.owner.empty()) << g->group << " " << p.tp.ToString();
      ASSERT_TRUE(p.committed && p.position && p.high_watermark && p.lag) << DescribeViewModel(m);
      EXPECT_LE(p.committed->value(), p.position->value());
      EXPECT_EQ(*p.lag, p.high_watermark->value() - p.committed->value());
    }
    for (const ConsumerView& c : g->consumers) {
      EXPECT_TRUE(c.stable);
      EXPECT_EQ(c.generation, g->generation);
    }
  }

  sim->RunToEnd();
  m = BuildViewModel(*sim);
  for (const GroupView& g : m.groups) {
    for (const GroupPartitionView& p : g.partitions) EXPECT_EQ(p.lag, 0) << g.group << " " << p.tp.ToString();
  }
}

TEST(ViewModelTest, BuildingTheViewsDoesNotChangeTheRun) {
  auto watched = RunTo("unclean-election.yaml", 0);
  for (TimeNs t = 500 * kMs; t <= 12 * kNsPerSec; t += 500 * kMs) {
    watched->RunUntil(t);
    (void)DescribeViewModel(BuildViewModel(*watched));
  }
  auto alone = RunTo("unclean-election.yaml", 12 * kNsPerSec);
  EXPECT_EQ(watched->world().trace().hash(), alone->world().trace().hash());
}

// A frame rebuilds only the partitions whose PartitionViewKey changed: at
// every moment (crashes, elections, truncation, a crashed disk) the view
// built from the previous one equals the one built from scratch.
TEST(ViewModelTest, ReusingUnchangedPartitionsGivesTheViewBuiltFromScratch) {
  for (const char* file : {"unclean-election.yaml", "acks1-leader-failure.yaml", "zombie-leader-acks1.yaml"}) {
    auto sim = RunTo(file, 0);
    ViewModel m = BuildViewModel(*sim);
    size_t reused = 0;
    for (TimeNs t = 37 * kMs; t <= 12 * kNsPerSec; t += 37 * kMs) {
      sim->RunUntil(t);
      ViewModel next = BuildViewModel(*sim, &m);
      for (size_t i = 0; i < next.partitions.size(); ++i) reused += next.partition_keys[i] == m.partition_keys[i];
      ASSERT_EQ(DescribeViewModel(next), DescribeViewModel(BuildViewModel(*sim))) << file << " at " << t;
      m = std::move(next);
    }
    EXPECT_GT(reused, 0u) << file;
  }
}

}  // namespace
}  // namespace kafkasim::viz
