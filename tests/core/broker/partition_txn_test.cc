// tests/core/broker/partition_txn_test.cc — transactions on one partition
// replica: ongoing transactions, the last stable offset, the aborted
// transaction index and read_committed reads (Kafka's ProducerStateManager,
// TransactionIndex, UnifiedLog.lastStableOffset, LocalLog.read). Real Log on
// a SimDisk, real RecordBatch v2 bytes, real control batches.
#include <gtest/gtest.h>

#include <map>
#include <vector>

#include "core/broker/partition.h"
#include "core/record/control_record.h"
#include "core/record/record_batch.h"
#include "tests/core/broker/broker_test_util.h"

namespace kafkasim::broker {
namespace {

constexpr int64_t kPidA = 1000;
constexpr int64_t kPidB = 2000;

// A transactional batch of `records` records.
Bytes TxnRecords(int64_t pid, int16_t epoch, int32_t base_seq, int32_t records) {
  record::BatchBuilder b(0);
  b.SetProducer(pid, epoch, base_seq);
  b.SetTransactional(true);
  for (int32_t i = 0; i < records; ++i) {
    std::vector<uint8_t> value{static_cast<uint8_t>('a' + i)};
    b.Append(1000 + i, std::nullopt, std::span<const uint8_t>(value));
  }
  return b.Build(config::Compression::kNone);
}

Bytes Marker(int64_t pid, int16_t epoch, record::ControlRecordType type, int32_t coordinator_epoch = 0) {
  return record::EncodeBatch(
      record::EndTxnMarkerBatch(0, 0, pid, epoch, -1, record::EndTransactionMarker{type, coordinator_epoch}));
}

class PartitionTxnTest : public testing::BrokerEnvFixture {
 protected:
  // Broker 1 leads with ISR {1, 2}: broker 2's fetches move the HW.
  void SetUp() override {
    p_ = MakePartition(1);
    p_->MakeLeader(State(kSelf, 1, {kSelf, kF2}, {kSelf, kF2}));
  }
  LeaderAppendResult AppendTxn(int64_t pid, int32_t seq, int32_t records, int16_t epoch = 0) {
    Bytes b = TxnRecords(pid, epoch, seq, records);
    return p_->AppendAsLeader(b, -1);
  }
  LeaderAppendResult AppendMarker(int64_t pid, record::ControlRecordType type, int16_t epoch = 0,
                                  int32_t coordinator_epoch = 0) {
    Bytes b = Marker(pid, epoch, type, coordinator_epoch);
    return p_->AppendAsLeader(b, -1, AppendOrigin::kCoordinator);
  }
  void Replicate() { p_->UpdateFollowerFetchState(kF2, p_->log_end_offset()); }
  // Offsets of every record a read_committed read from 0 returns, with the
  // aborted list.
  FetchDataInfo ReadCommitted() {
    auto r = p_->ReadRecords(Offset{0}, 1 << 20, FetchIsolation::kTxnCommitted);
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : FetchDataInfo{};
  }
  std::unique_ptr<Partition> p_;
};

TEST_F(PartitionTxnTest, OpenTransactionHoldsTheLsoAtItsFirstOffsetWhileTheHwPasses) {
  Bytes plain = testing::MakeRecords(2);
  ASSERT_EQ(p_->AppendAsLeader(plain, -1).error, ErrorCode::NONE);
  ASSERT_EQ(AppendTxn(kPidA, 0, 3).error, ErrorCode::NONE);  // offsets 2..4
  Replicate();
  EXPECT_EQ(p_->high_watermark(), Offset{5});
  EXPECT_EQ(p_->last_stable_offset(), Offset{2}) << "the open transaction starts at 2";
  FetchDataInfo committed = ReadCommitted();
  ASSERT_EQ(committed.records.size(), 1u) << "read_committed stops below the LSO";
  auto hw = p_->ReadRecords(Offset{0}, 1 << 20, FetchIsolation::kHighWatermark);
  ASSERT_TRUE(hw.ok());
  EXPECT_EQ(hw->records.size(), 2u) << "read_uncommitted reads the open transaction up to the HW";
}

TEST_F(PartitionTxnTest, CommitMarkerReleasesTheLsoOnlyOnceTheHwPassesIt) {
  AppendTxn(kPidA, 0, 3);  // 0..2
  Replicate();
  ASSERT_EQ(AppendMarker(kPidA, record::ControlRecordType::COMMIT).error, ErrorCode::NONE);  // 3
  EXPECT_TRUE(p_->producer_state().ongoing_txns().empty());
  EXPECT_EQ(p_->high_watermark(), Offset{3});
  // Kafka keeps a decided transaction "unreplicated" until the HW passes its
  // marker: a new leader without the marker would still see it open.
  EXPECT_EQ(p_->last_stable_offset(), Offset{0});
  Replicate();
  EXPECT_EQ(p_->last_stable_offset(), Offset{4});
  FetchDataInfo committed = ReadCommitted();
  EXPECT_EQ(committed.records.size(), 2u);  // the data batch and its marker
  EXPECT_TRUE(committed.aborted_transactions.empty());
  EXPECT_TRUE(p_->transaction_index().entries().empty());
}

TEST_F(PartitionTxnTest, AbortedTransactionIsIndexedAndReturnedWithAReadCommittedFetch) {
  AppendTxn(kPidA, 0, 2);                                                                   // 0..1 (A)
  AppendTxn(kPidB, 0, 2);                                                                   // 2..3 (B)
  ASSERT_EQ(AppendMarker(kPidA, record::ControlRecordType::ABORT).error, ErrorCode::NONE);  // 4
  ASSERT_EQ(p_->transaction_index().entries().size(), 1u);
  // Kafka's lastStableOffset(completedTxn): B is still open, so the LSO
  // recorded with A's abort is B's first offset.
  EXPECT_EQ(p_->transaction_index().entries()[0], (AbortedTxn{kPidA, Offset{0}, Offset{4}, Offset{2}}));
  AppendMarker(kPidB, record::ControlRecordType::COMMIT);  // 5
  Replicate();
  EXPECT_EQ(p_->last_stable_offset(), Offset{6});
  FetchDataInfo committed = ReadCommitted();
  EXPECT_EQ(committed.records.size(), 4u);
  EXPECT_EQ(committed.aborted_transactions, (std::vector<AbortedTransaction>{{kPidA, Offset{0}}}));
  // A fetch that starts after A's marker does not carry it.
  auto later = p_->ReadRecords(Offset{5}, 1 << 20, FetchIsolation::kTxnCommitted);
  ASSERT_TRUE(later.ok());
  EXPECT_TRUE(later->aborted_transactions.empty());
  // read_uncommitted never gets the list.
  auto hw = p_->ReadRecords(Offset{0}, 1 << 20, FetchIsolation::kHighWatermark);
  EXPECT_TRUE(hw.ok() && hw->aborted_transactions.empty());
}

TEST_F(PartitionTxnTest, OnlyTheCoordinatorWritesMarkers) {
  AppendTxn(kPidA, 0, 1);
  Bytes b = Marker(kPidA, 0, record::ControlRecordType::COMMIT);
  EXPECT_EQ(p_->AppendAsLeader(b, -1, AppendOrigin::kClient).error, ErrorCode::INVALID_RECORD);
  EXPECT_EQ(p_->producer_state().ongoing_txns().size(), 1u);
}

TEST_F(PartitionTxnTest, NonTransactionalWriteDuringAnOpenTransactionIsInvalidTxnState) {
  AppendTxn(kPidA, 0, 1);
  Bytes plain = testing::MakeRecords(1, kPidA, 0, 1);
  EXPECT_EQ(p_->AppendAsLeader(plain, -1).error, ErrorCode::INVALID_TXN_STATE);
}

TEST_F(PartitionTxnTest, MarkerOfAnOlderProducerEpochOrCoordinatorEpochIsRefused) {
  AppendTxn(kPidA, 0, 1, /*epoch=*/3);
  EXPECT_EQ(AppendMarker(kPidA, record::ControlRecordType::COMMIT, 2).error, ErrorCode::INVALID_PRODUCER_EPOCH);
  ASSERT_EQ(AppendMarker(kPidA, record::ControlRecordType::COMMIT, 3, 5).error, ErrorCode::NONE);
  AppendTxn(kPidA, 1, 1, 3);
  // A coordinator that lost its partition still has epoch 4 (Kafka:
  // TransactionCoordinatorFencedException).
  EXPECT_EQ(AppendMarker(kPidA, record::ControlRecordType::ABORT, 3, 4).error,
            ErrorCode::TRANSACTION_COORDINATOR_FENCED);
}

TEST_F(PartitionTxnTest, AbortWithABumpedEpochFencesTheOldProducersWrites) {
  // The coordinator aborting a timed-out transaction bumps the epoch
  // (TransactionCoordinator.abortTimedOutTransactions → prepareFenceProducerEpoch).
  AppendTxn(kPidA, 0, 1, 0);
  ASSERT_EQ(AppendMarker(kPidA, record::ControlRecordType::ABORT, 1).error, ErrorCode::NONE);
  EXPECT_EQ(AppendTxn(kPidA, 1, 1, 0).error, ErrorCode::INVALID_PRODUCER_EPOCH);
}

TEST_F(PartitionTxnTest, FollowerTruncatingAMarkerAwayReopensItsTransaction) {
  AppendTxn(kPidA, 0, 2);                                 // 0..1
  AppendMarker(kPidA, record::ControlRecordType::ABORT);  // 2
  ASSERT_EQ(p_->transaction_index().entries().size(), 1u);
  p_->MakeFollower(State(kF2, 2, {kSelf, kF2}, {kSelf, kF2}));
  p_->TruncateTo(Offset{2}, "test");
  EXPECT_TRUE(p_->transaction_index().entries().empty());
  EXPECT_EQ(p_->producer_state().ongoing_txns(), (std::map<Offset, int64_t>{{Offset{0}, kPidA}}));
}

TEST_F(PartitionTxnTest, ReplicaReopenedFromItsLogRebuildsTransactionsAndTheIndex) {
  AppendTxn(kPidA, 0, 2);                                 // 0..1
  AppendMarker(kPidA, record::ControlRecordType::ABORT);  // 2
  AppendTxn(kPidB, 0, 1);                                 // 3 (open)
  p_->log().Flush(env().Now());
  auto log = log::Log::Open(env().disk, "t-0/", log::LogSettings{}, env().Now());
  ASSERT_TRUE(log.ok());
  Partition reopened(env(), p_->tp(), std::move(log).value(), TopicCfg(1), kLagMs);
  EXPECT_EQ(reopened.transaction_index().entries(), p_->transaction_index().entries());
  EXPECT_EQ(reopened.producer_state().ongoing_txns(), (std::map<Offset, int64_t>{{Offset{3}, kPidB}}));
}

}  // namespace
}  // namespace kafkasim::broker
