// RecordAccumulator: batching by batch.size and linger.ms, retry backoff,
// delivery timeout.
#include "core/client/record_accumulator.h"

#include <gtest/gtest.h>

#include "core/record/record_batch.h"

namespace kafkasim::client {
namespace {

const TopicPartition kTp{"t", PartitionId{0}};

struct AccFixture : ::testing::Test {
  config::ProducerConfig cfg;
  Bytes value = Bytes(100, 'v');
  void Add(RecordAccumulator& acc, TimeNs now, RecordUid uid = 0) {
    acc.Append(kTp, now / kNsPerMs, std::nullopt, value, {}, uid, nullptr, now);
  }
};

TEST_F(AccFixture, FillsOneBatchUntilBatchSizeThenOpensAnother) {
  cfg.batch_size = 1000;
  cfg.linger_ms = 1000;
  RecordAccumulator acc(cfg);
  int batches = 0;
  for (int i = 0; i < 20; ++i) {
    if (acc.NeedsNewBatch(kTp, value.size() + kRecordOverheadBytes)) ++batches;
    Add(acc, 0, static_cast<RecordUid>(i));
  }
  EXPECT_GE(batches, 2);
  // The head is full: ready at once, before linger.ms.
  ProducerBatch* head = acc.ReadyHead(kTp, 0);
  ASSERT_NE(head, nullptr);
  EXPECT_LE(head->builder->size_bytes(), 1000u);
  auto b = acc.PopHead(kTp);
  Bytes bytes = b->builder->Build(config::Compression::kNone);
  auto decoded = record::DecodeBatch(bytes);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->records.size(), b->uids.size());
  EXPECT_EQ(acc.queued_records(), 20u - b->uids.size());
}

TEST_F(AccFixture, WaitsForLingerMsWhenNotFull) {
  cfg.batch_size = 16384;
  cfg.linger_ms = 5;
  RecordAccumulator acc(cfg);
  Add(acc, 0);
  Add(acc, Ms(1));
  EXPECT_EQ(acc.ReadyHead(kTp, Ms(4)), nullptr);
  EXPECT_EQ(acc.NextReadyTime(Ms(1)), Ms(5));
  ProducerBatch* head = acc.ReadyHead(kTp, Ms(5));
  ASSERT_NE(head, nullptr);
  EXPECT_EQ(head->record_count(), 2);
}

TEST_F(AccFixture, LingerZeroSendsAtOnce) {
  cfg.linger_ms = 0;
  RecordAccumulator acc(cfg);
  Add(acc, Ms(7));
  EXPECT_NE(acc.ReadyHead(kTp, Ms(7)), nullptr);
}

TEST_F(AccFixture, RetryWaitsForBackoffAndGoesFirst) {
  cfg.linger_ms = 0;
  RecordAccumulator acc(cfg);
  Add(acc, 0, 1);
  auto first = acc.PopHead(kTp);
  Add(acc, 0, 2);
  first->attempts = 1;
  first->retry_at_ns = Ms(100);
  acc.Reenqueue(std::move(first));
  EXPECT_EQ(acc.ReadyHead(kTp, Ms(50)), nullptr);  // the retry blocks the queue until its backoff ends
  ProducerBatch* head = acc.ReadyHead(kTp, Ms(100));
  ASSERT_NE(head, nullptr);
  EXPECT_EQ(head->uids[0], 1u);
}

TEST_F(AccFixture, IdempotentRetriesReenterInSequenceOrder) {
  RecordAccumulator acc(cfg);
  for (int seq : {10, 0, 5}) {
    auto b = std::make_unique<ProducerBatch>(kTp, 100, 0);
    b->base_sequence = seq;
    b->uids.push_back(static_cast<RecordUid>(seq));
    acc.Reenqueue(std::move(b));
  }
  EXPECT_EQ(acc.PopHead(kTp)->base_sequence, 0);
  EXPECT_EQ(acc.PopHead(kTp)->base_sequence, 5);
  EXPECT_EQ(acc.PopHead(kTp)->base_sequence, 10);
}

TEST_F(AccFixture, ExpiresBatchesPastDeliveryTimeout) {
  cfg.delivery_timeout_ms = 1000;
  cfg.linger_ms = 10000;
  RecordAccumulator acc(cfg);
  Add(acc, 0);
  EXPECT_TRUE(acc.TakeExpired(Ms(999)).empty());
  EXPECT_EQ(acc.TakeExpired(Ms(1000)).size(), 1u);
  EXPECT_TRUE(acc.empty());
}

}  // namespace
}  // namespace kafkasim::client
