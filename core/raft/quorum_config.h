// core/raft/quorum_config.h — the quorum's settings, with Kafka's keys and
// defaults (QuorumConfig.java, 3.9).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/types.h"

namespace kafkasim::raft {

struct QuorumConfig {
  // controller.quorum.voters: the voters' node ids (endpoints are the network's business).
  std::vector<NodeId> voters;
  // controller.quorum.election.timeout.ms: an unattached voter or a candidate
  // waits this long plus a random share of it (randomised per election with
  // the node's seeded Random) before it starts (another) election.
  int32_t election_timeout_ms = 1000;
  // controller.quorum.fetch.timeout.ms: a follower that has not heard from
  // its leader this long becomes a candidate; a leader that has not been
  // fetched from by a majority for 1.5x this long resigns (check quorum).
  int32_t fetch_timeout_ms = 2000;
  // controller.quorum.election.backoff.max.ms: cap of the backoff between a
  // candidate's failed election and its next one.
  int32_t election_backoff_max_ms = 1000;
  // controller.quorum.request.timeout.ms: an unanswered Fetch is sent again.
  int32_t request_timeout_ms = 2000;
  // controller.quorum.retry.backoff.ms: a Fetch answered with an error is sent again after this.
  int32_t retry_backoff_ms = 20;

  // Kafka's KafkaRaftClient constants.
  static constexpr int32_t kRetryBackoffBaseMs = 100;  // RETRY_BACKOFF_BASE_MS
  static constexpr int32_t kMaxFetchWaitMs = 500;      // MAX_FETCH_WAIT_MS: an empty fetch waits at the leader
  static constexpr size_t kMaxFetchRecords = 64;       // kafkasim's stand-in for MAX_FETCH_SIZE_BYTES
  // LeaderState.CHECK_QUORUM_TIMEOUT_FACTOR.
  static constexpr double kCheckQuorumTimeoutFactor = 1.5;

  // A majority of the voters.
  size_t Majority() const { return voters.size() / 2 + 1; }
};

// Node ids of dedicated controllers in the simulator: controller-N is node
// kControllerNodeBase + N (brokers are 1..kMaxBrokers, ZooKeeper is 1000).
constexpr int32_t kControllerNodeBase = 900;
inline NodeId ControllerNodeId(int n) { return NodeId{kControllerNodeBase + n}; }
// "controller-N" for a dedicated controller's node id (tests that number
// voters 1..N get the same names).
inline std::string VoterName(NodeId id) {
  const int32_t v = id.value();
  const int32_t n = v > kControllerNodeBase && v < kControllerNodeBase + 100 ? v - kControllerNodeBase : v;
  return "controller-" + std::to_string(n);
}

}  // namespace kafkasim::raft
