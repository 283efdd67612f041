// tests/sim/check/invariants_test.cc — the per-event safety checkers, fed
// hand-made observation sequences.
#include "sim/check/invariants.h"

#include <gtest/gtest.h>

namespace kafkasim::sim {
namespace {

const TopicPartition kTp{"orders", PartitionId{0}};

ObsLeaderAndIsr Request(int broker, int controller, int epoch) {
  return ObsLeaderAndIsr{NodeId{broker}, NodeId{controller}, ControllerEpoch{epoch}, 1};
}
ObsBecomeRole Follower(int broker, int leader, int leader_epoch) {
  return ObsBecomeRole{NodeId{broker}, kTp, false, NodeId{leader}, LeaderEpoch{leader_epoch}};
}

class StaleControllerEpochTest : public ::testing::Test {
 protected:
  StaleControllerEpochTest() {
    checker_.set_namer([](NodeId id) { return "broker-" + std::to_string(id.value()); });
  }
  bool Feed(const Observation& o) {
    ++event_;
    return checker_.Check(event_, Ms(static_cast<int64_t>(event_)), o);
  }
  InvariantChecker checker_;
  uint64_t event_ = 0;
};

TEST_F(StaleControllerEpochTest, NewerAndEqualEpochsMayBeApplied) {
  EXPECT_FALSE(Feed(Request(2, 1, 1)));
  EXPECT_FALSE(Feed(Follower(2, 1, 0)));
  EXPECT_FALSE(Feed(Request(2, 1, 1)));  // the same controller again
  EXPECT_FALSE(Feed(Follower(2, 1, 0)));
  EXPECT_FALSE(Feed(Request(2, 3, 2)));  // a new controller
  EXPECT_FALSE(Feed(Follower(2, 3, 1)));
  EXPECT_TRUE(checker_.violations().empty());
}

TEST_F(StaleControllerEpochTest, IgnoringAStaleRequestIsFine) {
  Feed(Request(2, 3, 2));
  Feed(Follower(2, 3, 1));
  // The deposed controller's request arrives late; the broker fences it.
  EXPECT_FALSE(Feed(Request(2, 1, 1)));
  EXPECT_FALSE(
      Feed(ObsFenced{NodeId{2}, TopicPartition{}, "ignored LeaderAndIsr from broker 1 with stale controller epoch 1"}));
  // Another broker's epochs are its own business.
  EXPECT_FALSE(Feed(Request(3, 1, 1)));
  EXPECT_FALSE(Feed(Follower(3, 1, 0)));
  EXPECT_TRUE(checker_.violations().empty());
}

TEST_F(StaleControllerEpochTest, ApplyingAStaleRequestIsAViolation) {
  Feed(Request(2, 3, 2));
  Feed(Follower(2, 3, 1));
  Feed(Request(2, 1, 1));
  EXPECT_TRUE(Feed(ObsBecomeRole{NodeId{2}, kTp, true, NodeId{2}, LeaderEpoch{0}}));
  ASSERT_EQ(checker_.violations().size(), 1u);
  const Violation& v = checker_.violations()[0];
  EXPECT_EQ(v.checker, "NoStaleControllerEpoch");
  EXPECT_EQ(v.event, 4u);
  EXPECT_EQ(v.explanation,
            "broker-2 applied a LeaderAndIsr for orders-0 from broker-1 with controller epoch 1, after one of "
            "controller epoch 2: it acted on a deposed controller's decision instead of ignoring it as stale");
}

TEST_F(StaleControllerEpochTest, RolesOutsideALeaderAndIsrAreNotJudged) {
  // No request seen for broker-2 (e.g. a hand-built trace): nothing to compare.
  EXPECT_FALSE(Feed(Follower(2, 1, 0)));
  EXPECT_TRUE(checker_.violations().empty());
}

// The checker reads the leader's HW itself: a truncation lowers it without a
// HW report, and the next report's "old" value is already the lowered one.
TEST(MonotonicHighWatermarkTest, ATruncationThatLowersTheLeadersHighWatermarkIsCaught) {
  InvariantChecker checker;
  Offset replica_hw{10};
  checker.set_hw_lookup([&replica_hw](NodeId node, const TopicPartition&) -> std::optional<Offset> {
    if (node != NodeId{1}) return std::nullopt;
    return replica_hw;
  });
  EXPECT_FALSE(checker.Check(1, Ms(1), ObsBecomeRole{NodeId{1}, kTp, true, NodeId{1}, LeaderEpoch{0}}));
  EXPECT_FALSE(checker.Check(2, Ms(2), ObsHighWatermark{NodeId{1}, kTp, Offset{0}, Offset{10}, true}));
  replica_hw = Offset{7};  // Partition::TruncateTo on the leader: no HW report
  EXPECT_TRUE(checker.Check(3, Ms(3), ObsTruncate{NodeId{1}, kTp, Offset{12}, Offset{7}, "a bug"}));
  ASSERT_EQ(checker.violations().size(), 1u);
  EXPECT_EQ(checker.violations()[0].checker, "MonotonicHighWatermark");
  EXPECT_EQ(checker.violations()[0].event, 3u);
}

TEST(MonotonicHighWatermarkTest, AReportThatLooksMonotonicIsComparedWithWhatTheCheckerRead) {
  InvariantChecker checker;
  Offset replica_hw{10};
  checker.set_hw_lookup([&replica_hw](NodeId, const TopicPartition&) -> std::optional<Offset> { return replica_hw; });
  EXPECT_FALSE(checker.Check(1, Ms(1), ObsHighWatermark{NodeId{1}, kTp, Offset{0}, Offset{10}, true}));
  // Lowered silently to 7, then raised to 8: the replica reports 7 -> 8.
  replica_hw = Offset{8};
  EXPECT_TRUE(checker.Check(2, Ms(2), ObsHighWatermark{NodeId{1}, kTp, Offset{7}, Offset{8}, true}));
  EXPECT_EQ(checker.violations().at(0).explanation,
            "leader 1 moved the high watermark of orders-0 backwards from 10 to 8");
}

TEST(MonotonicHighWatermarkTest, ANewLeadershipStartsANewHistory) {
  InvariantChecker checker;
  Offset replica_hw{10};
  checker.set_hw_lookup([&replica_hw](NodeId, const TopicPartition&) -> std::optional<Offset> { return replica_hw; });
  EXPECT_FALSE(checker.Check(1, Ms(1), ObsHighWatermark{NodeId{1}, kTp, Offset{0}, Offset{10}, true}));
  EXPECT_FALSE(checker.Check(2, Ms(2), ObsBecomeRole{NodeId{1}, kTp, true, NodeId{1}, LeaderEpoch{1}}));
  replica_hw = Offset{4};  // e.g. restarted from an older checkpoint, then elected again
  EXPECT_FALSE(checker.Check(3, Ms(3), ObsHighWatermark{NodeId{1}, kTp, Offset{3}, Offset{4}, true}));
  EXPECT_TRUE(checker.violations().empty());
}

}  // namespace
}  // namespace kafkasim::sim
