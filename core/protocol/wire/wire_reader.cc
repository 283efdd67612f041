// core/protocol/wire/wire_reader.cc — bounds-checked reads of Kafka's wire types.
#include "core/protocol/wire/wire_reader.h"

namespace kafkasim::wire {

bool WireReader::Need(size_t n, std::string_view field) {
  if (!ok()) return false;
  if (remaining() >= n) return true;
  Fail(field, "needs " + std::to_string(n) + " bytes, " + std::to_string(remaining()) + " left");
  return false;
}

void WireReader::Fail(std::string_view field, std::string_view why) {
  if (ok()) error_ = std::string(field) + ": " + std::string(why) + " (at byte " + std::to_string(pos_) + ")";
}

Error WireReader::error() const { return MakeError(ErrorCode::INVALID_REQUEST, error_); }

int8_t WireReader::Int8(std::string_view field) {
  if (!Need(1, field)) return 0;
  return static_cast<int8_t>(bytes_[pos_++]);
}

int16_t WireReader::Int16(std::string_view field) {
  if (!Need(2, field)) return 0;
  uint16_t v = static_cast<uint16_t>(bytes_[pos_] << 8 | bytes_[pos_ + 1]);
  pos_ += 2;
  return static_cast<int16_t>(v);
}

int32_t WireReader::Int32(std::string_view field) {
  if (!Need(4, field)) return 0;
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = v << 8 | bytes_[pos_++];
  return static_cast<int32_t>(v);
}

int64_t WireReader::Int64(std::string_view field) {
  if (!Need(8, field)) return 0;
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = v << 8 | bytes_[pos_++];
  return static_cast<int64_t>(v);
}

// ByteUtils.readUnsignedVarint: seven bits a byte, at most five bytes.
uint32_t WireReader::UnsignedVarint(std::string_view field) {
  uint32_t value = 0;
  for (int shift = 0; shift <= 28; shift += 7) {
    if (!Need(1, field)) return 0;
    const uint8_t b = bytes_[pos_++];
    value |= static_cast<uint32_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) return value;
  }
  Fail(field, "varint longer than 5 bytes");
  return 0;
}

std::optional<std::string> WireReader::NullableString(std::string_view field, bool compact) {
  const int64_t length = compact ? static_cast<int64_t>(UnsignedVarint(field)) - 1 : Int16(field);
  if (!ok()) return std::nullopt;
  if (length < 0) {
    if (length != -1) Fail(field, "negative length " + std::to_string(length));
    return std::nullopt;
  }
  if (!Need(static_cast<size_t>(length), field)) return std::nullopt;
  std::string out(reinterpret_cast<const char*>(bytes_.data() + pos_), static_cast<size_t>(length));
  pos_ += static_cast<size_t>(length);
  return out;
}

std::string WireReader::String(std::string_view field, bool compact) {
  std::optional<std::string> s = NullableString(field, compact);
  if (!s && ok()) Fail(field, "null where a string is required");
  return s.value_or("");
}

int32_t WireReader::ArrayLength(std::string_view field, bool compact) {
  const int64_t n = compact ? static_cast<int64_t>(UnsignedVarint(field)) - 1 : Int32(field);
  if (!ok()) return 0;
  if (n < -1 || n > static_cast<int64_t>(remaining())) {
    Fail(field, "array length " + std::to_string(n) + " with " + std::to_string(remaining()) + " bytes left");
    return 0;
  }
  return static_cast<int32_t>(n);
}

void WireReader::SkipTaggedFields(std::string_view where) {
  const uint32_t count = UnsignedVarint(where);
  for (uint32_t i = 0; i < count && ok(); ++i) {
    UnsignedVarint(where);  // the tag
    const uint32_t size = UnsignedVarint(where);
    if (Need(size, where)) pos_ += size;
  }
}

void WireReader::ExpectEnd(std::string_view what) {
  if (ok() && remaining() != 0) Fail(what, std::to_string(remaining()) + " unexpected bytes after the end");
}

}  // namespace kafkasim::wire
