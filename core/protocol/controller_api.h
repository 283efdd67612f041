// core/protocol/controller_api.h — controller -> broker requests:
// LeaderAndIsr (4), UpdateMetadata (6), StopReplica (5).
//
// Brokers see only these messages, never ZooKeeper paths: a KRaft controller
// can send the same structs (or their metadata-log equivalents) later.
#pragma once

#include <vector>

#include "core/protocol/common.h"

namespace kafkasim {

struct PartitionState {
  TopicPartition tp;
  ControllerEpoch controller_epoch{0};
  NodeId leader = kNoNode;
  LeaderEpoch leader_epoch{0};
  std::vector<NodeId> isr;
  int32_t partition_epoch = 0;   // the zkVersion of the partition state znode
  std::vector<NodeId> replicas;  // assignment, preferred leader first
};

struct LeaderAndIsrRequest {
  int32_t correlation_id = 0;
  NodeId controller_id = kNoNode;
  ControllerEpoch controller_epoch{0};
  std::vector<PartitionState> partition_states;
  std::vector<NodeId> live_leaders;
};

struct LeaderAndIsrResponse {
  int32_t correlation_id = 0;
  ErrorCode error_code = ErrorCode::NONE;
};

struct UpdateMetadataRequest {
  int32_t correlation_id = 0;
  NodeId controller_id = kNoNode;
  ControllerEpoch controller_epoch{0};
  std::vector<PartitionState> partition_states;
  std::vector<NodeId> live_brokers;
};

struct UpdateMetadataResponse {
  int32_t correlation_id = 0;
  ErrorCode error_code = ErrorCode::NONE;
};

// In ZooKeeper mode a partition leader changes ISR itself with a conditional
// write on the partition state (pre KIP-497). The broker asks its controller
// channel; the ZooKeeper-mode implementation turns it into that write.
struct AlterIsrRequest {
  int32_t correlation_id = 0;
  NodeId broker_id = kNoNode;
  TopicPartition tp;
  LeaderEpoch leader_epoch{0};
  std::vector<NodeId> new_isr;
  int32_t partition_epoch = 0;
};

struct AlterIsrResponse {
  int32_t correlation_id = 0;
  ErrorCode error_code = ErrorCode::NONE;
  TopicPartition tp;
  std::vector<NodeId> isr;
  int32_t partition_epoch = 0;
};

}  // namespace kafkasim
