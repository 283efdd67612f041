// tests/core/log/log_test.cc — Log appends, reads, rolling, lookups.
#include "core/log/log.h"

#include <gtest/gtest.h>

#include "tests/core/log/log_test_util.h"

namespace kafkasim::log {
namespace {

using namespace kafkasim::log::testing;

constexpr LeaderEpoch kEpoch0{0};
const std::string kLogDir = "orders-0/";

class LogTest : public ::testing::Test {
 protected:
  std::unique_ptr<Log> Open(LogSettings s = {}) { return OpenOrDie(disk_, kLogDir, s, 0); }
  sim::SimDisk disk_;
};

TEST_F(LogTest, NewLogIsEmptyAtOffsetZeroWithKafkaFileNames) {
  auto log = Open();
  EXPECT_EQ(log->log_start_offset(), Offset{0});
  EXPECT_EQ(log->log_end_offset(), Offset{0});
  EXPECT_TRUE(disk_.Exists("orders-0/00000000000000000000.log"));
}

TEST_F(LogTest, AppendAsLeaderAssignsOffsetsFromLeoAndStampsEpoch) {
  auto log = Open();
  Bytes b1 = MakeBatch(3, 100);
  auto i1 = log->AppendAsLeader(b1, LeaderEpoch{7}, 0);
  ASSERT_TRUE(i1.ok());
  EXPECT_EQ(i1->first_offset, Offset{0});
  EXPECT_EQ(i1->last_offset, Offset{2});
  EXPECT_EQ(i1->max_timestamp, 100);
  EXPECT_EQ(i1->records_count, 3);
  Bytes b2 = MakeBatch(2, 50);
  auto i2 = log->AppendAsLeader(b2, LeaderEpoch{7}, 0);
  ASSERT_TRUE(i2.ok());
  EXPECT_EQ(i2->first_offset, Offset{3});
  EXPECT_EQ(i2->last_offset, Offset{4});
  auto h = record::ParseBatchHeader(b2);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->base_offset, 3);
  EXPECT_EQ(h->partition_leader_epoch, 7);
  EXPECT_TRUE(record::VerifyBatchCrc(b2));  // neither field is under the CRC
  EXPECT_EQ(log->log_end_offset(), Offset{5});
  EXPECT_EQ(log->leader_epoch_cache().Entries(), (std::vector<EpochEntry>{{LeaderEpoch{7}, Offset{0}}}));
}

TEST_F(LogTest, NewEpochIsAssignedAtItsFirstBatch) {
  auto log = Open();
  AppendRecords(*log, 2, LeaderEpoch{1}, 0);
  AppendRecords(*log, 2, LeaderEpoch{1}, 0);
  AppendRecords(*log, 2, LeaderEpoch{3}, 0);
  EXPECT_EQ(log->leader_epoch_cache().Entries(),
            (std::vector<EpochEntry>{{LeaderEpoch{1}, Offset{0}}, {LeaderEpoch{3}, Offset{4}}}));
  EXPECT_EQ(log->EndOffsetForEpoch(LeaderEpoch{1}), (EpochEndOffset{LeaderEpoch{1}, Offset{4}}));
  EXPECT_EQ(log->EndOffsetForEpoch(LeaderEpoch{2}), (EpochEndOffset{LeaderEpoch{1}, Offset{4}}));
  EXPECT_EQ(log->EndOffsetForEpoch(LeaderEpoch{3}), (EpochEndOffset{LeaderEpoch{3}, Offset{6}}));
}

TEST_F(LogTest, LeaderAppendRejectsCorruptBatchesAndAppendsNothing) {
  auto log = Open();
  Bytes good = MakeBatch(1);
  Bytes bad = MakeBatch(1);
  bad.back() ^= 0xff;
  Bytes both = good;
  both.insert(both.end(), bad.begin(), bad.end());
  auto r = log->AppendAsLeader(both, kEpoch0, 0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::CORRUPT_MESSAGE);
  Bytes truncated(good.begin(), good.end() - 1);
  EXPECT_FALSE(log->AppendAsLeader(truncated, kEpoch0, 0).ok());
  Bytes empty;
  EXPECT_FALSE(log->AppendAsLeader(empty, kEpoch0, 0).ok());
  EXPECT_EQ(log->log_end_offset(), Offset{0});
}

TEST_F(LogTest, LeaderAppendsSeveralBatchesInOneBuffer) {
  auto log = Open();
  Bytes buf = MakeBatch(2);
  Bytes second = MakeBatch(3);
  buf.insert(buf.end(), second.begin(), second.end());
  auto r = log->AppendAsLeader(buf, kEpoch0, 0);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->num_batches, 2);
  EXPECT_EQ(Ranges(*log), (std::vector<std::pair<int64_t, int64_t>>{{0, 1}, {2, 4}}));
}

