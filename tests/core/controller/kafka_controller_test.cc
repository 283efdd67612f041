// tests/core/controller/kafka_controller_test.cc — the ZooKeeper-mode
// controller end to end on the real simulator: election and epochs, broker
// failure, offline/unclean election, sessions lost to partitions, preferred
// leader election, the leader's conditional ISR write.
#include <gtest/gtest.h>

#include <optional>
#include <set>

#include "tests/core/controller/controller_harness.h"

namespace kafkasim::controller {
namespace {

using testing::Cluster;
using testing::Ids;

constexpr int64_t kSessionMs = 6000;

// Three partitions, each led by a different broker and each missing one
// broker, so a test can always pick a partition the controller does not host.
// `unclean`: the topic's own unclean.leader.election.enable (unset: the broker's).
std::vector<TopicAssignment> Topics(std::optional<bool> unclean = std::nullopt) {
  TopicAssignment t{"orders", {Ids({1, 2}), Ids({2, 3}), Ids({3, 1})}, {}};
  t.config.unclean_leader_election_enable = unclean;
  return {t};
}

// The partition of `orders` that does not include broker `c`.
TopicPartition PartitionWithout(NodeId c) {
  int32_t p = c.value() == 3 ? 0 : c.value() == 1 ? 1 : 2;
  return TopicPartition{"orders", PartitionId{p}};
}

class ControllerTest : public ::testing::Test {
 protected:
  void Boot(Cluster& c) {
    c.StartAll();
    c.RunForMs(2000);
    ASSERT_EQ(c.Controllers().size(), 1u);
  }
};

TEST_F(ControllerTest, ElectsExactlyOneControllerAndInitialisesPartitions) {
  Cluster c(3, Topics());
  Boot(c);
  EXPECT_EQ(c.ControllerEpochInZk(), ControllerEpoch{1});
  auto elected = c.ObsOf<ObsControllerElected>();
  ASSERT_EQ(elected.size(), 1u);
  EXPECT_EQ(elected[0].node, c.Controllers()[0]);
  for (int32_t p = 0; p < 3; ++p) {
    auto s = c.State("orders", p);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->leader, NodeId{p + 1}) << "first replica in assignment order leads";
    EXPECT_EQ(s->leader_epoch, LeaderEpoch{0});
    EXPECT_EQ(s->isr.size(), 2u);
    EXPECT_EQ(s->controller_epoch, ControllerEpoch{1});
  }
  for (int b = 1; b <= 3; ++b) {
    ASSERT_FALSE(c.log(b).leader_and_isr.empty()) << "broker " << b;
    EXPECT_EQ(c.log(b).leader_and_isr.back().controller_epoch, ControllerEpoch{1});
    EXPECT_EQ(c.log(b).leader_and_isr.back().partition_states.size(), 2u);
    ASSERT_FALSE(c.log(b).update_metadata.empty());
    EXPECT_EQ(c.log(b).update_metadata.front().live_brokers, Ids({1, 2, 3}));
  }
}

TEST_F(ControllerTest, ControllerCrashElectsAnotherWithHigherEpoch) {
  Cluster c(3, Topics());
  Boot(c);
  NodeId first = c.Controllers()[0];
  c.world().Crash(first, sim::KillType::kProcessCrash);
  c.RunForMs(kSessionMs + 2000);
  auto now = c.Controllers();
  ASSERT_EQ(now.size(), 1u) << c.Story();
  EXPECT_NE(now[0], first);
  EXPECT_EQ(c.ControllerEpochInZk(), ControllerEpoch{2});
  std::set<int32_t> epochs;
  for (const auto& e : c.ObsOf<ObsControllerElected>()) EXPECT_TRUE(epochs.insert(e.epoch.value()).second);
  EXPECT_EQ(epochs, (std::set<int32_t>{1, 2}));
  // The new controller moved the dead broker's leaderships away.
  for (int32_t p = 0; p < 3; ++p) EXPECT_NE(c.State("orders", p)->leader, first);
}

// Kafka's onControllerFailover runs ReplicaStateMachine.startup before
// PartitionStateMachine.startup: the dead controller's replicas go offline
// first (removeReplicasFromIsr: leader -1 where it led, out of the ISR where it
// followed; leader epoch +1, LeaderAndIsr sent), then the partition it led,
// now OfflinePartition, is elected (leader epoch +1 again).
TEST_F(ControllerTest, ControllerFailoverTakesDeadControllersReplicasOfflineBeforeElecting) {
  Cluster c(3, Topics());
  Boot(c);
  NodeId dead = c.Controllers()[0];
  TopicPartition led{"orders", PartitionId{dead.value() - 1}};             // preferred leader `dead`
  TopicPartition followed{"orders", PartitionId{(dead.value() + 1) % 3}};  // `dead` is its second replica
  auto led_before = *c.State(led.topic, led.partition.value());
  auto followed_before = *c.State(followed.topic, followed.partition.value());
  ASSERT_EQ(led_before.leader, dead);
  ASSERT_NE(followed_before.leader, dead);
  ASSERT_EQ(followed_before.isr.size(), 2u);
  c.world().Crash(dead, sim::KillType::kProcessCrash);
  c.RunForMs(kSessionMs + 2000);
  ASSERT_EQ(c.Controllers().size(), 1u) << c.Story();
  NodeId next = c.Controllers()[0];

  auto led_after = *c.State(led.topic, led.partition.value());
  EXPECT_NE(led_after.leader, dead);
  EXPECT_NE(led_after.leader, kNoNode);
  EXPECT_EQ(led_after.leader_epoch, LeaderEpoch{led_before.leader_epoch.value() + 2}) << c.Story();
  EXPECT_EQ(led_after.zk_version, led_before.zk_version + 2) << "two conditional writes";
  EXPECT_EQ(led_after.isr, std::vector<NodeId>{led_after.leader});

  auto followed_after = *c.State(followed.topic, followed.partition.value());
  EXPECT_EQ(followed_after.leader, followed_before.leader) << "a live leader keeps its partition";
  EXPECT_EQ(followed_after.leader_epoch, LeaderEpoch{followed_before.leader_epoch.value() + 1});
  EXPECT_EQ(followed_after.isr, std::vector<NodeId>{followed_before.leader});

  // The new controller's story for the partition the dead one led: offline at
  // epoch +1 (ReplicaStateMachine), then elected at epoch +2.
  std::vector<ObsElection> mine;
  for (const auto& e : c.ObsOf<ObsElection>())
    if (e.controller == next && e.tp == led) mine.push_back(e);
  ASSERT_EQ(mine.size(), 2u) << c.Story();
  EXPECT_EQ(mine[0].leader, kNoNode);
  EXPECT_EQ(mine[0].leader_epoch, LeaderEpoch{led_before.leader_epoch.value() + 1});
  EXPECT_EQ(mine[1].leader, led_after.leader);
  EXPECT_EQ(mine[1].leader_epoch, led_after.leader_epoch);

  // The surviving replica heard both: LeaderAndIsr with leader -1, then with itself.
  std::vector<PartitionState> heard;
  for (const auto& req : c.log(led_after.leader.value()).leader_and_isr) {
    if (req.controller_epoch != ControllerEpoch{2}) continue;
    for (const auto& ps : req.partition_states)
      if (ps.tp == led && ps.leader_epoch > led_before.leader_epoch) heard.push_back(ps);
  }
  ASSERT_EQ(heard.size(), 2u) << c.Story();
  EXPECT_EQ(heard[0].leader, kNoNode);
  EXPECT_EQ(heard[1].leader, led_after.leader);
}

TEST_F(ControllerTest, LeaderCrashElectsNewLeaderFromIsrAndBumpsLeaderEpoch) {
  Cluster c(3, Topics());
  Boot(c);
  NodeId ctl = c.Controllers()[0];
  TopicPartition tp = PartitionWithout(ctl);  // led by a broker that is not the controller
  auto before = *c.State(tp.topic, tp.partition.value());
  NodeId leader = before.leader;
  NodeId follower = before.isr[0] == leader ? before.isr[1] : before.isr[0];
  size_t seen = c.log(follower.value()).leader_and_isr.size();
  c.world().Crash(leader, sim::KillType::kProcessCrash);
  c.RunForMs(kSessionMs + 1000);
  auto after = *c.State(tp.topic, tp.partition.value());
  EXPECT_EQ(after.leader, follower);
  EXPECT_EQ(after.leader_epoch, LeaderEpoch{before.leader_epoch.value() + 1});
  EXPECT_EQ(after.isr, std::vector<NodeId>{follower});
  EXPECT_GT(after.zk_version, before.zk_version);
  // The new leader heard of it, stamped with the controller epoch.
  const auto& lai = c.log(follower.value()).leader_and_isr;
  ASSERT_GT(lai.size(), seen);
  bool found = false;
  for (const auto& ps : lai.back().partition_states) {
    if (ps.tp != tp) continue;
    found = true;
    EXPECT_EQ(ps.leader, follower);
    EXPECT_EQ(ps.leader_epoch, after.leader_epoch);
    EXPECT_EQ(ps.partition_epoch, after.zk_version);
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(lai.back().controller_epoch, ControllerEpoch{1});
  auto elections = c.ObsOf<ObsElection>();
  ASSERT_FALSE(elections.empty());
  EXPECT_EQ(elections.back().leader, follower);
  EXPECT_FALSE(elections.back().unclean);
}

// Kafka's onBrokerFailure takes the dead replicas offline one broker at a
// time (ReplicaStateMachine: removeReplicasFromIsr per replica), each removal
// a conditional write with a leader-epoch bump.
TEST_F(ControllerTest, DeadFollowersLeaveTheIsrOneReplicaAtATime) {
  std::vector<TopicAssignment> topics{
      TopicAssignment{"wide", {Ids({1, 2, 3}), Ids({2, 3, 4}), Ids({3, 4, 1}), Ids({4, 1, 2})}, {}}};
  Cluster c(4, topics);
  Boot(c);
  NodeId ctl = c.Controllers()[0];
  TopicPartition tp{"wide", PartitionId{ctl.value() % 4}};  // the partition without the controller
  auto before = *c.State(tp.topic, tp.partition.value());
  ASSERT_EQ(before.isr.size(), 3u);
  c.world().Crash(before.isr[1], sim::KillType::kProcessCrash);
  c.world().Crash(before.isr[2], sim::KillType::kProcessCrash);
  c.RunForMs(kSessionMs + 1000);
  auto after = *c.State(tp.topic, tp.partition.value());
  EXPECT_EQ(after.leader, before.leader);
  EXPECT_EQ(after.isr, std::vector<NodeId>{before.leader});
  EXPECT_EQ(after.leader_epoch, LeaderEpoch{before.leader_epoch.value() + 2}) << c.Story();
  EXPECT_EQ(after.zk_version, before.zk_version + 2);
  int shrinks = 0;
  for (const auto& i : c.ObsOf<ObsIsrChange>()) shrinks += i.tp == tp && i.new_isr.size() < i.old_isr.size();
  EXPECT_EQ(shrinks, 2) << c.Story();
}

// Shrinks the ISR of `tp` to its leader alone through the leader's own write.
void ShrinkIsrToLeader(Cluster& c, const TopicPartition& tp) {
  auto s = *c.State(tp.topic, tp.partition.value());
  std::optional<ErrorCode> result;
  c.broker(s.leader.value())
      ->plane()
      .AlterIsr(tp, s.leader_epoch, {s.leader}, s.zk_version,
                [&](ErrorCode e, const std::vector<NodeId>&, int32_t) { result = e; });
  c.RunForMs(100);
  ASSERT_EQ(result, ErrorCode::NONE);
  ASSERT_EQ(c.State(tp.topic, tp.partition.value())->isr, std::vector<NodeId>{s.leader});
}

TEST_F(ControllerTest, NoLiveIsrReplicaAndUncleanOffLeavesPartitionOffline) {
  Cluster c(3, Topics(false));
  Boot(c);
  TopicPartition tp = PartitionWithout(c.Controllers()[0]);
  ShrinkIsrToLeader(c, tp);
  NodeId leader = c.State(tp.topic, tp.partition.value())->leader;
  c.world().Crash(leader, sim::KillType::kProcessCrash);
  c.RunForMs(kSessionMs + 1000);
  auto s = *c.State(tp.topic, tp.partition.value());
  EXPECT_EQ(s.leader, kNoNode);
  EXPECT_EQ(s.isr, std::vector<NodeId>{leader}) << "the last ISR member stays in the ISR";
  auto elections = c.ObsOf<ObsElection>();
  ASSERT_FALSE(elections.empty());
  EXPECT_EQ(elections.back().tp, tp);
  EXPECT_EQ(elections.back().leader, kNoNode);
  EXPECT_NE(elections.back().reason.find("unclean.leader.election.enable=false"), std::string::npos)
      << elections.back().reason;
  // The broker comes back: it is the ISR, so the partition is online again, cleanly.
  c.world().Restart(leader);
  c.RunForMs(2000);
  EXPECT_EQ(c.State(tp.topic, tp.partition.value())->leader, leader);
}

TEST_F(ControllerTest, UncleanOnElectsLiveOutOfSyncReplica) {
  Cluster c(3, Topics(true));
  Boot(c);
  TopicPartition tp = PartitionWithout(c.Controllers()[0]);
  ShrinkIsrToLeader(c, tp);
  auto before = *c.State(tp.topic, tp.partition.value());
  c.world().Crash(before.leader, sim::KillType::kProcessCrash);
  c.RunForMs(kSessionMs + 1000);
  auto s = *c.State(tp.topic, tp.partition.value());
  ASSERT_NE(s.leader, kNoNode);
  EXPECT_NE(s.leader, before.leader);
  EXPECT_EQ(s.isr, std::vector<NodeId>{s.leader});
  auto elections = c.ObsOf<ObsElection>();
  ASSERT_FALSE(elections.empty());
  EXPECT_TRUE(elections.back().unclean);
  EXPECT_EQ(elections.back().leader, s.leader);
}

// Kafka's PartitionStateMachine reads the topic's effective LogConfig: a
// topic-level unclean.leader.election.enable overrides the broker's.
TEST_F(ControllerTest, TopicUncleanFalseOverridesBrokerUncleanTrue) {
  config::BrokerConfig cfg = testing::TestConfig();
  cfg.unclean_leader_election_enable = true;
  Cluster c(3, Topics(false), cfg);
  Boot(c);
  TopicPartition tp = PartitionWithout(c.Controllers()[0]);
  ShrinkIsrToLeader(c, tp);
  NodeId leader = c.State(tp.topic, tp.partition.value())->leader;
  c.world().Crash(leader, sim::KillType::kProcessCrash);
  c.RunForMs(kSessionMs + 1000);
  auto s = *c.State(tp.topic, tp.partition.value());
  EXPECT_EQ(s.leader, kNoNode) << c.Story();
  for (const auto& e : c.ObsOf<ObsElection>()) EXPECT_FALSE(e.unclean) << e.reason;
}

TEST_F(ControllerTest, TopicWithoutUncleanOverrideTakesTheBrokersValue) {
  config::BrokerConfig cfg = testing::TestConfig();
  cfg.unclean_leader_election_enable = true;
  Cluster c(3, Topics(), cfg);
  Boot(c);
  TopicPartition tp = PartitionWithout(c.Controllers()[0]);
  ShrinkIsrToLeader(c, tp);
  NodeId leader = c.State(tp.topic, tp.partition.value())->leader;
  c.world().Crash(leader, sim::KillType::kProcessCrash);
  c.RunForMs(kSessionMs + 1000);
  auto s = *c.State(tp.topic, tp.partition.value());
  EXPECT_NE(s.leader, kNoNode) << c.Story();
  EXPECT_NE(s.leader, leader);
  ASSERT_FALSE(c.ObsOf<ObsElection>().empty());
  EXPECT_TRUE(c.ObsOf<ObsElection>().back().unclean);
}

TEST_F(ControllerTest, BrokerPartitionedFromZooKeeperLosesSessionAndLeaderships) {
  Cluster c(3, Topics());
  Boot(c);
  TopicPartition tp = PartitionWithout(c.Controllers()[0]);
  NodeId leader = c.State(tp.topic, tp.partition.value())->leader;
  c.CutFromZk(leader);
  c.RunForMs(kSessionMs + 1500);
  EXPECT_FALSE(c.broker(leader.value())->plane().registered());
  auto s = *c.State(tp.topic, tp.partition.value());
  EXPECT_NE(s.leader, leader);
  EXPECT_EQ(c.zk().Find(BrokerIdPath(leader)), nullptr);
  // Healed: it registers on a new session and hears its new role.
  size_t seen = c.log(leader.value()).leader_and_isr.size();
  c.Heal();
  c.RunForMs(3000);
  EXPECT_TRUE(c.broker(leader.value())->plane().registered());
  EXPECT_GT(c.log(leader.value()).leader_and_isr.size(), seen);
}

TEST_F(ControllerTest, ControllerCutFromZooKeeperResignsAndAnotherTakesOver) {
  Cluster c(3, Topics());
  Boot(c);
  NodeId first = c.Controllers()[0];
  c.CutFromZk(first);
  c.RunForMs(kSessionMs + 1500);
  auto resigned = c.ObsOf<ObsControllerResigned>();
  ASSERT_EQ(resigned.size(), 1u);
  EXPECT_EQ(resigned[0].node, first);
  auto now = c.Controllers();
  ASSERT_EQ(now.size(), 1u);
  EXPECT_NE(now[0], first);
  EXPECT_EQ(c.ControllerEpochInZk(), ControllerEpoch{2});
}

TEST_F(ControllerTest, PreferredLeaderIsRestoredAfterTheBrokerReturns) {
  config::BrokerConfig cfg = testing::TestConfig();
  cfg.auto_leader_rebalance_enable = true;
  cfg.leader_imbalance_check_interval_seconds = 10;
  Cluster c(3, Topics(), cfg);
  Boot(c);
  TopicPartition tp = PartitionWithout(c.Controllers()[0]);
  NodeId preferred = c.State(tp.topic, tp.partition.value())->leader;
  c.world().Crash(preferred, sim::KillType::kProcessCrash);
  c.RunForMs(kSessionMs + 1000);
  auto moved = *c.State(tp.topic, tp.partition.value());
  ASSERT_NE(moved.leader, preferred);
  c.world().Restart(preferred);
  c.RunForMs(1000);
  // The current leader lets the returned replica back into the ISR (its follower caught up).
  std::optional<ErrorCode> result;
  c.broker(moved.leader.value())
      ->plane()
      .AlterIsr(tp, moved.leader_epoch, {moved.leader, preferred}, moved.zk_version,
                [&](ErrorCode e, const std::vector<NodeId>&, int32_t) { result = e; });
  c.RunForMs(cfg.leader_imbalance_check_interval_seconds * 1000 + 1000);
  ASSERT_EQ(result, ErrorCode::NONE);
  auto s = *c.State(tp.topic, tp.partition.value());
  EXPECT_EQ(s.leader, preferred);
  EXPECT_EQ(s.leader_epoch, LeaderEpoch{moved.leader_epoch.value() + 1});
  auto elections = c.ObsOf<ObsElection>();
  ASSERT_FALSE(elections.empty());
  EXPECT_NE(elections.back().reason.find("preferred replica"), std::string::npos);
}

TEST_F(ControllerTest, AlterIsrConditionalWriteSucceedsThenFailsWithStaleVersion) {
  Cluster c(3, Topics());
  Boot(c);
  TopicPartition tp{"orders", PartitionId{0}};
  auto s = *c.State("orders", 0);
  auto& plane = c.broker(s.leader.value())->plane();
  std::optional<ErrorCode> r1, r2;
  int32_t new_version = -1;
  std::vector<NodeId> isr2;
  plane.AlterIsr(tp, s.leader_epoch, {s.leader}, s.zk_version, [&](ErrorCode e, const std::vector<NodeId>&, int32_t v) {
    r1 = e;
    new_version = v;
  });
  c.RunForMs(500);
  ASSERT_EQ(r1, ErrorCode::NONE);
  EXPECT_EQ(new_version, s.zk_version + 1);
  auto after = *c.State("orders", 0);
  EXPECT_EQ(after.isr, std::vector<NodeId>{s.leader});
  EXPECT_EQ(after.leader_epoch, s.leader_epoch) << "an ISR change keeps the leader epoch";
  EXPECT_EQ(after.controller_epoch, s.controller_epoch);
  // The controller learned of it and told every broker.
  const auto& um = c.log(3).update_metadata;
  ASSERT_FALSE(um.empty());
  bool propagated = false;
  for (const auto& ps : um.back().partition_states)
    propagated = propagated || (ps.tp == tp && ps.isr == std::vector<NodeId>{s.leader});
  EXPECT_TRUE(propagated);
  EXPECT_TRUE(c.zk().Find("/isr_change_notification")->children.empty()) << "notifications are consumed";
  // The same leader, still holding the old version, is refused.
  plane.AlterIsr(tp, s.leader_epoch, s.isr, s.zk_version, [&](ErrorCode e, const std::vector<NodeId>& isr, int32_t) {
    r2 = e;
    isr2 = isr;
  });
  c.RunForMs(500);
  EXPECT_EQ(r2, ErrorCode::FENCED_LEADER_EPOCH);
  EXPECT_EQ(isr2, std::vector<NodeId>{s.leader});
  EXPECT_EQ(c.State("orders", 0)->isr, std::vector<NodeId>{s.leader});
}

TEST_F(ControllerTest, FastRestartWaitsForStaleRegistrationThenGetsLeaderAndIsr) {
  Cluster c(3, Topics());
  Boot(c);
  TopicPartition tp = PartitionWithout(c.Controllers()[0]);
  NodeId leader = c.State(tp.topic, tp.partition.value())->leader;
  c.world().Crash(leader, sim::KillType::kProcessCrash);
  c.RunForMs(1000);
  c.world().Restart(leader);
  c.RunForMs(1000);
  EXPECT_FALSE(c.broker(leader.value())->plane().registered()) << "old ephemeral still there";
  size_t seen = c.log(leader.value()).leader_and_isr.size();
  c.RunForMs(kSessionMs);
  EXPECT_TRUE(c.broker(leader.value())->plane().registered());
  EXPECT_GT(c.log(leader.value()).leader_and_isr.size(), seen);
  EXPECT_NE(c.State(tp.topic, tp.partition.value())->leader, kNoNode);
}

TEST_F(ControllerTest, SameSeedSameHistory) {
  auto run = [] {
    Cluster c(3, Topics(), testing::TestConfig(), 99);
    c.StartAll();
    c.RunForMs(2000);
    c.world().Crash(NodeId{2}, sim::KillType::kProcessCrash);
    c.RunForMs(kSessionMs + 2000);
    return c.world().trace().hash();
  };
  EXPECT_EQ(run(), run());
}

}  // namespace
}  // namespace kafkasim::controller

