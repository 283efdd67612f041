// The idempotent producer's sequence and epoch rules (Kafka's
// TransactionManager / Sender / RecordAccumulator, KIP-360) end to end
// against a FakeBroker that runs the broker's real ProducerStateManager.
#include <gtest/gtest.h>

#include "core/client/kafka_producer.h"
#include "core/record/partitioner.h"
#include "tests/core/client/client_harness.h"

namespace kafkasim::testing {
namespace {

const TopicPartition kP0{"t", PartitionId{0}};
const TopicPartition kP1{"t", PartitionId{1}};

// A key murmur2 sends to `partition` of a 2-partition topic.
std::string KeyFor(int32_t partition) {
  for (int i = 0;; ++i) {
    std::string k = "k" + std::to_string(i);
    std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(k.data()), k.size());
    if (record::Murmur2Partition(bytes, 2) == partition) return k;
  }
}

struct Sent {
  ErrorCode error = ErrorCode::UNKNOWN_SERVER_ERROR;
  bool done = false;
};

class IdempotentSenderTest : public ::testing::Test {
 protected:
  IdempotentSenderTest() {
    h.st->topics["t"] = 2;
    h.StartBroker();
  }
  ProducerNode* Start(config::ProducerConfig c = {}) {
    c.linger_ms = 0;
    c.request_timeout_ms = 1000;
    c.retry_backoff_ms = 20;
    p = h.AddProducer(c);
    h.RunFor(Ms(100));  // metadata and the producer id
    return p;
  }
  // Sends record `uid` to `partition` at absolute time `at`.
  void SendAt(TimeNs at, int32_t partition, RecordUid uid) {
    h.world.loop().At(at, [this, partition, uid] {
      static const Bytes value(10, 'x');
      p->producer.Send("t", KeyFor(partition), value, uid, [this, uid](ErrorCode e, Offset) { sent[uid] = {e, true}; });
    });
  }
  // The produce batches the broker received for tp, in arrival order.
  std::vector<ReceivedBatch> Received(const TopicPartition& tp) const {
    std::vector<ReceivedBatch> out;
    for (const auto& r : h.st->received)
      if (r.tp == tp) out.push_back(r);
    return out;
  }
  TimeNs Now() const { return h.world.Now(); }

  Harness h;
  ProducerNode* p = nullptr;
  std::map<RecordUid, Sent> sent;
};

// Kafka's TransactionManager.canRetry: OUT_OF_ORDER_SEQUENCE_NUMBER for the
// next expected sequence means a gap on the broker; the idempotent producer
// bumps its epoch locally (bumpIdempotentProducerEpoch, no InitProducerId)
// and retries the batch from sequence 0.
TEST_F(IdempotentSenderTest, OutOfOrderSequenceOfTheNextBatchIsRetriedUnderALocallyBumpedEpoch) {
  int oosn = 0;
  h.st->fail_produce = [&](int, const TopicPartition& tp) {
    return tp == kP0 && oosn++ == 0 ? ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER : ErrorCode::NONE;
  };
  Start();
  SendAt(Now() + Ms(1), 0, 1);
  h.RunFor(Ms(2000));
  EXPECT_TRUE(sent[1].done);
  EXPECT_EQ(sent[1].error, ErrorCode::NONE);
  EXPECT_EQ(h.LogUids(kP0), std::vector<RecordUid>{1});
  EXPECT_EQ(h.st->init_producer_id_calls, 1);  // the epoch was bumped locally
  auto got = Received(kP0);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[1].header.producer_id, got[0].header.producer_id);
  EXPECT_EQ(got[1].header.producer_epoch, got[0].header.producer_epoch + 1);
  EXPECT_EQ(got[1].header.base_sequence, 0);
}

// The issue-12 duplicate: p1's batch was appended while the ISR was short
// (NOT_ENOUGH_REPLICAS_AFTER_APPEND) and is being retried when p0 needs an
// epoch bump. It must keep its producer id, epoch and sequence, so that the
// broker recognises the retry as a duplicate once the ISR is back.
TEST_F(IdempotentSenderTest, EpochBumpForOnePartitionKeepsAnotherPartitionsPendingBatchAsItWas) {
  bool first_p1 = true;
  h.st->fail_after_append = [&](int, const TopicPartition& tp) {
    bool fail = tp == kP1 && first_p1;
    if (tp == kP1) first_p1 = false;
    return fail ? ErrorCode::NOT_ENOUGH_REPLICAS_AFTER_APPEND : ErrorCode::NONE;
  };
  h.st->fail_produce = [&](int, const TopicPartition& tp) {
    if (tp == kP1 && !first_p1 && Now() < Ms(1000)) return ErrorCode::NOT_ENOUGH_REPLICAS;  // ISR still short
    return ErrorCode::NONE;
  };
  Start();
  SendAt(Now() + Ms(1), 1, 10);
  h.RunFor(Ms(50));
  int oosn = 0;
  auto refuse = h.st->fail_produce;
  h.st->fail_produce = [&, refuse](int call, const TopicPartition& tp) {
    if (tp == kP0 && oosn++ == 0) return ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER;
    return refuse(call, tp);
  };
  SendAt(Now() + Ms(1), 0, 20);
  h.RunFor(Ms(3000));

  EXPECT_EQ(sent[10].error, ErrorCode::NONE);
  EXPECT_EQ(sent[20].error, ErrorCode::NONE);
  EXPECT_EQ(h.LogUids(kP1), std::vector<RecordUid>{10});  // once, not re-appended under a new epoch
  EXPECT_EQ(h.LogUids(kP0), std::vector<RecordUid>{20});
  auto p1 = Received(kP1);
  ASSERT_GE(p1.size(), 3u);
  for (const auto& r : p1) {
    EXPECT_EQ(r.header.producer_epoch, p1[0].header.producer_epoch);
    EXPECT_EQ(r.header.base_sequence, 0);
  }
  EXPECT_EQ(p1.back().answered, ErrorCode::DUPLICATE_SEQUENCE_NUMBER);
}