TEST_F(LogTest, ReadReturnsWholeBatchesFromTheOneHoldingTheOffset) {
  auto log = Open();
  for (int i = 0; i < 4; ++i) AppendRecords(*log, 3, kEpoch0, 0);  // 0-2 3-5 6-8 9-11
  auto r = log->Read(Offset{4}, 1 << 20, log->log_end_offset());
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->batches.size(), 3u);
  EXPECT_EQ(record::ParseBatchHeader(*r->batches[0])->base_offset, 3);
  // The bytes are shared with the log, not copied.
  auto again = log->Read(Offset{3}, 1 << 20, log->log_end_offset());
  EXPECT_EQ(again->batches[0].get(), r->batches[0].get());
}

TEST_F(LogTest, ReadHonoursMaxBytesButReturnsAtLeastOneBatch) {
  auto log = Open();
  for (int i = 0; i < 4; ++i) AppendRecords(*log, 1, kEpoch0, 0, 0, 100);
  const int32_t batch_size = static_cast<int32_t>(record::kBatchHeaderSize + 100);
  EXPECT_EQ(log->Read(Offset{0}, 1, Offset{4})->batches.size(), 1u);
  EXPECT_EQ(log->Read(Offset{0}, 2 * batch_size, Offset{4})->batches.size(), 2u);
  EXPECT_EQ(log->Read(Offset{0}, 2 * batch_size + 1, Offset{4})->batches.size(), 2u);
}

TEST_F(LogTest, ReadNeverReturnsBatchesAtOrAboveMaxOffset) {
  auto log = Open();
  for (int i = 0; i < 3; ++i) AppendRecords(*log, 2, kEpoch0, 0);  // 0-1 2-3 4-5
  EXPECT_EQ(log->Read(Offset{0}, 1 << 20, Offset{4})->batches.size(), 2u);
  EXPECT_EQ(log->Read(Offset{0}, 1 << 20, Offset{3})->batches.size(), 1u);  // 2-3 straddles
  EXPECT_TRUE(log->Read(Offset{4}, 1 << 20, Offset{4})->batches.empty());
  EXPECT_TRUE(log->Read(Offset{0}, 1 << 20, Offset{0})->batches.empty());
}

TEST_F(LogTest, ReadOutsideTheLogIsOffsetOutOfRange) {
  auto log = Open();
  AppendRecords(*log, 2, kEpoch0, 0);
  EXPECT_TRUE(log->Read(Offset{2}, 100, Offset{2})->batches.empty());  // at LEO: nothing yet
  auto above = log->Read(Offset{3}, 100, Offset{3});
  ASSERT_FALSE(above.ok());
  EXPECT_EQ(above.error().code, ErrorCode::OFFSET_OUT_OF_RANGE);
  EXPECT_FALSE(log->Read(Offset{-1}, 100, Offset{2}).ok());
}

TEST_F(LogTest, RollsBySegmentBytes) {
  LogSettings s;
  s.segment_bytes = 3 * (record::kBatchHeaderSize + 16);
  auto log = Open(s);
  for (int i = 0; i < 7; ++i) AppendRecords(*log, 2, kEpoch0, 0);
  auto segs = log->Segments();
  ASSERT_EQ(segs.size(), 3u);
  EXPECT_EQ(segs[0].base_offset, Offset{0});
  EXPECT_EQ(segs[1].base_offset, Offset{6});
  EXPECT_EQ(segs[2].base_offset, Offset{12});
  EXPECT_TRUE(disk_.Exists("orders-0/00000000000000000006.log"));
  EXPECT_TRUE(disk_.Exists("orders-0/00000000000000000012.log"));
  // Reads cross segment boundaries.
  EXPECT_EQ(log->Read(Offset{5}, 1 << 20, log->log_end_offset())->batches.size(), 5u);
  // A roll flushes the older segments (Kafka's roll schedules that flush).
  EXPECT_EQ(log->recovery_point(), Offset{12});
}

