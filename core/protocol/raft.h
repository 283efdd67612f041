// core/protocol/raft.h — the KRaft quorum's requests (KIP-595), as Kafka's
// JSON specs name them: Vote (52), BeginQuorumEpoch (53), EndQuorumEpoch
// (54), and Fetch (1) on partition __cluster_metadata-0, here its own struct
// (RaftFetchRequest) so the brokers' replica fetch code stays apart.
// One partition only (__cluster_metadata-0), so the per-topic/partition
// nesting of Kafka's specs is flattened.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/protocol/common.h"

namespace kafkasim {

// One record of the metadata log. `epoch` is the leader epoch it was
// appended in (Kafka's batch partitionLeaderEpoch); the offset is its index.
struct RaftRecord {
  LeaderEpoch epoch{0};
  bool control = false;  // a LeaderChangeMessage control record (the epoch's first)
  std::string payload;
  bool operator==(const RaftRecord&) const = default;
};

// VoteRequestData: a candidate asks for a vote in `candidate_epoch`; its log
// ends at (last_offset_epoch, last_offset) — the offset is its log end offset.
struct VoteRequest {
  NodeId candidate_id = kNoNode;
  LeaderEpoch candidate_epoch{0};
  LeaderEpoch last_offset_epoch{0};
  Offset last_offset{0};
};

struct VoteResponse {
  ErrorCode error_code = ErrorCode::NONE;
  NodeId leader_id = kNoNode;   // the voter's known leader of `leader_epoch`, if any
  LeaderEpoch leader_epoch{0};  // the voter's epoch
  bool vote_granted = false;
};

struct BeginQuorumEpochRequest {
  NodeId leader_id = kNoNode;
  LeaderEpoch leader_epoch{0};
};

struct BeginQuorumEpochResponse {
  ErrorCode error_code = ErrorCode::NONE;
  NodeId leader_id = kNoNode;
  LeaderEpoch leader_epoch{0};
};

// The leader resigns: voters in `preferred_successors` (by descending fetch
// offset) start an election after a backoff by their position.
struct EndQuorumEpochRequest {
  NodeId leader_id = kNoNode;
  LeaderEpoch leader_epoch{0};
  std::vector<NodeId> preferred_successors;
};

struct EndQuorumEpochResponse {
  ErrorCode error_code = ErrorCode::NONE;
  NodeId leader_id = kNoNode;
  LeaderEpoch leader_epoch{0};
};

// Fetch of __cluster_metadata-0 by a voter: from `fetch_offset`, whose
// previous record has epoch `last_fetched_epoch`.
struct RaftFetchRequest {
  int32_t correlation_id = 0;
  NodeId replica_id = kNoNode;
  LeaderEpoch current_leader_epoch{0};
  Offset fetch_offset{0};
  LeaderEpoch last_fetched_epoch{0};
};

// FetchResponseData.EpochEndOffset: the leader's log diverges from the
// fetcher's after `end_offset` of `epoch` — truncate there and fetch again.
struct DivergingEpoch {
  LeaderEpoch epoch{-1};
  Offset end_offset{-1};
};

struct RaftFetchResponse {
  int32_t correlation_id = 0;
  ErrorCode error_code = ErrorCode::NONE;
  NodeId leader_id = kNoNode;  // current leader and epoch as the responder knows them
  LeaderEpoch leader_epoch{0};
  Offset high_watermark{-1};
  std::optional<DivergingEpoch> diverging_epoch;
  Offset records_offset{0};  // offset of records.front()
  std::shared_ptr<const std::vector<RaftRecord>> records;
};

}  // namespace kafkasim
