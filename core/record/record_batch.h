// core/record/record_batch.h — RecordBatch v2 (magic 2): records, encoding,
// validated decoding, a zero-copy record iterator and the producer's builder.
//
// Wire layout (Kafka's DefaultRecordBatch / DefaultRecord):
//   [61-byte batch header, see batch_header.h][records section]
// where the records section — compressed as a whole when attributes bits 0-2
// name a codec — holds `records count` records, each:
//   length varint | attributes int8 | timestampDelta varlong | offsetDelta varint
//   | keyLength varint | key | valueLength varint | value
//   | headerCount varint | [headerKeyLength varint | key | valueLength varint | value]*
// A length of -1 means null; any other negative length is corrupt.
//
// Batch attributes: bits 0-2 codec, bit 3 timestamp type (1 = LogAppendTime),
// bit 4 transactional, bit 5 control, bit 6 delete horizon.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/protocol/common.h"
#include "core/record/batch_header.h"
#include "core/record/compression.h"
#include "core/util/result.h"

namespace kafkasim::record {

constexpr int16_t kCompressionCodecMask = 0x07;
constexpr int16_t kTimestampTypeMask = 0x08;
constexpr int16_t kTransactionalMask = 0x10;
constexpr int16_t kControlMask = 0x20;
constexpr int32_t kNoSequence = -1;
// RecordBatch::last_offset_delta value meaning "the last record's offsetDelta".
constexpr int32_t kDeriveLastOffsetDelta = -1;

struct RecordHeader {
  std::string key;
  std::optional<Bytes> value;
  bool operator==(const RecordHeader&) const = default;
};

struct Record {
  int64_t offset_delta = 0;     // REQUIRES (asserted): fits in int32 (a varint)
  int64_t timestamp_delta = 0;  // relative to the batch's base_timestamp
  std::optional<Bytes> key;
  std::optional<Bytes> value;
  std::vector<RecordHeader> headers;
  int8_t attributes = 0;  // unused by Kafka so far; kept as read
  bool operator==(const Record&) const = default;
};

// A batch as data. Fields mirror BatchHeader; batchLength, crc and records
// count are computed by EncodeBatch.
struct RecordBatch {
  int64_t base_offset = 0;
  int32_t partition_leader_epoch = -1;
  int16_t attributes = 0;
  // Kept when a batch was compacted (greater than the last record's delta);
  // kDeriveLastOffsetDelta otherwise. DecodeBatch sets it only in that case.
  int32_t last_offset_delta = kDeriveLastOffsetDelta;
  int64_t base_timestamp = 0;
  int64_t max_timestamp = 0;
  int64_t producer_id = -1;
  int16_t producer_epoch = -1;
  int32_t base_sequence = kNoSequence;
  std::vector<Record> records;