// RecordAccumulator.shouldStopDrainBatchesForPartition: a new batch of a
// partition whose batches of the previous epoch are unresolved waits until
// they finish; then the partition starts the new epoch at sequence 0.
TEST_F(IdempotentSenderTest, NewBatchWaitsForItsPartitionsBatchesOfTheOldEpoch) {
  bool first_p1 = true;
  h.st->fail_after_append = [&](int, const TopicPartition& tp) {
    bool fail = tp == kP1 && first_p1;
    if (tp == kP1) first_p1 = false;
    return fail ? ErrorCode::NOT_ENOUGH_REPLICAS_AFTER_APPEND : ErrorCode::NONE;
  };
  int oosn = 0;
  h.st->fail_produce = [&](int, const TopicPartition& tp) {
    if (tp == kP0 && oosn++ == 0) return ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER;
    if (tp == kP1 && !first_p1 && Now() < Ms(1000)) return ErrorCode::NOT_ENOUGH_REPLICAS;
    return ErrorCode::NONE;
  };
  Start();
  SendAt(Now() + Ms(1), 1, 10);    // appended; pending while the "ISR" is short
  SendAt(Now() + Ms(20), 0, 20);   // OUT_OF_ORDER: bumps the epoch
  SendAt(Now() + Ms(300), 1, 11);  // a new p1 batch after the bump
  h.RunFor(Ms(3000));

  EXPECT_EQ(sent[11].error, ErrorCode::NONE);
  EXPECT_EQ(h.LogUids(kP1), (std::vector<RecordUid>{10, 11}));
  auto p1 = Received(kP1);
  ASSERT_GE(p1.size(), 2u);
  const int16_t old_epoch = p1[0].header.producer_epoch;
  bool old_done = false;
  for (const auto& r : p1) {
    if (r.header.producer_epoch == old_epoch) {
      EXPECT_FALSE(old_done) << "a batch of the old epoch after the new one started";
      continue;
    }
    old_done = true;
    EXPECT_EQ(r.header.producer_epoch, old_epoch + 1);
    EXPECT_EQ(r.header.base_sequence, 0);
  }
  EXPECT_TRUE(old_done);
}

// TransactionManager.startSequencesAtBeginning: every unresolved batch of the
// partition that needs the bump is re-stamped, in sequence order, from 0 —
// including one still in flight when the bump happens.
TEST_F(IdempotentSenderTest, BumpRestampsThePartitionsUnresolvedBatchesInSequenceOrder) {
  int p0_calls = 0;
  h.st->fail_produce = [&](int, const TopicPartition& tp) {
    if (tp == kP0 && p0_calls++ < 2) return ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER;
    return ErrorCode::NONE;
  };
  Start();
  SendAt(Now() + Ms(1), 0, 1);  // sequence 0
  SendAt(Now() + Ms(2), 0, 2);  // sequence 1, in flight behind it
  h.RunFor(Ms(3000));
  EXPECT_EQ(h.LogUids(kP0), (std::vector<RecordUid>{1, 2}));
  for (RecordUid u : {1, 2}) EXPECT_EQ(sent[u].error, ErrorCode::NONE) << u;
  auto got = Received(kP0);
  ASSERT_GE(got.size(), 4u);
  EXPECT_EQ(got[1].header.base_sequence, 1);  // sent before the first answer came back
  // After the bump the two batches go out as sequences 0 and 1 of the new epoch.
  const int16_t bumped = got[0].header.producer_epoch + 1;
  std::vector<int32_t> new_seqs;
  for (const auto& r : got)
    if (r.header.producer_epoch == bumped && r.answered == ErrorCode::NONE) new_seqs.push_back(r.header.base_sequence);
  EXPECT_EQ(new_seqs, (std::vector<int32_t>{0, 1}));
  EXPECT_EQ(h.st->init_producer_id_calls, 1);
}

// bumpIdempotentProducerEpoch: at Short.MAX_VALUE the producer asks for a new
// producer id (InitProducerId) instead; the partition restarts from 0 under it.
TEST_F(IdempotentSenderTest, EpochAtShortMaxAsksForANewProducerId) {
  h.st->first_producer_epoch = INT16_MAX;
  int oosn = 0;
  h.st->fail_produce = [&](int, const TopicPartition& tp) {
    return tp == kP0 && oosn++ == 0 ? ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER : ErrorCode::NONE;
  };
  Start();
  SendAt(Now() + Ms(1), 0, 1);
  h.RunFor(Ms(2000));
  EXPECT_EQ(sent[1].error, ErrorCode::NONE);
  EXPECT_EQ(h.st->init_producer_id_calls, 2);
  auto got = Received(kP0);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_NE(got[1].header.producer_id, got[0].header.producer_id);
  EXPECT_EQ(got[1].header.base_sequence, 0);
}

}  // namespace
}  // namespace kafkasim::testing
