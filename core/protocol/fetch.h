// core/protocol/fetch.h — Fetch (api key 1), used by followers and consumers.
#pragma once

#include <vector>

#include "core/protocol/common.h"

namespace kafkasim {

struct FetchPartition {
  TopicPartition tp;
  LeaderEpoch current_leader_epoch = kNoLeaderEpoch;  // KIP-320 fencing
  Offset fetch_offset{0};
  Offset log_start_offset{-1};
  int32_t partition_max_bytes = 1048576;
};

struct FetchRequest {
  int32_t correlation_id = 0;
  int32_t replica_id = kConsumerReplicaId;  // broker id for followers
  int32_t max_wait_ms = 500;
  int32_t min_bytes = 1;
  int32_t max_bytes = 52428800;
  IsolationLevel isolation_level = IsolationLevel::READ_UNCOMMITTED;
  std::vector<FetchPartition> partitions;
};

// FetchResponse.AbortedTransaction: a producer whose transaction starting
// at `first_offset` was aborted (its ABORT marker is in or after the data).
struct AbortedTransaction {
  int64_t producer_id = -1;
  Offset first_offset{0};
  bool operator==(const AbortedTransaction&) const = default;
};

struct FetchPartitionResponse {
  TopicPartition tp;
  ErrorCode error_code = ErrorCode::NONE;
  Offset high_watermark{-1};
  Offset last_stable_offset{-1};
  Offset log_start_offset{-1};
  Offset log_end_offset{-1};         // kafkasim: shown in the GUI; Kafka omits it
  std::vector<SharedBytes> records;  // whole RecordBatch v2 byte strings, in offset order
  // READ_COMMITTED only: the aborted transactions overlapping `records`
  // (Kafka sends null at READ_UNCOMMITTED; here it stays empty).
  std::vector<AbortedTransaction> aborted_transactions;
};

struct FetchResponse {
  int32_t correlation_id = 0;
  ErrorCode error_code = ErrorCode::NONE;
  std::vector<FetchPartitionResponse> partitions;
};

}  // namespace kafkasim