  Compression compression() const { return static_cast<Compression>(attributes & kCompressionCodecMask); }
  void set_compression(Compression c) {
    attributes = static_cast<int16_t>((attributes & ~kCompressionCodecMask) | static_cast<int16_t>(c));
  }
  bool is_log_append_time() const { return attributes & kTimestampTypeMask; }
  bool is_transactional() const { return attributes & kTransactionalMask; }
  bool is_control() const { return attributes & kControlMask; }
  bool operator==(const RecordBatch&) const = default;
};

struct DecodeLimits {
  size_t max_decompressed_bytes = kDefaultMaxDecompressedBytes;
  // false: a CRC mismatch is reported (DecodedBatch::crc_valid) but decoding
  // goes on — for dump tools. true: a mismatch is CORRUPT_MESSAGE.
  bool require_valid_crc = true;
};

// Encodes one batch. REQUIRES (asserted): the codec bits name a codec (0..4).
Bytes EncodeBatch(const RecordBatch& batch);
// Appends the encoding to `out` (one buffer reused across batches).
void EncodeBatchTo(const RecordBatch& batch, Bytes& out);

// Decodes the batch at the start of `bytes` (trailing bytes after it are
// ignored: see header.total_size()). Never reads out of bounds; every length,
// varint and count is checked. Errors: CORRUPT_MESSAGE saying what and where.
Result<RecordBatch> DecodeBatch(std::span<const uint8_t> bytes, DecodeLimits limits = {});

struct DecodedBatch {
  BatchHeader header;  // as read, including batchLength, crc and counts
  bool crc_valid = false;
  RecordBatch batch;
};
Result<DecodedBatch> DecodeBatchDetailed(std::span<const uint8_t> bytes, DecodeLimits limits = {});

// ---- zero-copy iteration (the simulator's hot path) ------------------------

struct HeaderView {
  std::string_view key;
  std::optional<std::span<const uint8_t>> value;
};

// Views into the batch (or the reader's decompression buffer); valid only
// during the callback.
struct RecordView {
  int8_t attributes = 0;
  int32_t offset_delta = 0;
  int64_t timestamp_delta = 0;
  int64_t offset = 0;     // base_offset + offset_delta
  int64_t timestamp = 0;  // base_timestamp + delta, or maxTimestamp under LogAppendTime
  std::optional<std::span<const uint8_t>> key;
  std::optional<std::span<const uint8_t>> value;
  std::span<const HeaderView> headers;
};

using RecordVisitor = std::function<void(const RecordView&)>;

// Reuses its buffers across batches: after warm-up, iterating an uncompressed
// batch allocates nothing, a compressed one nothing beyond buffer growth.
class BatchReader {
 public:
  // Validates the header and CRC, then calls `fn` for each record in order.
  // On a corrupt record the error is returned after `fn` has seen the records
  // before it.
  Status ForEach(std::span<const uint8_t> batch, const RecordVisitor& fn, DecodeLimits limits = {});
  // The header of the last batch passed to ForEach.
  const BatchHeader& header() const { return header_; }

 private:
  BatchHeader header_;
  Bytes decompressed_;
  std::vector<HeaderView> headers_;
};

Status ForEachRecord(std::span<const uint8_t> batch, const RecordVisitor& fn, DecodeLimits limits = {});

// ---- producer side ---------------------------------------------------------

// Builds one batch in a single output buffer: records are encoded as they
// are appended, the header is filled in by Build. Offset deltas are 0, 1, 2…
// and the base timestamp is the first record's.
class BatchBuilder {
 public:
  explicit BatchBuilder(int64_t base_offset = 0, size_t expected_bytes = 1024);

  BatchBuilder& SetProducer(int64_t producer_id, int16_t producer_epoch, int32_t base_sequence);
  BatchBuilder& SetPartitionLeaderEpoch(int32_t epoch);
  BatchBuilder& SetTransactional(bool transactional);
  BatchBuilder& SetLogAppendTime(bool log_append_time);

  void Append(int64_t timestamp_ms, std::optional<std::span<const uint8_t>> key,
              std::optional<std::span<const uint8_t>> value, std::span<const RecordHeader> headers = {});

  int32_t num_records() const { return count_; }
  // Bytes the batch would take uncompressed.
  size_t size_bytes() const { return buf_.size(); }

  // Finishes the batch; the builder is empty afterwards (ready for reuse).
  Bytes Build(Compression compression);

 private:
  Bytes buf_;  // kBatchHeaderSize reserved bytes, then the records section
  int64_t base_offset_;
  int32_t partition_leader_epoch_ = -1;
  int16_t attributes_ = 0;
  int64_t producer_id_ = -1;
  int16_t producer_epoch_ = -1;
  int32_t base_sequence_ = kNoSequence;
  int64_t base_timestamp_ = 0;
  int64_t max_timestamp_ = 0;
  int32_t count_ = 0;
};

// Writes the header fields of `h` (except batchLength, crc: computed from
// `batch`'s size and content) into batch[0..61) and sets the CRC.
void FinishBatchHeader(std::span<uint8_t> batch, const BatchHeader& h);

}  // namespace kafkasim::record
