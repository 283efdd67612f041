// core/protocol/wire/wire_writer.h — writing Kafka's wire types, big-endian,
// and framing a response with its int32 size.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/protocol/common.h"

namespace kafkasim::wire {

class WireWriter {
 public:
  WireWriter() { out_.resize(4); }  // room for the frame's size
  void Int8(int8_t v) { out_.push_back(static_cast<uint8_t>(v)); }
  void Int16(int16_t v);
  void Int32(int32_t v);
  void Int64(int64_t v);
  void UnsignedVarint(uint32_t v);
  void String(std::string_view s, bool compact);
  void ArrayLength(size_t n, bool compact);
  void EmptyTaggedFields() { UnsignedVarint(0); }
  // The frame: its size (excluding these 4 bytes), then what was written.
  Bytes Finish() &&;

 private:
  Bytes out_;
};

}  // namespace kafkasim::wire
