// core/protocol/group.h — consumer group APIs: FindCoordinator (10),
// JoinGroup (11), Heartbeat (12), LeaveGroup (13), SyncGroup (14),
// OffsetCommit (8), OffsetFetch (9).
//
// The consumer protocol's subscription and assignment travel as typed structs
// rather than ConsumerProtocol bytes: same content, easier to show.
#pragma once

#include <string>
#include <vector>

#include "core/protocol/common.h"

namespace kafkasim {

// FindCoordinatorRequest.KeyType.
enum class CoordinatorType : int8_t { GROUP = 0, TRANSACTION = 1 };

struct FindCoordinatorRequest {
  int32_t correlation_id = 0;
  std::string key;  // the group id, or the transactional id
  CoordinatorType key_type = CoordinatorType::GROUP;
};

struct FindCoordinatorResponse {
  int32_t correlation_id = 0;
  ErrorCode error_code = ErrorCode::NONE;
  NodeId node_id = kNoNode;
};

struct Subscription {
  std::vector<std::string> topics;
  std::vector<TopicPartition> owned_partitions;  // cooperative protocols (KIP-429)
  int32_t generation_id = -1;
};

struct JoinGroupMember {
  std::string member_id;
  Subscription metadata;
};

struct JoinGroupRequest {
  int32_t correlation_id = 0;
  std::string group_id;
  int32_t session_timeout_ms = 45000;
  int32_t rebalance_timeout_ms = 300000;
  std::string member_id;  // "" on first join
  std::string protocol_type = "consumer";
  std::vector<std::string> protocols;  // assignor names in preference order
  Subscription subscription;
};

struct JoinGroupResponse {
  int32_t correlation_id = 0;
  ErrorCode error_code = ErrorCode::NONE;
  int32_t generation_id = -1;
  std::string protocol_name;
  std::string leader;
  std::string member_id;
  std::vector<JoinGroupMember> members;  // only for the leader
};

struct SyncGroupAssignment {
  std::string member_id;
  std::vector<TopicPartition> assignment;
};

struct SyncGroupRequest {
  int32_t correlation_id = 0;
  std::string group_id;
  int32_t generation_id = -1;
  std::string member_id;
  std::vector<SyncGroupAssignment> assignments;  // only from the leader
};

struct SyncGroupResponse {
  int32_t correlation_id = 0;
  ErrorCode error_code = ErrorCode::NONE;
  std::vector<TopicPartition> assignment;
};

struct HeartbeatRequest {
  int32_t correlation_id = 0;
  std::string group_id;
  int32_t generation_id = -1;
  std::string member_id;
};

struct HeartbeatResponse {
  int32_t correlation_id = 0;
  ErrorCode error_code = ErrorCode::NONE;
};

struct LeaveGroupRequest {
  int32_t correlation_id = 0;
  std::string group_id;
  std::string member_id;
};

struct LeaveGroupResponse {
  int32_t correlation_id = 0;
  ErrorCode error_code = ErrorCode::NONE;
};

struct OffsetCommitPartition {
  TopicPartition tp;
  Offset committed_offset{-1};
  LeaderEpoch committed_leader_epoch = kNoLeaderEpoch;
};

struct OffsetCommitRequest {
  int32_t correlation_id = 0;
  std::string group_id;
  int32_t generation_id = -1;
  std::string member_id;
  std::vector<OffsetCommitPartition> partitions;
};

struct OffsetCommitPartitionResponse {
  TopicPartition tp;
  ErrorCode error_code = ErrorCode::NONE;
};

struct OffsetCommitResponse {
  int32_t correlation_id = 0;
  std::vector<OffsetCommitPartitionResponse> partitions;
};

struct OffsetFetchRequest {
  int32_t correlation_id = 0;
  std::string group_id;
  std::vector<TopicPartition> partitions;
  // KIP-447 (v7): a partition with transactional offsets still pending
  // answers UNSTABLE_OFFSET_COMMIT (the consumer retries); the Java consumer
  // sets it with isolation.level=read_committed.
  bool require_stable = false;
};

struct OffsetFetchPartitionResponse {
  TopicPartition tp;
  Offset committed_offset{-1};
  LeaderEpoch committed_leader_epoch = kNoLeaderEpoch;  // KIP-320
  ErrorCode error_code = ErrorCode::NONE;
};

struct OffsetFetchResponse {
  int32_t correlation_id = 0;
  ErrorCode error_code = ErrorCode::NONE;
  std::vector<OffsetFetchPartitionResponse> partitions;
};

}  // namespace kafkasim
