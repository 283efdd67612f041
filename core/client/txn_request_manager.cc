// core/client/txn_request_manager.cc — the producer's transaction states and
// coordinator requests (Kafka 3.4 TransactionManager, transactional half).
#include "core/client/txn_request_manager.h"
#include "core/protocol/message.h"
#include "core/observe/observation.h"
#include "core/protocol/txn.h"
#include "core/protocol/group.h"

namespace kafkasim::client {

std::string_view TxnStateName(TxnState s) {
  switch (s) {
    case TxnState::kUninitialized:
      return "UNINITIALIZED";
    case TxnState::kInitializing:
      return "INITIALIZING";
    case TxnState::kReady:
      return "READY";
    case TxnState::kInTransaction:
      return "IN_TRANSACTION";
    case TxnState::kCommitting:
      return "COMMITTING_TRANSACTION";
    case TxnState::kAborting:
      return "ABORTING_TRANSACTION";
    case TxnState::kAbortableError:
      return "ABORTABLE_ERROR";
    case TxnState::kFatalError:
      return "FATAL_ERROR";
  }
  return "?";
}

TxnRequestManager::TxnRequestManager(Env& env, const config::ProducerConfig& cfg, ClientMetadata& metadata,
                                     RequestTracker& tracker, TransactionManager& idempotence,
                                     std::function<void()> wake_sender)
    : env_(env),
      cfg_(cfg),
      metadata_(metadata),
      tracker_(tracker),
      idempotence_(idempotence),
      wake_sender_(std::move(wake_sender)) {}

void TxnRequestManager::TransitionTo(TxnState s, ErrorCode error) {
  if (state_ == TxnState::kFatalError) return;  // final
  state_ = s;
  if (error != ErrorCode::NONE) last_error_ = error;
  std::string text = "transactional.id " + cfg_.transactional_id + ": " + std::string(TxnStateName(s));
  if (error != ErrorCode::NONE) text += " (" + std::string(ErrorName(error)) + ")";
  env_.observer.Observe(ObsNote{env_.self, text});
  if (s != TxnState::kFatalError) return;
  // Counted with the producer's errors (`produce_errors: {PRODUCER_FENCED: ">0"}`);
  // no partition: it is the transaction that failed.
  env_.observer.Observe(ObsProduceError{env_.self, TopicPartition{}, error, false});
  // Every waiting call fails with the fatal error.
  for (Done* d : {&init_done_, &offsets_done_, &end_done_}) {
    if (!*d) continue;
    Done fn = std::move(*d);
    *d = nullptr;
    fn(error);
  }
}

// ---- the producer's API -------------------------------------------------------------

void TxnRequestManager::InitTransactions(Done done) {
  if (state_ != TxnState::kUninitialized) return done(ErrorCode::INVALID_TXN_STATE);
  init_done_ = std::move(done);
  TransitionTo(TxnState::kInitializing);
  wake_sender_();
}

ErrorCode TxnRequestManager::BeginTransaction() {
  if (state_ != TxnState::kReady) return state_ == TxnState::kFatalError ? last_error_ : ErrorCode::INVALID_TXN_STATE;
  TransitionTo(TxnState::kInTransaction);
  return ErrorCode::NONE;
}

void TxnRequestManager::SendOffsetsToTransaction(TxnOffsets offsets, Done done) {
  if (state_ != TxnState::kInTransaction)
    return done(state_ == TxnState::kFatalError ? last_error_ : ErrorCode::INVALID_TXN_STATE);
  pending_offsets_ = std::move(offsets);
  offsets_added_ = false;
  offsets_done_ = std::move(done);
  wake_sender_();
}

void TxnRequestManager::CommitTransaction(Done done) {
  if (state_ == TxnState::kAbortableError || state_ == TxnState::kFatalError) return done(last_error_);
  if (state_ != TxnState::kInTransaction) return done(ErrorCode::INVALID_TXN_STATE);
  end_done_ = std::move(done);
  TransitionTo(TxnState::kCommitting);
  wake_sender_();
}

void TxnRequestManager::AbortTransaction(Done done) {
  if (state_ == TxnState::kFatalError) return done(last_error_);
  if (state_ != TxnState::kInTransaction && state_ != TxnState::kAbortableError)
    return done(ErrorCode::INVALID_TXN_STATE);
  end_done_ = std::move(done);
  // beginAbort: partitions not yet added are not added; undrained batches
  // are failed (TransactionAbortedException).
  new_partitions_.clear();
  abort_undrained_ = true;
  TransitionTo(TxnState::kAborting);
  wake_sender_();
}

void TxnRequestManager::MaybeAddPartition(const TopicPartition& tp) {
  if (state_ != TxnState::kInTransaction || partitions_.count(tp)) return;
  new_partitions_.insert(tp);
}

bool TxnRequestManager::IsSendToPartitionAllowed(const TopicPartition& tp) const {
  return (state_ == TxnState::kInTransaction || state_ == TxnState::kCommitting || state_ == TxnState::kAborting) &&
         partitions_.count(tp) > 0;
}

bool TxnRequestManager::CanSendData() const {
  return idempotence_.has_producer_id() && state_ != TxnState::kFatalError;
}

void TxnRequestManager::OnBatchFailed(ErrorCode err) {
  // maybeTransitionToErrorState: fenced is fatal; anything else makes the
  // transaction abortable and, unless it is completing, asks for a bump.
  if (err == ErrorCode::PRODUCER_FENCED) return TransitionTo(TxnState::kFatalError, err);
  const bool completing = state_ == TxnState::kCommitting || state_ == TxnState::kAborting;
  if (!completing) epoch_bump_required_ = true;
  if (state_ == TxnState::kInTransaction || state_ == TxnState::kCommitting)
    TransitionTo(TxnState::kAbortableError, err);
}

void TxnRequestManager::OnUnresolvedSequences() {
  epoch_bump_required_ = true;
  if (state_ == TxnState::kInTransaction || state_ == TxnState::kCommitting)
    TransitionTo(TxnState::kAbortableError, ErrorCode::DELIVERY_TIMEOUT);
}

bool TxnRequestManager::TakeAbortUndrained() {
  bool out = abort_undrained_;
  abort_undrained_ = false;
  return out;
}

// ---- the request loop -----------------------------------------------------------------

void TxnRequestManager::Poll(bool batches_pending) {
  if (in_flight_ || backing_off_ || state_ == TxnState::kFatalError) return;
  if (state_ == TxnState::kInitializing) {
    if (coordinator_ == kNoNode) return FindCoordinator(CoordinatorType::TRANSACTION, cfg_.transactional_id);
    return SendInitProducerId();
  }
  const bool active = state_ == TxnState::kInTransaction || state_ == TxnState::kCommitting;
  if (active && !new_partitions_.empty()) return SendAddPartitions();
  if (active && pending_offsets_) return offsets_added_ ? SendTxnOffsetCommit() : SendAddOffsets();
  if ((state_ == TxnState::kCommitting || state_ == TxnState::kAborting) && !batches_pending) {
    if (!transaction_started_) return CompleteTransaction(ErrorCode::NONE);  // nothing was sent: nothing to end
    SendEndTxn();
  }
}

void TxnRequestManager::Retry() {
  backing_off_ = true;
  env_.timers.Schedule(Ms(cfg_.retry_backoff_ms), [this] {
    backing_off_ = false;
    wake_sender_();
  });
}

void TxnRequestManager::Send(NodeId to, Message req, std::function<void(const Message*, ErrorCode)> handler) {
  in_flight_ = true;
  tracker_.Send(to, std::move(req), cfg_.request_timeout_ms,
                [this, handler = std::move(handler)](const Message* m, ErrorCode err) {
                  in_flight_ = false;
                  handler(m, err);
                  wake_sender_();
                });
}

// The errors every handler shares: lost coordinators and busy ones are
// retried; fencing is fatal (Kafka 3.4 maps INVALID_PRODUCER_EPOCH from the
// coordinator to ProducerFencedException); anything else is abortable.
bool TxnRequestManager::HandleError(ErrorCode e, bool group_coordinator) {
  switch (e) {
    case ErrorCode::NONE:
      return false;
    case ErrorCode::NOT_COORDINATOR:
    case ErrorCode::COORDINATOR_NOT_AVAILABLE:
    case ErrorCode::NETWORK_EXCEPTION:
    case ErrorCode::REQUEST_TIMED_OUT:
      (group_coordinator ? group_coordinator_ : coordinator_) = kNoNode;
      Retry();
      return true;
    case ErrorCode::COORDINATOR_LOAD_IN_PROGRESS:
    case ErrorCode::CONCURRENT_TRANSACTIONS:
      Retry();
      return true;
    case ErrorCode::PRODUCER_FENCED:
    case ErrorCode::INVALID_PRODUCER_EPOCH:
      TransitionTo(TxnState::kFatalError, ErrorCode::PRODUCER_FENCED);
      return true;
    case ErrorCode::INVALID_TXN_STATE:
    case ErrorCode::INVALID_PRODUCER_ID_MAPPING:
    case ErrorCode::INVALID_TRANSACTION_TIMEOUT:
      TransitionTo(TxnState::kFatalError, e);
      return true;
    default:
      TransitionTo(TxnState::kAbortableError, e);
      return true;
  }
}

}  // namespace kafkasim::client
