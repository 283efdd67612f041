// KafkaProducer end to end against a FakeBroker: acks, lost acks and
// duplicates, reordering, idempotent sequences, delivery timeout.
#include "core/client/kafka_producer.h"

#include <gtest/gtest.h>

#include "tests/core/client/client_harness.h"

namespace kafkasim::testing {
namespace {

const TopicPartition kT0{"t", PartitionId{0}};

struct Outcome {
  ErrorCode error = ErrorCode::UNKNOWN_SERVER_ERROR;
  Offset offset{-2};
  bool done = false;
};

config::ProducerConfig Plain(int16_t acks, int max_in_flight) {
  config::ProducerConfig c;
  c.enable_idempotence = false;
  c.acks = acks;
  c.max_in_flight_requests_per_connection = max_in_flight;
  c.request_timeout_ms = 1000;
  c.linger_ms = 0;
  return c;
}

// Sends record i at time i ms (each its own batch with linger.ms=0).
std::vector<Outcome> SendSpaced(Harness& h, ProducerNode* p, int n, std::optional<std::string> key = "k") {
  auto out = std::make_shared<std::vector<Outcome>>(static_cast<size_t>(n));
  h.RunFor(Ms(100));  // metadata (and the producer id) first: each record then makes its own batch
  for (int i = 0; i < n; ++i) {
    h.world.loop().At(h.world.Now() + Ms(i + 1), [p, i, out, key] {
      static const Bytes value(10, 'x');
      std::optional<std::string_view> k;
      if (key) k = *key;
      p->producer.Send("t", k, value, MakeRecordUid(0, static_cast<uint64_t>(i)), [out, i](ErrorCode e, Offset o) {
        (*out)[static_cast<size_t>(i)] = {e, o, true};
      });
    });
  }
  h.RunFor(Ms(20000));
  return *out;
}

std::vector<RecordUid> Uids(std::initializer_list<int> seqs) {
  std::vector<RecordUid> v;
  for (int s : seqs) v.push_back(MakeRecordUid(0, static_cast<uint64_t>(s)));
  return v;
}

TEST(KafkaProducerTest, IdempotentDefaultDeliversEveryRecordOnceInOrder) {
  Harness h;
  h.st->topics["t"] = 1;
  h.StartBroker();
  auto* p = h.AddProducer(config::ProducerConfig{});
  auto res = SendSpaced(h, p, 5);
  for (size_t i = 0; i < res.size(); ++i) {
    EXPECT_TRUE(res[i].done);
    EXPECT_EQ(res[i].error, ErrorCode::NONE);
    EXPECT_EQ(res[i].offset, Offset{static_cast<int64_t>(i)});
  }
  EXPECT_EQ(h.LogUids(kT0), Uids({0, 1, 2, 3, 4}));
  EXPECT_NE(p->producer.producer_id(), kNoProducerId);
}

TEST(KafkaProducerTest, LostAckIsRetriedAndDuplicatesWithoutIdempotence) {
  Harness h;
  h.st->topics["t"] = 1;
  h.st->drop_produce_response = [](int call) { return call == 0; };
  h.StartBroker();
  auto* p = h.AddProducer(Plain(1, 1));
  auto res = SendSpaced(h, p, 1);
  EXPECT_EQ(res[0].error, ErrorCode::NONE);
  EXPECT_EQ(h.LogUids(kT0), Uids({0, 0}));  // appended twice: the retry of an unacknowledged batch
  auto errors = h.Of<ObsProduceError>();
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].error, ErrorCode::NETWORK_EXCEPTION);  // the timeout closed the connection
  EXPECT_TRUE(errors[0].will_retry);
}

// NetworkClient.handleTimedOutRequests: the first request past its timeout
// closes the connection and fails every request in flight on it, oldest
// first. RecordAccumulator.reenqueue puts each at the front of its queue,
// so without idempotence the three retries go out newest first.
TEST(KafkaProducerTest, ATimeoutFailsEveryRequestInFlightOnTheConnection) {
  Harness h;
  h.st->topics["t"] = 1;
  h.st->drop_produce_response = [](int call) { return call < 3; };
  h.StartBroker();
  auto* p = h.AddProducer(Plain(1, 5));
  auto res = SendSpaced(h, p, 3);
  for (const auto& r : res) EXPECT_EQ(r.error, ErrorCode::NONE);
  EXPECT_EQ(h.LogUids(kT0), Uids({0, 1, 2, 2, 1, 0}));
  auto errors = h.Of<ObsProduceError>();
  ASSERT_EQ(errors.size(), 3u);
  for (const auto& e : errors) EXPECT_EQ(e.error, ErrorCode::NETWORK_EXCEPTION);
}

