// core/record/varint.cc — Kafka's zigzag varint/varlong codec (ByteUtils).
#include "core/record/varint.h"

namespace kafkasim::record {
namespace {

uint32_t ZigZag32(int32_t v) { return (static_cast<uint32_t>(v) << 1) ^ static_cast<uint32_t>(v >> 31); }
uint64_t ZigZag64(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }

// Reads an unsigned base-128 value of at most `max_bytes` bytes. Like Java's
// ByteUtils, bits beyond the type's width in the last byte are dropped.
template <typename U>
bool ReadUnsigned(std::span<const uint8_t> in, size_t& pos, size_t max_bytes, U& out) {
  U value = 0;
  size_t p = pos;
  for (size_t i = 0; i < max_bytes; ++i) {
    if (p >= in.size()) return false;  // truncated
    uint8_t b = in[p++];
    value |= static_cast<U>(b & 0x7f) << (7 * i);
    if ((b & 0x80) == 0) {
      pos = p;
      out = value;
      return true;
    }
  }
  return false;  // continuation bit still set after max_bytes: overlong
}

Error VarError(std::span<const uint8_t> in, size_t pos, size_t max_bytes, const char* what) {
  size_t avail = in.size() > pos ? in.size() - pos : 0;
  bool truncated = true;
  for (size_t i = 0; i < avail && i < max_bytes; ++i) {
    if ((in[pos + i] & 0x80) == 0) truncated = false;
  }
  if (avail >= max_bytes) truncated = false;
  return MakeError(ErrorCode::CORRUPT_MESSAGE,
                   std::string(truncated ? "truncated " : "overlong ") + what + " at byte " + std::to_string(pos) +
                       (truncated ? "" : " (more than " + std::to_string(max_bytes) + " bytes)"));
}

}  // namespace

size_t SizeOfVarint(int32_t value) {
  uint32_t v = ZigZag32(value);
  size_t n = 1;
  while ((v & 0xffffff80u) != 0) {
    v >>= 7;
    ++n;
  }
  return n;
}

size_t SizeOfVarlong(int64_t value) {
  uint64_t v = ZigZag64(value);
  size_t n = 1;
  while ((v & 0xffffffffffffff80ull) != 0) {
    v >>= 7;
    ++n;
  }
  return n;
}

size_t WriteVarint(uint8_t* p, int32_t value) {
  uint32_t v = ZigZag32(value);
  size_t n = 0;
  while ((v & 0xffffff80u) != 0) {
    p[n++] = static_cast<uint8_t>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  p[n++] = static_cast<uint8_t>(v);
  return n;
}

size_t WriteVarlong(uint8_t* p, int64_t value) {
  uint64_t v = ZigZag64(value);
  size_t n = 0;
  while ((v & 0xffffffffffffff80ull) != 0) {
    p[n++] = static_cast<uint8_t>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  p[n++] = static_cast<uint8_t>(v);
  return n;
}

void AppendVarint(Bytes& out, int32_t value) {
  uint8_t buf[kMaxVarintBytes];
  size_t n = WriteVarint(buf, value);
  out.insert(out.end(), buf, buf + n);
}

void AppendVarlong(Bytes& out, int64_t value) {
  uint8_t buf[kMaxVarlongBytes];
  size_t n = WriteVarlong(buf, value);
  out.insert(out.end(), buf, buf + n);
}

bool TryReadVarint(std::span<const uint8_t> in, size_t& pos, int32_t& value) {
  uint32_t raw = 0;
  if (!ReadUnsigned<uint32_t>(in, pos, kMaxVarintBytes, raw)) return false;
  value = static_cast<int32_t>((raw >> 1) ^ (0u - (raw & 1)));
  return true;
}

bool TryReadVarlong(std::span<const uint8_t> in, size_t& pos, int64_t& value) {
  uint64_t raw = 0;
  if (!ReadUnsigned<uint64_t>(in, pos, kMaxVarlongBytes, raw)) return false;
  value = static_cast<int64_t>((raw >> 1) ^ (0ull - (raw & 1)));
  return true;
}

Result<int32_t> ReadVarint(std::span<const uint8_t> in, size_t& pos) {
  int32_t v = 0;
  if (!TryReadVarint(in, pos, v)) return VarError(in, pos, kMaxVarintBytes, "varint");
  return v;
}

Result<int64_t> ReadVarlong(std::span<const uint8_t> in, size_t& pos) {
  int64_t v = 0;
  if (!TryReadVarlong(in, pos, v)) return VarError(in, pos, kMaxVarlongBytes, "varlong");
  return v;
}

}  // namespace kafkasim::record
