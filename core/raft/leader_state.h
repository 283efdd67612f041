// core/raft/leader_state.h — the leader's view of its voters (Kafka's
// LeaderState): each voter's fetch offset, the quorum high watermark, and
// the check-quorum timer.
//
// The quorum high watermark (MaybeUpdateHighWatermark): sort the voters'
// end offsets (the leader's own included) in descending order and take the
// one at index voters/2 — the largest offset a majority holds. It becomes
// the HW only if it is above epoch_start_offset, the leader's log end when
// it was elected: a leader commits nothing of earlier epochs until one
// record of its own epoch (the LeaderChange control record) is on a
// majority (Raft §5.4.2). It never goes down.
//
// Check quorum (KAFKA-15489, Kafka 3.7): each voter that fetches is noted;
// once a majority (the leader counted) has fetched, the timer restarts at
// 1.5 x fetch.timeout.ms. If it runs out, the leader resigns — a leader cut
// off with a minority stops acting as one.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <vector>

#include "core/raft/quorum_config.h"
#include "core/types.h"

namespace kafkasim::raft {

class LeaderState {
 public:
  LeaderState(NodeId local, LeaderEpoch epoch, Offset epoch_start_offset, const QuorumConfig& config, TimeNs now);

  LeaderEpoch epoch() const { return epoch_; }
  Offset epoch_start_offset() const { return epoch_start_offset_; }
  std::optional<Offset> high_watermark() const { return high_watermark_; }

  // The leader's own log end (after an fsynced append). True if the HW moved.
  bool UpdateLocalState(Offset end_offset);
  // A voter fetched at `fetch_offset` (a valid fetch: it holds everything
  // before it) at `now`. True if the HW moved.
  bool UpdateReplicaState(NodeId replica, Offset fetch_offset, TimeNs now);

  // DescribeQuorum (RaftUtil.toReplicaState): each voter's log end offset
  // (-1 before its first fetch), last fetch and last caught-up time in ms
  // (-1: never; the leader itself: now). Voters in id order.
  struct ReplicaDescription {
    NodeId id;
    int64_t log_end_offset = -1;
    int64_t last_fetch_ms = -1;
    int64_t last_caught_up_ms = -1;
  };
  std::vector<ReplicaDescription> DescribeVoters(TimeNs now) const;

  // Check quorum: a voter fetched (valid or not: it follows this leader).
  void UpdateCheckQuorumForFollowingVoter(NodeId voter, TimeNs now);
  // 0 once the check-quorum timer has run out.
  TimeNs TimeUntilCheckQuorumExpires(TimeNs now) const;

  // The other voters, furthest fetch first: the preferred successors in EndQuorumEpoch.
  std::vector<NodeId> NonLeaderVotersByDescendingFetchOffset() const;

  // BeginQuorumEpoch: voters that have not acknowledged this epoch yet.
  std::set<NodeId> unacked_voters;

 private:
  bool MaybeUpdateHighWatermark();
  void RecordFetchTimes(NodeId replica, Offset fetch_offset, TimeNs now);

  NodeId local_;
  LeaderEpoch epoch_;
  Offset epoch_start_offset_;
  std::map<NodeId, std::optional<Offset>> voter_end_offsets_;
  // ReplicaState.updateFollowerState's timestamps, in ms of simulated time.
  struct FetchTimes {
    int64_t last_fetch_ms = -1;
    int64_t last_fetch_leader_end = -1;
    int64_t last_caught_up_ms = -1;
  };
  std::map<NodeId, FetchTimes> fetch_times_;
  std::optional<Offset> high_watermark_;
  TimeNs check_quorum_timeout_ns_;
  TimeNs check_quorum_deadline_ns_;
  std::set<NodeId> fetched_voters_;  // in the current check-quorum interval
  size_t majority_;
};

}  // namespace kafkasim::raft
