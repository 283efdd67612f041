// core/raft/quorum_invariants.cc — the checks.
#include "core/raft/quorum_invariants.h"

#include "core/raft/kafka_raft_client.h"
#include "core/raft/quorum_config.h"

namespace kafkasim::raft {
namespace {

std::string Voter(NodeId id) { return VoterName(id); }
std::string Num(int64_t v) { return std::to_string(v); }

}  // namespace

VoterSnapshot Snapshot(const KafkaRaftClient& client) {
  return VoterSnapshot{client.local_id(), client.role(), client.epoch(), client.high_watermark(),
                       &client.log().records()};
}

std::optional<std::string> QuorumInvariants::Check(const VoterSnapshot& v) {
  if (v.role == RaftRole::kLeader) {
    auto [it, fresh] = leaders_.emplace(v.epoch, v.id);
    if (!fresh && it->second != v.id) {
      return "two quorum leaders in epoch " + Num(v.epoch.value()) + ": " + Voter(it->second) + " and " + Voter(v.id);
    }
  }
  auto [e, first] = epochs_.emplace(v.id, v.epoch);
  if (!first) {
    if (v.epoch < e->second) {
      return Voter(v.id) + "'s epoch went down from " + Num(e->second.value()) + " to " + Num(v.epoch.value());
    }
    e->second = v.epoch;
  }
  if (v.high_watermark) {
    auto [h, new_hw] = high_watermarks_.emplace(v.id, *v.high_watermark);
    if (!new_hw) {
      if (*v.high_watermark < h->second) {
        return Voter(v.id) + "'s quorum high watermark went down from " + Num(h->second.value()) + " to " +
               Num(v.high_watermark->value());
      }
      h->second = *v.high_watermark;
    }
  }
  return CheckCommitted(v);
}

std::optional<std::string> QuorumInvariants::CheckCommitted(const VoterSnapshot& v) {
  const std::vector<RaftRecord>& log = *v.log;
  const int64_t hw = v.high_watermark ? v.high_watermark->value() : 0;
  if (hw > static_cast<int64_t>(log.size())) {
    return Voter(v.id) + "'s high watermark " + Num(hw) + " is above its log end " +
           Num(static_cast<int64_t>(log.size()));
  }
  // Records below this voter's HW are committed: the same as every other voter's.
  for (int64_t o = 0; o < hw; ++o) {
    const size_t i = static_cast<size_t>(o);
    if (i == committed_.size()) {
      committed_.push_back(log[i]);
      commit_epochs_.push_back(v.epoch);  // the first voter to hold it below its HW is the committing leader
    }
    if (!(committed_[i] == log[i])) {
      return "metadata divergence at offset " + Num(o) + ": " + Voter(v.id) + " has a record of epoch " +
             Num(log[i].epoch.value()) + " where a committed record of epoch " + Num(committed_[i].epoch.value()) +
             " was";
    }
  }
  if (v.role == RaftRole::kLeader) {
    // Raft's Leader Completeness: a record committed in an epoch is in the
    // log of every leader of a later epoch (a stale leader of an older one,
    // e.g. one paused meanwhile, may lack it).
    for (size_t i = 0; i < committed_.size(); ++i) {
      if (commit_epochs_[i] >= v.epoch) continue;
      if (i >= log.size() || !(committed_[i] == log[i])) {
        return "leader " + Voter(v.id) + " of epoch " + Num(v.epoch.value()) + " lacks committed offset " +
               Num(static_cast<int64_t>(i));
      }
    }
  }
  return std::nullopt;
}

void QuorumInvariants::OnRestart(NodeId voter) { high_watermarks_.erase(voter); }

}  // namespace kafkasim::raft
