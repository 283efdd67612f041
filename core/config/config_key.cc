// core/config/config_key.cc — parsing helpers shared by every config kind.
#include "core/config/config_key.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

#include "core/config/set_field.h"

namespace kafkasim::config {

namespace {

std::string Quote(std::string_view v) { return "\"" + std::string(v) + "\""; }

Error BadValue(std::string_view key, std::string_view value, std::string_view expected) {
  return MakeError(ErrorCode::UNKNOWN_SERVER_ERROR,
                   std::string(key) + ": invalid value " + Quote(value) + "; expected " + std::string(expected));
}

}  // namespace

Result<int64_t> ParseLong(std::string_view key, std::string_view value) {
  int64_t out = 0;
  std::string_view digits = value;
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
  if (digits.empty() || ec != std::errc() || ptr != digits.data() + digits.size()) {
    return BadValue(key, value, ec == std::errc::result_out_of_range ? "an integer in the 64-bit range" : "an integer");
  }
  return out;
}

Result<bool> ParseBool(std::string_view key, std::string_view value) {
  if (value == "true") return true;
  if (value == "false") return false;
  return BadValue(key, value, "true | false");
}

Result<double> ParseDouble(std::string_view key, std::string_view value) {
  double out = 0;
  auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (value.empty() || ec != std::errc() || ptr != value.data() + value.size() || !std::isfinite(out)) {
    return BadValue(key, value, "a number");
  }
  return out;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + cost});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string NearestName(std::string_view name, const std::vector<std::string_view>& candidates) {
  // Close enough to be a typo: at most a third of the longer name, and at least 2 edits allowed.
  std::string best;
  size_t best_distance = SIZE_MAX;
  for (std::string_view c : candidates) {
    size_t d = EditDistance(name, c);
    size_t limit = std::max<size_t>(2, std::max(name.size(), c.size()) / 3);
    if (d <= limit && d < best_distance) {
      best = std::string(c);
      best_distance = d;
    }
  }
  return best;
}

std::string NearestKey(std::string_view name, const std::vector<ConfigKey>& keys) {
  std::vector<std::string_view> names;
  names.reserve(keys.size());
  for (const ConfigKey& k : keys) names.push_back(k.name);
  return NearestName(name, names);
}

const ConfigKey* FindKey(std::string_view name, const std::vector<ConfigKey>& keys) {
  for (const ConfigKey& k : keys) {
    if (k.name == name) return &k;
  }
  return nullptr;
}

Error UnknownKeyError(std::string_view kind, std::string_view key, const std::vector<ConfigKey>& keys) {
  std::string msg = "unknown " + std::string(kind) + " config key \"" + std::string(key) + "\"";
  std::string near = NearestKey(key, keys);
  if (!near.empty()) msg += " (did you mean '" + near + "'?)";
  return MakeError(ErrorCode::UNKNOWN_SERVER_ERROR, std::move(msg));
}

std::string_view KeyTypeName(KeyType type) {
  switch (type) {
    case KeyType::kInt:
      return "int";
    case KeyType::kLong:
      return "long";
    case KeyType::kDouble:
      return "double";
    case KeyType::kBool:
      return "boolean";
    case KeyType::kString:
      return "string";
    case KeyType::kEnum:
      return "enum";
    case KeyType::kDurationMs:
      return "long (ms)";
    case KeyType::kIntMs:
      return "int (ms)";
  }
  return "?";
}

// --- ranges and doc text ---

namespace {
Range Intersect(Range a, Range b) { return Range{std::max(a.min, b.min), std::min(a.max, b.max)}; }
Range TypeRange(KeyType type) {
  return type == KeyType::kInt || type == KeyType::kIntMs ? Range{INT32_MIN, INT32_MAX} : kNoRange;
}
}  // namespace

Range Accepted(const ConfigKey& key) { return Intersect(Intersect(key.kafka, key.bound), TypeRange(key.type)); }

namespace {
// Kafka's ConfigDef.Range.toString(): "[1,...]", "[...,5]", "[0,...,100]".
std::string RangeText(Range r) {
  std::string lo = r.min == INT64_MIN ? "" : std::to_string(r.min) + ",";
  std::string hi = r.max == INT64_MAX ? "" : "," + std::to_string(r.max);
  return "[" + lo + "..." + hi + "]";
}
std::string ListText(const std::vector<std::string_view>& values) {
  std::string out;
  for (std::string_view v : values) out += (out.empty() ? "" : ", ") + std::string(v);
  return "[" + out + "]";
}
}  // namespace

std::string KafkaRuleText(const ConfigKey& key) {
  if (key.origin == Origin::kKafkasim) return "none (kafkasim switch)";
  std::string text;
  if (!key.valid_values.empty())
    text = std::string(key.valid_values);
  else if (key.type == KeyType::kEnum)
    text = ListText(key.allowed);
  else if (key.type == KeyType::kBool)
    text = "[true, false]";
  else if (key.kafka != kNoRange)
    text = RangeText(key.kafka);
  else
    text = "any";
  if (!key.rule.empty()) text += "; " + std::string(key.rule);
  return text;
}

std::string EnforcedText(const ConfigKey& key) {
  if (!key.enforced) return "no";
  bool numeric = key.type != KeyType::kEnum && key.type != KeyType::kBool && key.type != KeyType::kString;
  Range narrowed = Intersect(key.kafka, key.bound);
  if (!numeric || narrowed == key.kafka) return "yes";
  return "yes; kafkasim accepts " + RangeText(narrowed) + " (" + std::string(key.bound_why) + ")";
}

// --- set_field.h ---

Result<int64_t> ParseInRange(const ConfigKey& key, std::string_view value, Range field) {
  Result<int64_t> v = ParseLong(key.name, value);
  if (!v.ok()) return v;
  Range accepted = Intersect(Accepted(key), field);
  if (accepted.Contains(*v)) return v;
  std::string expected = "an integer in [" + std::to_string(accepted.min) + ", " + std::to_string(accepted.max) + "]";
  if (Intersect(key.kafka, TypeRange(key.type)).Contains(*v)) {
    // Kafka would take it: the bound is kafkasim's.
    std::string why = key.bound.Contains(*v) ? "the field holds 32 bits" : std::string(key.bound_why);
    std::string kafka = key.kafka == kNoRange ? "any value" : RangeText(key.kafka);
    expected += " (kafkasim's bound: " + why + "; Kafka accepts " + kafka + ")";
  }
  return BadValue(key.name, value, expected);
}

Result<size_t> ParseEnum(std::string_view key, std::string_view value, const std::vector<std::string_view>& allowed) {
  for (size_t i = 0; i < allowed.size(); ++i) {
    if (allowed[i] == value) return i;
  }
  std::string list;
  for (std::string_view a : allowed) list += (list.empty() ? "" : " | ") + std::string(a);
  return BadValue(key, value, list);
}

}  // namespace kafkasim::config