TEST(KafkaProducerTest, LostAckIsDeduplicatedWithIdempotence) {
  Harness h;
  h.st->topics["t"] = 1;
  h.st->drop_produce_response = [](int call) { return call == 0; };
  h.StartBroker();
  config::ProducerConfig c;
  c.request_timeout_ms = 1000;
  auto* p = h.AddProducer(c);
  auto res = SendSpaced(h, p, 1);
  EXPECT_EQ(res[0].error, ErrorCode::NONE);
  EXPECT_EQ(h.LogUids(kT0), Uids({0}));
  ASSERT_EQ(h.st->received.size(), 2u);  // the retry carried the same sequence and epoch
  EXPECT_EQ(h.st->received[1].header.base_sequence, h.st->received[0].header.base_sequence);
  EXPECT_EQ(h.st->received[1].answered, ErrorCode::DUPLICATE_SEQUENCE_NUMBER);
}

TEST(KafkaProducerTest, RetriedBatchLandsAfterLaterOnesWithoutIdempotence) {
  Harness h;
  h.st->topics["t"] = 1;
  h.st->fail_produce = [](int call, const TopicPartition&) {
    return call == 0 ? ErrorCode::NOT_LEADER_OR_FOLLOWER : ErrorCode::NONE;
  };
  h.StartBroker();
  auto* p = h.AddProducer(Plain(-1, 5));
  auto res = SendSpaced(h, p, 4);
  for (const auto& r : res) EXPECT_EQ(r.error, ErrorCode::NONE);
  EXPECT_EQ(h.LogUids(kT0), Uids({1, 2, 3, 0}));  // reordered
}

TEST(KafkaProducerTest, MaxInFlightOneKeepsOrderWithoutIdempotence) {
  Harness h;
  h.st->topics["t"] = 1;
  h.st->fail_produce = [](int call, const TopicPartition&) {
    return call == 0 ? ErrorCode::NOT_LEADER_OR_FOLLOWER : ErrorCode::NONE;
  };
  h.StartBroker();
  auto* p = h.AddProducer(Plain(-1, 1));
  SendSpaced(h, p, 4);
  EXPECT_EQ(h.LogUids(kT0), Uids({0, 1, 2, 3}));
}

TEST(KafkaProducerTest, IdempotenceKeepsOrderAcrossRetries) {
  Harness h;
  h.st->topics["t"] = 1;
  // The second batch is refused; the broker already has the producer's state
  // from the first one (with none it would accept any sequence, KIP-360).
  h.st->fail_produce = [](int call, const TopicPartition&) {
    return call == 1 ? ErrorCode::NOT_LEADER_OR_FOLLOWER : ErrorCode::NONE;
  };
  h.StartBroker();
  auto* p = h.AddProducer(config::ProducerConfig{});
  auto res = SendSpaced(h, p, 4);
  for (const auto& r : res) EXPECT_EQ(r.error, ErrorCode::NONE);
  EXPECT_EQ(h.LogUids(kT0), Uids({0, 1, 2, 3}));
  // Later batches were refused as out of order until the first one landed.
  bool saw_out_of_order = false;
  for (const auto& e : h.Of<ObsProduceError>())
    saw_out_of_order |= e.error == ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER && e.will_retry;
  EXPECT_TRUE(saw_out_of_order);
  // None of them was the next expected batch: no epoch bump.
  for (const auto& r : h.st->received) EXPECT_EQ(r.header.producer_epoch, 0);
}

TEST(KafkaProducerTest, SequencesAreConsecutivePerPartition) {
  Harness h;
  h.st->topics["t"] = 3;
  h.StartBroker();
  config::ProducerConfig c;
  c.linger_ms = 2;
  auto* p = h.AddProducer(c);
  for (int i = 0; i < 60; ++i) {
    h.world.loop().At(Ms(i / 4 + 1), [p, i] {
      static const Bytes value(10, 'x');
      p->producer.Send("t", "key" + std::to_string(i % 7), value, MakeRecordUid(0, static_cast<uint64_t>(i)), nullptr);
    });
  }
  h.RunFor(Ms(5000));
  std::map<TopicPartition, int32_t> next;
  size_t records = 0;
  for (const auto& r : h.st->received) {
    EXPECT_EQ(r.header.base_sequence, next[r.tp]) << r.tp.ToString();
    next[r.tp] = r.header.last_sequence() + 1;
    records += static_cast<size_t>(r.header.records_count);
  }
  EXPECT_EQ(records, 60u);
  EXPECT_EQ(next.size(), 3u);
}

