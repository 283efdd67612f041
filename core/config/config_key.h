// core/config/config_key.h — one Kafka config key: its name, type, default,
// documentation and whether kafkasim simulates it yet.
//
// Each config struct (broker, topic, producer, consumer) lists its keys once;
// the scenario loader validates files against these lists and docs/configs.md
// is generated from them, so a key cannot be accepted and silently ignored.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.h"

namespace kafkasim::config {

enum class KeyType { kInt, kLong, kDouble, kBool, kString, kEnum, kDurationMs };

struct ConfigKey {
  std::string_view name;          // Kafka's spelling: "min.insync.replicas"
  KeyType type;
  std::string_view default_value;  // as Kafka 3.x documents it
  std::string_view doc;            // one line
  std::vector<std::string_view> allowed;  // kEnum only
  bool simulated = true;           // false: accepted, reported as not simulated yet
};

// Parses `value` for `key` into `out` fields; used by each struct's Set().
Result<int64_t> ParseLong(std::string_view key, std::string_view value);
Result<bool> ParseBool(std::string_view key, std::string_view value);
Result<double> ParseDouble(std::string_view key, std::string_view value);

// The valid name closest to `name` by edit distance ("" when none is close).
std::string NearestKey(std::string_view name, const std::vector<ConfigKey>& keys);
const ConfigKey* FindKey(std::string_view name, const std::vector<ConfigKey>& keys);

// Added for the scenario loader and docs:
// Levenshtein distance between two names.
size_t EditDistance(std::string_view a, std::string_view b);
// The candidate closest to `name` if it is close enough to be a typo, else "".
std::string NearestName(std::string_view name, const std::vector<std::string_view>& candidates);
// "int", "long", "boolean", "enum", "long (ms)", ...
std::string_view KeyTypeName(KeyType type);

}  // namespace kafkasim::config
