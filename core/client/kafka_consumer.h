// core/client/kafka_consumer.h — the consumer client (Java's KafkaConsumer)
// for one group subscription.
//
// Poll(timeout, cb) answers with up to max.poll.records buffered records as
// soon as there are any, or with none after `timeout`. Positions advance as
// records are returned. Commit() sends an OffsetCommit for the given
// offsets (the next offsets to read); auto commit (enable.auto.commit)
// commits the positions of the last poll every auto.commit.interval.ms from
// inside Poll(), and before a rebalance. Seek() moves a position.
//
// A fatal group error (INVALID_SESSION_TIMEOUT, ...) completes the pending
// or next Poll at once with no records and poll_error() set: Java's poll()
// throwing it.
//
// Emits ObsFetched per fetched batch range and ObsOffsetCommit for every
// partition of every successful commit (auto commits included).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/client/client_metadata.h"
#include "core/client/consumer_coordinator.h"
#include "core/client/fetcher.h"
#include "core/client/request_tracker.h"

namespace kafkasim::client {

class KafkaConsumer {
 public:
  using PollCallback = std::function<void(std::vector<ConsumerRecord>)>;
  using RebalanceListener = ConsumerCoordinator::Listener;

  KafkaConsumer(Env& env, const config::ConsumerConfig& cfg, std::vector<NodeId> bootstrap, std::string group_id);
  ~KafkaConsumer();
  KafkaConsumer(const KafkaConsumer&) = delete;
  KafkaConsumer& operator=(const KafkaConsumer&) = delete;

  // Before Start. Revocations/assignments are reported to `listener`.
  void Subscribe(std::vector<std::string> topics, RebalanceListener listener = {});
  void Start();
  // One poll at a time: REQUIRES (asserted) no other Poll pending.
  void Poll(TimeNs timeout_ns, PollCallback cb);
  void Commit(const std::map<TopicPartition, Offset>& offsets, CommitCallback cb);
  void Seek(const TopicPartition& tp, Offset offset);
  // Leaves the group; no further requests.
  void Close();
  bool OnMessage(NodeId from, const Message& m);
  // The connection to `peer` broke: its in-flight requests fail with
  // NETWORK_EXCEPTION (fetches retry after a metadata refresh; a lost
  // coordinator is looked up again).
  void OnConnectionLost(NodeId peer) { tracker_.FailAll(peer, ErrorCode::NETWORK_EXCEPTION); }

  // Correlation ids of this client start at `id` (RequestTracker); before Start.
  void set_first_correlation_id(int32_t id) { tracker_.set_next_correlation_id(id); }
  // NONE, or the error the last completed Poll raised (Java: poll() threw).
  ErrorCode poll_error() const { return poll_error_; }
  std::vector<TopicPartition> assignment() const { return subs_.AssignedPartitions(); }
  std::map<TopicPartition, Offset> positions() const { return subs_.Positions(); }
  const ConsumerCoordinator& coordinator() const { return coordinator_; }
  // records-consumed-total: the records poll has handed over since the
  // consumer started (Kafka 3.4 FetchManagerMetrics.recordsFetched, recorded
  // as Fetcher.fetchRecords drains them for poll).
  int64_t records_consumed() const { return records_consumed_; }

 private:
  void OnData();
  void CompletePoll();

  Env& env_;
  config::ConsumerConfig cfg_;
  RequestTracker tracker_;
  ClientMetadata metadata_;
  SubscriptionState subs_;
  Fetcher fetcher_;
  RebalanceListener user_listener_;
  ConsumerCoordinator coordinator_;
  PollCallback pending_poll_;
  TimerId poll_timer_ = 0;
  bool closed_ = false;
  ErrorCode poll_error_ = ErrorCode::NONE;
  int64_t records_consumed_ = 0;
};

}  // namespace kafkasim::client
