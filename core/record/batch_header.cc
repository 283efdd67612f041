#include "core/record/batch_header.h"

#include <string>

#include "core/record/crc32c.h"

namespace kafkasim::record {

Result<BatchHeader> ParseBatchHeader(std::span<const uint8_t> bytes) {
  if (bytes.size() < kBatchHeaderSize) {
    return MakeError(ErrorCode::CORRUPT_MESSAGE, "truncated batch header: " + std::to_string(bytes.size()) +
                                                     " bytes, need " + std::to_string(kBatchHeaderSize));
  }
  const uint8_t* p = bytes.data();
  BatchHeader h;
  h.base_offset = ReadBe64(p + 0);
  h.batch_length = ReadBe32(p + 8);
  h.partition_leader_epoch = ReadBe32(p + 12);
  h.magic = static_cast<int8_t>(p[16]);
  h.crc = static_cast<uint32_t>(ReadBe32(p + 17));
  h.attributes = ReadBe16(p + 21);
  h.last_offset_delta = ReadBe32(p + 23);
  h.base_timestamp = ReadBe64(p + 27);
  h.max_timestamp = ReadBe64(p + 35);
  h.producer_id = ReadBe64(p + 43);
  h.producer_epoch = ReadBe16(p + 51);
  h.base_sequence = ReadBe32(p + 53);
  h.records_count = ReadBe32(p + 57);
  if (h.magic != kMagicV2) {
    return MakeError(ErrorCode::CORRUPT_MESSAGE, "unsupported magic " + std::to_string(h.magic) + " (only v2)");
  }
  if (h.batch_length < static_cast<int32_t>(kBatchHeaderSize - kLogOverhead) || h.batch_length > kMaxBatchLength) {
    return MakeError(ErrorCode::CORRUPT_MESSAGE, "batchLength " + std::to_string(h.batch_length) + " out of range");
  }
  if (h.records_count < 0 || h.last_offset_delta < 0) {
    return MakeError(ErrorCode::CORRUPT_MESSAGE, "negative record count or lastOffsetDelta");
  }
  return h;
}

uint32_t ComputeBatchCrc(std::span<const uint8_t> batch) { return Crc32c(batch.subspan(kAttributesOffset)); }

bool VerifyBatchCrc(std::span<const uint8_t> batch) {
  if (batch.size() < kBatchHeaderSize) return false;
  auto stored = static_cast<uint32_t>(ReadBe32(batch.data() + kCrcOffset));
  return stored == ComputeBatchCrc(batch);
}

void SetBaseOffset(std::span<uint8_t> batch, int64_t base_offset) { WriteBe64(batch.data(), base_offset); }

void SetPartitionLeaderEpoch(std::span<uint8_t> batch, int32_t epoch) { WriteBe32(batch.data() + 12, epoch); }

}  // namespace kafkasim::record
