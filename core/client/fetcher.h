// core/client/fetcher.h — the consumer's data path (Java's Fetcher):
// FetchRequests to partition leaders, buffered records, offset resets.
//
// One fetch is in flight per broker; a partition is fetched only when it has
// a position, a known leader and nothing buffered. Records below the
// requested offset (a fetch from the middle of a batch) are skipped; the
// broker serves only data below the high watermark. OFFSET_OUT_OF_RANGE
// (retention deleted the position, or truncation) resets the position by
// auto.offset.reset through ListOffsets; with "none" the partition stops
// (Java throws NoOffsetForPartitionException / OffsetOutOfRangeException).
// After a leader change a position is validated before the next fetch
// (KIP-320, fetcher_validation.cc): OffsetsForLeaderEpoch asks the new leader
// where the epoch of the last consumed record ends; a log truncated below the
// position (an unclean election) rewinds it to that end offset. With
// position.validation=none the position is trusted, as before Kafka 2.1.
// Emits ObsFetched per fetched batch range.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/client/client_metadata.h"
#include "core/client/subscription_state.h"
#include "core/config/client_config.h"
#include "core/protocol/fetch.h"
#include "core/protocol/metadata.h"
#include "core/record/record_batch.h"

namespace kafkasim::client {

// One record as Poll() returns it. The value is not copied out (the
// simulated applications need its uid and size only).
struct ConsumerRecord {
  TopicPartition tp;
  Offset offset;
  int64_t timestamp_ms = 0;
  std::optional<std::string> key;
  size_t value_bytes = 0;
  std::optional<RecordUid> uid;  // from the "ksim.id" header
  LeaderEpoch leader_epoch = kNoLeaderEpoch;
};

// Records buffered per partition at most (a fetch is not sent for a
// partition with anything buffered, so this only bounds one response).
constexpr size_t kMaxBufferedRecordsPerPartition = 100'000;

class Fetcher {
 public:
  Fetcher(Env& env, const config::ConsumerConfig& cfg, ClientMetadata& metadata, RequestTracker& tracker,
          SubscriptionState& subs);
  ~Fetcher();
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  // Sends fetches and ListOffsets where possible.
  void SendRequests();
  bool HasBuffered() const;
  // Up to `max` buffered records, partition by partition; advances positions.
  std::vector<ConsumerRecord> Drain(size_t max);
  // Forgets buffered records of a partition (revoked, or sought).
  void Drop(const TopicPartition& tp) { buffered_.erase(tp); }
  // Called when records arrive.
  void set_on_data(std::function<void()> fn) { on_data_ = std::move(fn); }

 private:
  void SendFetch(NodeId broker, const std::vector<TopicPartition>& parts);
  void OnFetchResponse(NodeId broker, const std::map<TopicPartition, Offset>& requested, const Message* m,
                       ErrorCode err, TimeNs sent_ns);
  size_t TakeRecords(NodeId broker, const TopicPartition& tp, Offset from, const FetchPartitionResponse& p);
  void HandlePartitionError(const TopicPartition& tp, ErrorCode e);
  void SendListOffsets();
  void OnListOffsets(const Message* m, ErrorCode err);
  // KIP-320 position validation (fetcher_validation.cc).
  bool NeedsValidation(const ConsumerPartitionState& st, const PartitionLeader& leader) const;
  void SendValidation(NodeId broker, const std::vector<TopicPartition>& parts);
  struct ValidationAsked {
    Offset position;
    LeaderEpoch leader_epoch;  // the current leader epoch the request carried
  };
  void OnValidation(const std::map<TopicPartition, ValidationAsked>& requested, const Message* m, ErrorCode err);
  void ApplyEpochEndOffset(ConsumerPartitionState& st, const EpochEndOffset& e, LeaderEpoch asked_under);
  void RetryLater();

  Env& env_;
  const config::ConsumerConfig& cfg_;
  ClientMetadata& metadata_;
  RequestTracker& tracker_;
  SubscriptionState& subs_;
  std::map<TopicPartition, std::deque<ConsumerRecord>> buffered_;
  std::set<NodeId> fetching_;
  std::set<TopicPartition> resetting_;  // ListOffsets in flight
  TopicPartition last_drained_;
  TimerId retry_timer_ = 0;
  std::function<void()> on_data_;
  record::BatchReader reader_;
};

}  // namespace kafkasim::client
