// tests/core/record/record_batch_test.cc — RecordBatch v2 encoding and the
// decoder's validation: every malformed input is an Error, never a crash.
#include "core/record/record_batch.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <iterator>
#include <limits>

#include "core/record/varint.h"
#include "tests/core/record/record_test_util.h"

namespace kafkasim::record {
namespace {

using testing::B;
using testing::GenBatch;

RecordBatch SampleBatch(Compression c) {
  RecordBatch b;
  b.base_offset = 100;
  b.partition_leader_epoch = 7;
  b.set_compression(c);
  b.base_timestamp = 1'700'000'000'000;
  b.max_timestamp = 1'700'000'000'020;
  b.producer_id = 12;
  b.producer_epoch = 1;
  b.base_sequence = 40;
  for (int i = 0; i < 3; ++i) {
    Record r;
    r.offset_delta = i;
    r.timestamp_delta = i * 10;
    if (i != 1) r.key = B("key-" + std::to_string(i));
    r.value = B(std::string(50 + i, static_cast<char>('a' + i)));
    r.headers.push_back({"h" + std::to_string(i), i == 2 ? std::nullopt : std::optional<Bytes>(B("v"))});
    b.records.push_back(r);
  }
  return b;
}

// A batch whose records section is exactly `section` (uncompressed unless
// `attributes` says otherwise), with a correct header and CRC.
Bytes RawBatch(const Bytes& section, int32_t count, int16_t attributes = 0) {
  Bytes out(kBatchHeaderSize + section.size(), 0);
  std::copy(section.begin(), section.end(), out.begin() + kBatchHeaderSize);
  BatchHeader h;
  h.records_count = count;
  h.attributes = attributes;
  h.last_offset_delta = count > 0 ? count - 1 : 0;
  FinishBatchHeader(out, h);
  return out;
}

// One record: attributes 0, deltas 0, then `rest` (key, value, headers).
Bytes RawRecord(const Bytes& rest) {
  Bytes body = {0x00, 0x00, 0x00};
  body.insert(body.end(), rest.begin(), rest.end());
  Bytes out;
  AppendVarint(out, static_cast<int32_t>(body.size()));
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

void ExpectCorrupt(const Bytes& bytes, std::string_view needle) {
  auto r = DecodeBatch(bytes);
  ASSERT_FALSE(r.ok()) << "decoded although corrupt (" << needle << ")";
  EXPECT_EQ(r.error().code, ErrorCode::CORRUPT_MESSAGE);
  EXPECT_NE(r.error().message.find(needle), std::string::npos) << r.error().message;
  EXPECT_FALSE(ForEachRecord(bytes, [](const RecordView&) {}).ok());
}

TEST(RecordBatchTest, RoundTripsEveryCodec) {
  for (int c = 0; c <= 4; ++c) {
    RecordBatch b = SampleBatch(static_cast<Compression>(c));
    Bytes bytes = EncodeBatch(b);
    auto d = DecodeBatch(bytes);
    ASSERT_TRUE(d.ok()) << c << ": " << d.error().message;
    EXPECT_EQ(*d, b) << c;
  }
}

TEST(RecordBatchTest, HeaderCarriesComputedLengthCountAndCrc) {
  RecordBatch b = SampleBatch(Compression::kNone);
  Bytes bytes = EncodeBatch(b);
  auto h = ParseBatchHeader(bytes);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->total_size(), bytes.size());
  EXPECT_EQ(h->records_count, 3);
  EXPECT_EQ(h->last_offset_delta, 2);
  EXPECT_EQ(h->last_offset(), 102);
  EXPECT_EQ(h->last_sequence(), 42);
  EXPECT_TRUE(VerifyBatchCrc(bytes));
  EXPECT_EQ(bytes[16], 2);  // magic
}

TEST(RecordBatchTest, KeepsLastOffsetDeltaOfACompactedBatch) {
  RecordBatch b = SampleBatch(Compression::kNone);
  b.records.erase(b.records.begin() + 2);  // compaction removed the last record
  b.last_offset_delta = 2;
  auto d = DecodeBatch(EncodeBatch(b));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->last_offset_delta, 2);
  EXPECT_EQ(*d, b);
}

TEST(RecordBatchTest, ForEachRecordGivesAbsoluteOffsetsAndTimestamps) {
  RecordBatch b = SampleBatch(Compression::kLz4);
  Bytes bytes = EncodeBatch(b);
  std::vector<int64_t> offsets, timestamps;
  std::vector<size_t> header_counts;
  BatchReader reader;
  ASSERT_TRUE(reader
                  .ForEach(bytes,
                           [&](const RecordView& r) {
                             offsets.push_back(r.offset);
                             timestamps.push_back(r.timestamp);
                             header_counts.push_back(r.headers.size());
                           })
                  .ok());
  EXPECT_EQ(offsets, (std::vector<int64_t>{100, 101, 102}));
  EXPECT_EQ(timestamps, (std::vector<int64_t>{1'700'000'000'000, 1'700'000'000'010, 1'700'000'000'020}));
  EXPECT_EQ(header_counts, (std::vector<size_t>{1, 1, 1}));
  EXPECT_EQ(reader.header().base_offset, 100);
}

TEST(RecordBatchTest, LogAppendTimeRecordsTakeTheBatchMaxTimestamp) {
  RecordBatch b = SampleBatch(Compression::kNone);
  b.attributes |= kTimestampTypeMask;
  b.max_timestamp = 5'000;
  std::vector<int64_t> ts;
  ASSERT_TRUE(ForEachRecord(EncodeBatch(b), [&](const RecordView& r) { ts.push_back(r.timestamp); }).ok());
  EXPECT_EQ(ts, (std::vector<int64_t>{5'000, 5'000, 5'000}));
}

TEST(RecordBatchTest, BuilderMatchesEncodeBatch) {
  RecordBatch b = SampleBatch(Compression::kNone);
  BatchBuilder builder(100);
  builder.SetPartitionLeaderEpoch(7).SetProducer(12, 1, 40);
  for (const Record& r : b.records) {
    std::optional<std::span<const uint8_t>> k, v;
    if (r.key) k = std::span<const uint8_t>(*r.key);
    if (r.value) v = std::span<const uint8_t>(*r.value);
    builder.Append(b.base_timestamp + r.timestamp_delta, k, v, r.headers);
  }
  EXPECT_EQ(builder.num_records(), 3);
  for (int c = 0; c <= 4; ++c) {
    BatchBuilder copy = builder;
    b.set_compression(static_cast<Compression>(c));
    EXPECT_EQ(copy.Build(static_cast<Compression>(c)), EncodeBatch(b)) << c;
  }
  Bytes first = builder.Build(Compression::kNone);
  EXPECT_EQ(builder.num_records(), 0);
  builder.Append(9, std::nullopt, std::nullopt);
  auto d = DecodeBatch(builder.Build(Compression::kNone));
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d->records.size(), 1u);
  EXPECT_EQ(d->base_timestamp, 9);
  EXPECT_FALSE(d->records[0].key.has_value());
}

TEST(RecordBatchTest, TruncatedBatchIsAnErrorAtEveryLength) {
  Bytes bytes = EncodeBatch(SampleBatch(Compression::kGzip));
  for (size_t n = 0; n < bytes.size(); ++n) {
    auto r = DecodeBatch(std::span<const uint8_t>(bytes).first(n));
    ASSERT_FALSE(r.ok()) << n;
    EXPECT_NE(r.error().message.find("truncated"), std::string::npos) << r.error().message;
  }
}

TEST(RecordBatchTest, CrcMismatchIsAnErrorUnlessReportOnly) {
  Bytes bytes = EncodeBatch(SampleBatch(Compression::kNone));
  auto it = std::search(bytes.begin(), bytes.end(), std::begin("aaaa"), std::begin("aaaa") + 4);
  ASSERT_NE(it, bytes.end());
  *it = 'b';  // one byte of the first record's value
  ExpectCorrupt(bytes, "CRC mismatch");
  auto d = DecodeBatchDetailed(bytes, {.require_valid_crc = false});
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_FALSE(d->crc_valid);
  EXPECT_EQ((*d->batch.records[0].value)[0], 'b');
  auto good = DecodeBatchDetailed(EncodeBatch(SampleBatch(Compression::kNone)));
  ASSERT_TRUE(good.ok());
  EXPECT_TRUE(good->crc_valid);
}

TEST(RecordBatchTest, OverlongVarintIsAnError) {
  Bytes section = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0, 0, 0, 0, 0, 0, 0};  // record length: 6-byte varint
  ExpectCorrupt(RawBatch(section, 1), "record length");
  Bytes rec = RawRecord({0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01});  // key length: 7-byte varint
  ExpectCorrupt(RawBatch(rec, 1), "key length");
}

TEST(RecordBatchTest, NegativeLengthsOtherThanMinusOneAreErrors) {
  ExpectCorrupt(RawBatch(RawRecord({0x03, 0x01, 0x00}), 1), "negative key length -2");
  ExpectCorrupt(RawBatch(RawRecord({0x01, 0x05, 0x00}), 1), "negative value length -3");
  ExpectCorrupt(RawBatch(RawRecord({0x01, 0x01, 0x01}), 1), "negative header count");
  ExpectCorrupt(RawBatch(RawRecord({0x01, 0x01, 0x02, 0x01, 0x00}), 1), "null header key");
  Bytes neg_record;
  AppendVarint(neg_record, -5);
  neg_record.resize(8, 0x00);  // enough bytes that the count check passes
  ExpectCorrupt(RawBatch(neg_record, 1), "record length -5");
  // -1 is null, and fine.
  auto ok = DecodeBatch(RawBatch(RawRecord({0x01, 0x01, 0x00}), 1));
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_FALSE(ok->records[0].key.has_value());
  EXPECT_FALSE(ok->records[0].value.has_value());
}

TEST(RecordBatchTest, LengthsThatOverrunAreErrors) {
  ExpectCorrupt(RawBatch(RawRecord({0x20, 'a', 'b', 'c'}), 1), "overruns");        // key of 16 bytes, 3 present
  ExpectCorrupt(RawBatch(RawRecord({0x01, 0x01, 0x00, 0x00}), 1), "fields take");  // record longer than fields
  ExpectCorrupt(RawBatch(RawRecord({0x01, 0x01, 0x00}), 2), "cannot fit");         // count says 2, one present
  Bytes two = RawRecord({0x01, 0x01, 0x00});
  Bytes extra = two;
  extra.insert(extra.end(), two.begin(), two.end());
  ExpectCorrupt(RawBatch(extra, 1), "bytes left after");  // count says 1, two present
}

TEST(RecordBatchTest, HeaderLevelCorruptionIsAnError) {
  Bytes bytes = EncodeBatch(SampleBatch(Compression::kNone));
  Bytes bad_magic = bytes;
  bad_magic[16] = 1;
  ExpectCorrupt(bad_magic, "magic");
  ExpectCorrupt(RawBatch({}, 0, 5), "compression codec 5");
  Bytes bad_length = bytes;
  WriteBe32(bad_length.data() + 8, -1);
  ExpectCorrupt(bad_length, "batchLength");
  ExpectCorrupt(RawBatch(RawRecord({0x01, 0x01, 0x00}), -1), "negative record count");
}

TEST(RecordBatchTest, DecompressionBombIsAnError) {
  RecordBatch b;
  b.set_compression(Compression::kZstd);
  Record r;
  r.value = Bytes(8 * 1024 * 1024, 0);  // 8 MiB of zeros: a few hundred bytes compressed
  b.records.push_back(r);
  Bytes bytes = EncodeBatch(b);
  EXPECT_LT(bytes.size(), 4096u);
  auto d = DecodeBatch(bytes, {.max_decompressed_bytes = 1024 * 1024});
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.error().message.find("decompression bomb"), std::string::npos) << d.error().message;
  EXPECT_TRUE(DecodeBatch(bytes).ok());  // the default limit is 64 MiB
}

TEST(RecordBatchTest, IgnoresBytesAfterTheBatch) {
  RecordBatch b = SampleBatch(Compression::kSnappy);
  Bytes bytes = EncodeBatch(b);
  size_t size = bytes.size();
  EncodeBatchTo(SampleBatch(Compression::kNone), bytes);  // a second batch follows
  auto d = DecodeBatchDetailed(bytes);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->header.total_size(), size);
  EXPECT_EQ(d->batch, b);
  auto second = DecodeBatch(std::span<const uint8_t>(bytes).subspan(size));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second, SampleBatch(Compression::kNone));
}

