// core/protocol/wire/api_keys.h — the Kafka APIs a real client's request may
// name, with Kafka 3.4's valid and first flexible versions (each
// clients/src/main/resources/common/message/<Name>Request.json), and the
// request header version that follows from them (ApiKeys.requestHeaderVersion).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace kafkasim::wire {

struct ApiKeyInfo {
  int16_t key;
  std::string_view name;
  int16_t min_version;
  int16_t max_version;
  int16_t first_flexible;  // flexibleVersions "N+"
};

// nullopt for a key kafkasim does not know.
std::optional<ApiKeyInfo> FindApiKey(int16_t key);

inline constexpr int16_t kApiVersionsKey = 18;

// Request header v2 (with tagged fields) for a flexible version, else v1.
inline int RequestHeaderVersion(const ApiKeyInfo& api, int16_t version) {
  return version >= api.first_flexible ? 2 : 1;
}

}  // namespace kafkasim::wire
