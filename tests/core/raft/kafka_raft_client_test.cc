// tests/core/raft/kafka_raft_client_test.cc — a 3-voter quorum on the
// simulator: election, leader crash, a leader cut off with a minority,
// log divergence. QuorumInvariants run after every event (quorum_harness.h).
#include <gtest/gtest.h>

#include "tests/core/raft/quorum_harness.h"

namespace kafkasim::raft {
namespace {

using testing::Quorum;

std::vector<RaftRecord> LogOf(KafkaRaftClient& c) { return c.log().records(); }

TEST(KafkaRaftClientTest, ElectsOneLeaderThatEveryVoterFollowsAndCommits) {
  Quorum q;
  q.Run(5000);
  auto leader = q.Leader();
  ASSERT_TRUE(leader);
  KafkaRaftClient& l = q.C(leader->value());
  EXPECT_GE(l.epoch(), LeaderEpoch{1});
  for (int v = 1; v <= 3; ++v) {
    if (NodeId{v} == *leader) continue;
    EXPECT_EQ(q.C(v).role(), RaftRole::kFollower);
    EXPECT_EQ(q.C(v).leader_id(), *leader);
    EXPECT_EQ(q.C(v).epoch(), l.epoch());
  }
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(l.Append("record-" + std::to_string(i)).ok());
  q.Run(1000);
  const Offset end = l.log().EndOffset();
  EXPECT_EQ(l.high_watermark(), end) << "all records, the LeaderChange one included, are committed";
  for (int v = 1; v <= 3; ++v) {
    EXPECT_EQ(LogOf(q.C(v)), LogOf(l));
    EXPECT_EQ(q.C(v).high_watermark(), end);
  }
  EXPECT_TRUE(l.log().Read(Offset{0}).control) << "a leader's epoch begins with its LeaderChange record";
}

TEST(KafkaRaftClientTest, AFollowerCannotAppend) {
  Quorum q;
  q.Run(5000);
  auto leader = q.Leader();
  ASSERT_TRUE(leader);
  const int follower = leader->value() == 1 ? 2 : 1;
  auto r = q.C(follower).Append("x");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::NOT_LEADER_OR_FOLLOWER);
}

TEST(KafkaRaftClientTest, LeaderCrashElectsANewLeaderAtAHigherEpoch) {
  Quorum q;
  q.Run(5000);
  auto old_leader = q.Leader();
  ASSERT_TRUE(old_leader);
  const LeaderEpoch old_epoch = q.C(old_leader->value()).epoch();
  ASSERT_TRUE(q.C(old_leader->value()).Append("before the crash").ok());
  q.Run(500);
  q.Crash(*old_leader);
  q.Run(6000);  // fetch timeout (2 s) + election timeout (1-2 s) + backoff
  auto new_leader = q.Leader();
  ASSERT_TRUE(new_leader);
  EXPECT_NE(*new_leader, *old_leader);
  EXPECT_GT(q.C(new_leader->value()).epoch(), old_epoch);
  // The committed record survived into the new leader's log.
  bool found = false;
  for (const RaftRecord& r : q.C(new_leader->value()).log().records()) found |= r.payload == "before the crash";
  EXPECT_TRUE(found);
  // The old leader comes back as a follower of the new one and catches up.
  q.Restart(*old_leader);
  q.Run(3000);
  EXPECT_EQ(q.C(old_leader->value()).role(), RaftRole::kFollower);
  EXPECT_EQ(q.C(old_leader->value()).leader_id(), *new_leader);
  EXPECT_EQ(LogOf(q.C(old_leader->value())), LogOf(q.C(new_leader->value())));
}

// The leader is cut off from both other voters. Its appends stay
// uncommitted (no majority), it resigns when check quorum runs out
// (1.5 x fetch.timeout.ms without a majority fetching), the other two elect
// a leader at a higher epoch that commits new records; after the heal the
// old leader's uncommitted records are truncated (a diverging epoch in a
// FetchResponse) and every log is the same.
TEST(KafkaRaftClientTest, MinorityLeaderCannotCommitStepsDownAndItsDivergentTailIsTruncated) {
  Quorum q;
  q.Run(5000);
  auto old_leader = q.Leader();
  ASSERT_TRUE(old_leader);
  KafkaRaftClient* old = &q.C(old_leader->value());
  const LeaderEpoch old_epoch = old->epoch();
  q.Run(500);
  const std::optional<Offset> hw_before = old->high_watermark();
  q.Isolate(*old_leader);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(old->Append("uncommitted-" + std::to_string(i)).ok());
  q.Run(2000);
  EXPECT_EQ(old->high_watermark(), hw_before) << "no majority: the HW cannot move";
  EXPECT_EQ(old->role(), RaftRole::kLeader) << "check quorum has not run out yet (3 s)";
  q.Run(1500);
  EXPECT_NE(old->role(), RaftRole::kLeader) << "resigned after 1.5 x fetch.timeout.ms";
  q.Run(4000);
  std::optional<NodeId> new_leader;
  for (int v = 1; v <= 3; ++v)
    if (NodeId{v} != *old_leader && q.C(v).role() == RaftRole::kLeader) new_leader = NodeId{v};
  ASSERT_TRUE(new_leader) << "the majority elected a leader";
  KafkaRaftClient& nl = q.C(new_leader->value());
  EXPECT_GT(nl.epoch(), old_epoch);
  ASSERT_TRUE(nl.Append("committed-after").ok());
  q.Run(1000);
  EXPECT_EQ(nl.high_watermark(), nl.log().EndOffset());
  q.Heal();
  q.Run(6000);
  // Without pre-vote (not in Kafka 3.9) the old leader, whose failed
  // elections raised its epoch meanwhile, may depose the new leader once
  // healed: whoever leads now, its log has the committed record and none
  // of the old leader's uncommitted ones — and so has every voter's.
  auto leader = q.Leader();
  ASSERT_TRUE(leader);
  KafkaRaftClient& now = q.C(leader->value());
  EXPECT_NE(*leader, *old_leader) << "its log is behind: it cannot win a vote";
  bool committed_after = false;
  for (const RaftRecord& r : now.log().records()) {
    committed_after |= r.payload == "committed-after";
    EXPECT_EQ(r.payload.rfind("uncommitted-", 0), std::string::npos);
  }
  EXPECT_TRUE(committed_after);
  for (int v = 1; v <= 3; ++v) EXPECT_EQ(LogOf(q.C(v)), LogOf(now));
}

TEST(KafkaRaftClientTest, ARestartedVoterKeepsItsEpochAndVote) {
  Quorum q;
  q.Run(5000);
  auto leader = q.Leader();
  ASSERT_TRUE(leader);
  const int follower = leader->value() == 1 ? 2 : 1;
  const LeaderEpoch epoch = q.C(follower).epoch();
  q.Crash(NodeId{follower}, sim::KillType::kPowerFail);
  q.Restart(NodeId{follower});
  q.Run(10);
  EXPECT_EQ(q.C(follower).epoch(), epoch) << "quorum-state is fsynced";
  EXPECT_EQ(q.C(follower).role(), RaftRole::kFollower);
  EXPECT_EQ(q.C(follower).leader_id(), *leader);
}

}  // namespace
}  // namespace kafkasim::raft
