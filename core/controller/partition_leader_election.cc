// core/controller/partition_leader_election.cc — see the header.
#include "core/controller/partition_leader_election.h"

#include <algorithm>

namespace kafkasim::controller {
namespace {

bool Contains(const std::vector<NodeId>& v, NodeId id) { return std::find(v.begin(), v.end(), id) != v.end(); }

std::vector<NodeId> LiveOnly(const std::vector<NodeId>& v, const std::set<NodeId>& live) {
  std::vector<NodeId> out;
  for (NodeId id : v)
    if (live.count(id)) out.push_back(id);
  return out;
}

}  // namespace

std::optional<LeaderElectionResult> OfflinePartitionLeaderElection(const std::vector<NodeId>& assignment,
                                                                   const std::vector<NodeId>& isr,
                                                                   const std::set<NodeId>& live_replicas,
                                                                   bool unclean_leader_election_enabled) {
  for (NodeId id : assignment) {
    if (live_replicas.count(id) && Contains(isr, id)) {
      return LeaderElectionResult{id, LiveOnly(isr, live_replicas), false};
    }
  }
  if (!unclean_leader_election_enabled) return std::nullopt;
  for (NodeId id : assignment) {
    if (live_replicas.count(id)) return LeaderElectionResult{id, {id}, true};
  }
  return std::nullopt;
}

std::optional<LeaderElectionResult> PreferredReplicaPartitionLeaderElection(const std::vector<NodeId>& assignment,
                                                                            const std::vector<NodeId>& isr,
                                                                            const std::set<NodeId>& live_replicas) {
  if (assignment.empty()) return std::nullopt;
  NodeId preferred = assignment.front();
  if (!live_replicas.count(preferred) || !Contains(isr, preferred)) return std::nullopt;
  return LeaderElectionResult{preferred, isr, false};
}

std::optional<LeaderElectionResult> InitialPartitionLeaderElection(const std::vector<NodeId>& assignment,
                                                                   const std::set<NodeId>& live_replicas) {
  std::vector<NodeId> live = LiveOnly(assignment, live_replicas);
  if (live.empty()) return std::nullopt;
  return LeaderElectionResult{live.front(), live, false};
}

std::vector<NodeId> IsrWithoutDeadReplicas(const std::vector<NodeId>& isr, const std::set<NodeId>& live_replicas) {
  std::vector<NodeId> out = LiveOnly(isr, live_replicas);
  if (out.empty() && !isr.empty()) out.push_back(isr.back());
  return out;
}

}  // namespace kafkasim::controller
