// core/observe/observation.h — what core reports about itself.
//
// Kafka logic emits these through Env::observer at the moment a fact becomes
// true (a leader appended, the HW moved, the ISR shrank, a producer got its
// ack). sim/ writes them to the trace and the checkers judge them; the GUI
// draws them. They are the simulation's clean event stream: typed, ordered,
// and complete enough to rebuild the story of a run.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "core/protocol/errors.h"
#include "core/types.h"

namespace kafkasim {

// A replica appended records to its log (leader: from a producer; follower:
// from a fetch).
struct ObsAppend {
  NodeId node;
  TopicPartition tp;
  Offset base_offset;
  Offset last_offset;
  LeaderEpoch leader_epoch;
  bool as_leader = false;
};

struct ObsHighWatermark {
  NodeId node;
  TopicPartition tp;
  Offset old_hw;
  Offset new_hw;
  bool as_leader = false;
};

struct ObsIsrChange {
  NodeId node;  // the leader that changed it
  TopicPartition tp;
  std::vector<NodeId> old_isr;
  std::vector<NodeId> new_isr;
  int32_t partition_epoch = 0;
  std::string reason;  // "follower broker-3 lagged 10000 ms" ...
  // The partition leader changed its own ISR (Kafka 3.4 Partition's
  // AlterPartitionListener marks IsrShrinksPerSec / IsrExpandsPerSec on it);
  // false: the controller changed it (a dead broker removed), which marks
  // no broker's meter. Not traced.
  bool by_leader = false;
};

// A broker took on a role for a partition (from LeaderAndIsr).
struct ObsBecomeRole {
  NodeId node;
  TopicPartition tp;
  bool leader = false;
  NodeId leader_id;
  LeaderEpoch leader_epoch;
};

// The controller chose a leader (or found none).
struct ObsElection {
  NodeId controller;
  TopicPartition tp;
  NodeId leader;  // kNoNode: partition offline
  LeaderEpoch leader_epoch;
  std::vector<NodeId> isr;
  bool unclean = false;
  std::string reason;
};

struct ObsControllerElected {
  NodeId node;
  ControllerEpoch epoch;
};

struct ObsControllerResigned {
  NodeId node;
  ControllerEpoch epoch;
};

struct ObsTruncate {
  NodeId node;
  TopicPartition tp;
  Offset old_leo;
  Offset new_leo;
  std::string reason;  // "high watermark" or "leader epoch 3 ends at 120"
};

// A request was refused because of a stale epoch (controller or leader).
struct ObsFenced {
  NodeId node;
  TopicPartition tp;
  std::string reason;
};

// A producer's application called send() for one record.
struct ObsProduceSend {
  NodeId producer;
  TopicPartition tp;
  RecordUid uid;
  std::string key;  // "" for a null key
};

// The producer completed a batch: acknowledged (error NONE) or failed for good.
struct ObsProduceResult {
  NodeId producer;
  TopicPartition tp;
  ErrorCode error = ErrorCode::NONE;
  Offset base_offset{-1};
  int16_t acks = -1;
  std::vector<RecordUid> uids;
};

// The producer saw a (possibly retriable) error response for a batch.
struct ObsProduceError {
  NodeId producer;
  TopicPartition tp;
  ErrorCode error;
  bool will_retry = false;
};

// A consumer finished processing one record (processing_time elapsed).
struct ObsConsumed {
  NodeId consumer;
  std::string group;
  TopicPartition tp;
  Offset offset;
  RecordUid uid;
};

// A consumer application with a dedup store (`dedup: store`) was handed a
// record its store says it already processed, and skipped it.
struct ObsRedelivered {
  NodeId consumer;
  std::string group;
  TopicPartition tp;
  Offset offset;
  RecordUid uid;
};

// A consumer fetched records (before processing) — for the read-above-HW check.
struct ObsFetched {
  NodeId consumer;
  NodeId from_broker;
  TopicPartition tp;
  Offset first_offset;
  Offset last_offset;
  bool read_committed = false;  // isolation.level=read_committed: must be below the LSO too
};

struct ObsOffsetCommit {
  NodeId consumer;
  std::string group;
  TopicPartition tp;
  Offset offset;  // the next offset to read
};

struct ObsRebalance {
  NodeId coordinator;
  std::string group;
  int32_t generation = 0;
  std::vector<std::string> members;
  std::string summary;
};

// A broker received a LeaderAndIsr request, observed before it is handled.
// Handling runs to completion at once, so what the same broker reports next
// is that request's outcome: ObsBecomeRole for each partition state it
// applied, or ObsFenced if it refused the request (stale controller epoch).
struct ObsLeaderAndIsr {
  NodeId node;  // the receiving broker
  NodeId controller;
  ControllerEpoch controller_epoch;
  int32_t partitions = 0;
};

// Free-form facts worth a line in the story ("broker-2 registered in ZooKeeper").
struct ObsNote {
  NodeId node;
  std::string text;
};

// A transaction coordinator wrote CompleteCommit / CompleteAbort: every
// partition of the transaction has its marker (KIP-98's second phase done).
struct ObsTxnCompleted {
  NodeId coordinator;
  std::string transactional_id;
  int64_t producer_id = -1;
  int16_t producer_epoch = -1;
  bool committed = false;
  int32_t partitions = 0;
};

using ObservationVariant =
    std::variant<ObsAppend, ObsHighWatermark, ObsIsrChange, ObsBecomeRole, ObsElection, ObsControllerElected,
                 ObsControllerResigned, ObsTruncate, ObsFenced, ObsProduceSend, ObsProduceResult, ObsProduceError,
                 ObsConsumed, ObsFetched, ObsOffsetCommit, ObsRebalance, ObsNote, ObsLeaderAndIsr, ObsRedelivered,
                 ObsTxnCompleted>;

// A struct, not an alias, so that core/env.h can forward-declare it. Its
// trace form (the JSON fields of a trace line) is sim/'s business:
// sim/trace_fields.h.
struct Observation : ObservationVariant {
  using ObservationVariant::ObservationVariant;
};

}  // namespace kafkasim
