// core/raft/raft_fetch_leader.cc — the leader's side of Fetch (Kafka's
// handleFetchRequest / tryCompleteFetchRequest): epoch checks, the
// divergence check, the fetcher's offset into the quorum HW, and fetches
// with nothing to return parked until records or a new HW arrive (up to
// MAX_FETCH_WAIT_MS, Kafka's fetch purgatory).
#include "core/raft/kafka_raft_client.h"

#include "core/util/assert.h"
#include "core/protocol/message.h"
#include "core/observe/observation.h"
#include "core/protocol/txn.h"
#include "core/protocol/group.h"

namespace kafkasim::raft {

void KafkaRaftClient::HandleFetchRequest(NodeId from, const RaftFetchRequest& req) {
  RaftFetchResponse resp;
  resp.correlation_id = req.correlation_id;
  // validateLeaderOnlyRequest
  if (req.current_leader_epoch < quorum_.epoch()) {
    resp.error_code = ErrorCode::FENCED_LEADER_EPOCH;
  } else if (req.current_leader_epoch > quorum_.epoch()) {
    resp.error_code = ErrorCode::UNKNOWN_LEADER_EPOCH;
  } else if (!quorum_.is_leader()) {
    resp.error_code = ErrorCode::NOT_LEADER_OR_FOLLOWER;
  }
  if (resp.error_code != ErrorCode::NONE) {
    resp.leader_id = quorum_.leader_id();
    resp.leader_epoch = quorum_.epoch();
    env_.net.Send(from, Message{resp});
    return;
  }
  LeaderState& state = quorum_.leader();
  state.UpdateCheckQuorumForFollowingVoter(req.replica_id, env_.Now());
  state.unacked_voters.erase(req.replica_id);
  const ValidOffsetAndEpoch valid = log_.ValidateOffsetAndEpoch(req.fetch_offset, req.last_fetched_epoch);
  if (!valid.diverging) {
    OnLeaderHighWatermarkMaybeMoved(state.UpdateReplicaState(req.replica_id, req.fetch_offset, env_.Now()));
  }
  resp = BuildFetchResponse(req);
  const bool empty = !resp.diverging_epoch && (!resp.records || resp.records->empty());
  if (empty) {
    ParkFetch(from, req);
    return;
  }
  env_.net.Send(from, Message{resp});
}

// The answer from the current log: a diverging epoch, or the records from
// the fetch offset and the HW (-1 while this leader has none).
RaftFetchResponse KafkaRaftClient::BuildFetchResponse(const RaftFetchRequest& req) {
  RaftFetchResponse resp;
  resp.correlation_id = req.correlation_id;
  resp.leader_id = env_.self;
  resp.leader_epoch = quorum_.epoch();
  resp.high_watermark = high_watermark_.value_or(Offset{-1});
  const ValidOffsetAndEpoch valid = log_.ValidateOffsetAndEpoch(req.fetch_offset, req.last_fetched_epoch);
  if (valid.diverging) {
    resp.diverging_epoch = DivergingEpoch{valid.end.epoch, valid.end.offset};
    return resp;
  }
  resp.records_offset = req.fetch_offset;
  resp.records =
      std::make_shared<const std::vector<RaftRecord>>(log_.ReadFrom(req.fetch_offset, QuorumConfig::kMaxFetchRecords));
  return resp;
}

// One parked fetch per replica; a newer one answers the older at once.
void KafkaRaftClient::ParkFetch(NodeId from, const RaftFetchRequest& req) {
  if (auto it = parked_fetches_.find(from); it != parked_fetches_.end()) {
    env_.timers.Cancel(it->second.timer);
    env_.net.Send(from, Message{BuildFetchResponse(it->second.request)});
    parked_fetches_.erase(it);
  }
  const TimerId timer = env_.timers.Schedule(Ms(QuorumConfig::kMaxFetchWaitMs), [this, from, gen = generation_] {
    if (gen != generation_) return;
    auto it = parked_fetches_.find(from);
    if (it == parked_fetches_.end()) return;
    RaftFetchRequest parked = it->second.request;
    parked_fetches_.erase(it);
    env_.net.Send(from, Message{BuildFetchResponse(parked)});
  });
  parked_fetches_[from] = ParkedFetch{req, timer};
}

void KafkaRaftClient::CompleteParkedFetches() {
  std::map<NodeId, ParkedFetch> parked = std::move(parked_fetches_);
  parked_fetches_.clear();
  for (auto& [replica, p] : parked) {
    env_.timers.Cancel(p.timer);
    env_.net.Send(replica, Message{BuildFetchResponse(p.request)});
  }
}

// Leadership ended: the parked fetchers hear who leads now (Kafka completes
// its purgatory with NOT_LEADER_OR_FOLLOWER).
void KafkaRaftClient::AnswerParkedFetchesAfterLeadership() {
  std::map<NodeId, ParkedFetch> parked = std::move(parked_fetches_);
  parked_fetches_.clear();
  for (auto& [replica, p] : parked) {
    env_.timers.Cancel(p.timer);
    RaftFetchResponse resp;
    resp.correlation_id = p.request.correlation_id;
    resp.error_code = ErrorCode::NOT_LEADER_OR_FOLLOWER;
    resp.leader_id = kNoNode;
    resp.leader_epoch = quorum_.epoch();
    env_.net.Send(replica, Message{resp});
  }
}

void KafkaRaftClient::OnLeaderHighWatermarkMaybeMoved(bool moved) {
  if (!moved) return;
  const std::optional<Offset> hw = quorum_.leader().high_watermark();
  KSIM_ASSERT(hw && (!high_watermark_ || *hw > *high_watermark_), "the quorum high watermark went down");
  KSIM_ASSERT(*hw <= log_.EndOffset(), "the quorum high watermark above the leader's log end");
  high_watermark_ = hw;
  CompleteParkedFetches();  // followers learn the new HW
}

}  // namespace kafkasim::raft
