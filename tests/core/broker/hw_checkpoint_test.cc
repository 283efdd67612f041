// tests/core/broker/hw_checkpoint_test.cc — the replication-offset-checkpoint
// file in Kafka's text format (OffsetCheckpointFile: a version line "0", an
// entry count line, then "<topic> <partition> <offset>" per line).
#include "core/broker/hw_checkpoint.h"

#include <gtest/gtest.h>

#include <string>

#include "sim/disk/sim_disk.h"

namespace kafkasim::broker {
namespace {

TopicPartition Tp(const std::string& t, int32_t p) { return {t, PartitionId{p}}; }

std::string ReadText(const Disk& d) {
  auto b = d.Read(kHwCheckpointFile);
  return {b.begin(), b.end()};
}

void AppendText(Disk& d, const std::string& s) {
  EXPECT_TRUE(d.Append(kHwCheckpointFile, std::span(reinterpret_cast<const uint8_t*>(s.data()), s.size())).ok());
}

TEST(HwCheckpointTest, FileNameIsKafkas) { EXPECT_STREQ(kHwCheckpointFile, "replication-offset-checkpoint"); }

TEST(HwCheckpointTest, WritesKafkasTextFormat) {
  sim::SimDisk disk;
  EXPECT_TRUE(
      WriteHighWatermarkCheckpoint(disk, {{Tp("orders", 0), Offset{5}}, {Tp("audit", 12), Offset{1234567890123}}})
          .ok());
  EXPECT_EQ(ReadText(disk), "0\n2\naudit 12 1234567890123\norders 0 5\n");
}

TEST(HwCheckpointTest, RoundTrips) {
  sim::SimDisk disk;
  std::map<TopicPartition, Offset> hws = {
      {Tp("orders", 0), Offset{5}}, {Tp("orders", 1), Offset{0}}, {Tp("my.topic_x-1", 7), Offset{99}}};
  EXPECT_TRUE(WriteHighWatermarkCheckpoint(disk, hws).ok());
  EXPECT_EQ(ReadHighWatermarkCheckpoint(disk), hws);
}

TEST(HwCheckpointTest, EmptyMapRoundTrips) {
  sim::SimDisk disk;
  EXPECT_TRUE(WriteHighWatermarkCheckpoint(disk, {}).ok());
  EXPECT_EQ(ReadText(disk), "0\n0\n");
  EXPECT_TRUE(ReadHighWatermarkCheckpoint(disk).empty());
}

TEST(HwCheckpointTest, MissingFileReadsAsEmpty) {
  sim::SimDisk disk;
  EXPECT_TRUE(ReadHighWatermarkCheckpoint(disk).empty());
}

TEST(HwCheckpointTest, RewriteReplacesThePreviousContents) {
  sim::SimDisk disk;
  EXPECT_TRUE(WriteHighWatermarkCheckpoint(disk, {{Tp("a", 0), Offset{1}}, {Tp("b", 0), Offset{2}}}).ok());
  EXPECT_TRUE(WriteHighWatermarkCheckpoint(disk, {{Tp("a", 0), Offset{3}}}).ok());
  std::map<TopicPartition, Offset> want = {{Tp("a", 0), Offset{3}}};
  EXPECT_EQ(ReadHighWatermarkCheckpoint(disk), want);
}

TEST(HwCheckpointTest, IsDurableAcrossPowerFailure) {
  sim::SimDisk disk;
  EXPECT_TRUE(WriteHighWatermarkCheckpoint(disk, {{Tp("a", 0), Offset{1}}}).ok());
  EXPECT_TRUE(WriteHighWatermarkCheckpoint(disk, {{Tp("a", 0), Offset{8}}}).ok());
  disk.PowerFail();
  std::map<TopicPartition, Offset> want = {{Tp("a", 0), Offset{8}}};
  EXPECT_EQ(ReadHighWatermarkCheckpoint(disk), want);
}

TEST(HwCheckpointTest, TornLastLineIsIgnored) {
  sim::SimDisk disk;
  AppendText(disk, "0\n3\norders 0 5\norders 1 7\norders 2 12");  // no final newline
  std::map<TopicPartition, Offset> want = {{Tp("orders", 0), Offset{5}}, {Tp("orders", 1), Offset{7}}};
  EXPECT_EQ(ReadHighWatermarkCheckpoint(disk), want);
}

TEST(HwCheckpointTest, TornInsideTheHeaderReadsAsEmpty) {
  sim::SimDisk disk;
  AppendText(disk, "0\n");
  EXPECT_TRUE(ReadHighWatermarkCheckpoint(disk).empty());
  AppendText(disk, "2");
  EXPECT_TRUE(ReadHighWatermarkCheckpoint(disk).empty());
}

}  // namespace
}  // namespace kafkasim::broker
