// tests/sim/network_test.cc — the simulated network's per-send decisions:
// FIFO links under jitter, drop / duplicate / latency rules, TCP
// retransmission on lossy links, healing, and bandwidth serialization.
#include "sim/network.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <vector>

namespace kafkasim::sim {
namespace {

const NodeId kA{1}, kB{2}, kC{3};

LinkDefaults Fixed(TimeNs latency) {
  LinkDefaults d;
  d.latency_min_ns = latency;
  d.latency_max_ns = latency;
  return d;
}

LinkRule Cut(uint64_t fault) {
  LinkRule r;
  r.fault_id = fault;
  r.drop = 1.0;
  return r;
}

TEST(NetworkTest, DeliversAfterTheFixedLatency) {
  SimNetwork net(Fixed(Ms(2)), Prng(1));
  SendPlan p = net.Plan(kA, kB, 100, Ms(10));
  EXPECT_FALSE(p.dropped);
  EXPECT_EQ(p.deliver_at, (std::vector<TimeNs>{Ms(12)}));
}

TEST(NetworkTest, JitteredLatencyStaysWithinBounds) {
  LinkDefaults d;
  d.latency_min_ns = Ms(1);
  d.latency_max_ns = Ms(9);
  SimNetwork net(d, Prng(2));
  bool saw_min_side = false, saw_max_side = false;
  for (int i = 0; i < 2000; ++i) {
    // One message per distinct link so FIFO clamping does not interfere.
    SendPlan p = net.Plan(NodeId{i}, kB, 10, 0);
    ASSERT_EQ(p.deliver_at.size(), 1u);
    ASSERT_GE(p.deliver_at[0], Ms(1));
    ASSERT_LE(p.deliver_at[0], Ms(9));
    saw_min_side |= p.deliver_at[0] < Ms(2);
    saw_max_side |= p.deliver_at[0] > Ms(8);
  }
  EXPECT_TRUE(saw_min_side && saw_max_side) << "jitter should spread over the range";
}

RC_GTEST_PROP(NetworkProperty, LinksAreFifoUnderJitterWithoutReorder, (uint64_t seed)) {
  LinkDefaults d;
  d.latency_min_ns = Ms(1);
  d.latency_max_ns = Ms(100);
  SimNetwork net(d, Prng(seed));
  const auto gaps = *rc::gen::container<std::vector<TimeNs>>(rc::gen::inRange<TimeNs>(0, Ms(30)));
  TimeNs now = 0;
  TimeNs last_ab = -1, last_ba = -1;
  for (size_t i = 0; i < gaps.size(); ++i) {
    now += gaps[i];
    const bool forward = i % 3 != 0;
    SendPlan p = net.Plan(forward ? kA : kB, forward ? kB : kA, 100, now);
    RC_ASSERT(!p.dropped);
    RC_ASSERT(p.deliver_at.size() == 1u);
    RC_ASSERT(p.deliver_at[0] >= now + Ms(1));  // never faster than the minimum latency
    TimeNs& last = forward ? last_ab : last_ba;
    RC_ASSERT(p.deliver_at[0] >= last);
    last = p.deliver_at[0];
  }
}

// With a fixed latency nothing can overtake anything, unless `reorder` holds
// a message back: then later messages on the same link arrive before it.
TEST(NetworkTest, ReorderLetsLaterMessagesOvertakeEvenWithFixedLatency) {
  auto overtaken = [](double reorder) {
    LinkDefaults d = Fixed(Ms(5));
    d.reorder = reorder;
    SimNetwork net(d, Prng(9));
    TimeNs last = 0;
    int n = 0;
    for (int i = 0; i < 200; ++i) {
      TimeNs at = net.Plan(kA, kB, 10, Ms(i)).deliver_at.at(0);
      EXPECT_GE(at, Ms(i) + Ms(5));
      n += at < last;
      last = std::max(last, at);
    }
    return n;
  };
  EXPECT_EQ(overtaken(0.0), 0);
  EXPECT_GT(overtaken(0.3), 10);
}

TEST(NetworkTest, DropRuleOfOneDropsEverythingOnThatLinkOnly) {
  SimNetwork net(Fixed(Ms(2)), Prng(3));
  net.AddRule(kA, kB, Cut(7));
  EXPECT_TRUE(net.IsCut(kA, kB));
  EXPECT_FALSE(net.IsCut(kB, kA));  // directed
  for (int i = 0; i < 100; ++i) {
    SendPlan p = net.Plan(kA, kB, 10, 0);
    ASSERT_TRUE(p.dropped);
    ASSERT_TRUE(p.deliver_at.empty());
    EXPECT_FALSE(p.drop_reason.empty());
  }
  EXPECT_FALSE(net.Plan(kB, kA, 10, 0).dropped);
  EXPECT_FALSE(net.Plan(kA, kC, 10, 0).dropped);
}

// A lossy link is TCP losing packets: every message still arrives, in
// order, a quarter of them (the loss rate) after at least one 200 ms
// retransmission, and each retransmitted one delays those behind it.
TEST(NetworkTest, PartialLossRetransmitsInOrderAndLosesNothing) {
  LinkDefaults d = Fixed(Ms(1));
  d.loss = 0.25;
  SimNetwork net(d, Prng(4));
  int retransmitted = 0;
  TimeNs last = 0;
  constexpr int n = 20000;
  for (int i = 0; i < n; ++i) {
    const TimeNs now = Ms(i);
    SendPlan p = net.Plan(kA, kB, 10, now);
    ASSERT_FALSE(p.dropped);
    ASSERT_EQ(p.deliver_at.size(), 1u);
    const TimeNs at = p.deliver_at[0];
    ASSERT_GE(at, last);  // FIFO: nothing overtakes a retransmitted message
    if (p.retransmits > 0) {
      ++retransmitted;
      // 200 ms, then 400 ms more, 800 ms more...: at least the sum of the timeouts.
      EXPECT_GE(at, now + Ms(1) + Ms(200) * ((TimeNs{1} << p.retransmits) - 1));
    }
    last = at;
  }
  EXPECT_NEAR(retransmitted, n / 4, 500);  // sd ~ 61
}

TEST(NetworkTest, TcpGivesUpAfterFifteenRetransmissions) {
  LinkRule r;
  r.fault_id = 1;
  r.drop = 0.999;
  SimNetwork net(Fixed(Ms(1)), Prng(5));
  net.AddRule(kA, kB, r);
  int dropped = 0;
  for (int i = 0; i < 50; ++i) {
    SendPlan p = net.Plan(kA, kB, 10, 0);
    if (p.dropped) {
      ++dropped;
      EXPECT_EQ(p.retransmits, 15);
      EXPECT_TRUE(p.deliver_at.empty());
    }
  }
  EXPECT_GT(dropped, 40);  // 0.999^16 of them: nearly all
}

// A closed connection's bytes still arrive, but the next message travels on
// a new connection and need not wait behind them.
TEST(NetworkTest, ResetConnectionLetsTheNewConnectionOvertakeTheOld) {
  LinkRule lossy;
  lossy.fault_id = 1;
  lossy.drop = 0.9;
  SimNetwork net(Fixed(Ms(1)), Prng(6));
  net.AddRule(kA, kB, lossy);
  SendPlan slow;
  do {
    slow = net.Plan(kA, kB, 10, 0);
  } while (slow.dropped || slow.retransmits < 2);
  net.RemoveFault(1);
  EXPECT_GE(net.Plan(kA, kB, 10, Ms(1)).deliver_at[0], slow.deliver_at[0]);  // same connection: waits
  net.ResetConnection(kA, kB);
  EXPECT_EQ(net.Plan(kA, kB, 10, Ms(1)).deliver_at[0], Ms(2));  // a new one: overtakes
}

TEST(NetworkTest, RemoveFaultRemovesOnlyThatFaultsRules) {
  SimNetwork net(Fixed(Ms(2)), Prng(5));
  net.AddRule(kA, kB, Cut(1));
  net.AddRule(kB, kA, Cut(1));
  net.AddRule(kA, kC, Cut(2));
  net.AddRule(kA, kB, Cut(2));  // the same link cut by two faults
  net.RemoveFault(1);
  EXPECT_FALSE(net.IsCut(kB, kA));
  EXPECT_TRUE(net.IsCut(kA, kB));  // fault 2 still cuts it
  EXPECT_TRUE(net.IsCut(kA, kC));
  EXPECT_EQ(net.rules().size(), 2u);
  net.RemoveFault(2);
  EXPECT_FALSE(net.IsCut(kA, kB));
  EXPECT_FALSE(net.IsCut(kA, kC));
  EXPECT_TRUE(net.rules().empty());
  EXPECT_FALSE(net.Plan(kA, kB, 10, 0).dropped);
}

TEST(NetworkTest, HealNodeRemovesRulesTouchingThatNodeInBothDirections) {
  SimNetwork net(Fixed(Ms(2)), Prng(6));
  net.AddRule(kA, kB, Cut(1));
  net.AddRule(kB, kA, Cut(1));
  net.AddRule(kC, kB, Cut(2));
  net.AddRule(kA, kC, Cut(3));
  net.HealNode(kB);
  EXPECT_FALSE(net.IsCut(kA, kB));
  EXPECT_FALSE(net.IsCut(kB, kA));
  EXPECT_FALSE(net.IsCut(kC, kB));
  EXPECT_TRUE(net.IsCut(kA, kC));
  EXPECT_EQ(net.rules().size(), 1u);
}

TEST(NetworkTest, HealAllRemovesEveryRule) {
  SimNetwork net(Fixed(Ms(2)), Prng(7));
  net.AddRule(kA, kB, Cut(1));
  net.AddRule(kC, kA, Cut(2));
  net.HealAll();
  EXPECT_TRUE(net.rules().empty());
  EXPECT_FALSE(net.Plan(kA, kB, 1, 0).dropped);
  EXPECT_FALSE(net.Plan(kC, kA, 1, 0).dropped);
}

TEST(NetworkTest, DuplicateOfOneYieldsTwoDeliveries) {
  SimNetwork net(Fixed(Ms(2)), Prng(8));
  LinkRule dup;
  dup.fault_id = 1;
  dup.duplicate = 1.0;
  net.AddRule(kA, kB, dup);
  for (int i = 0; i < 20; ++i) {
    const TimeNs now = Ms(100) * i;
    SendPlan p = net.Plan(kA, kB, 10, now);
    ASSERT_EQ(p.deliver_at.size(), 2u);
    EXPECT_EQ(p.deliver_at[0], now + Ms(2));
    EXPECT_GE(p.deliver_at[1], p.deliver_at[0]);
  }
  // Other links are unaffected.
  EXPECT_EQ(net.Plan(kB, kA, 10, 0).deliver_at.size(), 1u);
}

TEST(NetworkTest, LatencyRuleRaisesTheLinkLatency) {
  SimNetwork net(Fixed(Ms(2)), Prng(9));
  LinkRule slow;
  slow.fault_id = 4;
  slow.latency_min_ns = Ms(100);
  slow.latency_max_ns = Ms(100);
  net.AddRule(kA, kB, slow);
  EXPECT_EQ(net.Plan(kA, kB, 10, 0).deliver_at, (std::vector<TimeNs>{Ms(100)}));
  EXPECT_EQ(net.Plan(kB, kA, 10, 0).deliver_at, (std::vector<TimeNs>{Ms(2)}));
  net.RemoveFault(4);
  EXPECT_EQ(net.Plan(kA, kB, 10, Ms(200)).deliver_at, (std::vector<TimeNs>{Ms(202)}));
}

TEST(NetworkTest, LatencyRuleWithOnlyAMinimumUsesIt) {
  SimNetwork net(Fixed(Ms(2)), Prng(10));
  LinkRule slow;
  slow.latency_min_ns = Ms(50);
  net.AddRule(kA, kB, slow);
  EXPECT_EQ(net.Plan(kA, kB, 10, 0).deliver_at, (std::vector<TimeNs>{Ms(50)}));
}

TEST(NetworkTest, StackedLatencyRulesTheLargestWins) {
  SimNetwork net(Fixed(Ms(2)), Prng(11));
  LinkRule a, b;
  a.fault_id = 1;
  a.latency_min_ns = a.latency_max_ns = Ms(30);
  b.fault_id = 2;
  b.latency_min_ns = b.latency_max_ns = Ms(80);
  net.AddRule(kA, kB, a);
  net.AddRule(kA, kB, b);
  EXPECT_EQ(net.Plan(kA, kB, 10, 0).deliver_at, (std::vector<TimeNs>{Ms(80)}));
  net.RemoveFault(2);
  EXPECT_EQ(net.Plan(kA, kB, 10, Ms(100)).deliver_at, (std::vector<TimeNs>{Ms(130)}));
}

TEST(NetworkTest, BandwidthSerializesMessagesOnALink) {
  // 1 MB/s link, two 1 MB messages sent together: the first finishes
  // transmitting after 1 s, the second after 2 s; each then takes the 2 ms
  // propagation latency.
  LinkDefaults d = Fixed(Ms(2));
  d.bandwidth_bytes_per_sec = 1'000'000;
  SimNetwork net(d, Prng(12));
  SendPlan first = net.Plan(kA, kB, 1'000'000, 0);
  SendPlan second = net.Plan(kA, kB, 1'000'000, 0);
  ASSERT_EQ(first.deliver_at.size(), 1u);
  ASSERT_EQ(second.deliver_at.size(), 1u);
  EXPECT_EQ(first.deliver_at[0], kNsPerSec + Ms(2));
  EXPECT_EQ(second.deliver_at[0], 2 * kNsPerSec + Ms(2));
  EXPECT_EQ(second.deliver_at[0] - first.deliver_at[0], kNsPerSec);
  // Links are independent: another link is idle.
  EXPECT_EQ(net.Plan(kB, kA, 1'000'000, 0).deliver_at[0], kNsPerSec + Ms(2));
  // An idle link starts transmitting at send time, not at the old busy time.
  EXPECT_EQ(net.Plan(kA, kC, 500'000, Ms(5000)).deliver_at[0], Ms(5000) + Ms(500) + Ms(2));
}

}  // namespace
}  // namespace kafkasim::sim
