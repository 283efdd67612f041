// tests/core/broker/purgatory_test.cc — delayed produce (acks=all waiting
// for the HW, Kafka's DelayedProduce) and delayed fetch (long polling,
// Kafka's DelayedFetch). Real Partition, Log, Env and timers.
#include <gtest/gtest.h>

#include <functional>
#include <vector>

#include "core/broker/fetch_purgatory.h"
#include "core/broker/produce_purgatory.h"
#include "tests/core/broker/broker_test_util.h"

namespace kafkasim::broker {
namespace {

using testing::MakeRecords;

class ProducePurgatoryTest : public testing::BrokerEnvFixture {
 protected:
  void SetUp() override {
    part_ = MakePartition(/*min_isr=*/2);
    part_->MakeLeader(State(kSelf, 1, {kSelf, kF2, kF3}));
    purgatory_ = std::make_unique<ProducePurgatory>(
        env(), [this](const TopicPartition& tp) -> Partition* { return tp == part_->tp() ? part_.get() : nullptr; });
  }
  // Appends `n` records as leader and parks an acks=all request for them.
  void AppendAndPark(int32_t n, int32_t timeout_ms, int32_t correlation_id = 1) {
    Bytes b = MakeRecords(n);
    LeaderAppendResult r = part_->AppendAsLeader(b, -1);
    ASSERT_EQ(r.error, ErrorCode::NONE) << r.message;
    PendingPartition pp;
    pp.tp = part_->tp();
    pp.required_offset = r.last_offset + 1;
    pp.response.tp = part_->tp();
    pp.response.base_offset = r.base_offset;
    purgatory_->Add(correlation_id, timeout_ms, {pp}, [this](ProduceResponse resp) { replies_.push_back(resp); });
  }
  ErrorCode OnlyError() const {
    EXPECT_EQ(replies_.size(), 1u);
    if (replies_.size() != 1 || replies_[0].partitions.size() != 1) return ErrorCode::UNKNOWN_SERVER_ERROR;
    return replies_[0].partitions[0].error_code;
  }

