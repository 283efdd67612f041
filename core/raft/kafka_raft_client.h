// core/raft/kafka_raft_client.h — one voter of the KRaft quorum (Kafka's
// KafkaRaftClient, KIP-595, as of Kafka 3.9): elections, the replicated
// __cluster_metadata log and its quorum high watermark.
//
// Event-driven rather than Kafka's poll loop: each role has one deadline
// (the state timer) — Unattached/Resigned: the election timeout; Candidate:
// the election timeout, then the backoff; Follower: fetch.timeout.ms;
// Leader: the check-quorum timeout — and messages are handled as they come.
//
// Where things happen:
//   kafka_raft_client.cc   Start, message dispatch, transitions, the state
//                          timer, epochs learned from any message
//                          (maybeHandleCommonResponse / maybeTransition)
//   raft_vote.cc           candidacy: Vote requests, granting a vote,
//                          counting answers (CandidateState), becoming leader
//   raft_quorum_epoch.cc   BeginQuorumEpoch (a new leader announces itself),
//                          EndQuorumEpoch (a leader resigns)
//   raft_fetch_leader.cc   the leader's side of Fetch: divergence check,
//                          voter offsets, the HW, fetches parked at the leader
//   raft_fetch_follower.cc the follower's side: fetching, truncating on a
//                          diverging epoch, appending, learning the HW
//
// Not modelled yet: pre-vote (KIP-996 is after Kafka 3.9), snapshots of the
// metadata log, observers (non-voters), voter changes (KIP-853), the
// leader's append linger (records are appended at once).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "core/env.h"
#include "core/raft/quorum_config.h"
#include "core/raft/quorum_state.h"
#include "core/raft/raft_log.h"

namespace kafkasim::raft {

class KafkaRaftClient {
 public:
  KafkaRaftClient(Env& env, QuorumConfig config);
  KafkaRaftClient(const KafkaRaftClient&) = delete;
  KafkaRaftClient& operator=(const KafkaRaftClient&) = delete;

  // Reads the log and the quorum-state file, then takes up its role.
  void Start();
  // Consumes the quorum's messages; false for anything else.
  bool OnMessage(NodeId from, const Message& message);
  // The leader appends a record in its epoch (fsynced); elsewhere
  // NOT_LEADER_OR_FOLLOWER. Committed once the quorum HW passes its offset.
  Result<Offset> Append(std::string payload);
  // Called after anything that may have changed the role, the epoch, the log
  // or the high watermark: a message handled, the state timer, Start. Not
  // after Append (its caller knows). The KRaft controller hangs off this
  // (Kafka's RaftClient.Listener: handleCommit, handleLeaderChange).
  void set_on_change(std::function<void()> fn) { on_change_ = std::move(fn); }

  NodeId local_id() const { return env_.self; }
  RaftRole role() const { return quorum_.role(); }
  LeaderEpoch epoch() const { return quorum_.epoch(); }
  NodeId leader_id() const { return quorum_.leader_id(); }
  NodeId voted_id() const { return quorum_.voted_id(); }
  // Unknown on a new leader until a record of its epoch is committed.
  std::optional<Offset> high_watermark() const { return high_watermark_; }
  const RaftLog& log() const { return log_; }
  const QuorumConfig& config() const { return config_; }
  // The leader's view of its voters (DescribeQuorum); null unless leader.
  const LeaderState* leader_state() const { return quorum_.leader_if_any(); }

 private:
  // kafka_raft_client.cc
  void ArmStateTimer(TimeNs delay);
  void OnStateTimer();
  TimeNs RandomElectionTimeout();
  void TransitionToUnattached(LeaderEpoch epoch);
  void TransitionToFollower(LeaderEpoch epoch, NodeId leader);
  void TransitionToResigned();
  void LeaveLeadership();
  // Any message naming a newer epoch (or the leader of ours) moves this
  // voter there first. Returns true if the message is from an older epoch.
  bool MaybeTransition(NodeId leader, LeaderEpoch epoch);
  void Check(const Status& s, const char* what);
  void Note(const std::string& text);
  void NotifyChange();

  // raft_vote.cc
  void TransitionToCandidate();
  void SendVoteRequests();
  void HandleVoteRequest(NodeId from, const VoteRequest& req);
  void HandleVoteResponse(NodeId from, const VoteResponse& resp);
  void MaybeTransitionToLeader();
  void OnBecomeLeader();
  void StartBackingOff();
  TimeNs BinaryExponentialElectionBackoff(int retries);

  // raft_quorum_epoch.cc
  void SendBeginQuorumEpochRequests();
  void HandleBeginQuorumEpochRequest(NodeId from, const BeginQuorumEpochRequest& req);
  void HandleBeginQuorumEpochResponse(NodeId from, const BeginQuorumEpochResponse& resp);
  void SendEndQuorumEpochRequests(const std::vector<NodeId>& preferred_successors);
  void HandleEndQuorumEpochRequest(NodeId from, const EndQuorumEpochRequest& req);
  TimeNs StrictExponentialElectionBackoff(int position, int successors) const;

  // raft_fetch_leader.cc
  void HandleFetchRequest(NodeId from, const RaftFetchRequest& req);
  RaftFetchResponse BuildFetchResponse(const RaftFetchRequest& req);
  void ParkFetch(NodeId from, const RaftFetchRequest& req);
  void CompleteParkedFetches();
  void AnswerParkedFetchesAfterLeadership();
  void OnLeaderHighWatermarkMaybeMoved(bool moved);

  // raft_fetch_follower.cc
  void SendFetch();
  void HandleFetchResponse(NodeId from, const RaftFetchResponse& resp);
  void AppendAsFollower(const RaftFetchResponse& resp);
  void UpdateFollowerHighWatermark(Offset leader_hw);

  Env& env_;
  QuorumConfig config_;
  RaftLog log_;
  QuorumState quorum_;
  std::optional<Offset> high_watermark_;
  uint64_t generation_ = 0;  // +1 per transition; a timer of an older one does nothing
  TimerId state_timer_ = 0;
  bool state_timer_armed_ = false;
  TimeNs state_deadline_ = 0;  // when the state timer fires
  // Follower: the fetch in flight.
  bool fetch_in_flight_ = false;
  int32_t next_correlation_id_ = 1;
  int32_t fetch_correlation_id_ = 0;
  // Leader: empty fetches waiting for records or a new HW (Kafka's fetch purgatory).
  struct ParkedFetch {
    RaftFetchRequest request;
    TimerId timer = 0;
  };
  std::map<NodeId, ParkedFetch> parked_fetches_;
  std::function<void()> on_change_;
};

}  // namespace kafkasim::raft
