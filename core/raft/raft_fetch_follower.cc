// core/raft/raft_fetch_follower.cc — the follower's side of Fetch (Kafka's
// maybeSendFetchOrFetchSnapshot / handleFetchResponse): one fetch in flight
// from the log end; a diverging epoch in the answer truncates the log
// (never below the HW) and fetches again; records are appended (fsynced)
// before the next fetch reports them; the HW is the leader's, capped at the
// log end.
#include "core/raft/kafka_raft_client.h"

#include <algorithm>

#include "core/util/assert.h"
#include "core/protocol/message.h"
#include "core/observe/observation.h"
#include "core/protocol/txn.h"
#include "core/protocol/group.h"

namespace kafkasim::raft {

void KafkaRaftClient::SendFetch() {
  if (quorum_.role() != RaftRole::kFollower || fetch_in_flight_) return;
  fetch_in_flight_ = true;
  fetch_correlation_id_ = next_correlation_id_++;
  RaftFetchRequest req;
  req.correlation_id = fetch_correlation_id_;
  req.replica_id = env_.self;
  req.current_leader_epoch = quorum_.epoch();
  req.fetch_offset = log_.EndOffset();
  req.last_fetched_epoch = log_.LastFetchedEpoch();
  env_.net.Send(quorum_.leader_id(), Message{req});
  // controller.quorum.request.timeout.ms: an unanswered fetch is sent again.
  env_.timers.Schedule(Ms(config_.request_timeout_ms), [this, gen = generation_, id = fetch_correlation_id_] {
    if (gen != generation_ || !fetch_in_flight_ || id != fetch_correlation_id_) return;
    fetch_in_flight_ = false;
    SendFetch();
  });
}

void KafkaRaftClient::HandleFetchResponse(NodeId from, const RaftFetchResponse& resp) {
  if (MaybeTransition(resp.leader_id, resp.leader_epoch)) return;
  if (quorum_.role() != RaftRole::kFollower || from != quorum_.leader_id() ||
      resp.correlation_id != fetch_correlation_id_ || !fetch_in_flight_) {
    return;  // stale: an older fetch, or an older leader
  }
  fetch_in_flight_ = false;
  if (resp.error_code != ErrorCode::NONE) {
    // e.g. NOT_LEADER_OR_FOLLOWER from a leader that just resigned: ask
    // again after a backoff (its EndQuorumEpoch, a newer epoch in an answer
    // or the fetch timeout moves this voter on).
    env_.timers.Schedule(Ms(config_.retry_backoff_ms), [this, gen = generation_] {
      if (gen == generation_) SendFetch();
    });
    return;
  }
  ArmStateTimer(Ms(config_.fetch_timeout_ms));  // resetFetchTimeoutForSuccessfulFetch
  if (resp.diverging_epoch) {
    const OffsetAndEpoch diverging{resp.diverging_epoch->end_offset, resp.diverging_epoch->epoch};
    auto cut = log_.TruncateToEndOffset(diverging);
    if (!cut.ok()) return Check(Status(cut.error()), "truncating the metadata log");
    KSIM_ASSERT(!high_watermark_ || *cut >= *high_watermark_,
                "the metadata log was truncated below its high watermark");
    Note("truncates the metadata log to offset " + std::to_string(cut->value()) +
         ": it diverges from the leader's after epoch " + std::to_string(diverging.epoch.value()) + " ends at " +
         std::to_string(diverging.offset.value()));
  } else {
    AppendAsFollower(resp);
  }
  SendFetch();
}

void KafkaRaftClient::AppendAsFollower(const RaftFetchResponse& resp) {
  if (resp.records && !resp.records->empty()) {
    if (resp.records_offset != log_.EndOffset()) return;  // not from our end: fetch again
    for (const RaftRecord& r : *resp.records) {
      Check(log_.Append(r), "appending to the metadata log");
    }
  }
  if (resp.high_watermark.value() >= 0) UpdateFollowerHighWatermark(resp.high_watermark);
}

// FollowerState.updateHighWatermark: never down; capped at the log end
// (KafkaMetadataLog.updateHighWatermark).
void KafkaRaftClient::UpdateFollowerHighWatermark(Offset leader_hw) {
  const Offset hw = std::min(leader_hw, log_.EndOffset());
  if (high_watermark_ && hw <= *high_watermark_) return;
  high_watermark_ = hw;
}

}  // namespace kafkasim::raft
