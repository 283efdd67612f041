// tests/core/broker/partition_test.cc — one partition replica: leader
// appends, the high watermark, ISR shrink/expand decisions, min.insync,
// idempotent dedup, follower HW and truncation. Real Log on a SimDisk, a
// real Env from a sim::World node, real RecordBatch v2 bytes.
#include "core/broker/partition.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <map>
#include <vector>

#include "core/record/control_record.h"
#include "core/record/record_batch.h"
#include "tests/core/broker/broker_test_util.h"

namespace kafkasim::broker {
namespace {

using testing::MakeRecords;

class PartitionTest : public testing::BrokerEnvFixture {
 protected:
  // Broker 1 leads epoch 1 with ISR {1,2,3}.
  std::unique_ptr<Partition> Leader(int32_t min_isr = 1, std::vector<NodeId> isr = {kSelf, kF2, kF3},
                                    int64_t lag_ms = kLagMs) {
    auto p = MakePartition(min_isr, "t", lag_ms);
    p->MakeLeader(State(kSelf, 1, std::move(isr)));
    return p;
  }
  static LeaderAppendResult Append(Partition& p, int32_t records, int16_t acks = -1) {
    Bytes b = MakeRecords(records);
    return p.AppendAsLeader(b, acks);
  }
};

TEST_F(PartitionTest, LeaderAppendAdvancesLeoButNotHwUntilFollowersFetch) {
  auto p = Leader();
  EXPECT_TRUE(p->is_leader());
  LeaderAppendResult r = Append(*p, 3);
  ASSERT_EQ(r.error, ErrorCode::NONE) << r.message;
  EXPECT_EQ(r.base_offset, Offset{0});
  EXPECT_EQ(r.last_offset, Offset{2});
  EXPECT_EQ(p->log_end_offset(), Offset{3});
  EXPECT_EQ(p->high_watermark(), Offset{0});

  EXPECT_FALSE(p->UpdateFollowerFetchState(kF2, Offset{3}));
  EXPECT_EQ(p->high_watermark(), Offset{0}) << "broker 3 is in the ISR and has fetched nothing";
  EXPECT_TRUE(p->UpdateFollowerFetchState(kF3, Offset{3}));
  EXPECT_EQ(p->high_watermark(), Offset{3});
}

TEST_F(PartitionTest, HighWatermarkIsTheMinimumLeoOfTheIsr) {
  auto p = Leader();
  Append(*p, 5);
  p->UpdateFollowerFetchState(kF2, Offset{4});
  p->UpdateFollowerFetchState(kF3, Offset{2});
  EXPECT_EQ(p->high_watermark(), Offset{2});
  p->UpdateFollowerFetchState(kF3, Offset{5});
  EXPECT_EQ(p->high_watermark(), Offset{4});
  p->UpdateFollowerFetchState(kF2, Offset{5});
  EXPECT_EQ(p->high_watermark(), Offset{5});
}

TEST_F(PartitionTest, ReplicasOutsideTheIsrDoNotHoldBackTheHw) {
  auto p = Leader(1, {kSelf, kF2});
  Append(*p, 4);
  p->UpdateFollowerFetchState(kF2, Offset{4});
  EXPECT_EQ(p->high_watermark(), Offset{4});  // broker 3 (out of ISR) never fetched
}

// Kafka 3.4 Partition.maybeIncrementLeaderHW: the HW is the minimum LEO over
// the leader and every follower in the maximal ISR (KIP-497) or caught up.
TEST_F(PartitionTest, CaughtUpFollowerOutsideTheIsrHoldsTheHwBack) {
  auto p = Leader(1, {kSelf, kF2});
  Append(*p, 2);
  AdvanceTo(Ms(1000));
  p->UpdateFollowerFetchState(kF2, Offset{2});
  p->UpdateFollowerFetchState(kF3, Offset{2});  // broker 3 (not in the ISR) reaches the leader's LEO
  ASSERT_EQ(p->high_watermark(), Offset{2});
  Append(*p, 2);
  p->UpdateFollowerFetchState(kF2, Offset{4});
  EXPECT_EQ(p->high_watermark(), Offset{2}) << "broker 3 caught up 0 s ago: the HW waits for it";
  p->UpdateFollowerFetchState(kF3, Offset{4});
  EXPECT_EQ(p->high_watermark(), Offset{4});
  // Once its catch-up is older than replica.lag.time.max.ms it no longer counts.
  Append(*p, 2);
  AdvanceTo(Ms(1000 + kLagMs) + 1);
  p->UpdateFollowerFetchState(kF2, Offset{6});
  EXPECT_EQ(p->high_watermark(), Offset{6});
}

TEST_F(PartitionTest, CaughtUpFollowerNeverPushesTheHwForward) {
  auto p = Leader(1, {kSelf, kF2});
  Append(*p, 3);
  p->UpdateFollowerFetchState(kF3, Offset{3});  // outside the ISR, caught up
  EXPECT_EQ(p->high_watermark(), Offset{0}) << "broker 2, in the ISR, has fetched nothing";
}

TEST_F(PartitionTest, PendingIsrExpansionCountsForTheHw) {
  // KIP-497: while the leader waits for the controller to add broker 3, broker
  // 3 is in the maximal ISR and holds the HW back even when its catch-up is old.
  auto p = Leader(1, {kSelf, kF2});
  Append(*p, 4);
  p->UpdateFollowerFetchState(kF2, Offset{4});
  p->UpdateFollowerFetchState(kF3, Offset{4});
  ASSERT_TRUE(p->CanExpandIsrWith(kF3));
  p->BeginIsrChange({kSelf, kF2, kF3});
  EXPECT_EQ(p->maximal_isr(), (std::vector<NodeId>{kSelf, kF2, kF3}));
  EXPECT_EQ(p->isr(), (std::vector<NodeId>{kSelf, kF2})) << "the committed ISR is unchanged";
  AdvanceTo(Ms(kLagMs) + 1);  // broker 3's catch-up is now too old to count on its own
  Append(*p, 2);
  p->UpdateFollowerFetchState(kF2, Offset{6});
  EXPECT_EQ(p->high_watermark(), Offset{4});
  p->AbortIsrChange();  // refused: back to the committed ISR
  p->UpdateFollowerFetchState(kF2, Offset{6});
  EXPECT_EQ(p->high_watermark(), Offset{6});
}

TEST_F(PartitionTest, PendingIsrShrinkStillCountsTheCommittedIsr) {
  auto p = Leader();
  Append(*p, 4);
  p->UpdateFollowerFetchState(kF2, Offset{4});
  p->UpdateFollowerFetchState(kF3, Offset{1});
  AdvanceTo(Ms(kLagMs) + 1);
  ASSERT_EQ(p->OutOfSyncReplicas(), (std::vector<NodeId>{kF3}));
  p->BeginIsrChange({kSelf, kF2});
  p->UpdateFollowerFetchState(kF2, Offset{4});
  EXPECT_EQ(p->high_watermark(), Offset{1}) << "the controller has not removed broker 3 yet";
  p->CompleteIsrChange({kSelf, kF2}, 2, "shrink");
  EXPECT_EQ(p->high_watermark(), Offset{4});
}

TEST_F(PartitionTest, SoleIsrMemberLeaderAdvancesHwOnAppend) {
  auto p = Leader(1, {kSelf});
  Append(*p, 2, /*acks=*/1);
  EXPECT_EQ(p->high_watermark(), Offset{2});
}

TEST_F(PartitionTest, HighWatermarkNeverDecreasesOnTheLeader) {
  auto p = Leader();
  Append(*p, 5);
  p->UpdateFollowerFetchState(kF2, Offset{5});
  p->UpdateFollowerFetchState(kF3, Offset{5});
  ASSERT_EQ(p->high_watermark(), Offset{5});
  p->UpdateFollowerFetchState(kF2, Offset{1});  // a follower reporting a lower LEO
  EXPECT_EQ(p->high_watermark(), Offset{5});
  p->CompleteIsrChange({kSelf, kF2, kF3}, 2, "test");
  EXPECT_EQ(p->high_watermark(), Offset{5});
}

TEST_F(PartitionTest, AcksAllWithIsrBelowMinInsyncIsRefusedAndNothingAppended) {
  auto p = Leader(/*min_isr=*/2, {kSelf});
  LeaderAppendResult r = Append(*p, 3, /*acks=*/-1);
  EXPECT_EQ(r.error, ErrorCode::NOT_ENOUGH_REPLICAS);
  EXPECT_EQ(p->log_end_offset(), Offset{0});
  EXPECT_EQ(p->high_watermark(), Offset{0});
  // acks=1 is not subject to min.insync.replicas.
  LeaderAppendResult r1 = Append(*p, 3, /*acks=*/1);
  EXPECT_EQ(r1.error, ErrorCode::NONE);
  EXPECT_EQ(p->log_end_offset(), Offset{3});
}

TEST_F(PartitionTest, AcksAllWithIsrAtMinInsyncIsAccepted) {
  auto p = Leader(/*min_isr=*/2, {kSelf, kF2});
  EXPECT_EQ(Append(*p, 1, -1).error, ErrorCode::NONE);
  EXPECT_EQ(p->log_end_offset(), Offset{1});
}

TEST_F(PartitionTest, FollowerRefusesProduce) {
  auto p = MakePartition(1);
  p->MakeFollower(State(kF2, 1, {kF2, kSelf, kF3}));
  EXPECT_FALSE(p->is_leader());
  EXPECT_EQ(Append(*p, 1, 1).error, ErrorCode::NOT_LEADER_OR_FOLLOWER);
  EXPECT_EQ(p->log_end_offset(), Offset{0});
}

TEST_F(PartitionTest, BatchOverMaxMessageBytesIsRefused) {
  auto log = log::Log::Open(env().disk, "big-0/", log::LogSettings{}, env().Now());
  ASSERT_TRUE(log.ok());
  config::TopicConfig t;
  Bytes b = MakeRecords(3);
  t.max_message_bytes = static_cast<int32_t>(b.size()) - 1;
  Partition p(env(), TopicPartition{"big", PartitionId{0}}, std::move(log).value(),
              config::Resolve(t, config::BrokerConfig{}), kLagMs);
  p.MakeLeader(State(kSelf, 1, {kSelf}, {kSelf}, "big"));
  EXPECT_EQ(p.AppendAsLeader(b, 1).error, ErrorCode::MESSAGE_TOO_LARGE);
  EXPECT_EQ(p.log_end_offset(), Offset{0});
  Bytes small = MakeRecords(1);
  EXPECT_EQ(p.AppendAsLeader(small, 1).error, ErrorCode::NONE);
}

TEST_F(PartitionTest, CorruptBatchIsRefused) {
  auto p = Leader(1);
  Bytes b = MakeRecords(2);
  b.back() ^= 0xff;  // covered by the CRC
  EXPECT_EQ(p->AppendAsLeader(b, 1).error, ErrorCode::CORRUPT_MESSAGE);
  EXPECT_EQ(p->log_end_offset(), Offset{0});
}

TEST_F(PartitionTest, ClientControlBatchIsRefusedAsKafkasLogValidatorDoes) {
  auto p = Leader(1);
  Bytes marker = record::EncodeBatch(record::EndTxnMarkerBatch(0, 0, 7, 0, 0, record::EndTransactionMarker{}));
  LeaderAppendResult r = p->AppendAsLeader(marker, 1);
  EXPECT_EQ(r.error, ErrorCode::INVALID_RECORD);
  EXPECT_NE(r.message.find("Clients are not allowed to write control records"), std::string::npos) << r.message;
  EXPECT_EQ(p->log_end_offset(), Offset{0});
}

TEST_F(PartitionTest, FollowerThatStopsFetchingFallsOutOfSyncAfterLagTime) {
  auto p = Leader();
  AdvanceTo(Ms(1000));
  Append(*p, 1);
  AdvanceTo(Ms(5000));
  p->UpdateFollowerFetchState(kF2, Offset{1});  // caught up at 5 s; broker 3 silent since 0
  AdvanceTo(Ms(6000));
  Append(*p, 1);  // broker 2 now lacks offset 1
  AdvanceTo(Ms(kLagMs));
  EXPECT_TRUE(p->OutOfSyncReplicas().empty()) << "exactly the lag time is not yet too long";
  AdvanceTo(Ms(kLagMs) + 1);
  EXPECT_EQ(p->OutOfSyncReplicas(), (std::vector<NodeId>{kF3}));
  AdvanceTo(Ms(5000 + kLagMs) + 1);
  EXPECT_EQ(p->OutOfSyncReplicas(), (std::vector<NodeId>{kF2, kF3}));
}

TEST_F(PartitionTest, FollowerWithTheLeadersLeoIsNeverOutOfSyncOnAnIdlePartition) {
  // Kafka's Partition.isFollowerOutOfSync (ReplicaState.isCaughtUp): a
  // follower whose LEO equals the leader's is in sync however long ago it
  // last fetched — on an idle partition there is nothing it could lack.
  auto p = Leader();
  Append(*p, 3);
  AdvanceTo(Ms(1000));
  p->UpdateFollowerFetchState(kF2, Offset{3});
  p->UpdateFollowerFetchState(kF3, Offset{3});
  AdvanceTo(Ms(1000 + 10 * kLagMs));  // neither fetches again (paused, cut off, ...)
  EXPECT_TRUE(p->OutOfSyncReplicas().empty());
  Append(*p, 1);  // now they lack offset 3, and last caught up long ago
  EXPECT_EQ(p->OutOfSyncReplicas(), (std::vector<NodeId>{kF2, kF3}));
}

TEST_F(PartitionTest, FollowerFetchingButNeverCatchingUpFallsOutOfSync) {
  // Kafka (Replica.updateFetchState) measures lag from the last time a
  // follower caught up — reached the leader's LEO, or the LEO the leader had
  // at the follower's previous fetch — not from its last fetch.
  constexpr int64_t kShortLagMs = 1000;
  auto p = Leader(1, {kSelf, kF2, kF3}, kShortLagMs);
  for (int t = 1; t <= 30; ++t) {
    AdvanceTo(Ms(100) * t);
    Append(*p, 1);                                    // LEO = t
    p->UpdateFollowerFetchState(kF2, Offset{t - 1});  // = leader LEO at its previous fetch
    p->UpdateFollowerFetchState(kF3, Offset{0});      // stuck, yet fetching every 100 ms
  }
  EXPECT_EQ(p->OutOfSyncReplicas(), (std::vector<NodeId>{kF3}));
}

TEST_F(PartitionTest, LaggingFollowerThatCatchesUpCanRejoinTheIsr) {
  auto p = Leader(1, {kSelf, kF2});
  Append(*p, 4);
  p->UpdateFollowerFetchState(kF2, Offset{4});
  ASSERT_EQ(p->high_watermark(), Offset{4});
  p->UpdateFollowerFetchState(kF3, Offset{2});
  EXPECT_FALSE(p->CanExpandIsrWith(kF3));
  p->UpdateFollowerFetchState(kF3, Offset{4});
  EXPECT_TRUE(p->CanExpandIsrWith(kF3));
  EXPECT_FALSE(p->CanExpandIsrWith(kF2)) << "already in the ISR";
  p->BeginIsrChange({kSelf, kF2, kF3});
  EXPECT_FALSE(p->CanExpandIsrWith(kF3)) << "one ISR change at a time";
  p->CompleteIsrChange({kSelf, kF2, kF3}, 2, "expand");
  EXPECT_EQ(p->isr(), (std::vector<NodeId>{kSelf, kF2, kF3}));
  EXPECT_EQ(p->partition_epoch(), 2);
}

TEST_F(PartitionTest, SameEpochLeaderAndIsrKeepsFollowerStateAndFollowsTheReplicaSet) {
  // Kafka's Partition.makeLeader resets its followers only on a new leader epoch.
  auto p = Leader();
  Append(*p, 1);
  AdvanceTo(Ms(1000));
  p->UpdateFollowerFetchState(kF2, Offset{0});  // behind: not caught up at 1 s
  AdvanceTo(Ms(5000));
  p->MakeLeader(State(kSelf, 1, {kSelf, kF2}, {kSelf, kF2}));
  EXPECT_EQ(p->followers().at(kF2).last_caught_up_time, 0) << "as of the epoch's start, not refreshed";
  EXPECT_EQ(p->followers().at(kF2).log_end_offset, Offset{0});
  EXPECT_EQ(p->followers().count(kF3), 0u) << "no longer a replica";
  p->MakeLeader(State(kSelf, 2, {kSelf, kF2}, {kSelf, kF2, kF3}));
  EXPECT_EQ(p->followers().at(kF2).last_caught_up_time, Ms(5000)) << "new epoch: ISR members caught up now";
  EXPECT_EQ(p->followers().at(kF3).last_caught_up_time, kNever);
}

TEST_F(PartitionTest, DuplicateIdempotentBatchIsAnsweredWithOriginalOffsetsAndNotAppendedTwice) {
  auto p = Leader(1, {kSelf});
  Append(*p, 2, 1);  // offsets 0-1 from a non-idempotent producer
  Bytes first = MakeRecords(3, /*pid=*/77, /*epoch=*/0, /*seq=*/0);
  Bytes retry = first;
  LeaderAppendResult r1 = p->AppendAsLeader(first, 1);
  ASSERT_EQ(r1.error, ErrorCode::NONE);
  EXPECT_EQ(r1.base_offset, Offset{2});
  EXPECT_EQ(r1.last_offset, Offset{4});
  LeaderAppendResult r2 = p->AppendAsLeader(retry, 1);
  EXPECT_EQ(r2.error, ErrorCode::DUPLICATE_SEQUENCE_NUMBER);
  EXPECT_EQ(r2.base_offset, Offset{2});
  EXPECT_EQ(r2.last_offset, Offset{4});
  EXPECT_EQ(p->log_end_offset(), Offset{5});
  // The next in-sequence batch goes on.
  Bytes next = MakeRecords(1, 77, 0, 3);
  EXPECT_EQ(p->AppendAsLeader(next, 1).error, ErrorCode::NONE);
  EXPECT_EQ(p->log_end_offset(), Offset{6});
  // A gap is refused.
  Bytes gap = MakeRecords(1, 77, 0, 9);
  EXPECT_EQ(p->AppendAsLeader(gap, 1).error, ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER);
  EXPECT_EQ(p->log_end_offset(), Offset{6});
}

TEST_F(PartitionTest, ProducerStateIsRebuiltFromTheLogOnReopen) {
  // A new leader deduplicates retries of batches a previous process appended.
  {
    auto p = Leader(1, {kSelf});
    Bytes b = MakeRecords(2, 5, 0, 0);
    ASSERT_EQ(p->AppendAsLeader(b, 1).error, ErrorCode::NONE);
  }
  auto p = Leader(1, {kSelf});
  Bytes retry = MakeRecords(2, 5, 0, 0);
  LeaderAppendResult r = p->AppendAsLeader(retry, 1);
  EXPECT_EQ(r.error, ErrorCode::DUPLICATE_SEQUENCE_NUMBER);
  EXPECT_EQ(r.base_offset, Offset{0});
  EXPECT_EQ(p->log_end_offset(), Offset{2});
}

class FollowerPartitionTest : public PartitionTest {
 protected:
  // Broker 1 follows broker 2 and holds `n` single-record batches (offsets 0..n-1).
  std::unique_ptr<Partition> FollowerWith(int n) {
    auto p = MakePartition(1);
    p->MakeFollower(State(kF2, 1, {kF2, kSelf, kF3}));
    for (int i = 0; i < n; ++i) {
      Bytes b = MakeRecords(1, -1, -1, -1, /*base_offset=*/i, /*leader_epoch=*/1);
      EXPECT_TRUE(p->AppendAsFollower(MakeShared(std::move(b))).ok());
    }
    return p;
  }
};

TEST_F(FollowerPartitionTest, FollowerHighWatermarkIsMinOfLeaderHwAndOwnLeo) {
  auto p = FollowerWith(5);
  EXPECT_EQ(p->log_end_offset(), Offset{5});
  p->UpdateFollowerHighWatermark(Offset{3});
  EXPECT_EQ(p->high_watermark(), Offset{3});
  p->UpdateFollowerHighWatermark(Offset{10});
  EXPECT_EQ(p->high_watermark(), Offset{5});
}

TEST_F(FollowerPartitionTest, FollowerAppendOutOfOrderIsRefused) {
  auto p = FollowerWith(2);
  Bytes b = MakeRecords(1, -1, -1, -1, /*base_offset=*/5, 1);
  EXPECT_FALSE(p->AppendAsFollower(MakeShared(std::move(b))).ok());
  EXPECT_EQ(p->log_end_offset(), Offset{2});
}

TEST_F(FollowerPartitionTest, TruncateToLowersLeoAndHw) {
  auto p = FollowerWith(5);
  p->UpdateFollowerHighWatermark(Offset{5});
  ASSERT_EQ(p->high_watermark(), Offset{5});
  p->TruncateTo(Offset{2}, "test");
  EXPECT_EQ(p->log_end_offset(), Offset{2});
  EXPECT_EQ(p->high_watermark(), Offset{2});
}

TEST_F(FollowerPartitionTest, TruncateAboveHwKeepsHw) {
  auto p = FollowerWith(5);
  p->UpdateFollowerHighWatermark(Offset{1});
  p->TruncateTo(Offset{3}, "test");
  EXPECT_EQ(p->log_end_offset(), Offset{3});
  EXPECT_EQ(p->high_watermark(), Offset{1});
}

TEST_F(FollowerPartitionTest, TruncationForgetsTruncatedProducerBatches) {
  auto p = MakePartition(1);
  p->MakeFollower(State(kF2, 1, {kF2, kSelf, kF3}));
  Bytes b0 = MakeRecords(1, 9, 0, 0, 0, 1);
  Bytes b1 = MakeRecords(1, 9, 0, 1, 1, 1);
  ASSERT_TRUE(p->AppendAsFollower(MakeShared(std::move(b0))).ok());
  ASSERT_TRUE(p->AppendAsFollower(MakeShared(std::move(b1))).ok());
  p->TruncateTo(Offset{1}, "test");
  // Becoming leader: a retry of seq 1 is now new data, not a duplicate.
  p->MakeLeader(State(kSelf, 2, {kSelf}));
  Bytes retry = MakeRecords(1, 9, 0, 1);
  LeaderAppendResult r = p->AppendAsLeader(retry, 1);
  EXPECT_EQ(r.error, ErrorCode::NONE);
  EXPECT_EQ(r.base_offset, Offset{1});
}

// Random appends and follower fetches: the leader's HW never decreases,
// never exceeds its LEO, and equals max(previous HW, min LEO over the ISR).
RC_GTEST_PROP(PartitionProperty, LeaderHwIsMonotoneAndTracksMinIsrLeo, ()) {
  testing::BrokerEnv fx;
  auto p = fx.MakePartition(1);
  p->MakeLeader(testing::BrokerEnv::State(NodeId{1}, 1, {NodeId{1}, NodeId{2}, NodeId{3}}));
  std::map<NodeId, int64_t> follower_leo = {{NodeId{2}, -1}, {NodeId{3}, -1}};
  int64_t expected_hw = 0;
  const int steps = *rc::gen::inRange(1, 60);
  for (int s = 0; s < steps; ++s) {
    const int64_t leo = p->log_end_offset().value();
    if (*rc::gen::inRange(0, 3) == 0) {
      Bytes b = MakeRecords(*rc::gen::inRange(1, 4));
      RC_ASSERT(p->AppendAsLeader(b, 1).error == ErrorCode::NONE);
    } else {
      const NodeId f{*rc::gen::inRange(2, 4)};
      const int64_t at = *rc::gen::inRange<int64_t>(0, leo + 1);
      p->UpdateFollowerFetchState(f, Offset{at});
      follower_leo[f] = at;
    }
    const int64_t min_leo = std::min({p->log_end_offset().value(), follower_leo[NodeId{2}], follower_leo[NodeId{3}]});
    expected_hw = std::max(expected_hw, min_leo);
    RC_ASSERT(p->high_watermark().value() == expected_hw);
    RC_ASSERT(p->high_watermark() <= p->log_end_offset());
  }
}

}  // namespace
}  // namespace kafkasim::broker
