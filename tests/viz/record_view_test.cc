// tests/viz/record_view_test.cc — records, not only batches: ghosts of lost
// records with the event that lost them, records at risk before the crash,
// duplicates linked to their twins, records a group processed twice or
// skipped — all in the view model the GUI draws from.
#include "viz/record_view.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "sim/check/measure.h"
#include "sim/simulation.h"
#include "tests/viz/run_to.h"
#include "viz/view_model.h"

namespace kafkasim::viz {
namespace {

const TopicPartition kOrders0{"orders", PartitionId{0}};

TEST(RecordViewTest, BeforeTheCrashAcks1RecordsAreAtRiskNotGhosts) {
  auto sim = RunTo("acks1-leader-failure.yaml", 3'900 * kNsPerMs);
  PartitionRecords r = BuildPartitionRecords(*sim, kOrders0, true);
  EXPECT_TRUE(r.ghosts.empty());
  EXPECT_GT(r.at_risk, 50);
  EXPECT_EQ(r.replica, "broker-1");
  ASSERT_FALSE(r.records.empty());
  const RecordCell& last = r.records.back();
  EXPECT_FALSE(last.committed);
  EXPECT_EQ(last.producer, "p1");
  EXPECT_EQ(last.leader_epoch, 0);
  EXPECT_FALSE(last.key.empty());
}

TEST(RecordViewTest, AfterTheTruncationAGhostRecordSaysWhenAndWhy) {
  auto sim = RunTo("acks1-leader-failure.yaml", 9 * kNsPerSec);  // broker-1 back and truncated
  ViewModel m = BuildViewModel(*sim);
  ASSERT_EQ(m.records.size(), 1u);
  const PartitionRecords& r = m.records[0];
  ASSERT_FALSE(r.ghosts.empty());
  EXPECT_EQ(r.at_risk, 0);
  for (const GhostRecord& g : r.ghosts) {
    EXPECT_GE(g.offset, 0);
    EXPECT_EQ(g.acks, 1);
    EXPECT_LT(g.acked_at, 4 * kNsPerSec);
    EXPECT_GT(g.lost_at, 4 * kNsPerSec);
    EXPECT_GT(g.lost_event, 0u);
    EXPECT_NE(g.cause.find("broker-2 was elected leader of orders-0"), std::string::npos) << g.cause;
  }
  // Where the ghost was acknowledged, the new leader holds another record (epoch 1).
  const GhostRecord& g = r.ghosts.front();
  auto cell =
      std::find_if(r.records.begin(), r.records.end(), [&](const RecordCell& c) { return c.offset == g.offset; });
  ASSERT_NE(cell, r.records.end());
  EXPECT_EQ(cell->leader_epoch, 1);
  std::string text = DescribeViewModel(m);
  EXPECT_NE(text.find("\nghost orders-0 offset=" + std::to_string(g.offset) + " p1#"), std::string::npos) << text;
}

TEST(RecordViewTest, ADuplicateIsLinkedToItsTwin) {
  auto sim = RunTo("producer-retry-duplicates.yaml", 60 * kNsPerSec);
  PartitionRecords all;
  for (const PartitionRecords& r : BuildViewModel(*sim).records)
    all.duplicates.insert(all.duplicates.end(), r.duplicates.begin(), r.duplicates.end());
  ASSERT_FALSE(all.duplicates.empty());
  for (const DuplicateLink& d : all.duplicates) {
    EXPECT_LT(d.twin_offset, d.offset);
    EXPECT_GT(d.acked_at, 0);
  }
}

TEST(RecordViewTest, RecordsAGroupProcessedTwiceOrSkippedAreMarked) {
  auto twice = RunTo("consumer-at-least-once.yaml", 60 * kNsPerSec);
  int repeats = 0;
  for (const PartitionRecords& r : BuildViewModel(*twice).records)
    for (const ConsumerAnomaly& a : r.anomalies) repeats += !a.skipped && a.times == 2 && !a.consumer.empty();
  EXPECT_EQ(repeats, sim::Measure(*twice).duplicates_consumed);

  auto skipped = RunTo("consumer-at-most-once.yaml", 60 * kNsPerSec);
  int skips = 0;
  for (const PartitionRecords& r : BuildViewModel(*skipped).records)
    for (const ConsumerAnomaly& a : r.anomalies) skips += a.skipped && a.at > 0;
  EXPECT_EQ(skips, sim::Measure(*skipped).consumer_lost);
}

}  // namespace
}  // namespace kafkasim::viz
