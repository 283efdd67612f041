// core/raft/raft_quorum_epoch.cc — BeginQuorumEpoch (a new leader tells the
// voters, resent every fetch.timeout.ms/2 until each acknowledges or
// fetches) and EndQuorumEpoch (a resigning leader tells them, naming its
// preferred successors, furthest fetch first).
#include <algorithm>

#include "core/raft/kafka_raft_client.h"
#include "core/protocol/message.h"
#include "core/observe/observation.h"
#include "core/protocol/txn.h"
#include "core/protocol/group.h"

namespace kafkasim::raft {

void KafkaRaftClient::SendBeginQuorumEpochRequests() {
  if (!quorum_.is_leader()) return;
  LeaderState& state = quorum_.leader();
  if (state.unacked_voters.empty()) return;
  for (NodeId voter : state.unacked_voters) {
    env_.net.Send(voter, Message{BeginQuorumEpochRequest{env_.self, quorum_.epoch()}});
  }
  env_.timers.Schedule(Ms(config_.fetch_timeout_ms) / 2, [this, gen = generation_] {
    if (gen == generation_) SendBeginQuorumEpochRequests();
  });
}

// Kafka's handleBeginQuorumEpochRequest: an older epoch is fenced; else the
// sender is this voter's leader from now on.
void KafkaRaftClient::HandleBeginQuorumEpochRequest(NodeId from, const BeginQuorumEpochRequest& req) {
  BeginQuorumEpochResponse resp;
  if (req.leader_epoch < quorum_.epoch()) {
    resp.error_code = ErrorCode::FENCED_LEADER_EPOCH;
  } else {
    MaybeTransition(req.leader_id, req.leader_epoch);
  }
  resp.leader_id = quorum_.leader_id();
  resp.leader_epoch = quorum_.epoch();
  env_.net.Send(from, Message{resp});
}

void KafkaRaftClient::HandleBeginQuorumEpochResponse(NodeId from, const BeginQuorumEpochResponse& resp) {
  if (MaybeTransition(resp.leader_id, resp.leader_epoch)) return;
  if (quorum_.is_leader() && resp.error_code == ErrorCode::NONE && resp.leader_epoch == quorum_.epoch()) {
    quorum_.leader().unacked_voters.erase(from);
  }
}

// Sent once (Kafka resends to voters that have not acknowledged).
void KafkaRaftClient::SendEndQuorumEpochRequests(const std::vector<NodeId>& preferred_successors) {
  for (NodeId voter : config_.voters) {
    if (voter == env_.self) continue;
    env_.net.Send(voter, Message{EndQuorumEpochRequest{env_.self, quorum_.epoch(), preferred_successors}});
  }
}

// Kafka's handleEndQuorumEpochRequest: a follower of that leader starts an
// election after a backoff by its place among the preferred successors (the
// first at once), instead of waiting for its fetch timeout.
void KafkaRaftClient::HandleEndQuorumEpochRequest(NodeId from, const EndQuorumEpochRequest& req) {
  EndQuorumEpochResponse resp;
  if (req.leader_epoch < quorum_.epoch()) {
    resp.error_code = ErrorCode::FENCED_LEADER_EPOCH;
  } else {
    MaybeTransition(req.leader_id, req.leader_epoch);
    if (quorum_.role() == RaftRole::kFollower && quorum_.leader_id() == req.leader_id) {
      const auto& s = req.preferred_successors;
      const auto it = std::find(s.begin(), s.end(), env_.self);
      const int position = it == s.end() ? -1 : static_cast<int>(it - s.begin());
      ArmStateTimer(StrictExponentialElectionBackoff(position, static_cast<int>(s.size())));
    }
  }
  resp.leader_id = quorum_.leader_id();
  resp.leader_epoch = quorum_.epoch();
  env_.net.Send(from, Message{resp});
}

// Kafka's strictExponentialElectionBackoffMs.
TimeNs KafkaRaftClient::StrictExponentialElectionBackoff(int position, int successors) const {
  const int64_t max_ms = config_.election_backoff_max_ms;
  if (position == 0) return 0;
  if (position < 0 || position >= successors) return Ms(max_ms);
  const int64_t base = max_ms >> (successors - 1);
  return Ms(std::min<int64_t>(max_ms, base << (position - 1)));
}

}  // namespace kafkasim::raft
