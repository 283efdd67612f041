// core/broker/group_coordinator.h — the broker-side consumer group
// coordinator (Kafka's GroupCoordinator + GroupMetadataManager).
//
// A broker coordinates the groups whose __consumer_offsets partition
// (OffsetsPartitionFor(group)) it leads. It answers FindCoordinator for any
// group, runs the join/sync protocol (see group_metadata.h for the state
// machine), expires members whose session.timeout.ms passes without a
// heartbeat, and stores offset commits by appending them to
// __consumer_offsets through OffsetsLog — answering only once the append is
// committed (replicated below the HW), so a commit survives a coordinator
// failover. A new coordinator rebuilds the offsets by replaying the
// partition's committed batches (OnBecomeLeader). Group metadata (generation,
// leader, members and their assignments) is stored too, after each rebalance
// (StoreGroup, group_coordinator_store.cc), so a moved group's members keep
// their ids and have one session timeout to heartbeat to the new coordinator
// (LoadGroup), as Kafka's GroupMetadataManager loads them.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "core/broker/group_metadata.h"
#include "core/broker/offsets_log.h"
#include "core/config/broker_config.h"
#include "core/record/batch_header.h"
#include "core/protocol/group.h"
#include "core/protocol/message.h"
#include "core/observe/observation.h"
#include "core/protocol/txn.h"

namespace kafkasim::broker {

// Bound on members handed an id by MEMBER_ID_REQUIRED and not yet joined.
constexpr size_t kMaxPendingMembers = 1000;

class GroupCoordinator {
 public:
  using LeaderOf = std::function<NodeId(PartitionId)>;
  GroupCoordinator(Env& env, BrokerId self, OffsetsLog& log, const config::BrokerConfig& cfg, LeaderOf leader_of);
  ~GroupCoordinator();
  GroupCoordinator(const GroupCoordinator&) = delete;
  GroupCoordinator& operator=(const GroupCoordinator&) = delete;

  // Handles the group APIs; returns false for any other message.
  bool OnMessage(NodeId from, const Message& m);
  // This broker now leads __consumer_offsets partition p: load its offsets.
  void OnBecomeLeader(PartitionId p);
  // It no longer does: drop the groups stored there.
  void OnResign(PartitionId p);
  // A COMMIT/ABORT marker of `producer_id` is committed on partition p: its
  // pending transactional offsets become committed or are dropped
  // (GroupMetadataManager.handleTxnCompletion).
  void OnTxnCompleted(int64_t producer_id, PartitionId p, bool committed);

  // Read-only views (GUI, `kafka-consumer-groups.sh --describe`, tests).
  const std::map<std::string, GroupMetadata>& groups() const { return groups_; }
  const GroupMetadata* group(const std::string& id) const;

 private:
  void HandleFindCoordinator(NodeId from, const FindCoordinatorRequest& r);
  void HandleJoin(NodeId from, const JoinGroupRequest& r);
  void JoinKnownMember(GroupMetadata& g, NodeId from, const JoinGroupRequest& r);
  void HandleSync(NodeId from, const SyncGroupRequest& r);
  void ApplyLeaderAssignment(GroupMetadata& g, const SyncGroupRequest& r);
  // group_coordinator_store.cc: the group's metadata in __consumer_offsets.
  void StoreGroup(const GroupMetadata& g, std::function<void(ErrorCode)> done);
  void FinishSync(const std::string& group, int32_t generation, ErrorCode e);
  void LoadGroup(StoredGroup stored);
  void HandleHeartbeat(NodeId from, const HeartbeatRequest& r);
  void HandleLeave(NodeId from, const LeaveGroupRequest& r);
  void HandleOffsetCommit(NodeId from, const OffsetCommitRequest& r);
  void HandleOffsetFetch(NodeId from, const OffsetFetchRequest& r);
  // group_coordinator_txn.cc
  void HandleTxnOffsetCommit(NodeId from, const TxnOffsetCommitRequest& r);
  ErrorCode CheckTxnOffsetCommit(const TxnOffsetCommitRequest& r) const;
  // Replays one batch of __consumer_offsets while loading.
  void LoadTxnBatch(const record::BatchHeader& h, std::span<const uint8_t> batch, size_t& offsets);

  // Coordinator check: the group's offsets partition is led here.
  ErrorCode CheckCoordinator(const std::string& group) const;
  ErrorCode CheckMemberGeneration(const std::string& group, const std::string& member, int32_t generation) const;
  GroupMetadata& GetOrCreate(const std::string& group);
  void PrepareRebalance(GroupMetadata& g, const std::string& reason);
  void OnRebalanceTimer(const std::string& group);
  void MaybeCompleteJoin(GroupMetadata& g);
  void CompleteJoin(GroupMetadata& g);
  void SendJoinResponse(GroupMetadata& g, MemberMetadata& m);
  void RemoveMember(GroupMetadata& g, const std::string& member_id, const std::string& reason);
  void ScheduleSessionExpiry(GroupMetadata& g, MemberMetadata& m);
  void OnSessionExpired(const std::string& group, const std::string& member_id);
  void Note(const std::string& text);

  Env& env_;
  BrokerId self_;
  OffsetsLog& log_;
  const config::BrokerConfig& cfg_;
  LeaderOf leader_of_;
  std::map<std::string, GroupMetadata> groups_;
  uint64_t next_member_seq_ = 0;
};

}  // namespace kafkasim::broker
