// core/config/config_key.h — one config key as Kafka's ConfigDef defines it:
// name, type, default, validator, documentation — plus Kafka's rule in
// Kafka's words, kafkasim's own bound where it is narrower, and whether
// kafkasim simulates the key yet.
//
// Each config struct (broker, topic, producer, consumer) defines its keys once,
// in a ConfigDef table (config_def.h) that also binds each key to its field.
// The struct's Set() and Keys(), the scenario loader's checks and
// docs/configs.md all come from that table (configs_doc_test checks the page;
// config_test checks the structs' member defaults against it), so a key cannot
// be accepted and silently ignored, nor documented with another default.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.h"

namespace kafkasim::config {

// kDurationMs is Kafka's LONG in milliseconds, kIntMs its INT in milliseconds.
enum class KeyType { kInt, kLong, kDouble, kBool, kString, kEnum, kDurationMs, kIntMs };

// A numeric validator, Kafka's ConfigDef.Range: atLeast(min) / between(min, max).
struct Range {
  int64_t min = INT64_MIN;
  int64_t max = INT64_MAX;
  bool Contains(int64_t v) const { return min <= v && v <= max; }
  bool operator==(const Range&) const = default;
};
inline constexpr Range kNoRange{};  // Kafka defines no validator for the key
constexpr Range AtLeast(int64_t min) { return Range{min, INT64_MAX}; }
constexpr Range Between(int64_t min, int64_t max) { return Range{min, max}; }

// Who defines the key: Kafka, or kafkasim (a switch between Kafka versions' behaviours).
enum class Origin { kKafka, kKafkasim };

struct ConfigKey {
  std::string_view name;  // Kafka's spelling: "min.insync.replicas"
  KeyType type;
  std::string_view default_value;              // as Kafka 3.x documents it
  std::string_view doc;                        // one line
  std::vector<std::string_view> allowed = {};  // kEnum only
  bool simulated = true;                       // false: accepted, reported as not simulated yet
  Origin origin = Origin::kKafka;
  Range kafka = kNoRange;  // Kafka 3.4's ConfigDef validator (numbers)
  // Kafka's "Valid Values" where `kafka` and `allowed` cannot say it (a class list).
  std::string_view valid_values = "";
  // kafkasim's narrower bound, if any: a simulator limit (memory, a time that
  // must not be negative). Values must lie in kafka, bound and the type's range.
  Range bound = kNoRange;
  std::string_view bound_why = "";  // required when `bound` narrows `kafka`
  // Kafka's cross-key rule, in Kafka's words, where Kafka has one
  // (KafkaConfig.validateValues, ProducerConfig.postProcessParsedConfig, ...);
  // config_checks.cc enforces each.
  std::string_view rule = "";
  bool enforced = true;  // false: kafkasim does not enforce Kafka's rule
};

// The values a numeric key accepts: Kafka's validator, kafkasim's bound and
// the type's own range (int: 32 bits) together.
Range Accepted(const ConfigKey& key);
// Kafka's rule as its docs print it: "[1,...]", "[0,...,100]", "[0, 1, all, -1]",
// plus the cross-key rule; "any" when Kafka checks nothing but the type.
std::string KafkaRuleText(const ConfigKey& key);
// Whether and how kafkasim enforces it: "yes", or "yes; kafkasim accepts
// [1,...,1000] (why)", or "no".
std::string EnforcedText(const ConfigKey& key);

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