TEST_F(LogTest, RollsBySegmentMs) {
  LogSettings s;
  s.segment_ms = 1000;
  auto log = Open(s);
  AppendRecords(*log, 1, kEpoch0, Ms(10));
  AppendRecords(*log, 1, kEpoch0, Ms(1009));
  EXPECT_EQ(log->Segments().size(), 1u);
  AppendRecords(*log, 1, kEpoch0, Ms(1010));
  ASSERT_EQ(log->Segments().size(), 2u);
  EXPECT_EQ(log->Segments()[1].base_offset, Offset{2});
}

TEST_F(LogTest, IndexesGetAnEntryEveryIndexIntervalBytes) {
  LogSettings s;
  s.index_interval_bytes = 200;
  auto log = Open(s);
  const size_t size = record::kBatchHeaderSize + 39;  // 100 bytes a batch
  for (int i = 0; i < 10; ++i) AppendRecords(*log, 1, kEpoch0, 0, /*ts=*/1000 + i, 39);
  // An entry is made at the append that follows > 200 bytes: batches 3, 6, 9.
  EXPECT_EQ(disk_.Size("orders-0/00000000000000000000.index"), 3 * 8u);
  EXPECT_EQ(disk_.Size("orders-0/00000000000000000000.timeindex"), 3 * 12u);
  auto r = log->Read(Offset{7}, 1, Offset{10});
  EXPECT_EQ(record::ParseBatchHeader(*r->batches[0])->base_offset, 7);
  EXPECT_EQ(log->Segments()[0].size_bytes, 10 * size);
}

TEST_F(LogTest, OffsetForTimestampUsesBatchMaxTimestamps) {
  LogSettings s;
  s.index_interval_bytes = 1;
  s.segment_bytes = 3 * (record::kBatchHeaderSize + 16);
  auto log = Open(s);
  int64_t ts[] = {100, 200, 150, 300, 400, 500, 600};
  for (int64_t t : ts) AppendRecords(*log, 2, LeaderEpoch{4}, 0, t);
  auto at = [&](int64_t t) { return log->OffsetForTimestamp(t); };
  EXPECT_EQ(at(50)->offset, Offset{0});
  EXPECT_EQ(at(150)->offset, Offset{2});
  EXPECT_EQ(at(201)->offset, Offset{6});
  EXPECT_EQ(at(201)->timestamp, 300);
  EXPECT_EQ(at(550)->offset, Offset{12});
  EXPECT_EQ(at(550)->leader_epoch, LeaderEpoch{4});
  EXPECT_FALSE(at(601).has_value());
  EXPECT_EQ(at(kLatestTimestamp)->offset, Offset{14});
  EXPECT_EQ(at(kEarliestTimestamp)->offset, Offset{0});
}

TEST_F(LogTest, FollowerAppendRequiresBaseOffsetAtLeoAndLearnsEpochs) {
  auto log = Open();
  Bytes b0 = MakeBatch(BatchSpec{2, 0, 16, 0xAB, 0, 1});
  Bytes b1 = MakeBatch(BatchSpec{3, 0, 16, 0xAB, 2, 4});
  Bytes both = b0;
  both.insert(both.end(), b1.begin(), b1.end());
  auto r = log->AppendAsFollower(both, 0);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(log->log_end_offset(), Offset{5});
  EXPECT_EQ(log->leader_epoch_cache().Entries(),
            (std::vector<EpochEntry>{{LeaderEpoch{1}, Offset{0}}, {LeaderEpoch{4}, Offset{2}}}));
  Bytes gap = MakeBatch(BatchSpec{1, 0, 16, 0xAB, 6, 4});
  auto bad = log->AppendAsFollower(gap, 0);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::OFFSET_OUT_OF_RANGE);
  Bytes old = MakeBatch(BatchSpec{1, 0, 16, 0xAB, 4, 4});
  EXPECT_FALSE(log->AppendAsFollower(old, 0).ok());
  EXPECT_EQ(log->log_end_offset(), Offset{5});
}

TEST_F(LogTest, FollowerCanShareTheLeadersBytes) {
  sim::SimDisk other;
  auto leader = Open();
  auto follower = OpenOrDie(other, kLogDir, {}, 0);
  for (int i = 0; i < 3; ++i) AppendRecords(*leader, 2, LeaderEpoch{2}, 0);
  auto fetched = leader->Read(follower->log_end_offset(), 1 << 20, leader->log_end_offset());
  ASSERT_TRUE(follower->AppendAsFollower(fetched->batches, 0).ok());
  EXPECT_EQ(Ranges(*follower), Ranges(*leader));
  EXPECT_EQ(follower->leader_epoch_cache().Entries(), leader->leader_epoch_cache().Entries());
}

}  // namespace
}  // namespace kafkasim::log
