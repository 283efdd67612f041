// core/protocol/produce.h — Produce (api key 0).
#pragma once

#include <vector>

#include "core/protocol/common.h"

namespace kafkasim {

struct ProducePartitionData {
  TopicPartition tp;
  SharedBytes records;  // one RecordBatch v2
};

struct ProduceRequest {
  int32_t correlation_id = 0;
  int16_t acks = -1;  // 0, 1, or -1 (all)
  int32_t timeout_ms = 30000;
  std::vector<ProducePartitionData> partitions;
};

struct ProducePartitionResponse {
  TopicPartition tp;
  ErrorCode error_code = ErrorCode::NONE;
  Offset base_offset{-1};
  Offset log_start_offset{-1};
  std::string error_message;
};

struct ProduceResponse {
  int32_t correlation_id = 0;
  std::vector<ProducePartitionResponse> partitions;
};

}  // namespace kafkasim
