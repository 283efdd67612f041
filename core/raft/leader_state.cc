// core/raft/leader_state.cc — voter offsets, the quorum HW, check quorum.
#include "core/raft/leader_state.h"

#include <algorithm>

#include "core/util/assert.h"

namespace kafkasim::raft {

LeaderState::LeaderState(NodeId local, LeaderEpoch epoch, Offset epoch_start_offset, const QuorumConfig& config,
                         TimeNs now)
    : local_(local),
      epoch_(epoch),
      epoch_start_offset_(epoch_start_offset),
      check_quorum_timeout_ns_(static_cast<TimeNs>(static_cast<double>(Ms(config.fetch_timeout_ms)) *
                                                   QuorumConfig::kCheckQuorumTimeoutFactor)),
      check_quorum_deadline_ns_(now + check_quorum_timeout_ns_),
      majority_(config.Majority()) {
  for (NodeId v : config.voters) {
    voter_end_offsets_[v] = std::nullopt;
    if (v != local) unacked_voters.insert(v);
  }
}

bool LeaderState::UpdateLocalState(Offset end_offset) {
  voter_end_offsets_[local_] = end_offset;
  return MaybeUpdateHighWatermark();
}

bool LeaderState::UpdateReplicaState(NodeId replica, Offset fetch_offset, TimeNs now) {
  auto it = voter_end_offsets_.find(replica);
  if (it == voter_end_offsets_.end()) return false;  // not a voter (an observer): does not count
  RecordFetchTimes(replica, fetch_offset, now);
  // A fetch offset can go down only after the replica lost its disk; Kafka
  // logs it and keeps the HW. kafkasim's fsync-before-fetch makes it a bug.
  KSIM_ASSERT(!it->second || fetch_offset >= *it->second || fetch_offset >= high_watermark_.value_or(Offset{0}),
              "a voter's fetch offset fell below the quorum high watermark");
  it->second = fetch_offset;
  return MaybeUpdateHighWatermark();
}

// ReplicaState.updateFollowerState: caught up now if the fetch reaches the
// leader's end; caught up at the previous fetch if it reaches the leader's
// end as it was then.
void LeaderState::RecordFetchTimes(NodeId replica, Offset fetch_offset, TimeNs now) {
  FetchTimes& t = fetch_times_[replica];
  const int64_t now_ms = now / kNsPerMs;
  if (const std::optional<Offset>& leader_end = voter_end_offsets_[local_]) {
    if (fetch_offset >= *leader_end) {
      t.last_caught_up_ms = std::max(t.last_caught_up_ms, now_ms);
    } else if (t.last_fetch_leader_end > 0 && fetch_offset.value() >= t.last_fetch_leader_end) {
      t.last_caught_up_ms = std::max(t.last_caught_up_ms, t.last_fetch_ms);
    }
    t.last_fetch_leader_end = leader_end->value();
  }
  t.last_fetch_ms = std::max(t.last_fetch_ms, now_ms);
}

std::vector<LeaderState::ReplicaDescription> LeaderState::DescribeVoters(TimeNs now) const {
  std::vector<ReplicaDescription> out;
  for (const auto& [v, end] : voter_end_offsets_) {
    ReplicaDescription d{v, end ? end->value() : -1, -1, -1};
    if (v == local_) {
      d.last_fetch_ms = d.last_caught_up_ms = now / kNsPerMs;
    } else if (auto t = fetch_times_.find(v); t != fetch_times_.end()) {
      d.last_fetch_ms = t->second.last_fetch_ms;
      d.last_caught_up_ms = t->second.last_caught_up_ms;
    }
    out.push_back(d);
  }
  return out;
}

// Kafka's LeaderState.maybeUpdateHighWatermark.
bool LeaderState::MaybeUpdateHighWatermark() {
  std::vector<Offset> offsets;
  for (const auto& [v, end] : voter_end_offsets_) offsets.push_back(end.value_or(Offset{-1}));
  std::sort(offsets.begin(), offsets.end(), [](Offset a, Offset b) { return a > b; });
  const Offset candidate = offsets[offsets.size() / 2];  // indexOfHw: a majority holds it
  if (candidate <= epoch_start_offset_) return false;    // nothing of this epoch on a majority yet
  if (high_watermark_ && candidate <= *high_watermark_) return false;
  high_watermark_ = candidate;
  return true;
}

void LeaderState::UpdateCheckQuorumForFollowingVoter(NodeId voter, TimeNs now) {
  if (!voter_end_offsets_.count(voter) || voter == local_) return;
  fetched_voters_.insert(voter);
  // The leader counts itself: a majority has fetched once the others reach majority - 1.
  if (fetched_voters_.size() + 1 >= majority_) {
    fetched_voters_.clear();
    check_quorum_deadline_ns_ = now + check_quorum_timeout_ns_;
  }
}

TimeNs LeaderState::TimeUntilCheckQuorumExpires(TimeNs now) const {
  if (majority_ <= 1) return check_quorum_timeout_ns_;  // a single voter is always its own majority
  return std::max<TimeNs>(0, check_quorum_deadline_ns_ - now);
}

std::vector<NodeId> LeaderState::NonLeaderVotersByDescendingFetchOffset() const {
  std::vector<std::pair<Offset, NodeId>> by_offset;
  for (const auto& [v, end] : voter_end_offsets_)
    if (v != local_) by_offset.emplace_back(end.value_or(Offset{-1}), v);
  std::stable_sort(by_offset.begin(), by_offset.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<NodeId> out;
  for (const auto& [o, v] : by_offset) out.push_back(v);
  return out;
}

}  // namespace kafkasim::raft
