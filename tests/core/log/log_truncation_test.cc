// tests/core/log/log_truncation_test.cc — follower truncation and retention.
#include <gtest/gtest.h>

#include "core/log/log.h"
#include "tests/core/log/log_test_util.h"

namespace kafkasim::log {
namespace {

using namespace kafkasim::log::testing;
using Ranges_t = std::vector<std::pair<int64_t, int64_t>>;

const std::string kTruncationDir = "t-0/";
constexpr size_t kTruncationBatchSize = record::kBatchHeaderSize + 16;

class LogTruncationTest : public ::testing::Test {
 protected:
  // Segments of three batches; batches of two records: 0-1 2-3 4-5 | 6-7 ...
  std::unique_ptr<Log> Open(LogSettings s = ThreeBatchSegments()) { return OpenOrDie(disk_, kTruncationDir, s, 0); }
  static LogSettings ThreeBatchSegments() {
    LogSettings s;
    s.segment_bytes = 3 * kTruncationBatchSize;
    return s;
  }
  sim::SimDisk disk_;
};

TEST_F(LogTruncationTest, TruncateToBatchBoundaryRemovesLaterBatchesAndSegments) {
  auto log = Open();
  for (int i = 0; i < 8; ++i) AppendRecords(*log, 2, LeaderEpoch{i < 4 ? 1 : 2}, 0);  // LEO 16
  ASSERT_EQ(log->Segments().size(), 3u);
  EXPECT_TRUE(log->TruncateTo(Offset{4}));
  EXPECT_EQ(log->log_end_offset(), Offset{4});
  EXPECT_EQ(Ranges(*log), (Ranges_t{{0, 1}, {2, 3}}));
  EXPECT_EQ(log->Segments().size(), 1u);
  EXPECT_FALSE(disk_.Exists("t-0/00000000000000000006.log"));
  EXPECT_EQ(disk_.Size("t-0/00000000000000000000.log"), 2 * kTruncationBatchSize);
  EXPECT_EQ(log->leader_epoch_cache().Entries(), (std::vector<EpochEntry>{{LeaderEpoch{1}, Offset{0}}}));
  EXPECT_LE(log->recovery_point(), Offset{4});
  // Appends continue from the new LEO.
  EXPECT_EQ(AppendRecords(*log, 1, LeaderEpoch{3}, 0), Offset{4});
}

TEST_F(LogTruncationTest, TruncateToMidBatchTargetRemovesTheWholeBatch) {
  auto log = Open();
  for (int i = 0; i < 3; ++i) AppendRecords(*log, 4, LeaderEpoch{1}, 0);  // 0-3 4-7 8-11
  EXPECT_TRUE(log->TruncateTo(Offset{6}));
  EXPECT_EQ(Ranges(*log), (Ranges_t{{0, 3}}));
  EXPECT_EQ(log->log_end_offset(), Offset{4});
}

TEST_F(LogTruncationTest, TruncateAtOrBeyondLeoIsANoOp) {
  auto log = Open();
  AppendRecords(*log, 2, LeaderEpoch{1}, 0);
  EXPECT_FALSE(log->TruncateTo(Offset{2}));
  EXPECT_FALSE(log->TruncateTo(Offset{9}));
  EXPECT_EQ(log->log_end_offset(), Offset{2});
}

TEST_F(LogTruncationTest, TruncateToSegmentBaseEmptiesThatSegment) {
  auto log = Open();
  for (int i = 0; i < 5; ++i) AppendRecords(*log, 2, LeaderEpoch{1}, 0);  // seg 0: 0-5, seg 6: 6-9
  EXPECT_TRUE(log->TruncateTo(Offset{6}));
  EXPECT_EQ(log->log_end_offset(), Offset{6});
  ASSERT_EQ(log->Segments().size(), 2u);
  EXPECT_EQ(log->Segments()[1].batch_count, 0u);
  EXPECT_EQ(AppendRecords(*log, 2, LeaderEpoch{2}, 0), Offset{6});
}

TEST_F(LogTruncationTest, TruncateFullyAndStartAtRestartsTheLog) {
  auto log = Open();
  for (int i = 0; i < 5; ++i) AppendRecords(*log, 2, LeaderEpoch{1}, 0);
  log->TruncateFullyAndStartAt(Offset{100});
  EXPECT_EQ(log->log_start_offset(), Offset{100});
  EXPECT_EQ(log->log_end_offset(), Offset{100});
  EXPECT_TRUE(log->leader_epoch_cache().Entries().empty());
  EXPECT_EQ(disk_.List("t-0/0"), (std::vector<std::string>{"t-0/00000000000000000100.log"}));
  EXPECT_FALSE(log->Read(Offset{50}, 100, Offset{100}).ok());
  EXPECT_EQ(AppendRecords(*log, 1, LeaderEpoch{5}, 0), Offset{100});
  // Durable: the new start survives a power failure.
  disk_.PowerFail();
  auto reopened = Open();
  EXPECT_EQ(reopened->log_start_offset(), Offset{100});
}

TEST_F(LogTruncationTest, RetentionMsDeletesOldSegmentsButNeverPastTheHighWatermark) {
  LogSettings s = ThreeBatchSegments();
  s.retention_ms = 1000;
  auto log = Open(s);
  for (int i = 0; i < 9; ++i) AppendRecords(*log, 2, LeaderEpoch{i / 3}, 0, /*ts=*/i < 6 ? 100 : 5000);
  ASSERT_EQ(log->Segments().size(), 3u);                            // 0-5 (ts 100), 6-11 (ts 100), 12-17 (active)
  EXPECT_EQ(log->DeleteRetentionSegments(Ms(2000), Offset{5}), 0);  // segment 0-5 not wholly below HW
  EXPECT_EQ(log->DeleteRetentionSegments(Ms(2000), Offset{6}), 1);  // 6-11 is not below HW 6
  EXPECT_EQ(log->log_start_offset(), Offset{6});
  EXPECT_FALSE(disk_.Exists("t-0/00000000000000000000.log"));
  EXPECT_FALSE(disk_.Exists("t-0/00000000000000000000.index"));
  auto oor = log->Read(Offset{5}, 100, Offset{18});
  ASSERT_FALSE(oor.ok());
  EXPECT_EQ(oor.error().code, ErrorCode::OFFSET_OUT_OF_RANGE);
  EXPECT_EQ(log->leader_epoch_cache().EarliestEntry(), (EpochEntry{LeaderEpoch{1}, Offset{6}}));
  // Not yet old enough at 1100 ms.
  EXPECT_EQ(log->DeleteRetentionSegments(Ms(1100), Offset{18}), 0);
  // The active segment is never deleted, even when everything is old.
  EXPECT_EQ(log->DeleteRetentionSegments(Ms(100000), Offset{18}), 1);
  EXPECT_EQ(log->Segments().size(), 1u);
  EXPECT_EQ(log->log_start_offset(), Offset{12});
}

TEST_F(LogTruncationTest, RetentionBytesKeepsTheNewestBytes) {
  LogSettings s = ThreeBatchSegments();
  s.retention_bytes = 4 * kTruncationBatchSize;
  auto log = Open(s);
  for (int i = 0; i < 10; ++i) AppendRecords(*log, 2, LeaderEpoch{1}, 0);  // segs 3+3+3+1 batches
  EXPECT_EQ(log->DeleteRetentionSegments(0, log->log_end_offset()), 2);
  EXPECT_EQ(log->log_start_offset(), Offset{12});
  EXPECT_EQ(log->size_bytes(), 4 * kTruncationBatchSize);
  EXPECT_EQ(log->DeleteRetentionSegments(0, log->log_end_offset()), 0);
}

TEST_F(LogTruncationTest, RetentionBytesStopsAtTheHighWatermark) {
  LogSettings s = ThreeBatchSegments();
  s.retention_bytes = 1;
  auto log = Open(s);
  for (int i = 0; i < 10; ++i) AppendRecords(*log, 2, LeaderEpoch{1}, 0);
  EXPECT_EQ(log->DeleteRetentionSegments(0, Offset{13}), 2);
  EXPECT_EQ(log->log_start_offset(), Offset{12});
}

}  // namespace
}  // namespace kafkasim::log
