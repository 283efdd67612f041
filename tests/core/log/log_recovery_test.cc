// tests/core/log/log_recovery_test.cc — Log::Open after crashes, power
// failures, torn writes and corrupt bytes, over the real SimDisk.
#include <gtest/gtest.h>

#include "core/log/log.h"
#include "sim/prng.h"
#include "tests/core/log/log_test_util.h"

namespace kafkasim::log {
namespace {

using namespace kafkasim::log::testing;
using Ranges_t = std::vector<std::pair<int64_t, int64_t>>;

const std::string kRecoveryDir = "r-0/";
constexpr size_t kBatchSize = record::kBatchHeaderSize + 16;

class LogRecoveryTest : public ::testing::Test {
 protected:
  std::unique_ptr<Log> Open(LogSettings s = {}) { return OpenOrDie(disk_, kRecoveryDir, s, Ms(1)); }
  sim::SimDisk disk_;
};

TEST_F(LogRecoveryTest, ProcessCrashKeepsUnflushedBatches) {
  auto log = Open();
  for (int i = 0; i < 5; ++i) AppendRecords(*log, 2, LeaderEpoch{3}, 0);
  EXPECT_EQ(log->recovery_point(), Offset{0});
  const auto before = Ranges(*log);
  log.reset();
  disk_.CrashProcess();
  auto reopened = Open();
  EXPECT_EQ(Ranges(*reopened), before);
  EXPECT_EQ(reopened->log_end_offset(), Offset{10});
  EXPECT_EQ(reopened->leader_epoch_cache().Entries(), (std::vector<EpochEntry>{{LeaderEpoch{3}, Offset{0}}}));
}

TEST_F(LogRecoveryTest, PowerFailureDropsUnflushedBatchesAndTheirEpochs) {
  auto log = Open();
  for (int i = 0; i < 3; ++i) AppendRecords(*log, 2, LeaderEpoch{1}, 0);
  log->Flush(0);
  EXPECT_EQ(log->recovery_point(), Offset{6});
  for (int i = 0; i < 2; ++i) AppendRecords(*log, 2, LeaderEpoch{2}, 0);
  log.reset();
  disk_.PowerFail();
  auto reopened = Open();
  EXPECT_EQ(reopened->log_end_offset(), Offset{6});
  EXPECT_EQ(reopened->recovery_point(), Offset{6});
  // The checkpoint was fsynced with epoch 2 at 6; recovery trims it to the LEO.
  EXPECT_EQ(reopened->leader_epoch_cache().Entries(), (std::vector<EpochEntry>{{LeaderEpoch{1}, Offset{0}}}));
  EXPECT_EQ(AppendRecords(*reopened, 1, LeaderEpoch{4}, 0), Offset{6});
}

TEST_F(LogRecoveryTest, FlushMessagesPolicyFsyncsOnAppend) {
  LogSettings s;
  s.flush_messages = 4;
  auto log = Open(s);
  AppendRecords(*log, 2, LeaderEpoch{1}, 0);
  EXPECT_EQ(log->recovery_point(), Offset{0});
  AppendRecords(*log, 2, LeaderEpoch{1}, 0);
  EXPECT_EQ(log->recovery_point(), Offset{4});
  AppendRecords(*log, 1, LeaderEpoch{1}, 0);
  log.reset();
  disk_.PowerFail();
  EXPECT_EQ(Open()->log_end_offset(), Offset{4});
}

TEST_F(LogRecoveryTest, FlushMsPolicyFsyncsWhenDue) {
  LogSettings s;
  s.flush_ms = 100;
  auto log = OpenOrDie(disk_, kRecoveryDir, s, 0);
  AppendRecords(*log, 2, LeaderEpoch{1}, Ms(10));
  EXPECT_FALSE(log->MaybeFlush(Ms(99)));
  EXPECT_TRUE(log->MaybeFlush(Ms(100)));
  EXPECT_EQ(log->recovery_point(), Offset{2});
  EXPECT_FALSE(log->MaybeFlush(Ms(500)));  // nothing new to flush
}

TEST_F(LogRecoveryTest, DefaultFlushPolicyNeverFlushes) {
  auto log = Open();
  for (int i = 0; i < 100; ++i) AppendRecords(*log, 1, LeaderEpoch{1}, Ms(i * 1000));
  EXPECT_FALSE(log->MaybeFlush(Ms(10'000'000)));
  EXPECT_EQ(log->recovery_point(), Offset{0});
}

TEST_F(LogRecoveryTest, TornTailIsTruncatedToWholeBatches) {
  int partial = 0;
  for (uint64_t seed = 0; seed < 24; ++seed) {
    sim::SimDisk disk;
    auto log = OpenOrDie(disk, kRecoveryDir, {}, 0);
    for (int i = 0; i < 2; ++i) AppendRecords(*log, 2, LeaderEpoch{1}, 0);
    log->Flush(0);
    for (int i = 0; i < 3; ++i) AppendRecords(*log, 2, LeaderEpoch{1}, 0);
    log.reset();
    sim::Prng prng(seed);
    disk.PowerFailTorn(prng);
    const uint64_t torn_size = disk.Size("r-0/00000000000000000000.log");
    partial += torn_size % kBatchSize != 0;
    auto reopened = OpenOrDie(disk, kRecoveryDir, {}, 0);
    const Offset leo = reopened->log_end_offset();
    const auto& cut = reopened->recovery_cut();
    if (torn_size % kBatchSize != 0) {
      ASSERT_TRUE(cut.has_value());
      EXPECT_EQ(cut->at, leo);
      EXPECT_EQ(cut->bytes, torn_size % kBatchSize);
      EXPECT_NE(cut->reason.find("torn batch"), std::string::npos) << cut->reason;
    } else {
      EXPECT_FALSE(cut.has_value()) << cut->reason;
    }
    EXPECT_GE(leo, Offset{4});
    EXPECT_LE(leo, Offset{10});
    EXPECT_EQ(leo.value() % 2, 0);
    EXPECT_EQ(disk.Size("r-0/00000000000000000000.log"), static_cast<uint64_t>(leo.value() / 2) * kBatchSize);
    EXPECT_EQ(AppendRecords(*reopened, 1, LeaderEpoch{2}, 0), leo);
  }
  EXPECT_GT(partial, 0);
}

TEST_F(LogRecoveryTest, CorruptBatchTruncatesThereAndDeletesLaterSegments) {
  LogSettings s;
  s.segment_bytes = 3 * kBatchSize;
  auto log = Open(s);
  for (int i = 0; i < 8; ++i) AppendRecords(*log, 2, LeaderEpoch{i}, 0);  // segs 0-5, 6-11, 12-15
  log->Flush(0);
  log.reset();
  // Flip a payload byte of batch 4-5 (covered by the CRC).
  disk_.CorruptByte("r-0/00000000000000000000.log", 2 * kBatchSize + record::kBatchHeaderSize + 3);
  auto reopened = Open(s);
  EXPECT_EQ(Ranges(*reopened), (Ranges_t{{0, 1}, {2, 3}}));
  EXPECT_EQ(reopened->Segments().size(), 1u);
  EXPECT_FALSE(disk_.Exists("r-0/00000000000000000006.log"));
  EXPECT_FALSE(disk_.Exists("r-0/00000000000000000012.log"));
  EXPECT_EQ(reopened->recovery_point(), Offset{4});
  EXPECT_EQ(reopened->leader_epoch_cache().Entries(),
            (std::vector<EpochEntry>{{LeaderEpoch{0}, Offset{0}}, {LeaderEpoch{1}, Offset{2}}}));
}

TEST_F(LogRecoveryTest, CorruptHeaderLengthIsHandledWithoutCrashing) {
  auto log = Open();
  for (int i = 0; i < 3; ++i) AppendRecords(*log, 1, LeaderEpoch{1}, 0);
  log.reset();
  // Corrupt batchLength of the second batch into a huge value.
  disk_.CorruptByte("r-0/00000000000000000000.log", kBatchSize + record::kBatchLengthOffset);
  auto reopened = Open();
  EXPECT_EQ(reopened->log_end_offset(), Offset{1});
}

TEST_F(LogRecoveryTest, RecoveryRebuildsTheSameIndexesAndCorruptCheckpointsAreSurvivable) {
  LogSettings s;
  s.index_interval_bytes = 100;
  auto log = Open(s);
  for (int i = 0; i < 20; ++i) AppendRecords(*log, 1, LeaderEpoch{i / 5}, 0, 1000 + i);
  const auto index_file = "r-0/00000000000000000000.index";
  const auto time_file = "r-0/00000000000000000000.timeindex";
  const std::vector<uint8_t> index(disk_.Read(index_file).begin(), disk_.Read(index_file).end());
  const std::vector<uint8_t> time(disk_.Read(time_file).begin(), disk_.Read(time_file).end());
  const auto epochs = log->leader_epoch_cache().Entries();
  log.reset();
  disk_.CorruptByte(index_file, 0);
  disk_.CorruptByte("r-0/leader-epoch-checkpoint", 0);
  auto reopened = Open(s);
  EXPECT_EQ(std::vector<uint8_t>(disk_.Read(index_file).begin(), disk_.Read(index_file).end()), index);
  EXPECT_EQ(std::vector<uint8_t>(disk_.Read(time_file).begin(), disk_.Read(time_file).end()), time);
  EXPECT_EQ(reopened->leader_epoch_cache().Entries(), epochs);
  EXPECT_EQ(reopened->OffsetForTimestamp(1010)->offset, Offset{10});
}

TEST_F(LogRecoveryTest, RecoveredLogKeepsItsStartOffsetAfterRetention) {
  LogSettings s;
  s.segment_bytes = 2 * kBatchSize;
  s.retention_bytes = 1;
  auto log = Open(s);
  for (int i = 0; i < 6; ++i) AppendRecords(*log, 1, LeaderEpoch{1}, 0);
  EXPECT_EQ(log->DeleteRetentionSegments(0, Offset{6}), 2);
  log.reset();
  disk_.CrashProcess();
  auto reopened = Open(s);
  EXPECT_EQ(reopened->log_start_offset(), Offset{4});
  EXPECT_EQ(reopened->log_end_offset(), Offset{6});
  EXPECT_EQ(reopened->leader_epoch_cache().Entries(), (std::vector<EpochEntry>{{LeaderEpoch{1}, Offset{4}}}));
}

}  // namespace
}  // namespace kafkasim::log
