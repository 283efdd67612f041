// core/controller/json_value.h — a small strict JSON reader for the znode
// contents Kafka writes (objects, arrays, integers, strings, booleans, null).
// Not a general-purpose parser: no floats, no \u escapes beyond ASCII.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kafkasim::controller {

struct JsonValue {
  enum class Kind { kNull, kBool, kInt, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool b = false;
  int64_t i = 0;
  std::string s;
  std::vector<JsonValue> items;   // array elements, or object values
  std::vector<std::string> keys;  // object keys, parallel to `items`

  // Object member by key, or nullptr.
  const JsonValue* Find(std::string_view key) const;
  std::optional<int64_t> IntAt(std::string_view key) const;
  std::optional<std::vector<int64_t>> IntArrayAt(std::string_view key) const;
};

// Parses a whole document; nullopt on any syntax error or trailing bytes.
std::optional<JsonValue> ParseJson(std::string_view text);

}  // namespace kafkasim::controller
