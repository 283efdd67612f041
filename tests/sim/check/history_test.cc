// tests/sim/check/history_test.cc — what History derives from observations:
// global send order as each group processed records.
#include "sim/check/history.h"

#include <gtest/gtest.h>

namespace kafkasim::sim {
namespace {

ObsConsumed Consumed(const std::string& group, uint32_t producer, uint64_t seq) {
  return ObsConsumed{NodeId{3001}, group, TopicPartition{"t", PartitionId{0}}, Offset{0}, MakeRecordUid(producer, seq)};
}

TEST(HistoryTest, CountsRecordsProcessedAfterALaterSentOnePerGroupAndProducer) {
  History h;
  for (uint64_t seq : {0, 1, 2, 3}) h.Record(0, Consumed("a", 0, seq));  // in order
  for (uint64_t seq : {0, 2, 1, 3}) h.Record(0, Consumed("b", 0, seq));  // 1 after 2
  h.Record(0, Consumed("b", 1, 0));                                      // another producer: its own order
  h.Record(0, Consumed("b", 0, 1));                                      // a duplicate is not counted again
  EXPECT_EQ(h.consumed_out_of_order().at("a"), 0);
  EXPECT_EQ(h.consumed_out_of_order().at("b"), 1);
}

}  // namespace
}  // namespace kafkasim::sim
