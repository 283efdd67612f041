// tests/sim/report/story_test.cc — which high watermark moves the timeline
// tells: a new leader's first move, then at most one line per
// kHwLineIntervalNs per partition; never a follower's HW.
#include "sim/report/story.h"

#include <gtest/gtest.h>

namespace kafkasim::sim {
namespace {

const TopicPartition kTp{"orders", PartitionId{0}};

ObsHighWatermark Hw(int32_t node, int64_t from, int64_t to, bool leader = true) {
  return ObsHighWatermark{NodeId{node}, kTp, Offset{from}, Offset{to}, leader};
}

Story MakeStory() {
  return Story([](NodeId id) { return "broker-" + std::to_string(id.value()); });
}

TEST(StoryTest, HighWatermarkLinesAreRateLimitedPerLeader) {
  Story s = MakeStory();
  s.Observe(Ms(100), Hw(1, 0, 5));
  s.Observe(Ms(200), Hw(1, 5, 9));          // within the interval: silent
  s.Observe(Ms(300), Hw(2, 9, 10, false));  // a follower's HW: never told
  s.Observe(Ms(100) + kHwLineIntervalNs, Hw(1, 9, 20));
  s.Observe(Ms(100) + kHwLineIntervalNs + Ms(1), Hw(2, 20, 21));  // new leader: told at once
  ASSERT_EQ(s.lines().size(), 3u);
  EXPECT_EQ(s.lines()[0].text, "high watermark of orders-0 on leader broker-1: 0 -> 5 (consumers read only below it)");
  EXPECT_EQ(s.lines()[1].text, "high watermark of orders-0 on leader broker-1: 5 -> 20");
  EXPECT_EQ(s.lines()[2].at, Ms(101) + kHwLineIntervalNs);
  EXPECT_NE(s.lines()[2].text.find("broker-2: 20 -> 21"), std::string::npos);
}

TEST(StoryTest, InternalOffsetsTopicStaysOutOfTheTimeline) {
  Story s = MakeStory();
  s.Observe(Ms(1), ObsHighWatermark{NodeId{1}, TopicPartition{"__consumer_offsets", PartitionId{3}}, Offset{0},
                                    Offset{1}, true});
  EXPECT_TRUE(s.lines().empty());
}

}  // namespace
}  // namespace kafkasim::sim