namespace kafkasim::controller {
namespace {

// Many seeds, jittery and slightly lossy links, one random broker crash and
// restart: afterwards exactly one controller, its epoch is ZooKeeper's, and
// every partition has a live leader that is in its ISR (the cut broker is
// back, so nothing may stay offline).
TEST(ControllerSeedSweepTest, ConvergesAfterACrashAndRestartOnAnySeed) {
  for (uint64_t seed = 1; seed <= 25; ++seed) {
    sim::LinkDefaults net{Ms(1), Ms(15), 0.03, 0.02, 0.0, 0};
    Cluster c(3, Topics(), testing::TestConfig(), seed, net);
    c.StartAll();
    c.RunForMs(3000);
    NodeId victim{static_cast<int32_t>(1 + seed % 3)};
    c.world().Crash(victim, sim::KillType::kProcessCrash);
    c.RunForMs(static_cast<int64_t>(seed % 4) * 2500);
    c.world().Restart(victim);
    c.RunForMs(2 * kSessionMs + 4000);
    auto ctl = c.Controllers();
    ASSERT_EQ(ctl.size(), 1u) << "seed " << seed << "\n" << c.Story();
    const KafkaController* k = c.broker(ctl[0].value())->plane().controller();
    EXPECT_EQ(k->epoch(), c.ControllerEpochInZk()) << "seed " << seed;
    for (int32_t p = 0; p < 3; ++p) {
      auto s = c.State("orders", p);
      ASSERT_TRUE(s) << "seed " << seed;
      ASSERT_NE(s->leader, kNoNode) << "seed " << seed << " orders-" << p << "\n" << c.Story();
      EXPECT_NE(std::find(s->isr.begin(), s->isr.end(), s->leader), s->isr.end()) << "seed " << seed;
      EXPECT_EQ(k->context().partition_states.at(TopicPartition{"orders", PartitionId{p}}), *s)
          << "controller cache = ZooKeeper, seed " << seed;
    }
  }
}

}  // namespace
}  // namespace kafkasim::controller
