// core/protocol/wire/wire_reader.h — reading Kafka's wire types from bytes a
// real client sent (clients/src/main/resources/common/message/*.json; the
// types of org.apache.kafka.common.protocol.types).
//
// Every read is bounds-checked and a bad length is an error naming the
// field, never a crash: the bytes come from outside the simulation. The
// first error sticks; later reads return zero values and ok() stays false.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace kafkasim::wire {

class WireReader {
 public:
  explicit WireReader(std::span<const uint8_t> bytes) : bytes_(bytes) {}

  int8_t Int8(std::string_view field);
  int16_t Int16(std::string_view field);
  int32_t Int32(std::string_view field);
  int64_t Int64(std::string_view field);
  uint32_t UnsignedVarint(std::string_view field);
  // STRING (int16 length) or COMPACT_STRING (unsigned varint length + 1).
  std::string String(std::string_view field, bool compact);
  // NULLABLE_STRING / COMPACT_NULLABLE_STRING: nullopt for a null (-1 / 0).
  std::optional<std::string> NullableString(std::string_view field, bool compact);
  // An array's element count: int32 or compact (unsigned varint count + 1);
  // -1 for a null array. At most `remaining()` elements can be real.
  int32_t ArrayLength(std::string_view field, bool compact);
  // A flexible version's tagged fields: read and skipped (none is used yet).
  void SkipTaggedFields(std::string_view where);

  bool ok() const { return error_.empty(); }
  size_t remaining() const { return bytes_.size() - pos_; }
  // INVALID_REQUEST with the first failing field, as Kafka's request parsing
  // fails a malformed request (InvalidRequestException).
  Error error() const;
  // Bytes left over after a complete request are as bad as missing ones.
  void ExpectEnd(std::string_view what);

 private:
  bool Need(size_t n, std::string_view field);
  void Fail(std::string_view field, std::string_view why);

  std::span<const uint8_t> bytes_;
  size_t pos_ = 0;
  std::string error_;
};

}  // namespace kafkasim::wire
