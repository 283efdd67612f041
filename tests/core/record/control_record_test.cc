// Control batches and transaction markers: Kafka 3.4's ControlRecordType and
// EndTransactionMarker formats, a kafkajs-encoded COMMIT marker batch
// (tests/data/batches/kafkajs_control_commit.hex) and kafkajs's transactional
// batch, and malformed input that must be CORRUPT_MESSAGE, never a crash.
#include <gtest/gtest.h>

#include "core/record/control_record.h"
#include "core/record/record_batch.h"
#include "tests/core/record/record_test_util.h"

namespace kafkasim::record {
namespace {

using testing::ReadBatchFile;
using Span = std::optional<std::span<const uint8_t>>;

Span S(const Bytes& b) { return std::span<const uint8_t>(b); }

TEST(ControlRecordTest, KeyAndValueBytesAreKafkas) {
  EXPECT_EQ(EncodeControlRecordKey(ControlRecordType::ABORT), (Bytes{0, 0, 0, 0}));
  EXPECT_EQ(EncodeControlRecordKey(ControlRecordType::COMMIT), (Bytes{0, 0, 0, 1}));
  EXPECT_EQ(EncodeEndTxnMarkerValue(7), (Bytes{0, 0, 0, 0, 0, 7}));
  EXPECT_EQ(EncodeEndTxnMarkerValue(-1), (Bytes{0, 0, 0xff, 0xff, 0xff, 0xff}));
}

TEST(ControlRecordTest, MarkerBatchRoundTrips) {
  for (auto type : {ControlRecordType::ABORT, ControlRecordType::COMMIT}) {
    RecordBatch b = EndTxnMarkerBatch(42, 1000, 9, 2, 4, {type, 11});
    auto d = DecodeBatch(EncodeBatch(b));
    ASSERT_TRUE(d.ok()) << d.error().message;
    EXPECT_TRUE(d->is_transactional());
    EXPECT_TRUE(d->is_control());
    EXPECT_EQ(d->producer_id, 9);
    EXPECT_EQ(d->producer_epoch, 2);
    EXPECT_EQ(d->base_sequence, -1);
    auto c = ParseControlBatch(*d);
    ASSERT_TRUE(c.ok()) << c.error().message;
    ASSERT_EQ(c->size(), 1u);
    EXPECT_EQ((*c)[0].type, type);
    ASSERT_TRUE((*c)[0].marker.has_value());
    EXPECT_EQ(*(*c)[0].marker, (EndTransactionMarker{type, 11}));
  }
}

TEST(ControlRecordTest, KafkajsCommitMarkerBatchDecodesAsControlAndTransactional) {
  Bytes bytes = ReadBatchFile("kafkajs_control_commit.hex");
  auto d = DecodeBatchDetailed(bytes);  // CRC required
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_TRUE(d->crc_valid);
  EXPECT_TRUE(d->header.is_transactional());
  EXPECT_TRUE(d->header.is_control());
  EXPECT_EQ(d->header.base_offset, 120);
  EXPECT_EQ(d->header.producer_id, 4242);
  auto c = ParseControlBatch(d->batch);
  ASSERT_TRUE(c.ok()) << c.error().message;
  ASSERT_EQ(c->size(), 1u);
  EXPECT_EQ((*c)[0].type, ControlRecordType::COMMIT);
  EXPECT_EQ((*c)[0].marker->coordinator_epoch, 7);
  // Our marker batch with the same fields is the same bytes (kafkajs writes
  // no record-level difference: the bytes are the wire format).
  EXPECT_EQ(EncodeBatch(EndTxnMarkerBatch(120, 1700000000100, 4242, 3, 5, {ControlRecordType::COMMIT, 7})), bytes);
}

TEST(ControlRecordTest, KafkajsTransactionalBatchIsNotControl) {
  auto d = DecodeBatchDetailed(ReadBatchFile("kafkajs_transactional.hex"));
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_TRUE(d->header.is_transactional());
  EXPECT_FALSE(d->header.is_control());
  auto c = ParseControlBatch(d->batch);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, ErrorCode::CORRUPT_MESSAGE);
}

TEST(ControlRecordTest, MalformedControlRecordsAreCorrupt) {
  const Bytes commit = EncodeControlRecordKey(ControlRecordType::COMMIT);
  const Bytes value = EncodeEndTxnMarkerValue(3);
  auto corrupt = [](const Result<ControlRecord>& r) { return !r.ok() && r.error().code == ErrorCode::CORRUPT_MESSAGE; };
  EXPECT_TRUE(corrupt(ParseControlRecord(std::nullopt, S(value))));                    // null key
  EXPECT_TRUE(corrupt(ParseControlRecord(S(Bytes{0, 0, 0}), S(value))));               // short key
  EXPECT_TRUE(corrupt(ParseControlRecord(S(Bytes{0xff, 0xff, 0, 1}), S(value))));      // version -1
  EXPECT_TRUE(corrupt(ParseControlRecord(S(commit), std::nullopt)));                   // marker without value
  EXPECT_TRUE(corrupt(ParseControlRecord(S(commit), S(Bytes{0, 0, 0, 0, 7}))));        // short value
  EXPECT_TRUE(corrupt(ParseControlRecord(S(commit), S(Bytes{0x80, 0, 0, 0, 0, 7}))));  // marker version < 0
  // Higher versions are read as version 0 (Kafka logs and goes on).
  auto v1 = ParseControlRecord(S(Bytes{0, 1, 0, 0}), S(Bytes{0, 1, 0, 0, 0, 9, 0xaa}));
  ASSERT_TRUE(v1.ok());
  EXPECT_EQ(v1->type, ControlRecordType::ABORT);
  EXPECT_EQ(v1->marker->coordinator_epoch, 9);
  // Unknown types and non-marker types parse without a marker.
  auto unknown = ParseControlRecord(S(Bytes{0, 0, 0x7f, 0}), std::nullopt);
  ASSERT_TRUE(unknown.ok());
  EXPECT_EQ(unknown->type, ControlRecordType::UNKNOWN);
  EXPECT_FALSE(unknown->marker.has_value());
  auto leader_change = ParseControlRecord(S(Bytes{0, 0, 0, 2}), std::nullopt);
  ASSERT_TRUE(leader_change.ok());
  EXPECT_EQ(leader_change->type, ControlRecordType::LEADER_CHANGE);
}

TEST(ControlRecordTest, EmptyControlBatchIsCorrupt) {
  RecordBatch b = EndTxnMarkerBatch(0, 0, 1, 0, 0, {ControlRecordType::ABORT, 0});
  b.records.clear();
  auto c = ParseControlBatch(b);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, ErrorCode::CORRUPT_MESSAGE);
}

