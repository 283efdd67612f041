// core/broker/group_coordinator.cc — join/sync/heartbeat/leave, session
// expiry, offset commit and fetch, loading on leadership.
#include "core/broker/group_coordinator.h"

#include <algorithm>

#include "core/observe/observation.h"
#include "core/protocol/message.h"
#include "core/record/record_batch.h"
#include "core/protocol/txn.h"
#include "core/protocol/group.h"

namespace kafkasim::broker {

namespace {

std::vector<TopicPartition> Sorted(std::vector<TopicPartition> v) {
  std::sort(v.begin(), v.end());
  return v;
}

bool SameMetadata(const MemberMetadata& m, const JoinGroupRequest& r) {
  return m.protocols == r.protocols && m.subscription.topics == r.subscription.topics &&
         Sorted(m.subscription.owned_partitions) == Sorted(r.subscription.owned_partitions);
}

}  // namespace

GroupCoordinator::GroupCoordinator(Env& env, BrokerId self, OffsetsLog& log, const config::BrokerConfig& cfg,
                                   LeaderOf leader_of)
    : env_(env), self_(self), log_(log), cfg_(cfg), leader_of_(std::move(leader_of)) {}

GroupCoordinator::~GroupCoordinator() {
  for (auto& [id, g] : groups_) {
    env_.timers.Cancel(g.rebalance_timer);
    for (auto& [mid, m] : g.members) env_.timers.Cancel(m.session_timer);
  }
}

const GroupMetadata* GroupCoordinator::group(const std::string& id) const {
  auto it = groups_.find(id);
  return it == groups_.end() ? nullptr : &it->second;
}

bool GroupCoordinator::OnMessage(NodeId from, const Message& m) {
  return std::visit(
      [&](const auto& msg) -> bool {
        using T = std::decay_t<decltype(msg)>;
        if constexpr (std::is_same_v<T, FindCoordinatorRequest>)
          HandleFindCoordinator(from, msg);
        else if constexpr (std::is_same_v<T, JoinGroupRequest>)
          HandleJoin(from, msg);
        else if constexpr (std::is_same_v<T, SyncGroupRequest>)
          HandleSync(from, msg);
        else if constexpr (std::is_same_v<T, HeartbeatRequest>)
          HandleHeartbeat(from, msg);
        else if constexpr (std::is_same_v<T, LeaveGroupRequest>)
          HandleLeave(from, msg);
        else if constexpr (std::is_same_v<T, OffsetCommitRequest>)
          HandleOffsetCommit(from, msg);
        else if constexpr (std::is_same_v<T, OffsetFetchRequest>)
          HandleOffsetFetch(from, msg);
        else if constexpr (std::is_same_v<T, TxnOffsetCommitRequest>)
          HandleTxnOffsetCommit(from, msg);
        else
          return false;
        return true;
      },
      m);
}

void GroupCoordinator::Note(const std::string& text) { env_.observer.Observe(ObsNote{self_, text}); }

// The checks SyncGroup and Heartbeat share, in Kafka's order: coordinator,
// member, generation, rebalance in progress.
ErrorCode GroupCoordinator::CheckMemberGeneration(const std::string& group, const std::string& member,
                                                  int32_t generation) const {
  if (ErrorCode e = CheckCoordinator(group); e != ErrorCode::NONE) return e;
  auto git = groups_.find(group);
  if (git == groups_.end() || !git->second.members.contains(member)) return ErrorCode::UNKNOWN_MEMBER_ID;
  if (generation != git->second.generation) return ErrorCode::ILLEGAL_GENERATION;
  if (git->second.state == GroupState::kPreparingRebalance) return ErrorCode::REBALANCE_IN_PROGRESS;
  return ErrorCode::NONE;
}

ErrorCode GroupCoordinator::CheckCoordinator(const std::string& group) const {
  if (log_.num_partitions() <= 0) return ErrorCode::COORDINATOR_NOT_AVAILABLE;
  PartitionId p{OffsetsPartitionFor(group, log_.num_partitions())};
  return log_.IsLeader(p) ? ErrorCode::NONE : ErrorCode::NOT_COORDINATOR;
}

GroupMetadata& GroupCoordinator::GetOrCreate(const std::string& group) {
  auto [it, created] = groups_.try_emplace(group);
  if (created) {
    it->second.group_id = group;
    it->second.offsets_partition = PartitionId{OffsetsPartitionFor(group, log_.num_partitions())};
  }
  return it->second;
}

void GroupCoordinator::HandleFindCoordinator(NodeId from, const FindCoordinatorRequest& r) {
  FindCoordinatorResponse resp;
  resp.correlation_id = r.correlation_id;
  if (log_.num_partitions() > 0)
    resp.node_id = leader_of_(PartitionId{OffsetsPartitionFor(r.key, log_.num_partitions())});
  if (resp.node_id == kNoNode) resp.error_code = ErrorCode::COORDINATOR_NOT_AVAILABLE;
  env_.net.Send(from, resp);
}

// ---- JoinGroup ----------------------------------------------------------------

void GroupCoordinator::HandleJoin(NodeId from, const JoinGroupRequest& r) {
  JoinGroupResponse err;
  err.correlation_id = r.correlation_id;
  err.member_id = r.member_id;
  err.error_code = CheckCoordinator(r.group_id);
  // Kafka's handleJoinGroup: right after the coordinator checks, before the
  // member is looked at; the consumer treats the answer as fatal.
  if (err.error_code == ErrorCode::NONE && (r.session_timeout_ms < cfg_.group_min_session_timeout_ms ||
                                            r.session_timeout_ms > cfg_.group_max_session_timeout_ms)) {
    err.error_code = ErrorCode::INVALID_SESSION_TIMEOUT;
    Note("group " + r.group_id + ": JoinGroup refused with INVALID_SESSION_TIMEOUT: session.timeout.ms " +
         std::to_string(r.session_timeout_ms) + " is outside [group.min.session.timeout.ms " +
         std::to_string(cfg_.group_min_session_timeout_ms) + ", group.max.session.timeout.ms " +
         std::to_string(cfg_.group_max_session_timeout_ms) + "]");
  }
  if (err.error_code == ErrorCode::NONE && r.protocols.empty()) err.error_code = ErrorCode::INCONSISTENT_GROUP_PROTOCOL;
  if (err.error_code != ErrorCode::NONE) {
    env_.net.Send(from, err);
    return;
  }
  GroupMetadata& g = GetOrCreate(r.group_id);
  if (r.member_id.empty()) {  // KIP-394: hand out an id, the member joins again with it
    TimeNs now = env_.Now();
    std::erase_if(g.pending_members, [&](const auto& p) { return now - p.second > Ms(r.session_timeout_ms); });
    if (g.pending_members.size() >= kMaxPendingMembers) g.pending_members.erase(g.pending_members.begin());
    err.member_id = "consumer-" + std::to_string(from.value()) + "-" + std::to_string(++next_member_seq_);
    g.pending_members[err.member_id] = now;
    err.error_code = ErrorCode::MEMBER_ID_REQUIRED;
    env_.net.Send(from, err);
    return;
  }
  if (!g.members.contains(r.member_id) && !g.pending_members.contains(r.member_id)) {
    err.error_code = ErrorCode::UNKNOWN_MEMBER_ID;
    env_.net.Send(from, err);
    return;
  }
  // A new member must share a protocol with the group.
  if (!g.members.empty() && !g.protocol.empty() &&
      std::find(r.protocols.begin(), r.protocols.end(), g.protocol) == r.protocols.end() &&
      !g.members.contains(r.member_id)) {
    err.error_code = ErrorCode::INCONSISTENT_GROUP_PROTOCOL;
    env_.net.Send(from, err);
    return;
  }
  JoinKnownMember(g, from, r);
}

void GroupCoordinator::JoinKnownMember(GroupMetadata& g, NodeId from, const JoinGroupRequest& r) {
  g.pending_members.erase(r.member_id);
  auto [it, is_new] = g.members.try_emplace(r.member_id);
  MemberMetadata& m = it->second;
  bool changed = is_new || !SameMetadata(m, r);
  if (is_new) {
    m.member_id = r.member_id;
    m.join_order = g.next_join_order++;
  }
  m.client = from;
  m.session_timeout_ms = r.session_timeout_ms;
  m.rebalance_timeout_ms = r.rebalance_timeout_ms;
  m.protocols = r.protocols;
  m.subscription = r.subscription;
  m.awaiting_join = true;
  m.join_correlation_id = r.correlation_id;
  ScheduleSessionExpiry(g, m);
  bool settled = g.state == GroupState::kStable || g.state == GroupState::kCompletingRebalance;
  if (settled && !changed && m.member_id != g.leader) {
    SendJoinResponse(g, m);  // nothing to rebalance: the current generation stands
    return;
  }
  if (g.state != GroupState::kPreparingRebalance) {
    PrepareRebalance(g, is_new ? "member " + m.member_id + " joined" : "member " + m.member_id + " rejoined");
  }
  MaybeCompleteJoin(g);
}

void GroupCoordinator::PrepareRebalance(GroupMetadata& g, const std::string& reason) {
  if (g.state == GroupState::kCompletingRebalance) {
    for (auto& [id, m] : g.members) {  // their SyncGroups will not be answered with an assignment
      if (!m.awaiting_sync) continue;
      m.awaiting_sync = false;
      env_.net.Send(m.client, SyncGroupResponse{m.sync_correlation_id, ErrorCode::REBALANCE_IN_PROGRESS, {}});
    }
  }
  bool initial = g.state == GroupState::kEmpty && cfg_.group_initial_rebalance_delay_ms > 0;
  g.state = GroupState::kPreparingRebalance;
  g.initial_delay = initial;
  g.rebalance_started_ns = env_.Now();
  g.members_at_delay_start = g.members.size();
  env_.timers.Cancel(g.rebalance_timer);
  int32_t delay_ms =
      initial ? std::min(cfg_.group_initial_rebalance_delay_ms, g.MaxRebalanceTimeoutMs()) : g.MaxRebalanceTimeoutMs();
  std::string id = g.group_id;
  g.rebalance_timer = env_.timers.Schedule(Ms(delay_ms), [this, id] { OnRebalanceTimer(id); });
  Note("group " + g.group_id + " preparing rebalance: " + reason);
}

void GroupCoordinator::OnRebalanceTimer(const std::string& group) {
  auto it = groups_.find(group);
  if (it == groups_.end() || it->second.state != GroupState::kPreparingRebalance) return;
  GroupMetadata& g = it->second;
  g.rebalance_timer = 0;
  TimeNs elapsed = env_.Now() - g.rebalance_started_ns;
  if (g.initial_delay) {
    // Kafka's InitialDelayedJoin: wait one more delay while members keep
    // arriving, up to the rebalance timeout.
    TimeNs remaining = Ms(g.MaxRebalanceTimeoutMs()) - elapsed;
    if (g.members.size() > g.members_at_delay_start && remaining > 0) {
      g.members_at_delay_start = g.members.size();
      TimeNs d = std::min<TimeNs>(Ms(cfg_.group_initial_rebalance_delay_ms), remaining);
      g.rebalance_timer = env_.timers.Schedule(d, [this, group] { OnRebalanceTimer(group); });
      return;
    }
    g.initial_delay = false;
    if (g.AllJoined()) CompleteJoin(g);
    return;
  }
  // Rebalance timeout: members that did not rejoin are out.
  std::vector<std::string> late;
  for (const auto& [id, m] : g.members)
    if (!m.awaiting_join) late.push_back(id);
  for (const auto& id : late) {
    env_.timers.Cancel(g.members[id].session_timer);
    g.members.erase(id);
    Note(std::string("group ")
             .append(group)
             .append(": member ")
             .append(id)
             .append(" did not rejoin within the rebalance timeout"));
  }
  CompleteJoin(g);
}

void GroupCoordinator::MaybeCompleteJoin(GroupMetadata& g) {
  if (g.state == GroupState::kPreparingRebalance && !g.initial_delay && g.AllJoined()) CompleteJoin(g);
}

void GroupCoordinator::CompleteJoin(GroupMetadata& g) {
  env_.timers.Cancel(g.rebalance_timer);
  g.rebalance_timer = 0;
  ++g.generation;
  if (g.members.empty()) {
    g.state = GroupState::kEmpty;
    g.leader.clear();
    g.protocol.clear();
    Note("group " + g.group_id + " is empty (generation " + std::to_string(g.generation) + ")");
    StoreGroup(g, nullptr);
    return;
  }
  if (!g.members.contains(g.leader)) {
    g.leader = std::min_element(g.members.begin(), g.members.end(), [](const auto& a, const auto& b) {
                 return a.second.join_order < b.second.join_order;
               })->first;
  }
  // The leader's most preferred protocol that every member supports.
  g.protocol.clear();
  for (const auto& p : g.members[g.leader].protocols) {
    bool all = std::all_of(g.members.begin(), g.members.end(), [&](const auto& m) {
      return std::find(m.second.protocols.begin(), m.second.protocols.end(), p) != m.second.protocols.end();
    });
    if (all) {
      g.protocol = p;
      break;
    }
  }
  g.state = GroupState::kCompletingRebalance;
  for (auto& [id, m] : g.members) {
    m.assignment.clear();
    if (m.awaiting_join) SendJoinResponse(g, m);
    ScheduleSessionExpiry(g, m);
  }
}

void GroupCoordinator::SendJoinResponse(GroupMetadata& g, MemberMetadata& m) {
  JoinGroupResponse resp;
  resp.correlation_id = m.join_correlation_id;
  resp.generation_id = g.generation;
  resp.protocol_name = g.protocol;
  resp.leader = g.leader;
  resp.member_id = m.member_id;
  if (g.protocol.empty()) resp.error_code = ErrorCode::INCONSISTENT_GROUP_PROTOCOL;
  if (m.member_id == g.leader)
    for (const auto& [id, other] : g.members) resp.members.push_back({id, other.subscription});
  m.awaiting_join = false;
  env_.net.Send(m.client, resp);
}

// ---- SyncGroup, Heartbeat, LeaveGroup ----------------------------------------

void GroupCoordinator::HandleSync(NodeId from, const SyncGroupRequest& r) {
  SyncGroupResponse resp;
  resp.correlation_id = r.correlation_id;
  resp.error_code = CheckMemberGeneration(r.group_id, r.member_id, r.generation_id);
  auto git = groups_.find(r.group_id);
  if (resp.error_code == ErrorCode::NONE && git->second.state != GroupState::kCompletingRebalance &&
      git->second.state != GroupState::kStable) {
    resp.error_code = ErrorCode::UNKNOWN_MEMBER_ID;
  }
  if (resp.error_code != ErrorCode::NONE) {
    env_.net.Send(from, resp);
    return;
  }
  GroupMetadata& g = git->second;
  MemberMetadata& m = g.members[r.member_id];
  m.client = from;
  ScheduleSessionExpiry(g, m);
  if (g.state == GroupState::kStable) {
    resp.assignment = m.assignment;
    env_.net.Send(from, resp);
    return;
  }
  m.awaiting_sync = true;
  m.sync_correlation_id = r.correlation_id;
  if (r.member_id == g.leader) ApplyLeaderAssignment(g, r);
}

void GroupCoordinator::ApplyLeaderAssignment(GroupMetadata& g, const SyncGroupRequest& r) {
  for (auto& [id, m] : g.members) m.assignment.clear();
  for (const auto& a : r.assignments) {
    auto it = g.members.find(a.member_id);
    if (it != g.members.end()) it->second.assignment = a.assignment;
  }
  // Kafka's storeGroup: the generation counts once __consumer_offsets holds
  // it, so a coordinator that takes over knows the members and carries on.
  StoreGroup(g,
             [this, group = g.group_id, generation = g.generation](ErrorCode e) { FinishSync(group, generation, e); });
}

void GroupCoordinator::HandleHeartbeat(NodeId from, const HeartbeatRequest& r) {
  HeartbeatResponse resp;
  resp.correlation_id = r.correlation_id;
  ErrorCode coordinator = CheckCoordinator(r.group_id);
  resp.error_code = CheckMemberGeneration(r.group_id, r.member_id, r.generation_id);
  auto git = groups_.find(r.group_id);
  if (coordinator == ErrorCode::NONE) {
    if (resp.error_code != ErrorCode::UNKNOWN_MEMBER_ID && git != groups_.end()) {
      ScheduleSessionExpiry(git->second, git->second.members[r.member_id]);
    }
  }
  env_.net.Send(from, resp);
}

void GroupCoordinator::HandleLeave(NodeId from, const LeaveGroupRequest& r) {
  LeaveGroupResponse resp;
  resp.correlation_id = r.correlation_id;
  resp.error_code = CheckCoordinator(r.group_id);
  auto git = groups_.find(r.group_id);
  if (resp.error_code == ErrorCode::NONE) {
    if (git == groups_.end() || !git->second.members.contains(r.member_id)) {
      resp.error_code = ErrorCode::UNKNOWN_MEMBER_ID;
    } else {
      RemoveMember(git->second, r.member_id, "member " + r.member_id + " left the group");
    }
  }
  env_.net.Send(from, resp);
}

void GroupCoordinator::RemoveMember(GroupMetadata& g, const std::string& member_id, const std::string& reason) {
  auto it = g.members.find(member_id);
  if (it == g.members.end()) return;
  env_.timers.Cancel(it->second.session_timer);
  g.members.erase(it);
  if (g.leader == member_id) g.leader.clear();
  switch (g.state) {
    case GroupState::kStable:
    case GroupState::kCompletingRebalance:
      PrepareRebalance(g, reason);
      MaybeCompleteJoin(g);
      break;
    case GroupState::kPreparingRebalance:
      Note("group " + g.group_id + ": " + reason);
      if (g.members.empty())
        CompleteJoin(g);
      else
        MaybeCompleteJoin(g);
      break;
    case GroupState::kEmpty:
    case GroupState::kDead:
      break;
  }
}

void GroupCoordinator::ScheduleSessionExpiry(GroupMetadata& g, MemberMetadata& m) {
  env_.timers.Cancel(m.session_timer);
  std::string group = g.group_id;
  std::string id = m.member_id;
  m.session_timer = env_.timers.Schedule(Ms(m.session_timeout_ms), [this, group, id] { OnSessionExpired(group, id); });
}

void GroupCoordinator::OnSessionExpired(const std::string& group, const std::string& member_id) {
  auto git = groups_.find(group);
  if (git == groups_.end()) return;
  auto mit = git->second.members.find(member_id);
  if (mit == git->second.members.end()) return;
  mit->second.session_timer = 0;
  if (mit->second.awaiting_join || mit->second.awaiting_sync) {  // a pending request keeps it alive
    ScheduleSessionExpiry(git->second, mit->second);
    return;
  }
  RemoveMember(git->second, member_id, "member " + member_id + " session timed out");
}

// ---- offsets -------------------------------------------------------------------

void GroupCoordinator::HandleOffsetCommit(NodeId from, const OffsetCommitRequest& r) {
  ErrorCode err = CheckCoordinator(r.group_id);
  auto git = groups_.find(r.group_id);
  bool simple = r.generation_id < 0 && r.member_id.empty();  // a consumer outside any group
  if (err == ErrorCode::NONE) {
    if (git == groups_.end() || git->second.members.empty()) {
      if (!simple) err = ErrorCode::UNKNOWN_MEMBER_ID;
    } else if (!git->second.members.contains(r.member_id)) {
      err = ErrorCode::UNKNOWN_MEMBER_ID;
    } else if (r.generation_id != git->second.generation) {
      err = ErrorCode::ILLEGAL_GENERATION;
    } else if (git->second.state == GroupState::kCompletingRebalance) {
      err = ErrorCode::REBALANCE_IN_PROGRESS;
    }
  }
  OffsetCommitResponse resp;
  resp.correlation_id = r.correlation_id;
  if (err != ErrorCode::NONE) {
    for (const auto& p : r.partitions) resp.partitions.push_back({p.tp, err});
    env_.net.Send(from, resp);
    return;
  }
  GroupMetadata& g = GetOrCreate(r.group_id);
  if (auto mit = g.members.find(r.member_id); mit != g.members.end()) ScheduleSessionExpiry(g, mit->second);
  Bytes batch = EncodeOffsetCommitBatch(r.group_id, r.partitions, env_.Now() / kNsPerMs);
  log_.Append(g.offsets_partition, std::move(batch), [this, from, r](ErrorCode e) {
    ErrorCode mapped = MapOffsetsAppendError(e);
    auto it = groups_.find(r.group_id);
    if (mapped == ErrorCode::NONE && it == groups_.end()) mapped = ErrorCode::NOT_COORDINATOR;  // resigned meanwhile
    OffsetCommitResponse done;
    done.correlation_id = r.correlation_id;
    for (const auto& p : r.partitions) {
      if (mapped == ErrorCode::NONE) it->second.offsets[p.tp] = {p.committed_offset, p.committed_leader_epoch};
      done.partitions.push_back({p.tp, mapped});
    }
    env_.net.Send(from, done);
  });
}

void GroupCoordinator::HandleOffsetFetch(NodeId from, const OffsetFetchRequest& r) {
  OffsetFetchResponse resp;
  resp.correlation_id = r.correlation_id;
  resp.error_code = CheckCoordinator(r.group_id);
  if (resp.error_code == ErrorCode::NONE) {
    const GroupMetadata* g = group(r.group_id);
    if (r.partitions.empty() && g != nullptr) {
      for (const auto& [tp, c] : g->offsets) resp.partitions.push_back({tp, c.offset, c.leader_epoch, ErrorCode::NONE});
    }
    for (const auto& tp : r.partitions) {
      // KIP-447 (GroupMetadataManager.getOffsets): offsets of an open
      // transaction make the partition unstable for a require_stable fetch.
      if (r.require_stable && g != nullptr && g->HasPendingTxnOffsets(tp)) {
        resp.partitions.push_back({tp, Offset{-1}, kNoLeaderEpoch, ErrorCode::UNSTABLE_OFFSET_COMMIT});
        continue;
      }
      CommittedOffset c;
      if (g != nullptr)
        if (auto it = g->offsets.find(tp); it != g->offsets.end()) c = it->second;
      resp.partitions.push_back({tp, c.offset, c.leader_epoch, ErrorCode::NONE});
    }
  }
  env_.net.Send(from, resp);
}

void GroupCoordinator::OnResign(PartitionId p) {
  for (auto it = groups_.begin(); it != groups_.end();) {
    GroupMetadata& g = it->second;
    if (g.offsets_partition != p) {
      ++it;
      continue;
    }
    env_.timers.Cancel(g.rebalance_timer);
    for (auto& [id, m] : g.members) {
      env_.timers.Cancel(m.session_timer);
      if (m.awaiting_join) {
        JoinGroupResponse jr;
        jr.correlation_id = m.join_correlation_id;
        jr.error_code = ErrorCode::NOT_COORDINATOR;
        jr.member_id = id;
        env_.net.Send(m.client, jr);
      }
      if (m.awaiting_sync)
        env_.net.Send(m.client, SyncGroupResponse{m.sync_correlation_id, ErrorCode::NOT_COORDINATOR, {}});
    }
    it = groups_.erase(it);
  }
}

}  // namespace kafkasim::broker
