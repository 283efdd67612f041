// core/client/consumer_coordinator.h — the consumer's side of group
// membership (Java's ConsumerCoordinator + AbstractCoordinator).
//
// FindCoordinator → JoinGroup (MEMBER_ID_REQUIRED: join again with the id
// given) → the leader runs the assignor over the members' subscriptions →
// SyncGroup → heartbeats every heartbeat.interval.ms. REBALANCE_IN_PROGRESS
// on a heartbeat asks for a rejoin; as in Java the JoinGroup itself goes out
// only from inside Poll() (an application busy processing delays the
// rebalance — the max.poll.interval.ms lesson). If Poll() is not called for
// max.poll.interval.ms the member leaves the group (LeaveGroup) and rejoins
// as a new member at its next Poll().
//
// Eager assignors (range, roundrobin, sticky) revoke every partition before
// joining; cooperative-sticky keeps its partitions, revokes only those the
// new assignment lacks, and rejoins at once when it revoked any (KIP-429).
//
// Commits carry the generation and member id; ILLEGAL_GENERATION,
// UNKNOWN_MEMBER_ID and REBALANCE_IN_PROGRESS fail the commit (Java's
// CommitFailedException / RebalanceInProgressException) and trigger a rejoin;
// coordinator errors and timeouts are retried until default.api.timeout.ms.
//
// Stale answers (AbstractCoordinator's generationUnchanged()): every group
// request remembers the generation and member id it was sent with. Only one
// JoinGroup is ever pending (Java's joinFuture): from the decision to join
// until its SyncGroup is answered. An UNKNOWN_MEMBER_ID / ILLEGAL_GENERATION
// answer to a request of an older generation does not reset the member
// again: a heartbeat's is ignored, a JoinGroup's or SyncGroup's only leads to
// a rejoin, and an OffsetCommit's is RebalanceInProgress while a JoinGroup is
// pending (otherwise it resets and fails the commit, CommitFailedException).
//
// Fatal errors: a JoinGroup or SyncGroup error that Java's joinGroupIfNeeded
// neither retries nor rejoins on (INVALID_SESSION_TIMEOUT,
// INCONSISTENT_GROUP_PROTOCOL, unexpected errors) is raised from the next
// Poll (TakeFatalError), as Java's poll() throws it; the next Poll after that
// tries to join again.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/client/assignor/assignor.h"
#include "core/client/client_metadata.h"
#include "core/client/subscription_state.h"
#include "core/config/client_config.h"
#include "core/protocol/group.h"

namespace kafkasim::client {

// Java's default.api.timeout.ms: how long a commit keeps retrying.
constexpr int32_t kDefaultApiTimeoutMs = 60000;
// Operations waiting for the coordinator to be found, at most.
constexpr size_t kMaxCoordinatorWaiters = 256;

using CommitCallback = std::function<void(ErrorCode)>;

class ConsumerCoordinator {
 public:
  struct Listener {
    std::function<void(const std::vector<TopicPartition>&)> on_revoked;
    std::function<void(const std::vector<TopicPartition>&)> on_assigned;
    std::function<void()> on_positions;  // positions became known: fetch
    // Eager protocol, before the JoinGroup: the application's share of
    // onJoinPrepare (Java's onPartitionsRevoked runs inside poll() and the
    // JoinGroup waits for it — Kafka Streams commits there). The join goes
    // on when `done` runs; unset: at once.
    std::function<void(std::function<void()> done)> before_join;
  };

  ConsumerCoordinator(Env& env, const config::ConsumerConfig& cfg, ClientMetadata& metadata, RequestTracker& tracker,
                      SubscriptionState& subs, std::string group_id, Listener listener);
  ~ConsumerCoordinator();
  ConsumerCoordinator(const ConsumerCoordinator&) = delete;
  ConsumerCoordinator& operator=(const ConsumerCoordinator&) = delete;

  void Start();
  // Called by KafkaConsumer::Poll: records the poll, auto-commits when due,
  // starts a (re)join when one is needed.
  void OnPoll();
  // While a Poll() waits for records, a needed rejoin starts at once.
  void set_in_poll(bool on);

  void Commit(const std::map<TopicPartition, Offset>& offsets, CommitCallback cb);
  // Sends a LeaveGroup (Close); no further requests.
  void Leave();