// Every single-byte change and every truncation of the kafkajs marker batch:
// decoding (CRC not required, as dump-batch does) and control parsing either
// succeed or return CORRUPT_MESSAGE — never crash or read out of bounds.
TEST(ControlRecordTest, MutatedMarkerBatchesNeverCrash) {
  const Bytes good = ReadBatchFile("kafkajs_control_commit.hex");
  auto check = [](std::span<const uint8_t> bytes) {
    auto d = DecodeBatchDetailed(bytes, {.require_valid_crc = false});
    if (!d.ok()) {
      EXPECT_EQ(d.error().code, ErrorCode::CORRUPT_MESSAGE);
      return;
    }
    if (!d->batch.is_control()) return;
    auto c = ParseControlBatch(d->batch);
    if (!c.ok()) {
      EXPECT_EQ(c.error().code, ErrorCode::CORRUPT_MESSAGE);
    }
  };
  for (size_t n = 0; n < good.size(); ++n) check(std::span<const uint8_t>(good).first(n));
  for (size_t i = 0; i < good.size(); ++i) {
    for (uint8_t v : {uint8_t{0x00}, uint8_t{0x01}, uint8_t{0x7f}, uint8_t{0x80}, uint8_t{0xff}}) {
      Bytes bad = good;
      bad[i] = v;
      check(bad);
    }
  }
  // The key and value lengths shrunk in place (record bytes 61+): short
  // control keys and marker values must be reported, not read past.
  RecordBatch b = EndTxnMarkerBatch(0, 0, 1, 0, 0, {ControlRecordType::COMMIT, 1});
  b.records[0].key = Bytes{0, 0};
  EXPECT_FALSE(ParseControlBatch(*DecodeBatch(EncodeBatch(b))).ok());
  b.records[0].key = EncodeControlRecordKey(ControlRecordType::COMMIT);
  b.records[0].value = Bytes{0, 0, 0};
  EXPECT_FALSE(ParseControlBatch(*DecodeBatch(EncodeBatch(b))).ok());
}

}  // namespace
}  // namespace kafkasim::record
