// tests/core/raft/raft_log_test.cc — the metadata log's divergence rules
// (Kafka's ReplicatedLog.validateOffsetAndEpoch, truncateToEndOffset).
#include "core/raft/raft_log.h"

#include <gtest/gtest.h>

#include "sim/disk/sim_disk.h"

namespace kafkasim::raft {
namespace {

RaftRecord R(int epoch, std::string p = "") { return RaftRecord{LeaderEpoch{epoch}, false, std::move(p)}; }

class RaftLogTest : public ::testing::Test {
 protected:
  sim::SimDisk disk_;
  RaftLog log_{disk_, "meta.log"};
  void Fill(std::initializer_list<int> epochs) {
    for (int e : epochs) ASSERT_TRUE(log_.Append(R(e)).ok());
  }
};

TEST_F(RaftLogTest, EndOffsetForEpochIsWhereTheNextEpochStarts) {
  Fill({1, 1, 2, 2, 2, 4});
  EXPECT_EQ(log_.EndOffsetForEpoch(LeaderEpoch{1}), (OffsetAndEpoch{Offset{2}, LeaderEpoch{1}}));
  EXPECT_EQ(log_.EndOffsetForEpoch(LeaderEpoch{3}), (OffsetAndEpoch{Offset{5}, LeaderEpoch{2}})) << "the floor epoch";
  EXPECT_EQ(log_.EndOffsetForEpoch(LeaderEpoch{4}), (OffsetAndEpoch{Offset{6}, LeaderEpoch{4}}));
  EXPECT_EQ(log_.EndOffsetForEpoch(LeaderEpoch{0}), (OffsetAndEpoch{Offset{0}, LeaderEpoch{0}}));
}

TEST_F(RaftLogTest, AFetchFromALogThatAgreesIsValidElseDiverging) {
  Fill({1, 1, 2, 2, 2, 4});
  EXPECT_FALSE(log_.ValidateOffsetAndEpoch(Offset{0}, LeaderEpoch{0}).diverging);
  EXPECT_FALSE(log_.ValidateOffsetAndEpoch(Offset{4}, LeaderEpoch{2}).diverging);
  EXPECT_FALSE(log_.ValidateOffsetAndEpoch(Offset{6}, LeaderEpoch{4}).diverging);
  // The fetcher has epoch 2 up to offset 7: this log's epoch 2 ends at 5.
  auto v = log_.ValidateOffsetAndEpoch(Offset{7}, LeaderEpoch{2});
  EXPECT_TRUE(v.diverging);
  EXPECT_EQ(v.end, (OffsetAndEpoch{Offset{5}, LeaderEpoch{2}}));
  // The fetcher's last epoch 3 never existed here: the floor, epoch 2, ends at 5.
  v = log_.ValidateOffsetAndEpoch(Offset{6}, LeaderEpoch{3});
  EXPECT_TRUE(v.diverging);
  EXPECT_EQ(v.end, (OffsetAndEpoch{Offset{5}, LeaderEpoch{2}}));
}

TEST_F(RaftLogTest, TruncateToEndOffsetCutsAtTheEarlierEndAndSurvivesARestart) {
  Fill({1, 1, 2, 3, 3, 3});
  auto cut = log_.TruncateToEndOffset(OffsetAndEpoch{Offset{5}, LeaderEpoch{2}});
  ASSERT_TRUE(cut.ok());
  EXPECT_EQ(*cut, Offset{3}) << "this log's epoch 2 ends at 3, before the leader's 5";
  EXPECT_EQ(log_.LastFetchedEpoch(), LeaderEpoch{2});
  ASSERT_TRUE(log_.Append(R(5, "new")).ok());
  RaftLog reloaded(disk_, "meta.log");
  ASSERT_TRUE(reloaded.Load().ok());
  EXPECT_EQ(reloaded.records(), log_.records());
  EXPECT_EQ(reloaded.EndOffsetForEpoch(LeaderEpoch{4}), (OffsetAndEpoch{Offset{3}, LeaderEpoch{2}}));
}

}  // namespace
}  // namespace kafkasim::raft
