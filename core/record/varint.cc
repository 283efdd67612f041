// core/record/varint.cc — Kafka's zigzag varint/varlong codec (ByteUtils).
#include "core/record/varint.h"

#include <type_traits>

namespace kafkasim::record {
namespace {

// One codec for both widths: S is int32_t (varint) or int64_t (varlong), U
// its unsigned twin. Zigzag maps S to U so that small magnitudes are small.
template <typename S>
auto ZigZag(S v) {
  using U = std::make_unsigned_t<S>;
  return static_cast<U>((static_cast<U>(v) << 1) ^ static_cast<U>(v >> (sizeof(S) * 8 - 1)));
}
template <typename S, typename U = std::make_unsigned_t<S>>
S UnZigZag(U raw) {
  return static_cast<S>((raw >> 1) ^ (U{0} - (raw & 1)));
}

template <typename S>
size_t SizeOf(S value) {
  auto v = ZigZag(value);
  size_t n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

template <typename S>
size_t Write(uint8_t* p, S value) {
  auto v = ZigZag(value);
  size_t n = 0;
  while (v >= 0x80) {
    p[n++] = static_cast<uint8_t>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  p[n++] = static_cast<uint8_t>(v);
  return n;
}

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

template <typename S>
bool TryRead(std::span<const uint8_t> in, size_t& pos, size_t max_bytes, S& value) {
  std::make_unsigned_t<S> raw = 0;
  if (!ReadUnsigned(in, pos, max_bytes, raw)) return false;
  value = UnZigZag<S>(raw);
  return true;
}

template <typename S>
Result<S> Read(std::span<const uint8_t> in, size_t& pos, size_t max_bytes, const char* what) {
  S v = 0;
  if (!TryRead(in, pos, max_bytes, v)) return VarError(in, pos, max_bytes, what);
  return v;
}

}  // namespace

size_t SizeOfVarint(int32_t value) { return SizeOf(value); }
size_t SizeOfVarlong(int64_t value) { return SizeOf(value); }
size_t WriteVarint(uint8_t* p, int32_t value) { return Write(p, value); }
size_t WriteVarlong(uint8_t* p, int64_t value) { return Write(p, value); }

void AppendVarint(Bytes& out, int32_t value) {
  uint8_t buf[kMaxVarintBytes];
  out.insert(out.end(), buf, buf + Write(buf, value));
}

void AppendVarlong(Bytes& out, int64_t value) {
  uint8_t buf[kMaxVarlongBytes];
  out.insert(out.end(), buf, buf + Write(buf, value));
}

bool TryReadVarint(std::span<const uint8_t> in, size_t& pos, int32_t& value) {
  return TryRead(in, pos, kMaxVarintBytes, value);
}

bool TryReadVarlong(std::span<const uint8_t> in, size_t& pos, int64_t& value) {
  return TryRead(in, pos, kMaxVarlongBytes, value);
}

Result<int32_t> ReadVarint(std::span<const uint8_t> in, size_t& pos) {
  return Read<int32_t>(in, pos, kMaxVarintBytes, "varint");
}

Result<int64_t> ReadVarlong(std::span<const uint8_t> in, size_t& pos) {
  return Read<int64_t>(in, pos, kMaxVarlongBytes, "varlong");
}

}  // namespace kafkasim::record