// Java's long arithmetic wraps: a batch with extreme timestamps (any bytes
// off the wire) decodes to the same absolute values Kafka computes, without
// signed overflow (UBSan aborts the sanitizer build on it).
TEST(RecordBatchTest, AbsoluteTimestampsWrapAsInJava) {
  RecordBatch b;
  b.base_offset = 0;
  b.base_timestamp = std::numeric_limits<int64_t>::max();
  Record r;
  r.timestamp_delta = 2;
  b.records.push_back(r);
  Bytes bytes = EncodeBatch(b);
  std::vector<int64_t> seen;
  ASSERT_TRUE(ForEachRecord(bytes, [&](const RecordView& rv) { seen.push_back(rv.timestamp); }).ok());
  EXPECT_EQ(seen, std::vector<int64_t>{std::numeric_limits<int64_t>::min() + 1});
}

RC_GTEST_PROP(RecordBatchProperty, DecodeOfEncodeIsIdentity, ()) {
  RecordBatch b = *GenBatch();
  Bytes bytes = EncodeBatch(b);
  auto d = DecodeBatch(bytes);
  RC_ASSERT(d.ok());
  RC_ASSERT(*d == b);
  size_t n = 0;
  RC_ASSERT(ForEachRecord(bytes, [&](const RecordView& rv) {
              RC_ASSERT(rv.offset == b.base_offset + b.records[n].offset_delta);
              ++n;
            }).ok());
  RC_ASSERT(n == b.records.size());
}

