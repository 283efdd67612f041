// core/config/set_field.h — typed setters used by each config struct's Set().
// Each parses the text, checks the range and names key and value on error.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/config/config_key.h"

namespace kafkasim::config {

Status SetLong(std::string_view key, std::string_view value, int64_t* out, int64_t min = INT64_MIN,
               int64_t max = INT64_MAX);
Status SetInt(std::string_view key, std::string_view value, int32_t* out, int64_t min = INT32_MIN,
              int64_t max = INT32_MAX);
Status SetBool(std::string_view key, std::string_view value, bool* out);
// Index of `value` in `allowed`, or an error listing the allowed values.
Result<size_t> ParseEnum(std::string_view key, std::string_view value, const std::vector<std::string_view>& allowed);

// "unknown <kind> config key "x" (did you mean 'y'?)".
Error UnknownKeyError(std::string_view kind, std::string_view key, const std::vector<ConfigKey>& keys);

}  // namespace kafkasim::config
