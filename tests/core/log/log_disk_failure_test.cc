// tests/core/log/log_disk_failure_test.cc — a Log over a disk that fails
// (a full disk, an I/O error): errors as values, and the log goes offline as
// Kafka's log directory does (LogDirFailureChannel).
#include <gtest/gtest.h>

#include "core/log/failure_tracking_disk.h"
#include "tests/core/log/log_test_util.h"

namespace kafkasim::log {
namespace {

using testing::AppendRecords;
using testing::MakeBatch;
using testing::OpenOrDie;
using testing::Ranges;

constexpr const char* kDir = "orders-0/";

TEST(LogDiskFailureTest, AppendOnAFullDiskIsKafkaStorageErrorAndChangesNothing) {
  sim::SimDisk disk;
  auto log = OpenOrDie(disk, kDir, {}, Ms(1));
  AppendRecords(*log, 3, LeaderEpoch{0}, Ms(2));
  disk.set_fault(sim::DiskFault::kFull);
  Bytes batch = MakeBatch(2, 0, 16);
  auto r = log->AppendAsLeader(batch, LeaderEpoch{0}, Ms(3));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::KAFKA_STORAGE_ERROR);
  EXPECT_NE(r.error().message.find("No space left on device"), std::string::npos) << r.error().message;
  EXPECT_EQ(log->log_end_offset(), Offset{3});
  EXPECT_TRUE(log->offline());
}

TEST(LogDiskFailureTest, AnOfflineLogStaysOfflineUntilReopened) {
  sim::SimDisk disk;
  auto log = OpenOrDie(disk, kDir, {}, Ms(1));
  AppendRecords(*log, 3, LeaderEpoch{0}, Ms(2));
  disk.set_fault(sim::DiskFault::kIoError);
  Bytes batch = MakeBatch(2, 0, 16);
  ASSERT_FALSE(log->AppendAsLeader(batch, LeaderEpoch{0}, Ms(3)).ok());
  disk.set_fault(sim::DiskFault::kNone);  // the device works again...
  Bytes again = MakeBatch(2, 0, 16);
  auto r = log->AppendAsLeader(again, LeaderEpoch{0}, Ms(4));
  ASSERT_FALSE(r.ok());  // ...but this log's directory is offline until a restart
  EXPECT_EQ(r.error().code, ErrorCode::KAFKA_STORAGE_ERROR);
  EXPECT_FALSE(log->TruncateTo(Offset{1}));
  EXPECT_EQ(log->log_end_offset(), Offset{3});
  // A restart (a new Log over the same disk) recovers what was written.
  auto reopened = OpenOrDie(disk, kDir, {}, Ms(5));
  EXPECT_FALSE(reopened->offline());
  EXPECT_EQ(Ranges(*reopened), (std::vector<std::pair<int64_t, int64_t>>{{0, 2}}));
  EXPECT_EQ(AppendRecords(*reopened, 2, LeaderEpoch{0}, Ms(6)), Offset{3});
}

TEST(LogDiskFailureTest, OpenOnAFailingDiskIsAnErrorValueNotAThrow) {
  sim::SimDisk disk;
  {
    auto log = OpenOrDie(disk, kDir, {}, Ms(1));
    AppendRecords(*log, 3, LeaderEpoch{0}, Ms(2));
  }
  disk.set_fault(sim::DiskFault::kIoError);
  auto log = Log::Open(disk, kDir, {}, Ms(3));  // recovery rewrites the indexes: refused
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.error().code, ErrorCode::KAFKA_STORAGE_ERROR);
  EXPECT_NE(log.error().message.find("Input/output error"), std::string::npos) << log.error().message;
}

TEST(FailureTrackingDiskTest, ReportsTheFirstFailureOnceAndRefusesEveryLaterWrite) {
  sim::SimDisk disk;
  int reports = 0;
  FailureTrackingDisk dir(disk, [&reports](const Error&) { ++reports; });
  const uint8_t byte = 7;
  EXPECT_TRUE(dir.Append("f", std::span<const uint8_t>(&byte, 1)).ok());
  disk.set_fault(sim::DiskFault::kFull);
  EXPECT_FALSE(dir.Append("f", std::span<const uint8_t>(&byte, 1)).ok());
  EXPECT_TRUE(dir.offline());
  disk.set_fault(sim::DiskFault::kNone);
  EXPECT_FALSE(dir.Append("f", std::span<const uint8_t>(&byte, 1)).ok());
  EXPECT_FALSE(dir.Remove("f").ok());
  EXPECT_EQ(reports, 1);
  EXPECT_EQ(disk.Size("f"), 1u);        // nothing reached the disk after the failure
  EXPECT_EQ(dir.Read("f").size(), 1u);  // reads pass through
}

}  // namespace
}  // namespace kafkasim::log
