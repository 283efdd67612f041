// tests/core/log/test_batches.h — minimal valid RecordBatch v2 bytes for log
// tests: a real 61-byte header with a real CRC-32C, followed by opaque
// payload bytes (the log never looks past the header).
#pragma once

#include <cstdint>
#include <vector>

#include "core/protocol/common.h"
#include "core/record/batch_header.h"

namespace kafkasim::log::testing {

struct BatchSpec {
  int32_t records = 1;
  int64_t max_timestamp = 0;
  size_t payload_bytes = 16;
  uint8_t fill = 0xAB;
  int64_t base_offset = 0;
  int32_t leader_epoch = -1;
};

inline Bytes MakeBatch(const BatchSpec& s) {
  using namespace kafkasim::record;
  Bytes b(kBatchHeaderSize + s.payload_bytes, s.fill);
  uint8_t* p = b.data();
  WriteBe64(p + 0, s.base_offset);
  WriteBe32(p + 8, static_cast<int32_t>(b.size() - kLogOverhead));
  WriteBe32(p + 12, s.leader_epoch);
  p[16] = static_cast<uint8_t>(kMagicV2);
  WriteBe16(p + 21, 0);                // attributes
  WriteBe32(p + 23, s.records - 1);    // lastOffsetDelta
  WriteBe64(p + 27, s.max_timestamp);  // baseTimestamp
  WriteBe64(p + 35, s.max_timestamp);  // maxTimestamp
  WriteBe64(p + 43, -1);               // producerId
  WriteBe16(p + 51, -1);               // producerEpoch
  WriteBe32(p + 53, -1);               // baseSequence
  WriteBe32(p + 57, s.records);        // records count
  WriteBe32(p + 17, static_cast<int32_t>(ComputeBatchCrc(b)));
  return b;
}

inline Bytes MakeBatch(int32_t records, int64_t max_timestamp = 0, size_t payload_bytes = 16, uint8_t fill = 0xAB) {
  return MakeBatch(BatchSpec{records, max_timestamp, payload_bytes, fill});
}

inline Bytes Concat(const std::vector<SharedBytes>& batches) {
  Bytes out;
  for (const auto& b : batches) out.insert(out.end(), b->begin(), b->end());
  return out;
}

}  // namespace kafkasim::log::testing
