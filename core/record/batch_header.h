// core/record/batch_header.h — the fixed 61-byte header of a RecordBatch v2.
//
// Layout (big-endian), as in Kafka's DefaultRecordBatch:
//   0 baseOffset int64 | 8 batchLength int32 | 12 partitionLeaderEpoch int32
//  16 magic int8 | 17 crc uint32 | 21 attributes int16 | 23 lastOffsetDelta int32
//  27 baseTimestamp int64 | 35 maxTimestamp int64 | 43 producerId int64
//  51 producerEpoch int16 | 53 baseSequence int32 | 57 records count int32
// The CRC-32C covers attributes..end (offset 21 onwards), so the broker can
// rewrite baseOffset and partitionLeaderEpoch without recomputing it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "core/record/varint.h"
#include "core/util/result.h"

namespace kafkasim::record {

constexpr size_t kBatchHeaderSize = 61;
constexpr size_t kBatchLengthOffset = 8;
constexpr size_t kLogOverhead = 12;  // baseOffset + batchLength precede the length-counted part
constexpr size_t kCrcOffset = 17;
constexpr size_t kAttributesOffset = 21;
constexpr int8_t kMagicV2 = 2;
// Upper bound on one batch; Kafka's message.max.bytes default is ~1 MiB.
constexpr int32_t kMaxBatchLength = 16 * 1024 * 1024;

struct BatchHeader {
  int64_t base_offset = 0;
  int32_t batch_length = 0;
  int32_t partition_leader_epoch = -1;
  int8_t magic = kMagicV2;
  uint32_t crc = 0;
  int16_t attributes = 0;
  int32_t last_offset_delta = 0;
  int64_t base_timestamp = 0;
  int64_t max_timestamp = 0;
  int64_t producer_id = -1;
  int16_t producer_epoch = -1;
  int32_t base_sequence = -1;
  int32_t records_count = 0;

  int64_t last_offset() const { return WrappingAdd(base_offset, last_offset_delta); }
  size_t total_size() const { return kLogOverhead + static_cast<size_t>(batch_length); }
  int compression() const { return attributes & 0x7; }
  bool is_transactional() const { return attributes & 0x10; }
  bool is_control() const { return attributes & 0x20; }
  int32_t last_sequence() const {
    return base_sequence < 0 ? -1 : static_cast<int32_t>((int64_t{base_sequence} + last_offset_delta) % 2147483648LL);
  }
};

// Parses the header of the batch at the start of `bytes`. Checks length and
// magic, not the CRC. Errors: CORRUPT_MESSAGE with a message saying what.
Result<BatchHeader> ParseBatchHeader(std::span<const uint8_t> bytes);

// True when the stored CRC matches CRC-32C of bytes[21 .. total_size).
bool VerifyBatchCrc(std::span<const uint8_t> batch);
uint32_t ComputeBatchCrc(std::span<const uint8_t> batch);

// In-place rewrites the broker does (neither field is covered by the CRC).
void SetBaseOffset(std::span<uint8_t> batch, int64_t base_offset);
void SetPartitionLeaderEpoch(std::span<uint8_t> batch, int32_t epoch);

// Big-endian helpers shared by the record codec.
inline int64_t ReadBe64(const uint8_t* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | p[i];
  return static_cast<int64_t>(v);
}
inline int32_t ReadBe32(const uint8_t* p) {
  return static_cast<int32_t>((uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3]);
}
inline int16_t ReadBe16(const uint8_t* p) { return static_cast<int16_t>((p[0] << 8) | p[1]); }
inline void WriteBe64(uint8_t* p, int64_t v) {
  for (int i = 7; i >= 0; --i, v = static_cast<int64_t>(static_cast<uint64_t>(v) >> 8)) p[i] = static_cast<uint8_t>(v);
}
inline void WriteBe32(uint8_t* p, int32_t v) {
  auto u = static_cast<uint32_t>(v);
  p[0] = u >> 24;
  p[1] = u >> 16;
  p[2] = u >> 8;
  p[3] = u;
}
inline void WriteBe16(uint8_t* p, int16_t v) {
  auto u = static_cast<uint16_t>(v);
  p[0] = u >> 8;
  p[1] = u & 0xff;
}

}  // namespace kafkasim::record
