// tests/core/log/leader_epoch_cache_test.cc — cases after Kafka's
// LeaderEpochFileCacheTest, over the real SimDisk.
#include "core/log/leader_epoch_cache.h"

#include <gtest/gtest.h>

#include <string>

#include "sim/disk/sim_disk.h"

namespace kafkasim::log {
namespace {

LeaderEpoch E(int32_t e) { return LeaderEpoch{e}; }
Offset O(int64_t o) { return Offset{o}; }
EpochEndOffset R(int32_t e, int64_t o) { return {E(e), O(o)}; }
std::vector<EpochEntry> Entries(std::initializer_list<std::pair<int32_t, int64_t>> l) {
  std::vector<EpochEntry> out;
  for (auto [e, o] : l) out.push_back({E(e), O(o)});
  return out;
}

class LeaderEpochCacheTest : public ::testing::Test {
 protected:
  sim::SimDisk disk_;
  LeaderEpochCache cache_{disk_, "t-0/"};
};

TEST_F(LeaderEpochCacheTest, AddsEpochAndReturnsLeoForLatestEpoch) {
  cache_.Assign(E(2), O(10));
  EXPECT_EQ(cache_.EndOffsetFor(E(2), O(11)), R(2, 11));
  EXPECT_EQ(cache_.LatestEpoch(), E(2));
}

TEST_F(LeaderEpochCacheTest, ReturnsLogEndOffsetIfLatestEpochRequested) {
  cache_.Assign(E(2), O(5));
  cache_.Assign(E(3), O(6));
  cache_.Assign(E(4), O(7));
  EXPECT_EQ(cache_.EndOffsetFor(E(4), O(10)), R(4, 10));
}

TEST_F(LeaderEpochCacheTest, ReturnsUndefinedForUndefinedEpochOrEmptyCache) {
  EXPECT_EQ(cache_.EndOffsetFor(kUndefinedEpoch, O(0)), R(-1, -1));
  EXPECT_EQ(cache_.EndOffsetFor(E(0), O(0)), R(-1, -1));
  cache_.Assign(E(2), O(5));
  EXPECT_EQ(cache_.EndOffsetFor(kUndefinedEpoch, O(10)), R(-1, -1));
}

TEST_F(LeaderEpochCacheTest, DoesNotOverwriteStartOffsetOnceAssigned) {
  cache_.Assign(E(2), O(6));
  EXPECT_FALSE(cache_.Assign(E(2), O(7)));
  EXPECT_EQ(cache_.Entries(), Entries({{2, 6}}));
}

TEST_F(LeaderEpochCacheTest, RequestedEpochBelowEarliestReturnsItWithFirstStartOffset) {
  cache_.Assign(E(5), O(11));
  cache_.Assign(E(6), O(12));
  cache_.Assign(E(7), O(13));
  // Kafka (KAFKA-7415 onward): (requested, start of the first higher epoch).
  EXPECT_EQ(cache_.EndOffsetFor(E(4), O(20)), R(4, 11));
}

TEST_F(LeaderEpochCacheTest, SameEpochWithEarlierStartOffsetTruncates) {
  cache_.Assign(E(5), O(11));
  cache_.Assign(E(6), O(12));
  cache_.Assign(E(7), O(13));
  EXPECT_TRUE(cache_.Assign(E(7), O(12)));
  EXPECT_EQ(cache_.Entries(), Entries({{5, 11}, {7, 12}}));
}

TEST_F(LeaderEpochCacheTest, PreviousEpochEndsAtStartOfNext) {
  cache_.Assign(E(1), O(5));
  cache_.Assign(E(1), O(6));
  cache_.Assign(E(1), O(7));
  cache_.Assign(E(2), O(8));
  cache_.Assign(E(2), O(9));
  EXPECT_EQ(cache_.EndOffsetFor(E(1), O(11)), R(1, 8));
}

TEST_F(LeaderEpochCacheTest, ReturnsNextAvailableEpochIfNoExactMatch) {
  cache_.Assign(E(0), O(10));
  cache_.Assign(E(2), O(13));
  cache_.Assign(E(4), O(17));
  EXPECT_EQ(cache_.EndOffsetFor(E(1), O(20)), R(0, 13));
  EXPECT_EQ(cache_.EndOffsetFor(E(2), O(20)), R(2, 17));
  EXPECT_EQ(cache_.EndOffsetFor(E(3), O(20)), R(2, 17));
}

TEST_F(LeaderEpochCacheTest, EpochAboveLatestIsUndefined) {
  cache_.Assign(E(2), O(100));
  EXPECT_EQ(cache_.EndOffsetFor(E(3), O(100)), R(-1, -1));
}

TEST_F(LeaderEpochCacheTest, EnforcesMonotonicStartOffsets) {
  cache_.Assign(E(2), O(6));
  cache_.Assign(E(3), O(5));
  EXPECT_EQ(cache_.Entries(), Entries({{3, 5}}));
  cache_.Assign(E(4), O(9));
  cache_.Assign(E(1), O(20));  // lower epoch: everything at epoch >= 1 goes
  EXPECT_EQ(cache_.Entries(), Entries({{1, 20}}));
}

TEST_F(LeaderEpochCacheTest, IgnoresNegativeArguments) {
  EXPECT_FALSE(cache_.Assign(E(-1), O(0)));
  EXPECT_FALSE(cache_.Assign(E(1), O(-1)));
  EXPECT_TRUE(cache_.Entries().empty());
}

TEST_F(LeaderEpochCacheTest, TruncateFromEndRemovesEntriesAtOrAfterOffset) {
  cache_.Assign(E(2), O(6));
  cache_.Assign(E(3), O(8));
  cache_.Assign(E(4), O(11));
  cache_.TruncateFromEnd(O(12));
  EXPECT_EQ(cache_.Entries().size(), 3u);
  cache_.TruncateFromEnd(O(9));
  EXPECT_EQ(cache_.Entries(), Entries({{2, 6}, {3, 8}}));
  cache_.TruncateFromEnd(O(8));
  EXPECT_EQ(cache_.Entries(), Entries({{2, 6}}));
  cache_.TruncateFromEnd(O(0));
  EXPECT_TRUE(cache_.Entries().empty());
}

TEST_F(LeaderEpochCacheTest, TruncateFromStartKeepsEpochOfNewStart) {
  cache_.Assign(E(2), O(6));
  cache_.Assign(E(3), O(8));
  cache_.Assign(E(4), O(11));
  cache_.TruncateFromStart(O(5));
  EXPECT_EQ(cache_.Entries(), Entries({{2, 6}, {3, 8}, {4, 11}}));
  cache_.TruncateFromStart(O(8));
  EXPECT_EQ(cache_.Entries(), Entries({{3, 8}, {4, 11}}));
  cache_.TruncateFromStart(O(9));
  EXPECT_EQ(cache_.Entries(), Entries({{3, 9}, {4, 11}}));
  cache_.TruncateFromStart(O(15));
  EXPECT_EQ(cache_.Entries(), Entries({{4, 15}}));
}

TEST_F(LeaderEpochCacheTest, PersistsInKafkaCheckpointFormat) {
  cache_.Assign(E(2), O(6));
  cache_.Assign(E(3), O(8));
  auto bytes = disk_.Read("t-0/leader-epoch-checkpoint");
  EXPECT_EQ(std::string(bytes.begin(), bytes.end()), "0\n2\n2 6\n3 8\n");
  // Durable: survives a power failure.
  disk_.PowerFail();
  LeaderEpochCache reloaded(disk_, "t-0/");
  ASSERT_TRUE(reloaded.Load().ok());
  EXPECT_EQ(reloaded.Entries(), Entries({{2, 6}, {3, 8}}));
}

TEST_F(LeaderEpochCacheTest, CorruptCheckpointIsAnErrorNotACrash) {
  const std::string junk = "0\n5\n1 2\nnot numbers\n";
  EXPECT_TRUE(disk_
                  .Append("t-0/leader-epoch-checkpoint",
                          std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(junk.data()), junk.size()))
                  .ok());
  auto st = cache_.Load();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, ErrorCode::CORRUPT_MESSAGE);
  EXPECT_TRUE(cache_.Entries().empty());
}

}  // namespace
}  // namespace kafkasim::log
