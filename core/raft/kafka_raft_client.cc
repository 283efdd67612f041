// core/raft/kafka_raft_client.cc — start, dispatch, transitions and the
// state timer of a quorum voter.
#include "core/raft/kafka_raft_client.h"

#include <algorithm>
#include <utility>

#include "core/util/assert.h"
#include "core/protocol/message.h"
#include "core/observe/observation.h"
#include "core/protocol/txn.h"
#include "core/protocol/group.h"

namespace kafkasim::raft {

KafkaRaftClient::KafkaRaftClient(Env& env, QuorumConfig config)
    : env_(env),
      config_(std::move(config)),
      log_(env.disk, "__cluster_metadata-0/00000000000000000000.log"),
      quorum_(env, config_, "__cluster_metadata-0/quorum-state") {}

void KafkaRaftClient::Start() {
  KSIM_ASSERT(quorum_.IsVoter(env_.self), "a quorum client that is not a voter (observers are not modelled)");
  Check(log_.Load(), "loading the metadata log");
  Check(quorum_.Initialize(), "reading quorum-state");
  ++generation_;
  switch (quorum_.role()) {
    case RaftRole::kFollower:
      ArmStateTimer(Ms(config_.fetch_timeout_ms));
      SendFetch();
      break;
    case RaftRole::kUnattached:
    case RaftRole::kResigned:
      ArmStateTimer(RandomElectionTimeout());
      break;
    case RaftRole::kCandidate:
    case RaftRole::kLeader:
      KSIM_ASSERT(false, "QuorumState.initialize never starts as candidate or leader");
  }
  if (config_.voters.size() == 1 && quorum_.role() != RaftRole::kFollower) TransitionToCandidate();
  NotifyChange();
}

void KafkaRaftClient::NotifyChange() {
  if (on_change_) on_change_();
}

bool KafkaRaftClient::OnMessage(NodeId from, const Message& m) {
  if (const auto* r = std::get_if<VoteRequest>(&m)) {
    HandleVoteRequest(from, *r);
  } else if (const auto* r = std::get_if<VoteResponse>(&m)) {
    HandleVoteResponse(from, *r);
  } else if (const auto* r = std::get_if<BeginQuorumEpochRequest>(&m)) {
    HandleBeginQuorumEpochRequest(from, *r);
  } else if (const auto* r = std::get_if<BeginQuorumEpochResponse>(&m)) {
    HandleBeginQuorumEpochResponse(from, *r);
  } else if (const auto* r = std::get_if<EndQuorumEpochRequest>(&m)) {
    HandleEndQuorumEpochRequest(from, *r);
  } else if (const auto* r = std::get_if<EndQuorumEpochResponse>(&m)) {
    MaybeTransition(r->leader_id, r->leader_epoch);
  } else if (const auto* r = std::get_if<RaftFetchRequest>(&m)) {
    HandleFetchRequest(from, *r);
  } else if (const auto* r = std::get_if<RaftFetchResponse>(&m)) {
    HandleFetchResponse(from, *r);
  } else {
    return false;
  }
  NotifyChange();
  return true;
}

Result<Offset> KafkaRaftClient::Append(std::string payload) {
  if (!quorum_.is_leader()) return Error{ErrorCode::NOT_LEADER_OR_FOLLOWER, "not the quorum leader"};
  const Offset offset = log_.EndOffset();
  Check(log_.Append(RaftRecord{quorum_.epoch(), false, std::move(payload)}), "appending to the metadata log");
  OnLeaderHighWatermarkMaybeMoved(quorum_.leader().UpdateLocalState(log_.EndOffset()));
  CompleteParkedFetches();
  return offset;
}

// The role's one deadline; a timer of an earlier transition does nothing.
void KafkaRaftClient::ArmStateTimer(TimeNs delay) {
  if (state_timer_armed_) env_.timers.Cancel(state_timer_);
  state_timer_armed_ = true;
  state_deadline_ = env_.Now() + delay;
  state_timer_ = env_.timers.Schedule(delay, [this, gen = generation_] {
    if (gen != generation_) return;
    state_timer_armed_ = false;
    OnStateTimer();
    NotifyChange();
  });
}

void KafkaRaftClient::OnStateTimer() {
  switch (quorum_.role()) {
    case RaftRole::kUnattached:
    case RaftRole::kResigned:  // pollResigned: the election timeout passed
    case RaftRole::kFollower:  // pollFollowerAsVoter: "Become candidate due to fetch timeout"
      TransitionToCandidate();
      return;
    case RaftRole::kCandidate:  // pollCandidate
      if (quorum_.candidate().backing_off) {
        TransitionToCandidate();
      } else {
        StartBackingOff();
      }
      return;
    case RaftRole::kLeader: {  // pollLeader: check quorum
      const TimeNs left = quorum_.leader().TimeUntilCheckQuorumExpires(env_.Now());
      if (left == 0) {
        Note("resigns: no majority of voters fetched within " + std::to_string(config_.fetch_timeout_ms * 3 / 2) +
             " ms (check quorum)");
        TransitionToResigned();
      } else {
        ArmStateTimer(left);
      }
      return;
    }
  }
}

// QuorumState.randomElectionTimeoutMs: election.timeout.ms + a random share
// of it, from this node's seeded stream.
TimeNs KafkaRaftClient::RandomElectionTimeout() {
  const int64_t base = config_.election_timeout_ms;
  if (base == 0) return 0;
  return Ms(base + static_cast<int64_t>(env_.random.Below(static_cast<uint64_t>(base))));
}

void KafkaRaftClient::LeaveLeadership() {
  if (quorum_.role() == RaftRole::kLeader) AnswerParkedFetchesAfterLeadership();
  fetch_in_flight_ = false;
  ++generation_;
}

// QuorumState.transitionToUnattached: an unattached voter or a candidate
// keeps the election time it has left (a fresh timeout at every newer epoch
// would let a candidate that cannot win — a stale log, rejected by all —
// keep everyone else from ever starting an election); others draw a new one.
void KafkaRaftClient::TransitionToUnattached(LeaderEpoch epoch) {
  const RaftRole was = quorum_.role();
  const TimeNs left = std::max<TimeNs>(0, state_deadline_ - env_.Now());
  LeaveLeadership();
  Check(quorum_.TransitionToUnattached(epoch), "writing quorum-state");
  const bool keep = was == RaftRole::kUnattached || was == RaftRole::kCandidate;
  ArmStateTimer(keep ? left : RandomElectionTimeout());
}

void KafkaRaftClient::TransitionToFollower(LeaderEpoch epoch, NodeId leader) {
  LeaveLeadership();
  Check(quorum_.TransitionToFollower(epoch, leader), "writing quorum-state");
  Note("follows " + VoterName(leader) + " in epoch " + std::to_string(epoch.value()));
  ArmStateTimer(Ms(config_.fetch_timeout_ms));
  SendFetch();
}

void KafkaRaftClient::TransitionToResigned() {
  const std::vector<NodeId> successors = quorum_.leader().NonLeaderVotersByDescendingFetchOffset();
  LeaveLeadership();
  Check(quorum_.TransitionToResigned(), "resigning");
  SendEndQuorumEpochRequests(successors);
  ArmStateTimer(RandomElectionTimeout());
}

// Kafka's maybeHandleCommonResponse + maybeTransition: a newer epoch wins
// (as Follower if it names a leader, else Unattached); in our epoch, a named
// leader we did not know is followed. Returns true if the message is stale.
bool KafkaRaftClient::MaybeTransition(NodeId leader, LeaderEpoch epoch) {
  if (epoch < quorum_.epoch()) return true;
  const bool named = leader != kNoNode && leader != env_.self;
  if (epoch > quorum_.epoch()) {
    if (named) {
      TransitionToFollower(epoch, leader);
    } else {
      TransitionToUnattached(epoch);
    }
  } else if (named && quorum_.leader_id() == kNoNode) {
    TransitionToFollower(epoch, leader);
  } else if (named) {
    KSIM_ASSERT(quorum_.leader_id() == leader, "two leaders named in one epoch");
  }
  return false;
}

// Kafka halts the process when its metadata log cannot be written.
void KafkaRaftClient::Check(const Status& s, const char* what) {
  if (s.ok()) return;
  env_.process.Halt(std::string("KRaft: ") + what + " failed: " + s.error().message);
}

void KafkaRaftClient::Note(const std::string& text) {
  env_.observer.Observe(ObsNote{env_.self, VoterName(env_.self) + " " + text});
}

}  // namespace kafkasim::raft