  std::unique_ptr<Partition> part_;
  std::unique_ptr<ProducePurgatory> purgatory_;
  std::vector<ProduceResponse> replies_;
};

TEST_F(ProducePurgatoryTest, AcksAllCompletesExactlyOnceWhenHwReachesTheBatchEnd) {
  AppendAndPark(3, 30000, /*correlation_id=*/42);
  EXPECT_TRUE(replies_.empty());
  EXPECT_EQ(purgatory_->size(), 1u);

  part_->UpdateFollowerFetchState(kF2, Offset{3});
  purgatory_->CheckPartition(part_->tp());
  EXPECT_TRUE(replies_.empty()) << "HW is still 0: broker 3 has not fetched";

  part_->UpdateFollowerFetchState(kF3, Offset{2});
  purgatory_->CheckPartition(part_->tp());
  EXPECT_TRUE(replies_.empty()) << "HW 2 < required 3";

  part_->UpdateFollowerFetchState(kF3, Offset{3});
  purgatory_->CheckPartition(part_->tp());
  ASSERT_EQ(replies_.size(), 1u);
  EXPECT_EQ(replies_[0].correlation_id, 42);
  EXPECT_EQ(OnlyError(), ErrorCode::NONE);
  EXPECT_EQ(replies_[0].partitions[0].base_offset, Offset{0});
  EXPECT_EQ(purgatory_->size(), 0u);

  // Never answered again: not on re-check, not when the timeout passes.
  purgatory_->CheckPartition(part_->tp());
  AdvanceTo(Ms(60000));
  EXPECT_EQ(replies_.size(), 1u);
}

TEST_F(ProducePurgatoryTest, AlreadySatisfiedRequestIsAnsweredImmediately) {
  Bytes b = MakeRecords(2);
  LeaderAppendResult r = part_->AppendAsLeader(b, -1);
  part_->UpdateFollowerFetchState(kF2, Offset{2});
  part_->UpdateFollowerFetchState(kF3, Offset{2});
  ASSERT_EQ(part_->high_watermark(), Offset{2});
  PendingPartition pp;
  pp.tp = part_->tp();
  pp.required_offset = r.last_offset + 1;
  purgatory_->Add(5, 30000, {pp}, [this](ProduceResponse resp) { replies_.push_back(resp); });
  EXPECT_EQ(OnlyError(), ErrorCode::NONE);
  EXPECT_EQ(purgatory_->size(), 0u);
  AdvanceTo(Ms(60000));
  EXPECT_EQ(replies_.size(), 1u);
}

TEST_F(ProducePurgatoryTest, TimesOutWithRequestTimedOut) {
  AppendAndPark(1, /*timeout_ms=*/100);
  AdvanceTo(Ms(100) - 1);
  EXPECT_TRUE(replies_.empty());
  AdvanceTo(Ms(100));
  EXPECT_EQ(OnlyError(), ErrorCode::REQUEST_TIMED_OUT);
  EXPECT_EQ(purgatory_->size(), 0u);
  // A later HW move does not answer a second time.
  part_->UpdateFollowerFetchState(kF2, Offset{1});
  part_->UpdateFollowerFetchState(kF3, Offset{1});
  purgatory_->CheckPartition(part_->tp());
  EXPECT_EQ(replies_.size(), 1u);
}

TEST_F(ProducePurgatoryTest, LosingLeadershipAnswersNotLeaderOrFollower) {
  AppendAndPark(1, 30000);
  part_->MakeFollower(State(kF2, 2, {kF2, kF3}));
  purgatory_->CheckPartition(part_->tp());
  EXPECT_EQ(OnlyError(), ErrorCode::NOT_LEADER_OR_FOLLOWER);
  AdvanceTo(Ms(60000));
  EXPECT_EQ(replies_.size(), 1u);
}

TEST_F(ProducePurgatoryTest, HwPassesButIsrBelowMinInsyncAnswersNotEnoughReplicasAfterAppend) {
  AppendAndPark(2, 30000);
  // Both followers stop fetching and, once replica.lag.time.max.ms has
  // passed, are removed from the ISR: HW jumps to the leader's LEO, but the
  // ISR is 1 < min.insync.replicas 2.
  AdvanceTo(Ms(kLagMs) + 1);
  part_->CompleteIsrChange({kSelf}, 2, "followers lagged");
  ASSERT_EQ(part_->high_watermark(), Offset{2});
  purgatory_->CheckPartition(part_->tp());
  EXPECT_EQ(OnlyError(), ErrorCode::NOT_ENOUGH_REPLICAS_AFTER_APPEND);
}

TEST_F(ProducePurgatoryTest, CheckingAnotherPartitionDoesNotAnswer) {
  AppendAndPark(1, 30000);
  part_->UpdateFollowerFetchState(kF2, Offset{1});
  part_->UpdateFollowerFetchState(kF3, Offset{1});
  purgatory_->CheckPartition(TopicPartition{"other", PartitionId{0}});
  EXPECT_TRUE(replies_.empty());
  purgatory_->CheckPartition(part_->tp());
  EXPECT_EQ(OnlyError(), ErrorCode::NONE);
}

TEST_F(ProducePurgatoryTest, MultiPartitionRequestWaitsForEveryPartition) {
  // Second partition "u-0", also led here.
  auto other = MakePartition(2, "u");
  other->MakeLeader(State(kSelf, 1, {kSelf, kF2, kF3}, {kSelf, kF2, kF3}, "u"));
  ProducePurgatory purgatory(env(), [&](const TopicPartition& tp) -> Partition* {
    if (tp == part_->tp()) return part_.get();
    if (tp == other->tp()) return other.get();
    return nullptr;
  });
  Bytes a = MakeRecords(1), b = MakeRecords(1);
  part_->AppendAsLeader(a, -1);
  other->AppendAsLeader(b, -1);
  std::vector<PendingPartition> parts(2);
  parts[0].tp = part_->tp();
  parts[0].required_offset = Offset{1};
  parts[1].tp = other->tp();
  parts[1].required_offset = Offset{1};
  purgatory.Add(9, 30000, parts, [this](ProduceResponse r) { replies_.push_back(r); });

  part_->UpdateFollowerFetchState(kF2, Offset{1});
  part_->UpdateFollowerFetchState(kF3, Offset{1});
  purgatory.CheckPartition(part_->tp());
  EXPECT_TRUE(replies_.empty());
  other->UpdateFollowerFetchState(kF2, Offset{1});
  other->UpdateFollowerFetchState(kF3, Offset{1});
  purgatory.CheckPartition(other->tp());
  ASSERT_EQ(replies_.size(), 1u);
  ASSERT_EQ(replies_[0].partitions.size(), 2u);
  EXPECT_EQ(replies_[0].partitions[0].error_code, ErrorCode::NONE);
  EXPECT_EQ(replies_[0].partitions[1].error_code, ErrorCode::NONE);
}

// ---- fetch purgatory -------------------------------------------------------

class FetchPurgatoryTest : public testing::BrokerEnvFixture {
 protected:
  const TopicPartition tp_{"t", PartitionId{0}};