RC_GTEST_PROP(RecordBatchProperty, MutatedBytesGiveAnErrorOrABatch, ()) {
  Bytes bytes = EncodeBatch(*GenBatch());
  int edits = *rc::gen::inRange(1, 6);
  for (int i = 0; i < edits; ++i) {
    size_t at = *rc::gen::inRange<size_t>(0, bytes.size());
    bytes[at] = *rc::gen::arbitrary<uint8_t>();
  }
  if (*rc::gen::arbitrary<bool>()) bytes.resize(*rc::gen::inRange<size_t>(0, bytes.size() + 1));
  for (bool require_crc : {true, false}) {
    auto d = DecodeBatchDetailed(bytes, {.max_decompressed_bytes = 1 << 20, .require_valid_crc = require_crc});
    if (d.ok())
      RC_ASSERT(d->header.total_size() <= bytes.size());
    else
      RC_ASSERT(d.error().code == ErrorCode::CORRUPT_MESSAGE);
  }
}

RC_GTEST_PROP(RecordBatchProperty, ArbitraryRecordSectionsNeverCrash, (std::vector<uint8_t> section)) {
  int32_t count = *rc::gen::inRange(0, 8);
  int16_t codec = static_cast<int16_t>(*rc::gen::inRange(0, 8));
  Bytes bytes = RawBatch(section, count, codec);
  auto d = DecodeBatch(bytes, {.max_decompressed_bytes = 1 << 20});
  if (d.ok()) RC_ASSERT(d->records.size() == static_cast<size_t>(count));
  BatchReader reader;
  auto st = reader.ForEach(bytes, [](const RecordView&) {}, {.max_decompressed_bytes = 1 << 20});
  RC_ASSERT(st.ok() == d.ok());
}

}  // namespace
}  // namespace kafkasim::record
