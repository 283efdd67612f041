// core/broker/replica_fetcher.h — the follower side of replication: pull
// from the leader with Fetch requests (Kafka's ReplicaFetcherThread).
//
// A partition a broker follows goes through:
//   kTruncating — make the local log a prefix of the leader's:
//       log.truncation=leader-epoch: ask OffsetsForLeaderEpoch (KIP-101/279)
//       log.truncation=leader-epoch-v0: ask it, but ignore the epoch in the
//           answer (0.11–1.1, before KIP-279)
//       log.truncation=high-watermark: truncate to the local HW (legacy)
//   kFetching   — fetch from its LEO; append; take the leader's HW
//   kDelayed    — the leader refused (not leader / fenced); back off and retry
// One Fetch request is in flight per leader at a time, covering every
// partition followed from that leader; the leader long-polls it.
#pragma once

#include <map>

#include "core/config/broker_config.h"
#include "core/env.h"
#include "core/protocol/fetch.h"
#include "core/protocol/metadata.h"

namespace kafkasim::broker {

class Partition;
class ReplicaManager;

class ReplicaFetcher {
 public:
  ReplicaFetcher(Env& env, const config::BrokerConfig& cfg, ReplicaManager& rm);

  // Starts following `p` from its current leader and leader epoch.
  void AddPartition(Partition& p);
  void Remove(const TopicPartition& tp);
  // Consumes FetchResponse / OffsetsForLeaderEpochResponse; false otherwise.
  bool OnMessage(NodeId from, const Message& m);
  // The leader's process is gone: abandon the outstanding fetch and retry
  // after replica.fetch.backoff.ms (until LeaderAndIsr names a new leader).
  void OnPeerUnreachable(NodeId leader);

 private:
  enum class State { kTruncating, kFetching, kDelayed };
  struct Follow {
    NodeId leader;
    LeaderEpoch epoch;
    State state = State::kTruncating;
  };
  struct Session {
    int32_t in_flight = -1;  // correlation id of the outstanding fetch
    TimerId timeout = 0;
    bool backoff_scheduled = false;
  };

  void BeginTruncation(Partition& p, Follow& f);
  void OnEpochResponse(NodeId from, const OffsetsForLeaderEpochResponse& resp);
  void TruncateForLeaderEpoch(Partition& p, const EpochEndOffset& e);
  void MaybeFetch(NodeId leader);
  void OnFetchResponse(NodeId from, const FetchResponse& resp);
  // Returns false when the partition must back off.
  bool ApplyFetched(Partition& p, const FetchPartitionResponse& r);
  void Backoff(NodeId leader);
  Follow* FindFollow(const TopicPartition& tp, NodeId leader);

  Env& env_;
  const config::BrokerConfig& cfg_;
  ReplicaManager& rm_;
  std::map<TopicPartition, Follow> follows_;
  std::map<NodeId, Session> sessions_;
  std::map<int32_t, TopicPartition> epoch_requests_;  // correlation -> partition
  int32_t next_correlation_ = 1;
};

}  // namespace kafkasim::broker
