// core/raft/candidate_state.h — a candidate's election (Kafka's
// CandidateState): WHERE A KRAFT VOTE IS COUNTED. RecordGrantedVote /
// RecordRejectedVote take each voter's answer; IsVoteGranted is true once a
// majority of the voters (this candidate's own vote included) granted it,
// IsVoteRejected once a majority refused (the election cannot be won: back
// off at once).
#pragma once

#include <map>
#include <vector>

#include "core/types.h"

namespace kafkasim::raft {

class CandidateState {
 public:
  // `retries`: elections this voter has run in a row without a leader (1 = first).
  CandidateState(NodeId local, const std::vector<NodeId>& voters, int retries);

  // Each returns true if the answer was new (a duplicate vote counts once).
  bool RecordGrantedVote(NodeId voter);
  bool RecordRejectedVote(NodeId voter);
  bool IsVoteGranted() const;
  bool IsVoteRejected() const;
  // Voters not heard from yet (those a Vote request still goes to).
  std::vector<NodeId> UnrecordedVoters() const;
  size_t granted() const { return Count(State::kGranted); }
  int retries() const { return retries_; }

  // After a lost election, the candidate waits before the next one.
  bool backing_off = false;

 private:
  enum class State { kUnrecorded, kGranted, kRejected };
  size_t Count(State s) const;
  size_t Majority() const { return votes_.size() / 2 + 1; }

  std::map<NodeId, State> votes_;
  int retries_;
};

}  // namespace kafkasim::raft
