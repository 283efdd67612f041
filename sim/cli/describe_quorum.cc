// sim/cli/describe_quorum.cc — see the header.
#include "sim/cli/describe_quorum.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/controller/kraft/controller_node.h"
#include "core/raft/leader_state.h"
#include "core/raft/quorum_config.h"
#include "sim/simulation.h"

namespace kafkasim::cli {
namespace {

using Replica = raft::LeaderState::ReplicaDescription;

constexpr const char* kZeroUuid = "AAAAAAAAAAAAAAAAAAAAAA";  // Uuid.ZERO_UUID.toString()

// MetadataQuorumCommand.Node.toString for a voter without a directory id.
std::string VoterJson(NodeId id) {
  return "{\"id\": " + std::to_string(id.value()) + ", \"directoryId\": null, \"endpoints\": [\"CONTROLLER://" +
         raft::VoterName(id) + ":9093\"]}";
}

// handleDescribeStatus.
void PrintStatus(const std::string& cluster_id, const raft::KafkaRaftClient& raft, const std::vector<Replica>& voters,
                 std::ostream& out) {
  const Replica& leader =
      *std::find_if(voters.begin(), voters.end(), [&](const Replica& r) { return r.id == raft.local_id(); });
  const Replica& max_lag = *std::min_element(voters.begin(), voters.end(), [](const Replica& a, const Replica& b) {
    return a.log_end_offset < b.log_end_offset;
  });
  int64_t lag_time_ms = -1;
  if (&max_lag == &leader) {
    lag_time_ms = 0;
  } else if (leader.last_caught_up_ms >= 0 && max_lag.last_caught_up_ms >= 0) {
    lag_time_ms = leader.last_caught_up_ms - max_lag.last_caught_up_ms;
  }
  std::string current_voters;
  for (const Replica& r : voters) current_voters += (current_voters.empty() ? "" : ", ") + VoterJson(r.id);
  out << "ClusterId:              " << cluster_id << "\n"
      << "LeaderId:               " << raft.local_id().value() << "\n"
      << "LeaderEpoch:            " << raft.epoch().value() << "\n"
      << "HighWatermark:          " << (raft.high_watermark() ? raft.high_watermark()->value() : -1) << "\n"
      << "MaxFollowerLag:         " << leader.log_end_offset - max_lag.log_end_offset << "\n"
      << "MaxFollowerLagTimeMs:   " << lag_time_ms << "\n"
      << "CurrentVoters:          [" << current_voters << "]\n"
      << "CurrentObservers:       []\n";
}

// ToolsUtils.prettyPrintTable: each cell padded to its column's width, then a tab.
void PrintTable(const std::vector<std::vector<std::string>>& rows, std::ostream& out) {
  std::vector<size_t> width(rows.front().size(), 0);
  for (const auto& row : rows)
    for (size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) line += row[i] + std::string(width[i] - row[i].size(), ' ') + '\t';
    out << line << "\n";
  }
}

// handleDescribeReplication: the leader first, then the followers.
void PrintReplication(const raft::KafkaRaftClient& raft, const std::vector<Replica>& voters, std::ostream& out) {
  std::vector<std::vector<std::string>> rows = {
      {"NodeId", "DirectoryId", "LogEndOffset", "Lag", "LastFetchTimestamp", "LastCaughtUpTimestamp", "Status"}};
  const Replica& leader =
      *std::find_if(voters.begin(), voters.end(), [&](const Replica& r) { return r.id == raft.local_id(); });
  auto row = [&](const Replica& r, const char* status) {
    rows.push_back({std::to_string(r.id.value()), kZeroUuid, std::to_string(r.log_end_offset),
                    std::to_string(leader.log_end_offset - r.log_end_offset), std::to_string(r.last_fetch_ms),
                    std::to_string(r.last_caught_up_ms), status});
  };
  row(leader, "Leader");
  for (const Replica& r : voters)
    if (r.id != leader.id) row(r, "Follower");
  PrintTable(rows, out);
}

}  // namespace

void DescribeQuorum(const sim::Simulation& sim, std::ostream& out) {
  const controller::kraft::ControllerNode* active = sim.ActiveController();
  const raft::LeaderState* state = active ? active->raft().leader_state() : nullptr;
  if (state == nullptr) {
    out << "\n# kafka-metadata-quorum.sh describe: no quorum leader now (the request would time out)\n";
    return;
  }
  const std::vector<Replica> voters = state->DescribeVoters(sim.now());
  const std::string cluster_id = "kafkasim-" + sim.scenario().name;
  out << "\n# kafka-metadata-quorum.sh describe --status\n";
  PrintStatus(cluster_id, active->raft(), voters, out);
  out << "\n# kafka-metadata-quorum.sh describe --replication\n";
  PrintReplication(active->raft(), voters, out);
}

}  // namespace kafkasim::cli