TEST(KafkaProducerTest, AcksZeroCompletesOnSendWithoutOffsets) {
  Harness h;
  h.st->topics["t"] = 1;
  h.StartBroker();
  auto* p = h.AddProducer(Plain(0, 5));
  auto res = SendSpaced(h, p, 3);
  for (const auto& r : res) {
    EXPECT_EQ(r.error, ErrorCode::NONE);
    EXPECT_EQ(r.offset, Offset{-1});
  }
  EXPECT_EQ(h.LogUids(kT0).size(), 3u);
}

TEST(KafkaProducerTest, FailsWithDeliveryTimeoutWhenRetriesNeverSucceed) {
  Harness h;
  h.st->topics["t"] = 1;
  h.st->fail_produce = [](int, const TopicPartition&) { return ErrorCode::NOT_ENOUGH_REPLICAS; };
  h.StartBroker();
  auto c = Plain(-1, 5);
  c.delivery_timeout_ms = 2000;
  auto* p = h.AddProducer(c);
  auto res = SendSpaced(h, p, 1);
  EXPECT_EQ(res[0].error, ErrorCode::DELIVERY_TIMEOUT);
  auto results = h.Of<ObsProduceResult>();
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].error, ErrorCode::DELIVERY_TIMEOUT);
  EXPECT_EQ(results[0].uids, Uids({0}));
  EXPECT_GT(h.Of<ObsProduceError>().size(), 5u);
}

TEST(KafkaProducerTest, NonRetriableErrorFailsAtOnce) {
  Harness h;
  h.st->topics["t"] = 1;
  h.st->fail_produce = [](int, const TopicPartition&) { return ErrorCode::MESSAGE_TOO_LARGE; };
  h.StartBroker();
  auto* p = h.AddProducer(Plain(1, 5));
  auto res = SendSpaced(h, p, 1);
  EXPECT_EQ(res[0].error, ErrorCode::MESSAGE_TOO_LARGE);
  EXPECT_EQ(h.st->produce_calls, 1);
}

TEST(KafkaProducerTest, StickyPartitionerKeepsNullKeyRecordsTogetherWithinABatch) {
  Harness h;
  h.st->topics["t"] = 4;
  h.StartBroker();
  config::ProducerConfig c;
  c.linger_ms = 50;
  auto* p = h.AddProducer(c);
  h.RunFor(Ms(100));  // metadata known
  static const Bytes value(10, 'x');
  for (int i = 0; i < 10; ++i)
    p->producer.Send("t", std::nullopt, value, MakeRecordUid(0, static_cast<uint64_t>(i)), nullptr);
  h.RunFor(Ms(1000));
  ASSERT_EQ(h.st->received.size(), 1u);  // one batch, one partition
  EXPECT_EQ(h.st->received[0].header.records_count, 10);
}

TEST(KafkaProducerTest, RecordsWaitForMetadataOfAnUnknownTopic) {
  Harness h;
  h.StartBroker();
  auto* p = h.AddProducer(Plain(1, 5));
  static const Bytes value(10, 'x');
  ErrorCode got = ErrorCode::UNKNOWN_SERVER_ERROR;
  p->producer.Send("late", "k", value, 7, [&](ErrorCode e, Offset) { got = e; });
  h.RunFor(Ms(500));
  EXPECT_EQ(p->producer.queued_records(), 1u);
  h.st->topics["late"] = 1;  // created later
  h.RunFor(Ms(1000));
  EXPECT_EQ(got, ErrorCode::NONE);
}

}  // namespace
}  // namespace kafkasim::testing

namespace kafkasim::testing {
namespace {

TEST(KafkaProducerTest, LostConnectionFailsInFlightRequestsAtOnce) {
  Harness h;
  h.st->topics["t"] = 1;
  h.st->drop_produce_response = [](int call) { return call == 0; };
  h.StartBroker();
  auto c = Plain(1, 5);
  c.request_timeout_ms = 30000;
  auto* p = h.AddProducer(c);
  h.RunFor(Ms(100));
  static const Bytes value(10, 'x');
  ErrorCode got = ErrorCode::UNKNOWN_SERVER_ERROR;
  p->producer.Send("t", "k", value, 1, [&](ErrorCode e, Offset) { got = e; });
  h.RunFor(Ms(50));
  p->producer.OnConnectionLost(NodeId{1});  // what a reset TCP connection tells the Java client
  h.RunFor(Ms(500));                        // far less than request.timeout.ms
  EXPECT_EQ(got, ErrorCode::NONE);
  ASSERT_FALSE(h.Of<ObsProduceError>().empty());
  EXPECT_EQ(h.Of<ObsProduceError>()[0].error, ErrorCode::NETWORK_EXCEPTION);
}

}  // namespace
}  // namespace kafkasim::testing
