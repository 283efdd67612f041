// core/protocol/wire/wire_writer.cc — big-endian ints, varints, strings.
#include "core/protocol/wire/wire_writer.h"

#include "core/util/assert.h"

namespace kafkasim::wire {

void WireWriter::Int16(int16_t v) {
  const auto u = static_cast<uint16_t>(v);
  out_.push_back(static_cast<uint8_t>(u >> 8));
  out_.push_back(static_cast<uint8_t>(u));
}

void WireWriter::Int32(int32_t v) {
  const auto u = static_cast<uint32_t>(v);
  for (int shift = 24; shift >= 0; shift -= 8) out_.push_back(static_cast<uint8_t>(u >> shift));
}

void WireWriter::Int64(int64_t v) {
  const auto u = static_cast<uint64_t>(v);
  for (int shift = 56; shift >= 0; shift -= 8) out_.push_back(static_cast<uint8_t>(u >> shift));
}

void WireWriter::UnsignedVarint(uint32_t v) {
  while (v >= 0x80) {
    out_.push_back(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  out_.push_back(static_cast<uint8_t>(v));
}

void WireWriter::String(std::string_view s, bool compact) {
  // REQUIRES (asserted): a STRING fits its int16 length.
  KSIM_ASSERT(s.size() <= INT16_MAX, "string too long for the wire");
  if (compact) {
    UnsignedVarint(static_cast<uint32_t>(s.size() + 1));
  } else {
    Int16(static_cast<int16_t>(s.size()));
  }
  out_.insert(out_.end(), s.begin(), s.end());
}

void WireWriter::ArrayLength(size_t n, bool compact) {
  KSIM_ASSERT(n < INT32_MAX, "array too long for the wire");
  if (compact) {
    UnsignedVarint(static_cast<uint32_t>(n + 1));
  } else {
    Int32(static_cast<int32_t>(n));
  }
}

Bytes WireWriter::Finish() && {
  const auto size = static_cast<uint32_t>(out_.size() - 4);
  for (int i = 0; i < 4; ++i) out_[static_cast<size_t>(i)] = static_cast<uint8_t>(size >> (24 - 8 * i));
  return std::move(out_);
}

}  // namespace kafkasim::wire
