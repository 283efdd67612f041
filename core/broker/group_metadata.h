// core/broker/group_metadata.h — one consumer group as its coordinator sees
// it: state machine, members, generation, committed offsets; and the record
// format of offset commits in __consumer_offsets.
//
// States (Kafka's GroupState):
//   Empty --join--> PreparingRebalance --all joined / timeout--> CompletingRebalance
//   CompletingRebalance --leader's SyncGroup--> Stable
//   Stable / CompletingRebalance --join with new metadata, leave, session
//     timeout--> PreparingRebalance
//   any --last member gone--> Empty;  any --coordinator resigned--> Dead
//
// Offset commit records (kafkasim's simple format, not Kafka's binary
// schema): one record per partition, key = "<group>/<topic>/<partition>"
// (UTF-8; split at the last two '/'), value = the offset in decimal ASCII.
// A null value would be a tombstone (deletes the offset).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/env.h"
#include "core/protocol/common.h"
#include "core/protocol/group.h"

namespace kafkasim::broker {

enum class GroupState { kEmpty, kPreparingRebalance, kCompletingRebalance, kStable, kDead };
std::string_view GroupStateName(GroupState s);

struct MemberMetadata {
  std::string member_id;
  NodeId client = kNoNode;
  int32_t session_timeout_ms = 45000;
  int32_t rebalance_timeout_ms = 300000;
  std::vector<std::string> protocols;
  Subscription subscription;
  std::vector<TopicPartition> assignment;
  uint64_t join_order = 0;     // the first to join leads when the leader left
  bool awaiting_join = false;  // a JoinGroup waits for the rebalance to complete
  int32_t join_correlation_id = 0;
  bool awaiting_sync = false;  // a SyncGroup waits for the leader's assignment
  int32_t sync_correlation_id = 0;
  TimerId session_timer = 0;
};

// A committed offset and the leader epoch of the record before it (KIP-320:
// a consumer restoring this position validates it against the leader's log).
struct CommittedOffset {
  Offset offset{-1};
  LeaderEpoch leader_epoch = kNoLeaderEpoch;
};

struct GroupMetadata {
  std::string group_id;
  PartitionId offsets_partition{0};
  GroupState state = GroupState::kEmpty;
  int32_t generation = 0;
  std::string protocol;  // the chosen assignor
  std::string leader;    // member id, "" when none
  std::map<std::string, MemberMetadata> members;
  std::map<std::string, TimeNs> pending_members;      // MEMBER_ID_REQUIRED handed out -> when
  std::map<TopicPartition, CommittedOffset> offsets;  // committed (replicated) offsets
  // TxnOffsetCommit offsets by producer id, until the transaction's marker
  // (Kafka's pendingTransactionalOffsetCommits).
  std::map<int64_t, std::map<TopicPartition, CommittedOffset>> pending_txn_offsets;
  TimerId rebalance_timer = 0;
  bool initial_delay = false;  // group.initial.rebalance.delay.ms phase
  TimeNs rebalance_started_ns = 0;
  size_t members_at_delay_start = 0;
  uint64_t next_join_order = 0;

  bool AllJoined() const;
  int32_t MaxRebalanceTimeoutMs() const;
  // An open transaction holds offsets for `tp` (hasPendingOffsetCommitsForTopicPartition).
  bool HasPendingTxnOffsets(const TopicPartition& tp) const;
  // "generation 3 (range): c1=[t-0,t-1] c2=[t-2]"
  std::string Summary() const;
};

// What a client is told when appending to __consumer_offsets failed with `e`.
ErrorCode MapOffsetsAppendError(ErrorCode e);

// The offset-commit record codec.
std::string OffsetCommitKey(const std::string& group, const TopicPartition& tp);
struct ParsedOffsetCommit {
  std::string group;
  TopicPartition tp;
  std::optional<CommittedOffset> offset;  // nullopt: tombstone
};
std::optional<ParsedOffsetCommit> ParseOffsetCommit(std::string_view key, std::optional<std::string_view> value);
// One RecordBatch v2 holding a record per partition. With a producer id it
// is a TxnOffsetCommit's: transactional, pending until its marker.
Bytes EncodeOffsetCommitBatch(const std::string& group, const std::vector<OffsetCommitPartition>& parts,
                              int64_t timestamp_ms, int64_t producer_id = -1, int16_t producer_epoch = -1);

// The group-metadata record codec (group_metadata_record.cc): what Kafka's
// GroupMetadataManager.storeGroup writes after each rebalance — generation,
// protocol, leader and every member with its timeouts, subscription and
// assignment — so a new coordinator carries on the same generation.
bool IsGroupMetadataKey(std::string_view key);
// The group's members (their persistent fields), generation, protocol and leader.
struct StoredGroup {
  std::string group_id;
  int32_t generation = 0;
  std::string protocol;
  std::string leader;
  std::vector<MemberMetadata> members;
};
Bytes EncodeGroupMetadataBatch(const GroupMetadata& g, int64_t timestamp_ms);
// nullopt when the key is not a group-metadata key or the value is malformed.
std::optional<StoredGroup> ParseGroupMetadata(std::string_view key, std::string_view value);

}  // namespace kafkasim::broker
