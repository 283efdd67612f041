// core/raft/quorum_state.h — where this voter stands in the quorum (Kafka's
// QuorumState): its role, epoch, leader and vote, with the role's own state
// (CandidateState, LeaderState) — and the persisted part of it, the
// `quorum-state` file (Kafka's QuorumStateData: leader epoch, leader id,
// voted id), written and fsynced BEFORE a transition takes effect, so a
// restarted voter never votes twice in one epoch.
//
// Roles and their transitions (Kafka 3.9, which folded VotedState into
// UnattachedState with a voted id):
//   Unattached(epoch, voted?) --election timeout--> Candidate(epoch+1)
//   Candidate --majority of votes--> Leader --check quorum fails--> Resigned
//   Candidate --election timeout--> (backoff) Candidate(epoch+1)
//   any --higher epoch seen--> Unattached(new epoch) or Follower(new epoch, leader)
//   Follower --fetch timeout--> Candidate(epoch+1)
//   Resigned --election timeout--> Candidate(epoch+1)
// INVARIANTS (asserted): the epoch never goes down; at most one vote per
// epoch; a leader only from a candidate holding a majority.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/env.h"
#include "core/raft/candidate_state.h"
#include "core/raft/leader_state.h"
#include "core/raft/quorum_config.h"

namespace kafkasim::raft {

enum class RaftRole { kUnattached, kCandidate, kLeader, kFollower, kResigned };
const char* RaftRoleName(RaftRole role);

// Kafka's ElectionState: what is persisted.
struct ElectionState {
  LeaderEpoch epoch{0};
  NodeId leader_id = kNoNode;
  NodeId voted_id = kNoNode;
};

class QuorumState {
 public:
  QuorumState(Env& env, const QuorumConfig& config, std::string file);

  // Kafka's QuorumState.initialize, after a (re)start: from the file,
  // Follower of the stored leader, Resigned if the stored leader was this
  // voter (a restarted leader does not lead again), else Unattached (with
  // its vote, if any).
  Status Initialize();

  RaftRole role() const { return role_; }
  LeaderEpoch epoch() const { return election_.epoch; }
  NodeId leader_id() const { return election_.leader_id; }
  NodeId voted_id() const { return election_.voted_id; }
  NodeId local_id() const { return env_.self; }
  bool IsVoter(NodeId id) const;
  bool is_leader() const { return role_ == RaftRole::kLeader; }

  Status TransitionToUnattached(LeaderEpoch epoch);
  // Records this voter's vote in the current epoch (Unattached only).
  Status TransitionToUnattachedVotedState(NodeId candidate);
  Status TransitionToCandidate();
  Status TransitionToLeader(Offset epoch_start_offset, TimeNs now);
  Status TransitionToFollower(LeaderEpoch epoch, NodeId leader);
  Status TransitionToResigned();

  CandidateState& candidate();
  LeaderState& leader();
  const LeaderState* leader_if_any() const { return leader_.get(); }

 private:
  Status Persist(const ElectionState& next);
  void SetRole(RaftRole role, const ElectionState& next);

  Env& env_;
  const QuorumConfig& config_;
  std::string file_;
  RaftRole role_ = RaftRole::kUnattached;
  ElectionState election_;
  std::unique_ptr<CandidateState> candidate_;
  std::unique_ptr<LeaderState> leader_;
};

}  // namespace kafkasim::raft