  // Java's poll() throwing: the fatal error of the last join attempt, once.
  ErrorCode TakeFatalError();
  bool has_fatal_error() const { return fatal_error_ != ErrorCode::NONE; }
  // Called when a fatal error is raised (a pending Poll completes with it).
  void set_on_fatal(std::function<void()> fn) { on_fatal_ = std::move(fn); }

  bool stable() const { return state_ == State::kStable; }
  int32_t generation() const { return generation_; }
  const std::string& member_id() const { return member_id_; }
  const std::string& group_id() const { return group_id_; }
  NodeId coordinator() const { return coordinator_; }

 private:
  // kJoining is Java's PREPARING_REBALANCE (a JoinGroup sent or about to be
  // retried), kSyncing its COMPLETING_REBALANCE.
  enum class State { kUnjoined, kPreparing, kJoining, kSyncing, kStable };
  // The generation a request was sent with (Java's Generation, sentGeneration).
  struct SentGeneration {
    int32_t generation = -1;
    std::string member_id;
    bool operator==(const SentGeneration&) const = default;
  };
  SentGeneration Current() const { return {generation_, member_id_}; }

  // Runs `then` once the coordinator is known; false if too many wait.
  bool EnsureCoordinator(std::function<void()> then);
  void FindCoordinator();
  void OnFindCoordinator(const Message* m, ErrorCode err);
  void CoordinatorLost(ErrorCode why);
  void RequestRejoin(const std::string& reason);
  void MaybeStartJoin();
  void PrepareJoin();
  void RevokeAll();
  void ResetGeneration(bool reset_member_id);
  // Java's resetStateOnResponseError: reset (the member id only for
  // UNKNOWN_MEMBER_ID), lose the partitions, rejoin.
  void ResetAndRejoin(ErrorCode e, const char* what);
  void SendJoin();
  void OnJoin(const SentGeneration& sent, const Message* m, ErrorCode err);
  // The pending join (JoinGroup + SyncGroup) failed with `e`: rejoin at once,
  // after retry.backoff.ms, or raise it from Poll (joinGroupIfNeeded's rules).
  void JoinFailed(ErrorCode e, const char* what);
  std::vector<SyncGroupAssignment> RunAssignor(const JoinGroupResponse& r);
  void SendSync(std::vector<SyncGroupAssignment> assignments);
  void OnSync(const SentGeneration& sent, const Message* m, ErrorCode err);
  void ApplyAssignment(const std::vector<TopicPartition>& assignment);
  void FetchCommitted();
  void OnOffsetFetch(const Message* m, ErrorCode err);
  void ScheduleHeartbeat();
  void SendHeartbeat();
  void OnHeartbeat(const SentGeneration& sent, ErrorCode e);
  void CheckPollInterval();
  void MaybeAutoCommit();
  void SendCommit(std::map<TopicPartition, Offset> offsets, CommitCallback cb, TimeNs deadline);
  LeaderEpoch CommitEpoch(const TopicPartition& tp, Offset offset) const;
  void OnCommit(const std::map<TopicPartition, Offset>& offsets, CommitCallback cb, TimeNs deadline,
                const SentGeneration& sent, const Message* m, ErrorCode err);
  void Note(const std::string& text);
  void Retry(std::function<void()> fn);

  Env& env_;
  const config::ConsumerConfig& cfg_;
  ClientMetadata& metadata_;
  RequestTracker& tracker_;
  SubscriptionState& subs_;
  std::string group_id_;
  Listener listener_;
  std::unique_ptr<assignor::PartitionAssignor> assignor_;

  State state_ = State::kUnjoined;
  NodeId coordinator_ = kNoNode;
  bool finding_ = false;
  std::vector<std::function<void()>> waiters_;
  std::string member_id_;
  int32_t generation_ = -1;
  bool rejoin_needed_ = true;
  // Java's joinFuture != null: a join is under way (preparing, JoinGroup or
  // SyncGroup pending); no second one starts meanwhile.
  bool join_pending_ = false;
  ErrorCode fatal_error_ = ErrorCode::NONE;
  std::function<void()> on_fatal_;
  bool in_poll_ = false;
  bool left_ = false;
  bool offset_fetch_in_flight_ = false;
  TimeNs last_poll_ns_ = 0;
  TimeNs next_auto_commit_ns_ = 0;
  TimerId heartbeat_timer_ = 0;
  TimerId poll_timer_ = 0;
  uint64_t next_retry_ = 0;
  std::map<uint64_t, TimerId> retry_timers_;
};

}  // namespace kafkasim::client
