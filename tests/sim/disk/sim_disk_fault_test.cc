// tests/sim/disk/sim_disk_fault_test.cc — SimDisk's disk_full and disk_error.
#include <gtest/gtest.h>

#include <string>

#include "sim/disk/sim_disk.h"

namespace kafkasim::sim {
namespace {

std::span<const uint8_t> FaultBytes(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

TEST(SimDiskFaultTest, FullDiskRefusesGrowingWritesAndAllowsFreeingSpace) {
  SimDisk disk;
  ASSERT_TRUE(disk.Append("f", FaultBytes("abc")).ok());
  disk.set_fault(DiskFault::kFull);
  Status grow = disk.Append("f", FaultBytes("d"));
  ASSERT_FALSE(grow.ok());
  EXPECT_EQ(grow.error().code, ErrorCode::KAFKA_STORAGE_ERROR);
  EXPECT_EQ(grow.error().message, "write f: No space left on device");
  EXPECT_FALSE(disk.Append("new", {}).ok());  // creating a file needs space too
  EXPECT_FALSE(disk.Exists("new"));
  EXPECT_TRUE(disk.Append("f", {}).ok());
  EXPECT_TRUE(disk.Fsync("f").ok());
  EXPECT_TRUE(disk.Truncate("f", 1).ok());
  EXPECT_TRUE(disk.Remove("f").ok());
  EXPECT_EQ(disk.failed_writes(), 2u);
  disk.set_fault(DiskFault::kNone);
  EXPECT_TRUE(disk.Append("f", FaultBytes("x")).ok());
}

TEST(SimDiskFaultTest, IoErrorRefusesEveryWriteAndChangesNothing) {
  SimDisk disk;
  ASSERT_TRUE(disk.Append("f", FaultBytes("abc")).ok());
  disk.set_fault(DiskFault::kIoError);
  EXPECT_EQ(disk.Append("f", FaultBytes("d")).error().message, "write f: Input/output error");
  EXPECT_FALSE(disk.Fsync("f").ok());
  EXPECT_FALSE(disk.Truncate("f", 0).ok());
  EXPECT_FALSE(disk.Remove("f").ok());
  EXPECT_EQ(disk.Size("f"), 3u);  // reads keep working
  EXPECT_EQ(disk.UnsyncedBytes("f"), 3u);
  disk.PowerFail();
  EXPECT_FALSE(disk.Exists("f"));  // the refused fsync made nothing durable
}

}  // namespace
}  // namespace kafkasim::sim
