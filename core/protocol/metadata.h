// core/protocol/metadata.h — Metadata (3), ListOffsets (2),
// OffsetsForLeaderEpoch (23), InitProducerId (22).
#pragma once

#include <string>
#include <vector>

#include "core/protocol/common.h"

namespace kafkasim {

struct MetadataRequest {
  int32_t correlation_id = 0;
  std::vector<std::string> topics;  // empty = all topics
};

struct MetadataPartition {
  ErrorCode error_code = ErrorCode::NONE;
  PartitionId partition_index{0};
  NodeId leader_id = kNoNode;
  LeaderEpoch leader_epoch = kNoLeaderEpoch;
  std::vector<NodeId> replica_nodes;
  std::vector<NodeId> isr_nodes;
};

struct MetadataTopic {
  ErrorCode error_code = ErrorCode::NONE;
  std::string name;
  std::vector<MetadataPartition> partitions;
};

struct MetadataBroker {
  NodeId node_id = kNoNode;
  std::string rack;
};

struct MetadataResponse {
  int32_t correlation_id = 0;
  std::vector<MetadataBroker> brokers;
  NodeId controller_id = kNoNode;
  std::vector<MetadataTopic> topics;
};

// ListOffsets: timestamp -2 = earliest, -1 = latest.
constexpr int64_t kEarliestTimestamp = -2;
constexpr int64_t kLatestTimestamp = -1;

struct ListOffsetsPartition {
  TopicPartition tp;
  LeaderEpoch current_leader_epoch = kNoLeaderEpoch;
  int64_t timestamp = kLatestTimestamp;
};

struct ListOffsetsRequest {
  int32_t correlation_id = 0;
  int32_t replica_id = kConsumerReplicaId;
  IsolationLevel isolation_level = IsolationLevel::READ_UNCOMMITTED;
  std::vector<ListOffsetsPartition> partitions;
};

struct ListOffsetsPartitionResponse {
  TopicPartition tp;
  ErrorCode error_code = ErrorCode::NONE;
  int64_t timestamp = -1;
  Offset offset{-1};
};

struct ListOffsetsResponse {
  int32_t correlation_id = 0;
  std::vector<ListOffsetsPartitionResponse> partitions;
};

// OffsetsForLeaderEpoch (KIP-101, KIP-279): "where does epoch E end in your log?"
struct OffsetForLeaderPartition {
  TopicPartition tp;
  LeaderEpoch current_leader_epoch = kNoLeaderEpoch;
  LeaderEpoch leader_epoch = kNoLeaderEpoch;
};

struct OffsetsForLeaderEpochRequest {
  int32_t correlation_id = 0;
  int32_t replica_id = kConsumerReplicaId;
  std::vector<OffsetForLeaderPartition> partitions;
};

struct EpochEndOffset {
  TopicPartition tp;
  ErrorCode error_code = ErrorCode::NONE;
  LeaderEpoch leader_epoch = kNoLeaderEpoch;
  Offset end_offset{-1};
};

struct OffsetsForLeaderEpochResponse {
  int32_t correlation_id = 0;
  std::vector<EpochEndOffset> partitions;
};

struct InitProducerIdRequest {
  int32_t correlation_id = 0;
  std::string transactional_id;  // "" for an idempotent producer (null in Kafka)
  int32_t transaction_timeout_ms = 60000;
  ProducerId producer_id = kNoProducerId;  // KIP-360: bump the epoch of this id
  ProducerEpoch producer_epoch{-1};
};

struct InitProducerIdResponse {
  int32_t correlation_id = 0;
  ErrorCode error_code = ErrorCode::NONE;
  ProducerId producer_id = kNoProducerId;
  ProducerEpoch producer_epoch{-1};
};

}  // namespace kafkasim