  FetchPurgatoryTest()
      : purgatory_(
            env(),
            [this](const FetchRequest& req, ReadFrom read_from, size_t& bytes) {
              ++reads_;
              read_from_.push_back(read_from);
              if (on_read_) on_read_();
              FetchResponse r;
              r.correlation_id = req.correlation_id;
              for (const auto& fp : req.partitions) {
                FetchPartitionResponse pr;
                pr.tp = fp.tp;
                pr.error_code = error_;
                r.partitions.push_back(pr);
              }
              bytes = available_bytes_;
              return r;
            },
            [this](NodeId to, FetchResponse r) {
              replies_.push_back({to, std::move(r)});
            },
            [this](const FetchRequest&) {
              ++nothing_new_checks_;
              return nothing_new_;
            }) {}

  FetchRequest Request(int32_t max_wait_ms, int32_t min_bytes) const {
    FetchRequest req;
    req.correlation_id = 3;
    req.max_wait_ms = max_wait_ms;
    req.min_bytes = min_bytes;
    req.partitions.push_back(FetchPartition{tp_});
    return req;
  }

  size_t available_bytes_ = 0;
  ErrorCode error_ = ErrorCode::NONE;
  int reads_ = 0;
  bool nothing_new_ = false;  // the broker's answer to "would a read find nothing?"
  int nothing_new_checks_ = 0;
  std::vector<ReadFrom> read_from_;
  std::function<void()> on_read_;  // runs inside a read (a read may re-enter the purgatory)
  std::vector<std::pair<NodeId, FetchResponse>> replies_;
  FetchPurgatory purgatory_;
};

TEST_F(FetchPurgatoryTest, AnswersImmediatelyWhenMinBytesAreAvailable) {
  available_bytes_ = 100;
  purgatory_.Fetch(kF2, Request(500, 100));
  ASSERT_EQ(replies_.size(), 1u);
  EXPECT_EQ(replies_[0].first, kF2);
  EXPECT_EQ(replies_[0].second.correlation_id, 3);
  EXPECT_EQ(purgatory_.size(), 0u);
}

TEST_F(FetchPurgatoryTest, ParksWhenFewerThanMinBytes) {
  available_bytes_ = 99;
  purgatory_.Fetch(kF2, Request(500, 100));
  EXPECT_TRUE(replies_.empty());
  EXPECT_EQ(purgatory_.size(), 1u);
}

TEST_F(FetchPurgatoryTest, ZeroMaxWaitAnswersAtOnceEvenWithoutData) {
  purgatory_.Fetch(kF2, Request(0, 1));
  EXPECT_EQ(replies_.size(), 1u);
  EXPECT_EQ(purgatory_.size(), 0u);
}

TEST_F(FetchPurgatoryTest, AnErrorIsAnsweredAtOnce) {
  error_ = ErrorCode::NOT_LEADER_OR_FOLLOWER;
  purgatory_.Fetch(kF2, Request(500, 1));
  ASSERT_EQ(replies_.size(), 1u);
  EXPECT_EQ(replies_[0].second.partitions[0].error_code, ErrorCode::NOT_LEADER_OR_FOLLOWER);
}

TEST_F(FetchPurgatoryTest, WakeOnTheReadPartitionAnswersOnceDataArrives) {
  purgatory_.Fetch(kF2, Request(500, 1));
  AdvanceTo(Ms(100));
  purgatory_.Wake(tp_);
  EXPECT_TRUE(replies_.empty()) << "woken but still no data: stays parked";
  EXPECT_EQ(purgatory_.size(), 1u);

  available_bytes_ = 10;
  purgatory_.Wake(TopicPartition{"other", PartitionId{0}});
  EXPECT_TRUE(replies_.empty()) << "a wake on another partition must not answer";

  purgatory_.Wake(tp_);
  ASSERT_EQ(replies_.size(), 1u);
  EXPECT_EQ(purgatory_.size(), 0u);
  AdvanceTo(Ms(2000));
  EXPECT_EQ(replies_.size(), 1u) << "the expiry timer must have been cancelled";
}

TEST_F(FetchPurgatoryTest, AWokenFetchWithNothingNewParksAgainWithoutARead) {
  purgatory_.Fetch(kF2, Request(500, 1));
  EXPECT_EQ(nothing_new_checks_, 0) << "the request's own read is never skipped";
  nothing_new_ = true;
  purgatory_.Wake(tp_);
  EXPECT_EQ(nothing_new_checks_, 1);
  EXPECT_EQ(reads_, 1) << "nothing new: the woken fetch is not read again";
  EXPECT_TRUE(replies_.empty());
  EXPECT_EQ(purgatory_.size(), 1u);

  nothing_new_ = false;  // "read to find out": the read decides
  available_bytes_ = 10;
  purgatory_.Wake(tp_);
  EXPECT_EQ(reads_, 2);
  ASSERT_EQ(replies_.size(), 1u);
  EXPECT_EQ(purgatory_.size(), 0u);
}

TEST_F(FetchPurgatoryTest, ANothingNewFetchStillExpiresAndIsReadThen) {
  nothing_new_ = true;
  purgatory_.Fetch(kF3, Request(500, 1));
  purgatory_.Wake(tp_);
  AdvanceTo(Ms(500));
  ASSERT_EQ(replies_.size(), 1u) << "re-parked under its first expiry timer";
  EXPECT_EQ(read_from_, (std::vector<ReadFrom>{ReadFrom::kRequest, ReadFrom::kPurgatory}));
}

TEST_F(FetchPurgatoryTest, ExpiresAfterMaxWait) {
  purgatory_.Fetch(kF3, Request(500, 1));
  AdvanceTo(Ms(500) - 1);
  EXPECT_TRUE(replies_.empty());
  AdvanceTo(Ms(500));
  ASSERT_EQ(replies_.size(), 1u);
  EXPECT_EQ(replies_[0].first, kF3);
  EXPECT_EQ(purgatory_.size(), 0u);
  AdvanceTo(Ms(5000));
  EXPECT_EQ(replies_.size(), 1u);
}

TEST_F(FetchPurgatoryTest, WakeAllAnswersEveryParkedFetchOnce) {
  purgatory_.Fetch(kF2, Request(500, 1));
  purgatory_.Fetch(kF3, Request(500, 1));
  purgatory_.WakeAll();
  ASSERT_EQ(replies_.size(), 2u);
  EXPECT_EQ(replies_[0].first, kF2);
  EXPECT_EQ(replies_[1].first, kF3);
  AdvanceTo(Ms(5000));
  EXPECT_EQ(replies_.size(), 2u);
  EXPECT_EQ(purgatory_.size(), 0u);
}

TEST_F(FetchPurgatoryTest, OnlyTheFirstReadIsTheRequestsOwn) {
  // Kafka: ReplicaManager.fetchMessages reads with readFromPurgatory = false;
  // DelayedFetch.onComplete reads with readFromPurgatory = true.
  purgatory_.Fetch(kF2, Request(500, 1));
  purgatory_.Wake(tp_);
  AdvanceTo(Ms(500));
  EXPECT_EQ(read_from_, (std::vector<ReadFrom>{ReadFrom::kRequest, ReadFrom::kPurgatory, ReadFrom::kPurgatory}));
  purgatory_.Fetch(kF3, Request(500, 1));
  purgatory_.WakeAll();
  EXPECT_EQ(read_from_.back(), ReadFrom::kPurgatory);
}

TEST_F(FetchPurgatoryTest, AReadThatWakesTheSamePartitionAgainServesEveryFetchOnce) {
  // The path of issue 12's crash: an append wakes the partition; reading a
  // parked fetch moves the HW, which wakes the same partition again from
  // inside Wake. The nested Wake must not serve or erase the fetch the outer
  // one is serving (it used to: heap-use-after-free).
  purgatory_.Fetch(kF2, Request(500, 1));
  purgatory_.Fetch(kF3, Request(500, 1));
  ASSERT_EQ(purgatory_.size(), 2u);
  available_bytes_ = 10;
  on_read_ = [this] {
    on_read_ = nullptr;
    purgatory_.Wake(tp_);
  };
  purgatory_.Wake(tp_);
  ASSERT_EQ(replies_.size(), 2u);
  EXPECT_EQ(replies_[0].first, kF2);
  EXPECT_EQ(replies_[1].first, kF3);
  EXPECT_EQ(purgatory_.size(), 0u);
  AdvanceTo(Ms(5000));
  EXPECT_EQ(replies_.size(), 2u) << "no expiry answers a second time";
}

TEST_F(FetchPurgatoryTest, AReadThatWakesAllAgainServesEveryFetchOnce) {
  purgatory_.Fetch(kF2, Request(500, 1));
  purgatory_.Fetch(kF3, Request(500, 1));
  on_read_ = [this] {
    on_read_ = nullptr;
    purgatory_.WakeAll();
  };
  purgatory_.WakeAll();
  EXPECT_EQ(replies_.size(), 2u);
  EXPECT_EQ(purgatory_.size(), 0u);
  AdvanceTo(Ms(5000));
  EXPECT_EQ(replies_.size(), 2u);
}

TEST_F(FetchPurgatoryTest, AWokenFetchWithoutEnoughDataKeepsItsExpiry) {
  purgatory_.Fetch(kF2, Request(500, 1));
  AdvanceTo(Ms(300));
  purgatory_.Wake(tp_);  // still nothing: parked again
  EXPECT_EQ(purgatory_.size(), 1u);
  AdvanceTo(Ms(500) - 1);
  EXPECT_TRUE(replies_.empty());
  AdvanceTo(Ms(500));
  EXPECT_EQ(replies_.size(), 1u) << "expires at 500 ms from arrival, not from the wake";
}

}  // namespace
}  // namespace kafkasim::broker
