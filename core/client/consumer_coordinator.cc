// core/client/consumer_coordinator.cc — finding the coordinator, joining,
// syncing, heartbeats, poll-interval expiry and offset commits.
#include "core/client/consumer_coordinator.h"

#include <algorithm>
#include <set>

#include "core/observe/observation.h"
#include "core/protocol/message.h"

namespace kafkasim::client {

namespace {
bool IsCoordinatorError(ErrorCode e) {
  return e == ErrorCode::NOT_COORDINATOR || e == ErrorCode::COORDINATOR_NOT_AVAILABLE ||
         e == ErrorCode::REQUEST_TIMED_OUT || e == ErrorCode::NETWORK_EXCEPTION;
}

bool IsStaleMemberError(ErrorCode e) { return e == ErrorCode::UNKNOWN_MEMBER_ID || e == ErrorCode::ILLEGAL_GENERATION; }

// Kafka's Errors messages for the fatal join errors a scenario can meet.
std::string FatalMessage(ErrorCode e) {
  switch (e) {
    case ErrorCode::INVALID_SESSION_TIMEOUT:
      return "The session timeout is not within the range allowed by the broker (as configured by "
             "group.min.session.timeout.ms and group.max.session.timeout.ms).";
    case ErrorCode::INCONSISTENT_GROUP_PROTOCOL:
      return "The group member's supported protocols are incompatible with those of existing members.";
    default:
      return "Unexpected error: " + std::string(ErrorName(e)) + ".";
  }
}
}  // namespace

ConsumerCoordinator::ConsumerCoordinator(Env& env, const config::ConsumerConfig& cfg, ClientMetadata& metadata,
                                         RequestTracker& tracker, SubscriptionState& subs, std::string group_id,
                                         Listener listener)
    : env_(env),
      cfg_(cfg),
      metadata_(metadata),
      tracker_(tracker),
      subs_(subs),
      group_id_(std::move(group_id)),
      listener_(std::move(listener)),
      assignor_(assignor::MakeAssignor(cfg.partition_assignment_strategy)) {}

ConsumerCoordinator::~ConsumerCoordinator() {
  env_.timers.Cancel(heartbeat_timer_);
  env_.timers.Cancel(poll_timer_);
  for (auto& [k, t] : retry_timers_) env_.timers.Cancel(t);
}

void ConsumerCoordinator::Start() {
  last_poll_ns_ = env_.Now();
  next_auto_commit_ns_ = env_.Now() + Ms(cfg_.auto_commit_interval_ms);
  CheckPollInterval();
  EnsureCoordinator([] {});
}

void ConsumerCoordinator::Note(const std::string& text) {
  env_.observer.Observe(ObsNote{env_.self, "group " + group_id_ + ": " + text});
}

ErrorCode ConsumerCoordinator::TakeFatalError() {
  ErrorCode e = fatal_error_;
  fatal_error_ = ErrorCode::NONE;
  return e;
}

void ConsumerCoordinator::Retry(std::function<void()> fn) {
  uint64_t k = next_retry_++;
  retry_timers_[k] = env_.timers.Schedule(Ms(cfg_.retry_backoff_ms), [this, k, fn = std::move(fn)] {
    retry_timers_.erase(k);
    fn();
  });
}

// ---- coordinator discovery ------------------------------------------------------

bool ConsumerCoordinator::EnsureCoordinator(std::function<void()> then) {
  if (left_) return false;
  if (coordinator_ != kNoNode) {
    then();
    return true;
  }
  if (waiters_.size() >= kMaxCoordinatorWaiters) return false;
  waiters_.push_back(std::move(then));
  FindCoordinator();
  return true;
}

void ConsumerCoordinator::FindCoordinator() {
  if (finding_ || left_) return;
  NodeId to = metadata_.AnyBroker();
  if (to == kNoNode) {
    Retry([this] { FindCoordinator(); });
    return;
  }
  finding_ = true;
  FindCoordinatorRequest req;
  req.key = group_id_;
  tracker_.Send(to, req, cfg_.request_timeout_ms,
                [this](const Message* m, ErrorCode err) { OnFindCoordinator(m, err); });
}

void ConsumerCoordinator::OnFindCoordinator(const Message* m, ErrorCode err) {
  finding_ = false;
  const auto* r = ResponseAs<FindCoordinatorResponse>(m);
  if (err != ErrorCode::NONE || r == nullptr || r->error_code != ErrorCode::NONE || r->node_id == kNoNode) {
    Retry([this] { FindCoordinator(); });
    return;
  }
  coordinator_ = r->node_id;
  auto waiters = std::move(waiters_);
  waiters_.clear();
  for (auto& fn : waiters) fn();
}

void ConsumerCoordinator::CoordinatorLost(ErrorCode why) {
  if (coordinator_ == kNoNode) return;
  env_.observer.Observe(ObsNote{env_.self, "group " + group_id_ + ": coordinator broker-" +
                                               std::to_string(coordinator_.value()) + " lost (" +
                                               std::string(ErrorName(why)) + ")"});
  coordinator_ = kNoNode;
}

// ---- joining --------------------------------------------------------------------

void ConsumerCoordinator::OnPoll() {
  last_poll_ns_ = env_.Now();
  MaybeAutoCommit();
  MaybeStartJoin();
}

void ConsumerCoordinator::set_in_poll(bool on) {
  in_poll_ = on;
  if (on) MaybeStartJoin();
}

void ConsumerCoordinator::RequestRejoin(const std::string& reason) {
  if (!rejoin_needed_) {
    env_.observer.Observe(ObsNote{env_.self, "group " + group_id_ + ": rejoin needed (" + reason + ")"});
  }
  rejoin_needed_ = true;
  if (in_poll_) MaybeStartJoin();
}

void ConsumerCoordinator::MaybeStartJoin() {
  // One join at a time (Java's joinFuture); a fatal error waits for Poll.
  if (left_ || !rejoin_needed_ || join_pending_ || fatal_error_ != ErrorCode::NONE) return;
  for (const auto& t : subs_.topics) {
    if (!metadata_.PartitionCount(t)) {  // the leader must know every partition it assigns
      metadata_.RequestUpdate();
      Retry([this] { MaybeStartJoin(); });
      return;
    }
  }
  state_ = State::kPreparing;
  join_pending_ = true;
  if (!EnsureCoordinator([this] { PrepareJoin(); })) {
    state_ = State::kUnjoined;
    join_pending_ = false;
  }
}

void ConsumerCoordinator::RevokeAll() {
  auto all = subs_.AssignedPartitions();
  if (all.empty()) return;
  if (listener_.on_revoked) listener_.on_revoked(all);
  subs_.assigned.clear();
}

void ConsumerCoordinator::PrepareJoin() {
  rejoin_needed_ = false;
  auto after_commit = [this](ErrorCode) {
    if (assignor_->cooperative() || !listener_.before_join || subs_.assigned.empty()) {
      if (!assignor_->cooperative()) RevokeAll();  // eager: give everything up first
      return SendJoin();
    }
    listener_.before_join([this] {
      RevokeAll();
      SendJoin();
    });
  };
  auto positions = subs_.Positions();
  if (cfg_.enable_auto_commit && generation_ >= 0 && !positions.empty()) {
    SendCommit(std::move(positions), after_commit, env_.Now());  // Java's onJoinPrepare commit
  } else {
    after_commit(ErrorCode::NONE);
  }
}

void ConsumerCoordinator::SendJoin() {
  if (left_) return;
  if (coordinator_ == kNoNode) {
    state_ = State::kUnjoined;
    join_pending_ = false;
    rejoin_needed_ = true;
    MaybeStartJoin();
    return;
  }
  state_ = State::kJoining;
  JoinGroupRequest req;
  req.group_id = group_id_;
  req.session_timeout_ms = cfg_.session_timeout_ms;
  req.rebalance_timeout_ms = cfg_.max_poll_interval_ms;
  req.member_id = member_id_;
  req.protocols = {assignor_->name()};
  req.subscription.topics = subs_.topics;
  if (assignor_->cooperative()) req.subscription.owned_partitions = subs_.AssignedPartitions();
  req.subscription.generation_id = generation_;
  int32_t timeout_ms = std::max(cfg_.request_timeout_ms, cfg_.max_poll_interval_ms + 5000);
  tracker_.Send(coordinator_, req, timeout_ms,
                [this, sent = Current()](const Message* m, ErrorCode err) { OnJoin(sent, m, err); });
}

void ConsumerCoordinator::ResetGeneration(bool reset_member_id) {
  generation_ = -1;
  if (reset_member_id) member_id_.clear();
  state_ = State::kUnjoined;
  env_.timers.Cancel(heartbeat_timer_);
  heartbeat_timer_ = 0;
}

void ConsumerCoordinator::ResetAndRejoin(ErrorCode e, const char* what) {
  ResetGeneration(e == ErrorCode::UNKNOWN_MEMBER_ID);  // ILLEGAL_GENERATION keeps the member id
  RevokeAll();                                         // Java's onPartitionsLost
  RequestRejoin(std::string(what) + ": " + std::string(ErrorName(e)));
}

void ConsumerCoordinator::OnJoin(const SentGeneration& sent, const Message* m, ErrorCode err) {
  const auto* r = ResponseAs<JoinGroupResponse>(m);
  ErrorCode e = err != ErrorCode::NONE ? err : (r ? r->error_code : ErrorCode::UNKNOWN_SERVER_ERROR);
  if (left_) return;
  if (e == ErrorCode::MEMBER_ID_REQUIRED) {  // KIP-394: join again with the id we were given
    member_id_ = r->member_id;
    generation_ = -1;
    SendJoin();
    return;
  }
  // Only a reply to a request of the current generation resets the member.
  if (e == ErrorCode::UNKNOWN_MEMBER_ID && sent == Current()) ResetGeneration(true);
  if (IsCoordinatorError(e)) CoordinatorLost(e);
  if (e == ErrorCode::NONE && state_ != State::kJoining) {
    // Reset meanwhile by another request's answer: Java's (retriable)
    // UnjoinedGroupException; join again after retry.backoff.ms.
    Note("JoinGroup answered after the member was reset; joining again");
    join_pending_ = false;
    rejoin_needed_ = true;
    Retry([this] { MaybeStartJoin(); });
    return;
  }
  if (e != ErrorCode::NONE) {
    JoinFailed(e, "JoinGroup");
    return;
  }
  member_id_ = r->member_id;
  generation_ = r->generation_id;
  state_ = State::kSyncing;
  SendSync(r->leader == member_id_ ? RunAssignor(*r) : std::vector<SyncGroupAssignment>{});
}

// AbstractCoordinator.joinGroupIfNeeded after a failed join future.
void ConsumerCoordinator::JoinFailed(ErrorCode e, const char* what) {
  join_pending_ = false;
  rejoin_needed_ = true;
  if (state_ == State::kSyncing) state_ = State::kJoining;  // rebalancing still
  if (IsStaleMemberError(e) || e == ErrorCode::REBALANCE_IN_PROGRESS) {
    MaybeStartJoin();  // at once
  } else if (IsRetriable(e)) {
    Retry([this] { MaybeStartJoin(); });
  } else {
    Note(std::string(what) + " failed due to fatal error " + std::string(ErrorName(e)) + ": " + FatalMessage(e));
    fatal_error_ = e;
    if (on_fatal_) on_fatal_();
  }
}

std::vector<SyncGroupAssignment> ConsumerCoordinator::RunAssignor(const JoinGroupResponse& r) {
  std::vector<assignor::MemberSubscription> members;
  assignor::PartitionCounts counts;
  for (const auto& jm : r.members) {
    members.push_back({jm.member_id, jm.metadata.topics, jm.metadata.owned_partitions, jm.metadata.generation_id});
    for (const auto& t : jm.metadata.topics) {
      metadata_.AddTopic(t);
      if (auto n = metadata_.PartitionCount(t)) counts[t] = *n;
    }
  }
  auto assignor = assignor::MakeAssignor(r.protocol_name);
  if (!assignor) assignor = assignor::MakeAssignor(cfg_.partition_assignment_strategy);
  std::vector<SyncGroupAssignment> out;
  for (auto& [member, parts] : assignor->Assign(counts, members)) out.push_back({member, std::move(parts)});
  return out;
}

void ConsumerCoordinator::SendSync(std::vector<SyncGroupAssignment> assignments) {
  SyncGroupRequest req;
  req.group_id = group_id_;
  req.generation_id = generation_;
  req.member_id = member_id_;
  req.assignments = std::move(assignments);
  tracker_.Send(coordinator_, std::move(req), cfg_.request_timeout_ms,
                [this, sent = Current()](const Message* m, ErrorCode err) { OnSync(sent, m, err); });
}

void ConsumerCoordinator::OnSync(const SentGeneration& sent, const Message* m, ErrorCode err) {
  const auto* r = ResponseAs<SyncGroupResponse>(m);
  ErrorCode e = err != ErrorCode::NONE ? err : (r ? r->error_code : ErrorCode::UNKNOWN_SERVER_ERROR);
  if (left_) return;
  if (IsStaleMemberError(e) && sent == Current()) {
    ResetGeneration(e == ErrorCode::UNKNOWN_MEMBER_ID);
    RevokeAll();
  }
  if (IsCoordinatorError(e)) CoordinatorLost(e);
  // Reset meanwhile by another request's answer: retry at once (Java raises ILLEGAL_GENERATION).
  if (e == ErrorCode::NONE && state_ != State::kSyncing) e = ErrorCode::ILLEGAL_GENERATION;
  if ((IsStaleMemberError(e) || e == ErrorCode::REBALANCE_IN_PROGRESS) && !rejoin_needed_) {
    Note("rejoin needed (SyncGroup: " + std::string(ErrorName(e)) + ")");
  }
  if (e != ErrorCode::NONE) {
    JoinFailed(e, "SyncGroup");
    return;
  }
  join_pending_ = false;
  state_ = State::kStable;
  ApplyAssignment(r->assignment);
  ScheduleHeartbeat();
}

void ConsumerCoordinator::ApplyAssignment(const std::vector<TopicPartition>& assignment) {
  std::set<TopicPartition> now(assignment.begin(), assignment.end());
  std::vector<TopicPartition> revoked;
  std::vector<TopicPartition> added;
  for (const auto& tp : subs_.AssignedPartitions())
    if (!now.contains(tp)) revoked.push_back(tp);
  for (const auto& tp : now)
    if (!subs_.IsAssigned(tp)) added.push_back(tp);
  if (!revoked.empty()) {
    if (listener_.on_revoked) listener_.on_revoked(revoked);
    for (const auto& tp : revoked) subs_.assigned.erase(tp);
  }
  for (const auto& tp : added) subs_.assigned[tp] = ConsumerPartitionState{};
  if (!added.empty() && listener_.on_assigned) listener_.on_assigned(added);
  FetchCommitted();
  // KIP-429: having given partitions up, rejoin so they can move on.
  if (assignor_->cooperative() && !revoked.empty()) RequestRejoin("revoked partitions for a cooperative rebalance");
}

void ConsumerCoordinator::FetchCommitted() {
  if (offset_fetch_in_flight_ || coordinator_ == kNoNode) {
    if (coordinator_ == kNoNode) EnsureCoordinator([this] { FetchCommitted(); });
    return;
  }
  OffsetFetchRequest req;
  req.group_id = group_id_;
  req.require_stable = cfg_.read_committed;  // KafkaConsumer: requireStable = READ_COMMITTED
  for (const auto& [tp, st] : subs_.assigned)
    if (st.awaiting_committed) req.partitions.push_back(tp);
  if (req.partitions.empty()) return;
  offset_fetch_in_flight_ = true;
  tracker_.Send(coordinator_, std::move(req), cfg_.request_timeout_ms,
                [this](const Message* m, ErrorCode err) { OnOffsetFetch(m, err); });
}

void ConsumerCoordinator::OnOffsetFetch(const Message* m, ErrorCode err) {
  offset_fetch_in_flight_ = false;
  const auto* r = ResponseAs<OffsetFetchResponse>(m);
  ErrorCode e = err != ErrorCode::NONE ? err : (r ? r->error_code : ErrorCode::UNKNOWN_SERVER_ERROR);
  if (e != ErrorCode::NONE) {
    if (IsCoordinatorError(e) || e == ErrorCode::COORDINATOR_LOAD_IN_PROGRESS) CoordinatorLost(e);
    Retry([this] { FetchCommitted(); });
    return;
  }
  bool unstable = false;
  for (const auto& p : r->partitions) {
    ConsumerPartitionState* st = subs_.Find(p.tp);
    if (st == nullptr || !st->awaiting_committed) continue;
    // KIP-447: a transaction still holds offsets for it; ask again after
    // retry.backoff.ms (ConsumerCoordinator: UnstableOffsetCommitException).
    if (p.error_code == ErrorCode::UNSTABLE_OFFSET_COMMIT) {
      unstable = true;
      continue;
    }
    st->awaiting_committed = false;
    if (p.committed_offset.value() >= 0) {
      st->SetPosition(p.committed_offset, p.committed_leader_epoch);
      st->validated_leader_epoch = kNoLeaderEpoch;  // checked before the first fetch (KIP-320)
    } else if (cfg_.auto_offset_reset == config::OffsetReset::kNone) {
      st->reset_failed = true;
      env_.observer.Observe(ObsNote{env_.self, "no committed offset for " + p.tp.ToString() +
                                                   " and auto.offset.reset=none: partition not consumed"});
    } else {
      st->awaiting_reset = true;
    }
  }
  if (unstable) {
    Note("OffsetFetch: UNSTABLE_OFFSET_COMMIT (a transaction holds offsets of the group); retrying");
    Retry([this] { FetchCommitted(); });
  } else {
    FetchCommitted();  // any partition still waiting (assigned meanwhile)
  }
  if (listener_.on_positions) listener_.on_positions();
}

// ---- liveness ---------------------------------------------------------------------

void ConsumerCoordinator::ScheduleHeartbeat() {
  env_.timers.Cancel(heartbeat_timer_);
  heartbeat_timer_ = env_.timers.Schedule(Ms(cfg_.heartbeat_interval_ms), [this] {
    heartbeat_timer_ = 0;
    SendHeartbeat();
  });
}

void ConsumerCoordinator::SendHeartbeat() {
  if (state_ != State::kStable || left_) return;
  if (coordinator_ == kNoNode) {
    EnsureCoordinator([] {});
    ScheduleHeartbeat();
    return;
  }
  HeartbeatRequest req;
  req.group_id = group_id_;
  req.generation_id = generation_;
  req.member_id = member_id_;
  tracker_.Send(coordinator_, req, cfg_.request_timeout_ms, [this, sent = Current()](const Message* m, ErrorCode err) {
    const auto* r = ResponseAs<HeartbeatResponse>(m);
    OnHeartbeat(sent, err != ErrorCode::NONE ? err : (r ? r->error_code : ErrorCode::UNKNOWN_SERVER_ERROR));
  });
}

// AbstractCoordinator.HeartbeatResponseHandler.
void ConsumerCoordinator::OnHeartbeat(const SentGeneration& sent, ErrorCode e) {
  if (left_) return;
  if (IsCoordinatorError(e) || e == ErrorCode::COORDINATOR_LOAD_IN_PROGRESS) {
    CoordinatorLost(e);  // find it again; membership stands until it says otherwise
  } else if (e == ErrorCode::REBALANCE_IN_PROGRESS) {
    if (state_ == State::kStable) RequestRejoin("Heartbeat: REBALANCE_IN_PROGRESS");
  } else if (IsStaleMemberError(e)) {
    if (sent == Current()) {
      ResetAndRejoin(e, "Heartbeat");
    } else {
      Note("ignoring " + std::string(ErrorName(e)) + " for a heartbeat of generation " +
           std::to_string(sent.generation) + " (stale)");
    }
  }
  if (state_ == State::kStable) ScheduleHeartbeat();
}

void ConsumerCoordinator::CheckPollInterval() {
  TimeNs deadline = last_poll_ns_ + Ms(cfg_.max_poll_interval_ms);
  if (env_.Now() >= deadline && generation_ >= 0 && !left_) {
    env_.observer.Observe(ObsNote{env_.self, "group " + group_id_ +
                                                 ": consumer poll timeout has expired (max.poll.interval.ms); "
                                                 "leaving the group"});
    if (coordinator_ != kNoNode) {
      LeaveGroupRequest req;
      req.group_id = group_id_;
      req.member_id = member_id_;
      tracker_.Send(coordinator_, req, cfg_.request_timeout_ms, [](const Message*, ErrorCode) {});
    }
    ResetGeneration(true);
    RevokeAll();
    rejoin_needed_ = true;
    deadline = env_.Now() + Ms(cfg_.max_poll_interval_ms);
  }
  TimeNs delay = std::max<TimeNs>(deadline - env_.Now(), Ms(1));
  poll_timer_ = env_.timers.Schedule(delay, [this] {
    poll_timer_ = 0;
    CheckPollInterval();
  });
}

// ---- commits ------------------------------------------------------------------------

void ConsumerCoordinator::MaybeAutoCommit() {
  if (!cfg_.enable_auto_commit || state_ != State::kStable || env_.Now() < next_auto_commit_ns_) return;
  next_auto_commit_ns_ = env_.Now() + Ms(cfg_.auto_commit_interval_ms);
  auto positions = subs_.Positions();
  if (!positions.empty()) SendCommit(std::move(positions), nullptr, env_.Now());  // async: no retries
}

void ConsumerCoordinator::Commit(const std::map<TopicPartition, Offset>& offsets, CommitCallback cb) {
  if (left_ || state_ != State::kStable) {
    if (cb) cb(generation_ < 0 ? ErrorCode::UNKNOWN_MEMBER_ID : ErrorCode::REBALANCE_IN_PROGRESS);
    return;
  }
  SendCommit(offsets, std::move(cb), env_.Now() + Ms(kDefaultApiTimeoutMs));
}

// KIP-320: a commit of the current position carries the leader epoch of the
// record before it (Java's commitSync() commits subscriptions.allConsumed()).
LeaderEpoch ConsumerCoordinator::CommitEpoch(const TopicPartition& tp, Offset offset) const {
  auto it = subs_.assigned.find(tp);
  if (it == subs_.assigned.end() || it->second.position != offset) return kNoLeaderEpoch;
  return it->second.position_epoch;
}

void ConsumerCoordinator::SendCommit(std::map<TopicPartition, Offset> offsets, CommitCallback cb, TimeNs deadline) {
  // The epochs are those of the positions now, when the commit is made, not
  // when a retry goes out.
  std::map<TopicPartition, LeaderEpoch> epochs;
  for (const auto& [tp, off] : offsets) epochs[tp] = CommitEpoch(tp, off);
  auto send = [this, offsets, epochs, cb, deadline] {
    OffsetCommitRequest req;
    req.group_id = group_id_;
    req.generation_id = generation_;
    req.member_id = member_id_;
    for (const auto& [tp, off] : offsets) req.partitions.push_back({tp, off, epochs.at(tp)});
    tracker_.Send(coordinator_, std::move(req), cfg_.request_timeout_ms,
                  [this, offsets, cb, deadline, sent = Current()](const Message* m, ErrorCode err) {
                    OnCommit(offsets, cb, deadline, sent, m, err);
                  });
  };
  if (!EnsureCoordinator(send) && cb) cb(ErrorCode::COORDINATOR_NOT_AVAILABLE);
}

void ConsumerCoordinator::OnCommit(const std::map<TopicPartition, Offset>& offsets, CommitCallback cb, TimeNs deadline,
                                   const SentGeneration& sent, const Message* m, ErrorCode err) {
  const auto* r = ResponseAs<OffsetCommitResponse>(m);
  ErrorCode e = err;
  if (e == ErrorCode::NONE && r != nullptr) {
    for (const auto& p : r->partitions)
      if (p.error_code != ErrorCode::NONE) e = p.error_code;
  }
  if (e == ErrorCode::NONE) {
    for (const auto& [tp, off] : offsets) env_.observer.Observe(ObsOffsetCommit{env_.self, group_id_, tp, off});
    if (cb) cb(ErrorCode::NONE);
    return;
  }
  bool retriable = IsCoordinatorError(e) || e == ErrorCode::COORDINATOR_LOAD_IN_PROGRESS;
  if (retriable) CoordinatorLost(e);
  if (retriable && env_.Now() < deadline && !left_) {
    Retry([this, offsets, cb, deadline] { SendCommit(offsets, cb, deadline); });
    return;
  }
  if (retriable || left_) {
    if (cb) cb(e);
    return;
  }
  if (IsStaleMemberError(e)) {
    // ConsumerCoordinator.OffsetCommitResponseHandler: a stale generation's
    // error while a JoinGroup is pending is RebalanceInProgressException;
    // otherwise the member resets and the commit fails (CommitFailedException).
    if (sent != Current() && state_ == State::kJoining) {
      e = ErrorCode::REBALANCE_IN_PROGRESS;
    } else {
      ResetAndRejoin(e, "OffsetCommit");
    }
  } else if (e == ErrorCode::REBALANCE_IN_PROGRESS) {
    RequestRejoin("OffsetCommit: REBALANCE_IN_PROGRESS");
  }
  if (cb) cb(e);
}

void ConsumerCoordinator::Leave() {
  if (left_) return;
  if (coordinator_ != kNoNode && !member_id_.empty()) {
    LeaveGroupRequest req;
    req.group_id = group_id_;
    req.member_id = member_id_;
    tracker_.Send(coordinator_, req, cfg_.request_timeout_ms, [](const Message*, ErrorCode) {});
  }
  left_ = true;
  ResetGeneration(true);
  env_.timers.Cancel(poll_timer_);
  poll_timer_ = 0;
}

}  // namespace kafkasim::client
