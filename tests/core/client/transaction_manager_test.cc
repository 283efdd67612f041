// tests/core/client/transaction_manager_test.cc — the idempotent producer's
// sequence and epoch bookkeeping (Kafka's TransactionManager), on its own.
#include "core/client/transaction_manager.h"

#include <gtest/gtest.h>

#include <memory>

namespace kafkasim::client {
namespace {

const TopicPartition kP0{"t", PartitionId{0}};
const TopicPartition kP1{"t", PartitionId{1}};

std::unique_ptr<ProducerBatch> Batch(const TopicPartition& tp, int records) {
  auto b = std::make_unique<ProducerBatch>(tp, 1024, 0);
  for (int i = 0; i < records; ++i) b->uids.push_back(static_cast<RecordUid>(i));
  b->callbacks.resize(static_cast<size_t>(records));
  return b;
}

class TransactionManagerTest : public ::testing::Test {
 protected:
  TransactionManagerTest() { tm.SetProducerIdAndEpoch({ProducerId{7}, ProducerEpoch{0}}); }
  // A batch drained (sequence assigned) and sent.
  std::unique_ptr<ProducerBatch> Drain(const TopicPartition& tp, int records) {
    auto b = Batch(tp, records);
    EXPECT_FALSE(tm.ShouldStopDrain(*b));
    tm.AssignSequence(*b);
    b->attempts = 1;
    return b;
  }
  TransactionManager tm;
};

TEST_F(TransactionManagerTest, SequencesAreAssignedOncePerPartition) {
  auto a = Drain(kP0, 3);
  auto b = Drain(kP0, 2);
  auto c = Drain(kP1, 4);
  EXPECT_EQ(a->base_sequence, 0);
  EXPECT_EQ(b->base_sequence, 3);
  EXPECT_EQ(c->base_sequence, 0);
  tm.AssignSequence(*a);  // a retry keeps its sequence
  EXPECT_EQ(a->base_sequence, 0);
  EXPECT_EQ(tm.NextSequence(kP0), 5);
}

TEST_F(TransactionManagerTest, OutOfOrderForTheNextExpectedBatchAsksForABumpForItsPartitionOnly) {
  auto a = Drain(kP0, 1);
  auto b = Drain(kP0, 1);
  EXPECT_TRUE(tm.CanRetry(ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER, *b));  // not next: a is unresolved
  EXPECT_FALSE(tm.epoch_bump_required());
  EXPECT_TRUE(tm.CanRetry(ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER, *a));  // next expected: a gap
  EXPECT_TRUE(tm.epoch_bump_required());
}

TEST_F(TransactionManagerTest, BumpRestampsOnlyThePartitionThatAskedForIt) {
  auto a0 = Drain(kP0, 2);
  auto a1 = Drain(kP0, 3);
  auto b0 = Drain(kP1, 4);
  tm.RequestEpochBumpForPartition(kP0);
  EpochBump bump = tm.BumpIdempotentEpochIfNeeded();
  EXPECT_TRUE(bump.bumped);
  EXPECT_EQ(bump.rewritten, std::vector<TopicPartition>{kP0});
  EXPECT_EQ(tm.producer_id_and_epoch().epoch, ProducerEpoch{1});
  EXPECT_EQ(tm.producer_id_and_epoch().producer_id, ProducerId{7});
  for (auto* b : {a0.get(), a1.get()}) {
    EXPECT_EQ(b->producer_epoch, ProducerEpoch{1});
    EXPECT_TRUE(b->reopened);
  }
  EXPECT_EQ(a0->base_sequence, 0);
  EXPECT_EQ(a1->base_sequence, 2);
  EXPECT_EQ(tm.NextSequence(kP0), 5);
  // p1's batch is exactly as it was sent.
  EXPECT_EQ(b0->producer_epoch, ProducerEpoch{0});
  EXPECT_EQ(b0->base_sequence, 0);
  EXPECT_FALSE(b0->reopened);
  EXPECT_FALSE(tm.BumpIdempotentEpochIfNeeded().bumped);  // once
}

TEST_F(TransactionManagerTest, NewBatchWaitsForItsPartitionsOldEpochBatchesThenStartsAtZero) {
  auto old = Drain(kP1, 4);
  tm.RequestEpochBumpForPartition(kP0);
  tm.BumpIdempotentEpochIfNeeded();
  auto fresh = Batch(kP1, 1);
  EXPECT_TRUE(tm.ShouldStopDrain(*fresh));
  EXPECT_FALSE(tm.ShouldStopDrain(*old));  // the old batch's retry may go
  tm.HandleCompletedBatch(*old);
  EXPECT_FALSE(tm.ShouldStopDrain(*fresh));
  tm.AssignSequence(*fresh);
  EXPECT_EQ(fresh->producer_epoch, ProducerEpoch{1});
  EXPECT_EQ(fresh->base_sequence, 0);
}

TEST_F(TransactionManagerTest, ARetryGoesOutOnlyAsThePartitionsLowestUnresolvedSequence) {
  auto a = Drain(kP0, 1);
  auto b = Drain(kP0, 1);
  EXPECT_TRUE(tm.ShouldStopDrain(*b));
  EXPECT_FALSE(tm.ShouldStopDrain(*a));
  tm.HandleCompletedBatch(*a);
  EXPECT_FALSE(tm.ShouldStopDrain(*b));
}

TEST_F(TransactionManagerTest, ReStampedBatchAnsweredOutOfOrderIsRetriedWithoutAnotherBump) {
  auto a = Drain(kP0, 1);
  auto b = Drain(kP0, 1);
  tm.RequestEpochBumpForPartition(kP0);
  tm.BumpIdempotentEpochIfNeeded();
  // b's answer to its old-epoch attempt arrives after the bump.
  EXPECT_TRUE(tm.CanRetry(ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER, *b));
  EXPECT_FALSE(tm.epoch_bump_required());
}

TEST_F(TransactionManagerTest, ExpiredBatchBlocksItsPartitionUntilResolved) {
  auto a = Drain(kP0, 2);
  auto b = Drain(kP0, 2);
  tm.HandleFailedBatch(*a, ErrorCode::DELIVERY_TIMEOUT, false);
  tm.MarkSequenceUnresolved(*a);
  EXPECT_TRUE(tm.ShouldStopDrain(*Batch(kP0, 1)));
  // b succeeds: the broker had a's sequences, so the partition is resolved.
  tm.HandleCompletedBatch(*b);
  tm.MaybeResolveSequences();
  EXPECT_FALSE(tm.HasUnresolvedSequence(kP0));
  EXPECT_FALSE(tm.epoch_bump_required());
}

TEST_F(TransactionManagerTest, ExpiredLastBatchBumpsItsPartitionOnceNothingIsInFlight) {
  auto a = Drain(kP0, 2);
  auto c = Drain(kP1, 1);
  tm.HandleFailedBatch(*a, ErrorCode::DELIVERY_TIMEOUT, false);
  tm.MarkSequenceUnresolved(*a);
  tm.MaybeResolveSequences();
  EXPECT_TRUE(tm.epoch_bump_required());
  EpochBump bump = tm.BumpIdempotentEpochIfNeeded();
  EXPECT_EQ(bump.rewritten, std::vector<TopicPartition>{kP0});
  EXPECT_FALSE(tm.HasUnresolvedSequence(kP0));
  EXPECT_EQ(c->producer_epoch, ProducerEpoch{0});
  auto next = Batch(kP0, 1);
  EXPECT_FALSE(tm.ShouldStopDrain(*next));
  tm.AssignSequence(*next);
  EXPECT_EQ(next->base_sequence, 0);
  EXPECT_EQ(next->producer_epoch, ProducerEpoch{1});
}

TEST_F(TransactionManagerTest, EpochAtShortMaxWaitsForANewProducerId) {
  tm.SetProducerIdAndEpoch({ProducerId{7}, ProducerEpoch{INT16_MAX}});
  auto a = Drain(kP0, 2);
  tm.RequestEpochBumpForPartition(kP0);
  EXPECT_TRUE(tm.BumpIdempotentEpochIfNeeded().bumped);
  EXPECT_FALSE(tm.has_producer_id());
  EXPECT_TRUE(tm.ShouldStopDrain(*a));
  tm.SetProducerIdAndEpoch({ProducerId{8}, ProducerEpoch{0}});
  EXPECT_EQ(a->producer_id, ProducerId{8});
  EXPECT_EQ(a->producer_epoch, ProducerEpoch{0});
  EXPECT_EQ(a->base_sequence, 0);
  EXPECT_TRUE(a->reopened);
  EXPECT_FALSE(tm.ShouldStopDrain(*a));
}

TEST_F(TransactionManagerTest, BatchRefusedForGoodBumpsItsPartition) {
  auto a = Drain(kP0, 1);
  EXPECT_FALSE(tm.CanRetry(ErrorCode::MESSAGE_TOO_LARGE, *a));
  tm.HandleFailedBatch(*a, ErrorCode::MESSAGE_TOO_LARGE, true);
  EXPECT_TRUE(tm.epoch_bump_required());
  EXPECT_FALSE(tm.HasInflightBatches(kP0));
}

// KIP-360 for a transactional producer (Kafka 3.4 canRetry /
// handleFailedBatch / maybeResolveSequences with isTransactional()): the
// batch fails instead, nothing is bumped locally, and an unresolved
// partition is reported so the transaction becomes abortable.
TEST_F(TransactionManagerTest, TransactionalProducerFailsAGapInsteadOfBumpingLocally) {
  tm.set_transactional(true);
  auto a = Drain(kP0, 1);
  auto b = Drain(kP0, 1);
  EXPECT_TRUE(tm.CanRetry(ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER, *b));   // not next: still retried
  EXPECT_FALSE(tm.CanRetry(ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER, *a));  // next: a gap, fails
  tm.HandleFailedBatch(*a, ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER, true);
  EXPECT_FALSE(tm.CanRetry(ErrorCode::UNKNOWN_PRODUCER_ID, *b));
  tm.HandleFailedBatch(*b, ErrorCode::MESSAGE_TOO_LARGE, true);
  EXPECT_FALSE(tm.epoch_bump_required());
  EXPECT_FALSE(tm.BumpIdempotentEpochIfNeeded().bumped);
}

TEST_F(TransactionManagerTest, TransactionalProducerReportsAnExpiredUnresolvedPartition) {
  tm.set_transactional(true);
  auto a = Drain(kP0, 2);
  tm.HandleFailedBatch(*a, ErrorCode::DELIVERY_TIMEOUT, false);
  tm.MarkSequenceUnresolved(*a);
  tm.MaybeResolveSequences();
  EXPECT_FALSE(tm.epoch_bump_required());
  EXPECT_TRUE(tm.TakeUnresolvedExpiry());
  EXPECT_FALSE(tm.TakeUnresolvedExpiry());  // once
  EXPECT_FALSE(tm.HasUnresolvedSequence(kP0));
}

TEST_F(TransactionManagerTest, SequencesWrapAtIntMax) {
  EXPECT_EQ(IncrementSequence(INT32_MAX, 1), 0);
  EXPECT_EQ(IncrementSequence(INT32_MAX - 1, 3), 1);
  EXPECT_EQ(IncrementSequence(5, 3), 8);
}

}  // namespace
}  // namespace kafkasim::client
