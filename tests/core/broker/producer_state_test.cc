// tests/core/broker/producer_state_test.cc — idempotent producer sequence
// checks (KIP-98; Kafka's ProducerStateManager / ProducerAppendInfo).
#include "core/broker/producer_state.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <vector>

namespace kafkasim::broker {
namespace {

// A batch header of `records` records from producer `pid`.
record::BatchHeader Batch(int64_t pid, int16_t epoch, int32_t base_seq, int32_t records, int64_t base_offset = 0) {
  record::BatchHeader h;
  h.producer_id = pid;
  h.producer_epoch = epoch;
  h.base_sequence = base_seq;
  h.records_count = records;
  h.last_offset_delta = records - 1;
  h.base_offset = base_offset;
  return h;
}

// KIP-360 (Kafka 2.5+, ProducerAppendInfo.checkSequence): a producer the
// partition has no state for — a new leader after an unclean election, or
// state removed with the log's head — is accepted at any sequence and epoch.
TEST(ProducerStateTest, ProducerWithNoStateIsAcceptedAtAnySequence) {
  ProducerStateManager m;
  EXPECT_EQ(m.Check(Batch(7, 0, 0, 3)).error, ErrorCode::NONE);
  EXPECT_EQ(m.Check(Batch(7, 0, 1, 3)).error, ErrorCode::NONE);
  EXPECT_EQ(m.Check(Batch(7, 4, 42, 1)).error, ErrorCode::NONE);
  // From then on the sequence continues from what was appended.
  m.Update(Batch(7, 4, 42, 1));
  EXPECT_EQ(m.Check(Batch(7, 4, 43, 1)).error, ErrorCode::NONE);
  EXPECT_EQ(m.Check(Batch(7, 4, 45, 1)).error, ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER);
  EXPECT_EQ(m.Check(Batch(7, 4, 42, 1)).error, ErrorCode::DUPLICATE_SEQUENCE_NUMBER);
}

TEST(ProducerStateTest, NextBatchMustContinueTheSequence) {
  ProducerStateManager m;
  m.Update(Batch(7, 0, 0, 3, 100));  // seqs 0..2
  EXPECT_EQ(m.Check(Batch(7, 0, 3, 2)).error, ErrorCode::NONE);
  EXPECT_EQ(m.Check(Batch(7, 0, 4, 2)).error, ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER);  // gap
  EXPECT_EQ(m.Check(Batch(7, 0, 2, 2)).error, ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER);  // overlap, not a dup
}

TEST(ProducerStateTest, DuplicatesOfEachOfTheLastFiveBatchesAreDetectedWithOriginalOffsets) {
  ProducerStateManager m;
  // Five batches of two records: seqs 0-1, 2-3, ..., 8-9 at offsets 10*i ..
  for (int i = 0; i < 5; ++i) m.Update(Batch(7, 0, 2 * i, 2, 10 * i));
  for (int i = 0; i < 5; ++i) {
    SequenceCheck c = m.Check(Batch(7, 0, 2 * i, 2));
    EXPECT_EQ(c.error, ErrorCode::DUPLICATE_SEQUENCE_NUMBER) << "batch " << i;
    EXPECT_EQ(c.duplicate_of.first_offset, Offset{10 * i});
    EXPECT_EQ(c.duplicate_of.last_offset, Offset{10 * i + 1});
    EXPECT_EQ(c.duplicate_of.first_seq, 2 * i);
    EXPECT_EQ(c.duplicate_of.last_seq, 2 * i + 1);
  }
}

TEST(ProducerStateTest, SixthOldestBatchIsNoLongerADuplicate) {
  ProducerStateManager m;
  for (int i = 0; i < 6; ++i) m.Update(Batch(7, 0, 2 * i, 2, 10 * i));
  // Kafka retains 5 batches; a retry of the first one can no longer be
  // recognised and is out of order (its sequence is far behind).
  SequenceCheck oldest = m.Check(Batch(7, 0, 0, 2));
  EXPECT_NE(oldest.error, ErrorCode::DUPLICATE_SEQUENCE_NUMBER);
  EXPECT_EQ(oldest.error, ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER);
  EXPECT_EQ(m.Check(Batch(7, 0, 2, 2)).error, ErrorCode::DUPLICATE_SEQUENCE_NUMBER);
  EXPECT_EQ(m.producers().at(7).batches.size(), kMaxCachedBatches);
}

TEST(ProducerStateTest, OlderEpochIsFenced) {
  ProducerStateManager m;
  m.Update(Batch(7, 3, 0, 1));
  EXPECT_EQ(m.Check(Batch(7, 2, 1, 1)).error, ErrorCode::INVALID_PRODUCER_EPOCH);
  EXPECT_EQ(m.Check(Batch(7, 2, 0, 1)).error, ErrorCode::INVALID_PRODUCER_EPOCH);
}

TEST(ProducerStateTest, NewEpochMustRestartAtSequenceZero) {
  ProducerStateManager m;
  m.Update(Batch(7, 0, 0, 5));
  EXPECT_EQ(m.Check(Batch(7, 1, 5, 1)).error, ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER);
  EXPECT_EQ(m.Check(Batch(7, 1, 0, 1)).error, ErrorCode::NONE);
  m.Update(Batch(7, 1, 0, 1, 5));
  // The old epoch's batches are forgotten: its retry is now fenced, not a dup.
  EXPECT_EQ(m.Check(Batch(7, 0, 0, 5)).error, ErrorCode::INVALID_PRODUCER_EPOCH);
  EXPECT_EQ(m.Check(Batch(7, 1, 1, 1)).error, ErrorCode::NONE);
  EXPECT_EQ(m.producers().at(7).epoch, 1);
  EXPECT_EQ(m.producers().at(7).batches.size(), 1u);
}

TEST(ProducerStateTest, NonIdempotentBatchesAlwaysPass) {
  ProducerStateManager m;
  for (int i = 0; i < 3; ++i) {
    record::BatchHeader h = Batch(-1, -1, -1, 4);
    EXPECT_EQ(m.Check(h).error, ErrorCode::NONE);
    m.Update(h);
  }
  EXPECT_TRUE(m.producers().empty());
}

TEST(ProducerStateTest, ProducersAreIndependent) {
  ProducerStateManager m;
  m.Update(Batch(1, 0, 0, 3));
  m.Update(Batch(2, 0, 0, 2));
  EXPECT_EQ(m.Check(Batch(2, 0, 2, 3)).error, ErrorCode::NONE);
  EXPECT_EQ(m.Check(Batch(2, 0, 3, 3)).error, ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER);
  EXPECT_EQ(m.Check(Batch(1, 0, 3, 3)).error, ErrorCode::NONE);
  EXPECT_EQ(m.Check(Batch(1, 0, 2, 3)).error, ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER);
}

TEST(ProducerStateTest, SequenceWrapsFromIntMaxToZero) {
  // Kafka: sequences wrap at Integer.MAX_VALUE; the batch after one ending at
  // INT32_MAX starts at 0.
  // Update trusts its input (a follower replays the leader's log), so the
  // state can be put right before the wrap directly.
  ProducerStateManager w;
  w.Update(Batch(7, 1, INT32_MAX - 1, 2));  // seqs MAX-1, MAX
  EXPECT_EQ(w.Check(Batch(7, 1, 1, 1)).error, ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER);
  EXPECT_EQ(w.Check(Batch(7, 1, 0, 1)).error, ErrorCode::NONE);
  // A batch that itself wraps: base MAX-1, 3 records -> last sequence 0.
  EXPECT_EQ(Batch(7, 1, INT32_MAX - 1, 3).last_sequence(), 0);
}

TEST(ProducerStateTest, ClearForgetsEveryProducer) {
  ProducerStateManager m;
  m.Update(Batch(7, 0, 0, 3));
  EXPECT_EQ(m.Check(Batch(7, 0, 5, 1)).error, ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER);
  m.Clear();
  EXPECT_TRUE(m.producers().empty());
  EXPECT_EQ(m.Check(Batch(7, 0, 5, 1)).error, ErrorCode::NONE);  // no state: any sequence (KIP-360)
}

// Any run of in-order batches: every one of the last five retries is a
// duplicate with its own offsets, the next in-order batch passes, anything
// else in the same epoch is out of order.
RC_GTEST_PROP(ProducerStateProperty, InOrderStreamDedupesLastFiveOnly, ()) {
  const auto sizes = *rc::gen::nonEmpty(rc::gen::container<std::vector<int32_t>>(rc::gen::inRange(1, 6)));
  ProducerStateManager m;
  int32_t seq = 0;
  int64_t offset = 0;
  std::vector<record::BatchHeader> sent;
  for (int32_t n : sizes) {
    record::BatchHeader h = Batch(9, 0, seq, n, offset);
    RC_ASSERT(m.Check(h).error == ErrorCode::NONE);
    m.Update(h);
    sent.push_back(h);
    seq += n;
    offset += n;
  }
  for (size_t i = 0; i < sent.size(); ++i) {
    const record::BatchHeader& h = sent[i];
    SequenceCheck c = m.Check(Batch(9, 0, h.base_sequence, h.records_count));
    const bool recent = sent.size() - i <= kMaxCachedBatches;
    if (recent) {
      RC_ASSERT(c.error == ErrorCode::DUPLICATE_SEQUENCE_NUMBER);
      RC_ASSERT(c.duplicate_of.first_offset == Offset{h.base_offset});
      RC_ASSERT(c.duplicate_of.last_offset == Offset{h.last_offset()});
    } else {
      RC_ASSERT(c.error == ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER);
    }
  }
  RC_ASSERT(m.Check(Batch(9, 0, seq, 1)).error == ErrorCode::NONE);
  const int32_t wrong = *rc::gen::suchThat(rc::gen::inRange(1, 1000), [&](int32_t s) { return s != seq; });
  SequenceCheck c = m.Check(Batch(9, 0, wrong, 1));
  RC_ASSERT(c.error != ErrorCode::NONE);
}

}  // namespace
}  // namespace kafkasim::broker
