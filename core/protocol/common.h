// core/protocol/common.h — pieces shared by request and response structs.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/protocol/errors.h"
#include "core/types.h"

namespace kafkasim {

using Bytes = std::vector<uint8_t>;
// Record batches travel as immutable shared bytes: a duplicated or retried
// message shares them instead of copying (Kafka's zero-copy, in spirit).
using SharedBytes = std::shared_ptr<const Bytes>;

inline SharedBytes MakeShared(Bytes b) { return std::make_shared<const Bytes>(std::move(b)); }

// Kafka's sentinel replica ids in Fetch/ListOffsets/OffsetsForLeaderEpoch.
constexpr int32_t kConsumerReplicaId = -1;

enum class IsolationLevel : int8_t { READ_UNCOMMITTED = 0, READ_COMMITTED = 1 };

}  // namespace kafkasim
