// core/client/fetcher_validation.cc — KIP-320 on the consumer: after a leader
// change, check that the position still lies on the new leader's log.
//
// Why: an unclean election can truncate the log below a consumer's position.
// The new leader then appends different records at those offsets; once its
// log end passes the old position, a fetch there succeeds and the consumer
// silently skips every record the new leader wrote below it (Java before 2.1).
// The fix asks the leader where the epoch of the last consumed record ends:
// a smaller offset than the position means the log diverged there, so the
// position rewinds to it (Java's SubscriptionState.maybeCompleteValidation:
// "Truncation detected ... resetting offset to the first offset known to
// diverge"); with auto.offset.reset=none the partition stops instead (Java
// throws LogTruncationException).
#include "core/client/fetcher.h"
#include "core/observe/observation.h"
#include "core/protocol/message.h"

namespace kafkasim::client {

bool Fetcher::NeedsValidation(const ConsumerPartitionState& st, const PartitionLeader& leader) const {
  // A position restored from a commit has never been checked against this
  // leader (validated_leader_epoch none); one reached by fetching has, under
  // an older epoch.
  return cfg_.validate_positions && st.position_epoch != kNoLeaderEpoch &&
         (st.validated_leader_epoch == kNoLeaderEpoch || leader.epoch > st.validated_leader_epoch);
}

void Fetcher::SendValidation(NodeId broker, const std::vector<TopicPartition>& parts) {
  OffsetsForLeaderEpochRequest req;
  req.replica_id = kConsumerReplicaId;
  std::map<TopicPartition, ValidationAsked> requested;
  for (const auto& tp : parts) {
    ConsumerPartitionState& st = subs_.assigned[tp];
    st.awaiting_validation = true;
    LeaderEpoch current = metadata_.LeaderOf(tp).epoch;
    requested[tp] = ValidationAsked{*st.position, current};
    req.partitions.push_back({tp, current, st.position_epoch});
  }
  tracker_.Send(broker, std::move(req), cfg_.request_timeout_ms,
                [this, requested](const Message* m, ErrorCode err) { OnValidation(requested, m, err); });
}

void Fetcher::OnValidation(const std::map<TopicPartition, ValidationAsked>& requested, const Message* m,
                           ErrorCode err) {
  for (const auto& [tp, pos] : requested) {
    if (ConsumerPartitionState* st = subs_.Find(tp)) st->awaiting_validation = false;
  }
  const auto* resp = ResponseAs<OffsetsForLeaderEpochResponse>(m);
  if (err != ErrorCode::NONE || resp == nullptr) {
    metadata_.RequestUpdate();
    RetryLater();
    return;
  }
  bool retry = false;
  for (const EpochEndOffset& e : resp->partitions) {
    auto req = requested.find(e.tp);
    ConsumerPartitionState* st = subs_.Find(e.tp);
    // Stale: revoked meanwhile, or the position moved (Seek, reset).
    if (req == requested.end() || st == nullptr || st->position != req->second.position) continue;
    if (e.error_code != ErrorCode::NONE) {
      metadata_.RequestUpdate();  // NOT_LEADER_OR_FOLLOWER, FENCED/UNKNOWN_LEADER_EPOCH: a newer leader
      retry = true;
      continue;
    }
    ApplyEpochEndOffset(*st, e, req->second.leader_epoch);
  }
  if (retry) {
    RetryLater();
  } else {
    SendRequests();
  }
}

// `asked_under`: the leader epoch the request was sent under — the one this
// answer validates (a newer one seen meanwhile is validated next).
void Fetcher::ApplyEpochEndOffset(ConsumerPartitionState& st, const EpochEndOffset& e, LeaderEpoch asked_under) {
  const TopicPartition& tp = e.tp;
  st.validated_leader_epoch = asked_under;
  const Offset pos = *st.position;
  if (e.end_offset < Offset{0} || e.end_offset >= pos) return;  // the position is on the leader's log
  std::string what = "log truncation detected on " + tp.ToString() + ": position " + std::to_string(pos.value()) +
                     " (leader epoch " + std::to_string(st.position_epoch.value()) + "), but the leader's epoch " +
                     std::to_string(e.leader_epoch.value()) + " ends at " + std::to_string(e.end_offset.value());
  if (cfg_.auto_offset_reset == config::OffsetReset::kNone) {
    st.reset_failed = true;
    st.position.reset();
    env_.observer.Observe(
        ObsNote{env_.self, what + "; auto.offset.reset=none: partition stopped (LogTruncationException)"});
    return;
  }
  st.SetPosition(e.end_offset, e.leader_epoch);
  Drop(tp);
  env_.observer.Observe(ObsNote{env_.self, what + "; rewinding to the first offset that diverged (KIP-320)"});
}

}  // namespace kafkasim::client
