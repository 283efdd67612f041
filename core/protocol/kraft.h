// core/protocol/kraft.h — broker <-> active controller requests of KRaft
// mode (KIP-631, KIP-497): BrokerRegistration (62), BrokerHeartbeat (63),
// AlterPartition (56), and kafkasim's MetadataFetch.
//
// MetadataFetch is a simplification: in Kafka a broker is an observer of the
// quorum and fetches __cluster_metadata-0 with the raft Fetch; here it asks a
// controller for the records below that controller's quorum high watermark
// (committed records only, so brokers never see an uncommitted record).
#pragma once

#include <memory>
#include <vector>

#include "core/protocol/common.h"
#include "core/protocol/raft.h"

namespace kafkasim {

struct BrokerRegistrationRequest {
  NodeId broker_id = kNoNode;
  int64_t incarnation = 0;  // Kafka's incarnationId: a new one per broker process start
};

struct BrokerRegistrationResponse {
  ErrorCode error_code = ErrorCode::NONE;  // NOT_CONTROLLER: ask `leader_id`
  NodeId leader_id = kNoNode;              // the active controller as the responder knows it
  int64_t broker_epoch = -1;               // the offset of the RegisterBrokerRecord
};

struct BrokerHeartbeatRequest {
  NodeId broker_id = kNoNode;
  int64_t broker_epoch = -1;
  Offset current_metadata_offset{-1};  // the broker's next metadata offset to apply, minus one
  bool want_fence = false;
};

struct BrokerHeartbeatResponse {
  ErrorCode error_code = ErrorCode::NONE;  // NOT_CONTROLLER, STALE_BROKER_EPOCH
  NodeId leader_id = kNoNode;
  bool is_caught_up = false;
  bool is_fenced = true;
};

// AlterPartition (KIP-497; AlterIsr before 3.2): a partition leader asks the
// active controller to change the ISR from the state of `partition_epoch`.
struct AlterPartitionRequest {
  int32_t correlation_id = 0;
  NodeId broker_id = kNoNode;
  int64_t broker_epoch = -1;
  TopicPartition tp;
  LeaderEpoch leader_epoch{0};
  std::vector<NodeId> new_isr;
  int32_t partition_epoch = 0;
};

struct AlterPartitionResponse {
  int32_t correlation_id = 0;
  ErrorCode error_code = ErrorCode::NONE;  // NOT_CONTROLLER, FENCED_LEADER_EPOCH, INVALID_UPDATE_VERSION, ...
  TopicPartition tp;
  NodeId leader = kNoNode;
  LeaderEpoch leader_epoch{0};
  std::vector<NodeId> isr;
  int32_t partition_epoch = 0;
};

struct MetadataFetchRequest {
  NodeId broker_id = kNoNode;
  Offset fetch_offset{0};
};

struct MetadataFetchResponse {
  ErrorCode error_code = ErrorCode::NONE;
  NodeId leader_id = kNoNode;  // the active controller as the responder knows it
  Offset high_watermark{0};
  Offset records_offset{0};
  std::shared_ptr<const std::vector<RaftRecord>> records;
};

}  // namespace kafkasim
