// core/record/varint.h — zigzag varints and varlongs, exactly as Kafka's
// ByteUtils (writeVarint/readVarint, writeVarlong/readVarlong).
//
// A value is zigzag-mapped ((v << 1) ^ (v >> 31|63)) and written 7 bits at a
// time, least significant group first, high bit set on every byte but the
// last. Decoding rejects encodings longer than 5 bytes (varint) or 10 bytes
// (varlong) and input that ends mid-value, as Kafka does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "core/protocol/common.h"
#include "core/util/result.h"

namespace kafkasim::record {

constexpr size_t kMaxVarintBytes = 5;

// Java's long arithmetic wraps on overflow; a batch from the wire may hold
// any baseTimestamp and timestampDelta, so absolute values are computed the
// same way here (unsigned arithmetic, no undefined behaviour).
constexpr int64_t WrappingAdd(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}
constexpr int64_t WrappingSub(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) - static_cast<uint64_t>(b));
}
constexpr size_t kMaxVarlongBytes = 10;

size_t SizeOfVarint(int32_t value);
size_t SizeOfVarlong(int64_t value);

// Writes at `p` (REQUIRES: room for kMaxVarintBytes / kMaxVarlongBytes) and
// returns the number of bytes written. Not asserted: a raw pointer carries no
// size (callers size their buffers with these constants; ASan checks it).
size_t WriteVarint(uint8_t* p, int32_t value);
size_t WriteVarlong(uint8_t* p, int64_t value);

void AppendVarint(Bytes& out, int32_t value);
void AppendVarlong(Bytes& out, int64_t value);

// Reads the value starting at in[pos] and advances pos past it. On error pos
// is unchanged. Errors: CORRUPT_MESSAGE (truncated or overlong).
Result<int32_t> ReadVarint(std::span<const uint8_t> in, size_t& pos);
Result<int64_t> ReadVarlong(std::span<const uint8_t> in, size_t& pos);

// Allocation-free variants for hot loops: false on truncated/overlong input.
bool TryReadVarint(std::span<const uint8_t> in, size_t& pos, int32_t& value);
bool TryReadVarlong(std::span<const uint8_t> in, size_t& pos, int64_t& value);

}  // namespace kafkasim::record
