// core/raft/quorum_state.cc — role transitions and the quorum-state file.
#include "core/raft/quorum_state.h"

#include <algorithm>
#include <utility>

#include "core/util/assert.h"

namespace kafkasim::raft {
namespace {

// The file is append-only: one 12-byte record per change, the last complete one wins.
constexpr size_t kRecordBytes = 12;

void PutI32(std::vector<uint8_t>& out, int32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(static_cast<uint32_t>(v) >> (8 * i)));
}

int32_t GetI32(std::span<const uint8_t> in, size_t at) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(in[at + i]) << (8 * i);
  return static_cast<int32_t>(v);
}

}  // namespace

const char* RaftRoleName(RaftRole role) {
  switch (role) {
    case RaftRole::kUnattached:
      return "Unattached";
    case RaftRole::kCandidate:
      return "Candidate";
    case RaftRole::kLeader:
      return "Leader";
    case RaftRole::kFollower:
      return "Follower";
    case RaftRole::kResigned:
      return "Resigned";
  }
  return "?";
}

QuorumState::QuorumState(Env& env, const QuorumConfig& config, std::string file)
    : env_(env), config_(config), file_(std::move(file)) {}

bool QuorumState::IsVoter(NodeId id) const {
  return std::find(config_.voters.begin(), config_.voters.end(), id) != config_.voters.end();
}

Status QuorumState::Initialize() {
  ElectionState stored;
  if (env_.disk.Exists(file_)) {
    std::span<const uint8_t> bytes = env_.disk.Read(file_);
    const size_t complete = bytes.size() / kRecordBytes;
    if (complete > 0) {
      const size_t at = (complete - 1) * kRecordBytes;
      stored = {LeaderEpoch{GetI32(bytes, at)}, NodeId{GetI32(bytes, at + 4)}, NodeId{GetI32(bytes, at + 8)}};
    }
  }
  election_ = stored;
  candidate_.reset();
  leader_.reset();
  if (stored.leader_id == local_id()) {
    role_ = RaftRole::kResigned;
  } else if (stored.leader_id != kNoNode) {
    role_ = RaftRole::kFollower;
  } else {
    role_ = RaftRole::kUnattached;
  }
  return Unit{};
}

Status QuorumState::Persist(const ElectionState& next) {
  KSIM_ASSERT(next.epoch >= election_.epoch, "the quorum epoch went down");
  KSIM_ASSERT(next.epoch > election_.epoch || election_.voted_id == kNoNode || next.voted_id == election_.voted_id ||
                  next.voted_id == kNoNode,
              "a voter voted twice in one epoch");
  std::vector<uint8_t> bytes;
  PutI32(bytes, next.epoch.value());
  PutI32(bytes, next.leader_id.value());
  PutI32(bytes, next.voted_id.value());
  if (auto s = env_.disk.Append(file_, bytes); !s.ok()) return s;
  return env_.disk.Fsync(file_);
}

void QuorumState::SetRole(RaftRole role, const ElectionState& next) {
  role_ = role;
  election_ = next;
  if (role != RaftRole::kCandidate) candidate_.reset();
  if (role != RaftRole::kLeader) leader_.reset();
}

Status QuorumState::TransitionToUnattached(LeaderEpoch epoch) {
  KSIM_ASSERT(epoch > election_.epoch || (epoch == election_.epoch && role_ == RaftRole::kUnattached),
              "Unattached at an epoch not above the current one");
  ElectionState next{epoch, kNoNode, kNoNode};
  if (epoch == election_.epoch) next.voted_id = election_.voted_id;
  if (auto s = Persist(next); !s.ok()) return s;
  SetRole(RaftRole::kUnattached, next);
  return Unit{};
}

Status QuorumState::TransitionToUnattachedVotedState(NodeId candidate) {
  KSIM_ASSERT(role_ == RaftRole::kUnattached, "only an unattached voter votes");
  KSIM_ASSERT(election_.voted_id == kNoNode || election_.voted_id == candidate, "a voter voted twice in one epoch");
  ElectionState next{election_.epoch, kNoNode, candidate};
  if (auto s = Persist(next); !s.ok()) return s;
  election_ = next;
  return Unit{};
}

Status QuorumState::TransitionToCandidate() {
  KSIM_ASSERT(role_ != RaftRole::kLeader, "a leader cannot become a candidate without resigning");
  const int retries = role_ == RaftRole::kCandidate ? candidate_->retries() + 1 : 1;
  ElectionState next{LeaderEpoch{election_.epoch.value() + 1}, kNoNode, local_id()};
  if (auto s = Persist(next); !s.ok()) return s;
  SetRole(RaftRole::kCandidate, next);
  candidate_ = std::make_unique<CandidateState>(local_id(), config_.voters, retries);
  return Unit{};
}

Status QuorumState::TransitionToLeader(Offset epoch_start_offset, TimeNs now) {
  KSIM_ASSERT(role_ == RaftRole::kCandidate && candidate_->IsVoteGranted(),
              "a leader without a majority of votes in its epoch");
  ElectionState next{election_.epoch, local_id(), local_id()};
  if (auto s = Persist(next); !s.ok()) return s;
  SetRole(RaftRole::kLeader, next);
  leader_ = std::make_unique<LeaderState>(local_id(), election_.epoch, epoch_start_offset, config_, now);
  return Unit{};
}

Status QuorumState::TransitionToFollower(LeaderEpoch epoch, NodeId leader) {
  KSIM_ASSERT(epoch >= election_.epoch, "Follower of an old epoch");
  KSIM_ASSERT(leader != local_id(), "a voter following itself");
  KSIM_ASSERT(epoch > election_.epoch || election_.leader_id == kNoNode || election_.leader_id == leader,
              "two leaders in one epoch");
  ElectionState next{epoch, leader, epoch == election_.epoch ? election_.voted_id : kNoNode};
  if (auto s = Persist(next); !s.ok()) return s;
  SetRole(RaftRole::kFollower, next);
  return Unit{};
}

Status QuorumState::TransitionToResigned() {
  KSIM_ASSERT(role_ == RaftRole::kLeader, "only a leader resigns");
  SetRole(RaftRole::kResigned, election_);  // same epoch, still names itself as its leader
  return Unit{};
}

CandidateState& QuorumState::candidate() {
  KSIM_ASSERT(candidate_ != nullptr, "not a candidate");
  return *candidate_;
}

LeaderState& QuorumState::leader() {
  KSIM_ASSERT(leader_ != nullptr, "not the leader");
  return *leader_;
}

}  // namespace kafkasim::raft
