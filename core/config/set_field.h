// core/config/set_field.h — parsing a value for a key of a ConfigDef table.
// Each names key and value on error and says what is allowed.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/config/config_key.h"

namespace kafkasim::config {

// An integer within Accepted(key) and `field` (the range of the struct's field);
// a value outside kafkasim's bound but inside Kafka's validator says that the
// bound is kafkasim's.
Result<int64_t> ParseInRange(const ConfigKey& key, std::string_view value, Range field = kNoRange);
// Index of `value` in `allowed`, or an error listing the allowed values.
Result<size_t> ParseEnum(std::string_view key, std::string_view value, const std::vector<std::string_view>& allowed);

// "unknown <kind> config key "x" (did you mean 'y'?)".
Error UnknownKeyError(std::string_view kind, std::string_view key, const std::vector<ConfigKey>& keys);

}  // namespace kafkasim::config
