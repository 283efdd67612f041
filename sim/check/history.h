// sim/check/history.h — what the clients saw, gathered from observations:
// every record sent, every acknowledgement, every record processed, every
// committed offset, every produce error. Expectations are measured from this
// and from the final state of the brokers' logs.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/observe/observation.h"
#include "sim/check/uid_map.h"

namespace kafkasim::sim {

struct SentRecord {
  NodeId producer;
  TopicPartition tp;
  std::string key;
  TimeNs at = 0;
};

// A record a group processed again (its second, third... time).
struct RepeatConsumed {
  std::string group;
  NodeId consumer;
  TopicPartition tp;
  Offset offset;
  RecordUid uid;
  int times = 0;  // 2 on the first repeat
  TimeNs at = 0;
};

// Where a group processed a record (the same uid can be at two offsets: a
// processor's output written again after its first transaction aborted).
struct ConsumedAt {
  TopicPartition tp;
  Offset offset;
  RecordUid uid;
};

// A committed offset, with when and by whom.
struct CommitMark {
  NodeId consumer;
  Offset offset;
  TimeNs at = 0;
};

// Counts behind Kafka's meters, per node that reported the fact
// (viz/metrics_view.h names them): ISR changes a broker made, leader
// elections a controller made.
struct NodeMeters {
  int64_t isr_shrinks = 0;
  int64_t isr_expands = 0;
  int64_t leader_elections = 0;
  int64_t unclean_elections = 0;
};

class History {
 public:
  void Record(TimeNs at, const Observation& obs);

  const UidMap<SentRecord>& sent() const { return sent_; }
  // uid -> acks setting it was acknowledged with
  const UidMap<int16_t>& acked() const { return acked_; }
  // uid -> offset the broker acknowledged it at (absent for acks=0)
  const UidMap<Offset>& acked_offset() const { return acked_offset_; }
  const std::map<RecordUid, ErrorCode>& failed() const { return failed_; }
  const std::map<ErrorCode, int64_t>& produce_errors() const { return produce_errors_; }
  // group -> uid -> times processed
  const std::map<std::string, std::map<RecordUid, int>>& consumed() const { return consumed_; }
  // group -> every record it processed, where, in order (aborted_read)
  const std::map<std::string, std::vector<ConsumedAt>>& consumed_at() const { return consumed_at_; }
  // group -> records it first processed after a record its producer sent
  // later (global send order broken; per-key order is `reordered`)
  const std::map<std::string, int64_t>& consumed_out_of_order() const { return consumed_out_of_order_; }
  // group -> records a dedup store recognised as processed and skipped
  // (ObsRedelivered); `redelivered` adds the group's repeat processings.
  const std::map<std::string, int64_t>& dedup_skipped() const { return dedup_skipped_; }
  // Transactions their coordinators completed (ObsTxnCompleted).
  int64_t transactions_committed() const { return txn_committed_; }
  int64_t transactions_aborted() const { return txn_aborted_; }
  // group -> partition -> last committed offset
  const std::map<std::string, std::map<TopicPartition, Offset>>& committed() const { return committed_; }
  ControllerEpoch max_controller_epoch() const { return max_controller_epoch_; }
  // Every repeat processing, in order (duplicates_consumed counts them).
  const std::vector<RepeatConsumed>& repeats() const { return repeats_; }
  const std::map<NodeId, NodeMeters>& meters() const { return meters_; }
  // group -> partition -> every commit, in order (consumer_lost: a commit
  // that passed a record the group never processed).
  const std::map<std::string, std::map<TopicPartition, std::vector<CommitMark>>>& commits() const { return commits_; }

 private:
  UidMap<SentRecord> sent_;
  UidMap<int16_t> acked_;
  UidMap<Offset> acked_offset_;
  std::map<RecordUid, ErrorCode> failed_;
  std::map<ErrorCode, int64_t> produce_errors_;
  std::map<std::string, std::map<RecordUid, int>> consumed_;
  std::map<std::string, std::vector<ConsumedAt>> consumed_at_;
  std::map<std::string, int64_t> consumed_out_of_order_;
  std::map<std::string, int64_t> dedup_skipped_;
  int64_t txn_committed_ = 0;
  int64_t txn_aborted_ = 0;
  std::map<std::pair<std::string, uint32_t>, uint64_t> max_seq_consumed_;  // (group, producer) -> highest seq
  std::map<std::string, std::map<TopicPartition, Offset>> committed_;
  ControllerEpoch max_controller_epoch_{0};
  std::vector<RepeatConsumed> repeats_;
  std::map<NodeId, NodeMeters> meters_;
  std::map<std::string, std::map<TopicPartition, std::vector<CommitMark>>> commits_;
};

}  // namespace kafkasim::sim
