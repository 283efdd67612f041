// core/broker/transaction_metadata.h — one transactional id's state on its
// transaction coordinator (Kafka's TransactionMetadata + TransactionState),
// and its record in __transaction_state (TransactionLog).
//
// States (Kafka 3.4 TransactionState, ids as stored):
//   Empty(0) ──AddPartitions──▶ Ongoing(1) ──EndTxn──▶ PrepareCommit(2) / PrepareAbort(3)
//   Prepare* ──all markers written──▶ CompleteCommit(4) / CompleteAbort(5)
//   Complete* / Empty ──AddPartitions──▶ Ongoing   (a new transaction)
//   Ongoing ──InitProducerId or timeout──▶ epoch fenced (+1) then PrepareAbort
// Every transition is written to __transaction_state first and applied only
// once the write is committed (Kafka: pendingState, completeTransitionTo); a
// request meeting a transition in flight gets CONCURRENT_TRANSACTIONS.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/protocol/common.h"

namespace kafkasim::broker {

constexpr const char* kTransactionStateTopic = "__transaction_state";

enum class TransactionState : int8_t {
  kEmpty = 0,
  kOngoing = 1,
  kPrepareCommit = 2,
  kPrepareAbort = 3,
  kCompleteCommit = 4,
  kCompleteAbort = 5,
  kDead = 6,
  kPrepareEpochFence = 7,
};

std::string_view TransactionStateName(TransactionState s);

// What is stored per transactional id (TransactionLog's value).
struct TxnRecord {
  std::string transactional_id;
  int64_t producer_id = -1;
  int16_t producer_epoch = -1;
  int32_t txn_timeout_ms = 60000;
  TransactionState state = TransactionState::kEmpty;
  std::set<TopicPartition> partitions;  // of the current transaction
  int64_t txn_start_timestamp_ms = -1;  // when it went Ongoing
  int64_t txn_last_update_timestamp_ms = -1;
  bool operator==(const TxnRecord&) const = default;
};

struct TransactionMetadata {
  TxnRecord current;                 // as committed in __transaction_state
  std::optional<TxnRecord> pending;  // a transition being written (pendingState)
  // The epoch before the last InitProducerId bump, in memory only as in
  // Kafka (lastProducerEpoch): a producer that lost the bump's answer and
  // asks again with it gets the bumped epoch instead of being fenced.
  int16_t last_producer_epoch = -1;
  PartitionId state_partition{0};  // its __transaction_state partition
  // Partitions whose COMMIT/ABORT marker is still to be written (Prepare* only).
  std::set<TopicPartition> markers_pending;
};

// Kafka's partitionFor(transactionalId): abs(hashCode) % partitions.
int32_t TransactionStatePartitionFor(const std::string& transactional_id, int32_t num_partitions);

// The record codec. Key "T|<transactional id>"; value text lines as the
// group metadata's (group_metadata_record.cc):
//   producer_id <n> / producer_epoch <n> / timeout_ms <n> / state <name>
//   partitions <t:0,t:1> / start_ms <n> / update_ms <n>
Bytes EncodeTxnRecordBatch(const TxnRecord& r, int64_t timestamp_ms);
// nullopt when the key is not a transaction key or the value is malformed.
std::optional<TxnRecord> ParseTxnRecord(std::string_view key, std::string_view value);

}  // namespace kafkasim::broker
