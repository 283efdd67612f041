// core/protocol/wire/api_keys.cc — Kafka 3.4's request versions, from the
// message specs the wire gateway will answer (issue 20's protocol subset).
#include "core/protocol/wire/api_keys.h"

#include <array>

namespace kafkasim::wire {
namespace {

constexpr std::array<ApiKeyInfo, 17> kApiKeys{{
    {0, "Produce", 0, 9, 9},
    {1, "Fetch", 0, 13, 12},
    {2, "ListOffsets", 0, 7, 6},
    {3, "Metadata", 0, 12, 9},
    {8, "OffsetCommit", 0, 8, 8},
    {9, "OffsetFetch", 0, 8, 6},
    {10, "FindCoordinator", 0, 4, 3},
    {11, "JoinGroup", 0, 9, 6},
    {12, "Heartbeat", 0, 4, 4},
    {13, "LeaveGroup", 0, 5, 4},
    {14, "SyncGroup", 0, 5, 4},
    {18, "ApiVersions", 0, 3, 3},
    {22, "InitProducerId", 0, 4, 2},
    {24, "AddPartitionsToTxn", 0, 3, 3},
    {25, "AddOffsetsToTxn", 0, 3, 3},
    {26, "EndTxn", 0, 3, 3},
    {28, "TxnOffsetCommit", 0, 3, 3},
}};

}  // namespace

std::optional<ApiKeyInfo> FindApiKey(int16_t key) {
  for (const ApiKeyInfo& api : kApiKeys)
    if (api.key == key) return api;
  return std::nullopt;
}

}  // namespace kafkasim::wire
