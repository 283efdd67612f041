// core/raft/raft_vote.cc — elections: a candidate asks for votes, a voter
// grants at most one per epoch, the candidate counts them (CandidateState,
// where a KRaft vote is counted) and becomes leader with a majority.
#include <algorithm>
#include <tuple>

#include "core/raft/kafka_raft_client.h"
#include "core/util/assert.h"
#include "core/protocol/message.h"
#include "core/observe/observation.h"
#include "core/protocol/txn.h"
#include "core/protocol/group.h"

namespace kafkasim::raft {

// Kafka's transitionToCandidate: epoch + 1, a vote for itself (persisted),
// a fresh random election timeout, Vote requests to the other voters.
void KafkaRaftClient::TransitionToCandidate() {
  LeaveLeadership();
  Check(quorum_.TransitionToCandidate(), "writing quorum-state");
  Note("becomes a candidate in epoch " + std::to_string(quorum_.epoch().value()) + " (election " +
       std::to_string(quorum_.candidate().retries()) + " in a row)");
  ArmStateTimer(RandomElectionTimeout());
  SendVoteRequests();
  MaybeTransitionToLeader();  // a single voter is its own majority
}

void KafkaRaftClient::SendVoteRequests() {
  const OffsetAndEpoch end = log_.EndOffsetAndEpoch();
  for (NodeId voter : quorum_.candidate().UnrecordedVoters()) {
    env_.net.Send(voter, Message{VoteRequest{env_.self, quorum_.epoch(), end.epoch, end.offset}});
  }
}

// Kafka's handleVoteRequest. A newer epoch first makes this voter Unattached
// in it (even a leader: without pre-vote a returning voter can disrupt).
// The vote is granted if this voter has not voted in the epoch (or voted
// for this candidate), knows no leader of it, and the candidate's log is at
// least as up to date — compared by (last epoch, end offset), Raft §5.4.1.
// The vote is persisted before the answer leaves.
void KafkaRaftClient::HandleVoteRequest(NodeId from, const VoteRequest& req) {
  // Kafka answers a non-voter INCONSISTENT_VOTER_SET; voters are fixed here, so none asks.
  if (!quorum_.IsVoter(req.candidate_id)) return;
  VoteResponse resp;
  if (req.candidate_epoch < quorum_.epoch()) {
    resp.error_code = ErrorCode::FENCED_LEADER_EPOCH;
  } else {
    if (req.candidate_epoch > quorum_.epoch()) TransitionToUnattached(req.candidate_epoch);
    const OffsetAndEpoch candidate_end{req.last_offset, req.last_offset_epoch};
    const OffsetAndEpoch local_end = log_.EndOffsetAndEpoch();
    const bool log_up_to_date =
        std::tie(candidate_end.epoch, candidate_end.offset) >= std::tie(local_end.epoch, local_end.offset);
    const bool may_vote = quorum_.role() == RaftRole::kUnattached &&
                          (quorum_.voted_id() == kNoNode || quorum_.voted_id() == req.candidate_id);
    resp.vote_granted = may_vote && log_up_to_date;
    if (resp.vote_granted && quorum_.voted_id() == kNoNode) {
      Check(quorum_.TransitionToUnattachedVotedState(req.candidate_id), "writing quorum-state");
      ArmStateTimer(RandomElectionTimeout());
    }
  }
  resp.leader_id = quorum_.leader_id();
  resp.leader_epoch = quorum_.epoch();
  env_.net.Send(from, Message{resp});
}

// Kafka's handleVoteResponse: counted only by a candidate of that epoch.
// A majority refusing ends the election at once: back off, then try again.
void KafkaRaftClient::HandleVoteResponse(NodeId from, const VoteResponse& resp) {
  if (MaybeTransition(resp.leader_id, resp.leader_epoch)) return;
  if (quorum_.role() != RaftRole::kCandidate || resp.leader_epoch != quorum_.epoch()) return;
  if (resp.error_code != ErrorCode::NONE) return;
  CandidateState& state = quorum_.candidate();
  if (resp.vote_granted) {
    state.RecordGrantedVote(from);
    MaybeTransitionToLeader();
    return;
  }
  state.RecordRejectedVote(from);
  if (state.IsVoteRejected() && !state.backing_off) StartBackingOff();
}

void KafkaRaftClient::MaybeTransitionToLeader() {
  if (quorum_.role() != RaftRole::kCandidate || !quorum_.candidate().IsVoteGranted()) return;
  OnBecomeLeader();
}

// Kafka's onBecomeLeader: the epoch starts at the log end; the leader
// appends a LeaderChange control record at once, so the HW can move as soon
// as a majority holds it, and announces itself with BeginQuorumEpoch.
void KafkaRaftClient::OnBecomeLeader() {
  const size_t votes = quorum_.candidate().granted();
  const Offset epoch_start = log_.EndOffset();
  ++generation_;
  Check(quorum_.TransitionToLeader(epoch_start, env_.Now()), "writing quorum-state");
  high_watermark_.reset();  // LeaderState starts without one
  Note("is the quorum leader in epoch " + std::to_string(quorum_.epoch().value()) + " with " + std::to_string(votes) +
       " of " + std::to_string(config_.voters.size()) + " votes");
  std::string voters;
  for (NodeId v : config_.voters) voters += (voters.empty() ? "" : ",") + std::to_string(v.value());
  Check(log_.Append(RaftRecord{quorum_.epoch(), true,
                               "LeaderChange leader=" + std::to_string(env_.self.value()) + " voters=" + voters}),
        "appending the LeaderChange record");
  OnLeaderHighWatermarkMaybeMoved(quorum_.leader().UpdateLocalState(log_.EndOffset()));
  ArmStateTimer(quorum_.leader().TimeUntilCheckQuorumExpires(env_.Now()));
  SendBeginQuorumEpochRequests();
}

void KafkaRaftClient::StartBackingOff() {
  CandidateState& state = quorum_.candidate();
  state.backing_off = true;
  const TimeNs backoff = BinaryExponentialElectionBackoff(state.retries());
  Note("lost the election of epoch " + std::to_string(quorum_.epoch().value()) + "; backs off " +
       std::to_string(backoff / kNsPerMs) + " ms");
  ArmStateTimer(backoff);
}

// Kafka's binaryExponentialElectionBackoffMs: RETRY_BACKOFF_BASE_MS times a
// random number below 2^retries, capped at election.backoff.max.ms.
TimeNs KafkaRaftClient::BinaryExponentialElectionBackoff(int retries) {
  KSIM_ASSERT(retries > 0, "election backoff before any election");
  const uint64_t range = uint64_t{2} << std::min(20, retries - 1);
  const int64_t ms = QuorumConfig::kRetryBackoffBaseMs * static_cast<int64_t>(env_.random.Below(range));
  return Ms(std::min<int64_t>(ms, config_.election_backoff_max_ms));
}

}  // namespace kafkasim::raft
