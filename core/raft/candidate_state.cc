// core/raft/candidate_state.cc — vote counting.
#include "core/raft/candidate_state.h"

#include "core/util/assert.h"

namespace kafkasim::raft {

CandidateState::CandidateState(NodeId local, const std::vector<NodeId>& voters, int retries) : retries_(retries) {
  for (NodeId v : voters) votes_[v] = State::kUnrecorded;
  KSIM_ASSERT(votes_.count(local) == 1, "a candidate that is not a voter");
  votes_[local] = State::kGranted;  // a candidate votes for itself
}

bool CandidateState::RecordGrantedVote(NodeId voter) {
  auto it = votes_.find(voter);
  if (it == votes_.end() || it->second == State::kGranted) return false;
  KSIM_ASSERT(it->second != State::kRejected, "a voter granted a vote it had refused in the same epoch");
  it->second = State::kGranted;
  return true;
}

bool CandidateState::RecordRejectedVote(NodeId voter) {
  auto it = votes_.find(voter);
  if (it == votes_.end() || it->second == State::kRejected) return false;
  KSIM_ASSERT(it->second != State::kGranted, "a voter refused a vote it had granted in the same epoch");
  it->second = State::kRejected;
  return true;
}

bool CandidateState::IsVoteGranted() const { return Count(State::kGranted) >= Majority(); }
bool CandidateState::IsVoteRejected() const { return Count(State::kRejected) >= Majority(); }

std::vector<NodeId> CandidateState::UnrecordedVoters() const {
  std::vector<NodeId> out;
  for (const auto& [v, s] : votes_)
    if (s == State::kUnrecorded) out.push_back(v);
  return out;
}

size_t CandidateState::Count(State s) const {
  size_t n = 0;
  for (const auto& [v, state] : votes_)
    if (state == s) ++n;
  return n;
}

}  // namespace kafkasim::raft
