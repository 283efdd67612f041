// core/client/txn_request_manager.h — the transactional half of Java's
// TransactionManager (KIP-98): the producer's transaction states and the
// requests it sends its transaction coordinator, one at a time
// (TxnRequestHandler and its subclasses FindCoordinatorHandler,
// InitProducerIdHandler, AddPartitionsToTxnHandler, AddOffsetsToTxnHandler,
// TxnOffsetCommitHandler, EndTxnHandler).
//
// States (TransactionManager.State): UNINITIALIZED → INITIALIZING → READY
//   READY --BeginTransaction--> IN_TRANSACTION
//   IN_TRANSACTION --Commit--> COMMITTING_TRANSACTION --EndTxn--> READY
//   IN_TRANSACTION / ABORTABLE_ERROR --Abort--> ABORTING_TRANSACTION --EndTxn--> READY
//   any --PRODUCER_FENCED, INVALID_PRODUCER_EPOCH from the coordinator,
//         INVALID_TXN_STATE--> FATAL_ERROR (the producer can only be closed)
//   IN_TRANSACTION --a batch failed--> ABORTABLE_ERROR (commit refused; abort)
//
// A partition's batches are sent only once AddPartitionsToTxn added it
// (IsSendToPartitionAllowed); EndTxn goes out only when every batch of the
// transaction is done (COMMITTING flushes the accumulator first; ABORTING
// fails the undrained batches). Offsets (SendOffsetsToTransaction) go through
// AddOffsetsToTxn to the transaction coordinator, then TxnOffsetCommit to the
// group coordinator with the consumer's generation and member id (KIP-447).
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/client/client_metadata.h"
#include "core/client/request_tracker.h"
#include "core/client/transaction_manager.h"
#include "core/config/client_config.h"
#include "core/protocol/message.h"
#include "core/observe/observation.h"
#include "core/protocol/txn.h"
#include "core/protocol/group.h"

namespace kafkasim::client {

enum class TxnState {
  kUninitialized,
  kInitializing,
  kReady,
  kInTransaction,
  kCommitting,
  kAborting,
  kAbortableError,
  kFatalError,
};

std::string_view TxnStateName(TxnState s);

// Offsets to commit with the transaction, and the consumer's group metadata.
struct TxnOffsets {
  std::string group_id;
  int32_t generation_id = -1;
  std::string member_id;
  std::vector<std::pair<TopicPartition, Offset>> offsets;
};

class TxnRequestManager {
 public:
  using Done = std::function<void(ErrorCode)>;
  TxnRequestManager(Env& env, const config::ProducerConfig& cfg, ClientMetadata& metadata, RequestTracker& tracker,
                    TransactionManager& idempotence, std::function<void()> wake_sender);

  // The producer's API. Each `done` runs once with NONE or the error.
  void InitTransactions(Done done);
  ErrorCode BeginTransaction();
  void SendOffsetsToTransaction(TxnOffsets offsets, Done done);
  void CommitTransaction(Done done);
  void AbortTransaction(Done done);

  // KafkaProducer.doSend → maybeAddPartition.
  void MaybeAddPartition(const TopicPartition& tp);
  bool IsSendToPartitionAllowed(const TopicPartition& tp) const;
  // True when the Sender may drain batches at all.
  bool CanSendData() const;
  // A batch of the transaction failed for good (handleFailedBatch →
  // maybeTransitionToErrorState): abortable, and the epoch is bumped after
  // the abort (KIP-360) unless the transaction was already completing.
  void OnBatchFailed(ErrorCode err);
  // Batches expired after they were sent and the acks never covered them
  // (maybeResolveSequences): abortable, with an epoch bump after the abort.
  void OnUnresolvedSequences();
  // The Sender's pass: sends the next request to the coordinator if none is
  // in flight. `batches_pending`: queued or in-flight batches remain.
  void Poll(bool batches_pending);
  // ABORTING: the undrained batches are failed by the caller; true once.
  bool TakeAbortUndrained();

  TxnState state() const { return state_; }
  ErrorCode last_error() const { return last_error_; }

 private:
  void TransitionTo(TxnState s, ErrorCode error = ErrorCode::NONE);
  void Send(NodeId to, Message req, std::function<void(const Message*, ErrorCode)> handler);
  void FindCoordinator(CoordinatorType type, const std::string& key);
  void SendInitProducerId();
  void SendAddPartitions();
  void SendAddOffsets();
  void SendTxnOffsetCommit();
  void SendEndTxn();
  void CompleteTransaction(ErrorCode result);
  // Common error handling of a coordinator response; true when handled.
  bool HandleError(ErrorCode e, bool group_coordinator);
  void Retry();

  Env& env_;
  const config::ProducerConfig& cfg_;
  ClientMetadata& metadata_;
  RequestTracker& tracker_;
  TransactionManager& idempotence_;
  std::function<void()> wake_sender_;
  TxnState state_ = TxnState::kUninitialized;
  ErrorCode last_error_ = ErrorCode::NONE;
  NodeId coordinator_ = kNoNode;        // transaction coordinator
  NodeId group_coordinator_ = kNoNode;  // for TxnOffsetCommit
  bool in_flight_ = false;
  bool backing_off_ = false;
  bool transaction_started_ = false;         // a partition was added (EndTxn needed)
  std::set<TopicPartition> new_partitions_;  // to add
  std::set<TopicPartition> partitions_;      // added
  std::optional<TxnOffsets> pending_offsets_;
  bool offsets_added_ = false;  // AddOffsetsToTxn done for pending_offsets_
  bool abort_undrained_ = false;
  // Kafka's epochBumpRequired: the abort ends with InitProducerId carrying
  // the current producer id and epoch, and the coordinator bumps the epoch.
  bool epoch_bump_required_ = false;
  Done init_done_, offsets_done_, end_done_;
};

}  // namespace kafkasim::client
