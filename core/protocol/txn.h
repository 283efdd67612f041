// core/protocol/txn.h — transaction APIs (KIP-98): AddPartitionsToTxn (24),
// AddOffsetsToTxn (25), EndTxn (26), WriteTxnMarkers (27),
// TxnOffsetCommit (28). InitProducerId (22) is in metadata.h; FindCoordinator
// with key_type TRANSACTION in group.h.
#pragma once

#include <string>
#include <vector>

#include "core/protocol/common.h"

namespace kafkasim {

struct TxnPartitionError {
  TopicPartition tp;
  ErrorCode error_code = ErrorCode::NONE;
};

struct AddPartitionsToTxnRequest {
  int32_t correlation_id = 0;
  std::string transactional_id;
  ProducerId producer_id = kNoProducerId;
  ProducerEpoch producer_epoch{-1};
  std::vector<TopicPartition> partitions;
};

struct AddPartitionsToTxnResponse {
  int32_t correlation_id = 0;
  std::vector<TxnPartitionError> results;  // one per partition asked for
};

struct AddOffsetsToTxnRequest {
  int32_t correlation_id = 0;
  std::string transactional_id;
  ProducerId producer_id = kNoProducerId;
  ProducerEpoch producer_epoch{-1};
  std::string group_id;
};

struct AddOffsetsToTxnResponse {
  int32_t correlation_id = 0;
  ErrorCode error_code = ErrorCode::NONE;
};

struct EndTxnRequest {
  int32_t correlation_id = 0;
  std::string transactional_id;
  ProducerId producer_id = kNoProducerId;
  ProducerEpoch producer_epoch{-1};
  bool committed = false;  // true: commit, false: abort
};

struct EndTxnResponse {
  int32_t correlation_id = 0;
  ErrorCode error_code = ErrorCode::NONE;
};

// One producer's marker for some partitions (WritableTxnMarker).
struct WritableTxnMarker {
  ProducerId producer_id = kNoProducerId;
  ProducerEpoch producer_epoch{-1};
  bool committed = false;
  std::vector<TopicPartition> partitions;
  int32_t coordinator_epoch = 0;
};

// Sent by the transaction coordinator to a partition leader.
struct WriteTxnMarkersRequest {
  int32_t correlation_id = 0;
  std::vector<WritableTxnMarker> markers;
};

struct WritableTxnMarkerResult {
  ProducerId producer_id = kNoProducerId;
  std::vector<TxnPartitionError> partitions;
};

struct WriteTxnMarkersResponse {
  int32_t correlation_id = 0;
  std::vector<WritableTxnMarkerResult> markers;
};

struct TxnOffsetCommitRequest {
  int32_t correlation_id = 0;
  std::string transactional_id;
  std::string group_id;
  ProducerId producer_id = kNoProducerId;
  ProducerEpoch producer_epoch{-1};
  // KIP-447: the consumer group metadata, checked like an OffsetCommit's.
  int32_t generation_id = -1;
  std::string member_id;
  std::vector<std::pair<TopicPartition, Offset>> offsets;
};

struct TxnOffsetCommitResponse {
  int32_t correlation_id = 0;
  std::vector<TxnPartitionError> results;
};

}  // namespace kafkasim
