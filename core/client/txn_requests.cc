// core/client/txn_requests.cc — the transactional producer's requests and
// their handlers (Kafka 3.4 TransactionManager.*Handler.handleResponse).
#include "core/client/txn_request_manager.h"

#include <utility>
#include "core/protocol/message.h"
#include "core/observe/observation.h"
#include "core/protocol/txn.h"
#include "core/protocol/group.h"

namespace kafkasim::client {
namespace {

ErrorCode FirstError(const std::vector<TxnPartitionError>& results) {
  for (const TxnPartitionError& r : results)
    if (r.error_code != ErrorCode::NONE) return r.error_code;
  return ErrorCode::NONE;
}

}  // namespace

void TxnRequestManager::FindCoordinator(CoordinatorType type, const std::string& key) {
  NodeId to = metadata_.AnyBroker();
  if (to == kNoNode) return Retry();
  FindCoordinatorRequest req;
  req.key = key;
  req.key_type = type;
  Send(to, req, [this, type](const Message* m, ErrorCode err) {
    const auto* r = ResponseAs<FindCoordinatorResponse>(m);
    if (err != ErrorCode::NONE || r == nullptr || r->error_code != ErrorCode::NONE || r->node_id == kNoNode)
      return Retry();
    (type == CoordinatorType::TRANSACTION ? coordinator_ : group_coordinator_) = r->node_id;
  });
}

void TxnRequestManager::SendInitProducerId() {
  InitProducerIdRequest req;
  req.transactional_id = cfg_.transactional_id;
  req.transaction_timeout_ms = cfg_.transaction_timeout_ms;
  if (idempotence_.has_producer_id()) {
    // initializeTransactions(producerIdAndEpoch): an epoch bump after an
    // abort names the id and epoch the producer has (KIP-360).
    req.producer_id = idempotence_.producer_id_and_epoch().producer_id;
    req.producer_epoch = idempotence_.producer_id_and_epoch().epoch;
  }
  Send(coordinator_, req, [this](const Message* m, ErrorCode err) {
    const auto* r = ResponseAs<InitProducerIdResponse>(m);
    ErrorCode e = err != ErrorCode::NONE ? err : (r ? r->error_code : ErrorCode::NETWORK_EXCEPTION);
    if (HandleError(e, false)) {
      if (state_ == TxnState::kFatalError && init_done_) std::exchange(init_done_, nullptr)(last_error_);
      if (state_ == TxnState::kAbortableError) TransitionTo(TxnState::kFatalError, e);  // init cannot be aborted
      return;
    }
    // InitProducerIdHandler: a new epoch; sequences restart.
    idempotence_.Reset();
    idempotence_.SetProducerIdAndEpoch({r->producer_id, r->producer_epoch});
    env_.observer.Observe(ObsNote{env_.self, "transactional.id " + cfg_.transactional_id + ": producer id " +
                                                 std::to_string(r->producer_id.value()) + " epoch " +
                                                 std::to_string(r->producer_epoch.value())});
    TransitionTo(TxnState::kReady);
    if (init_done_) std::exchange(init_done_, nullptr)(ErrorCode::NONE);
  });
}

void TxnRequestManager::SendAddPartitions() {
  // A lost coordinator is looked up again first (Java enqueues a
  // FindCoordinatorHandler ahead of the request).
  if (coordinator_ == kNoNode) return FindCoordinator(CoordinatorType::TRANSACTION, cfg_.transactional_id);
  const ProducerIdAndEpoch& pe = idempotence_.producer_id_and_epoch();
  AddPartitionsToTxnRequest req{0, cfg_.transactional_id, pe.producer_id, pe.epoch,
                                std::vector<TopicPartition>(new_partitions_.begin(), new_partitions_.end())};
  Send(coordinator_, req, [this, parts = req.partitions](const Message* m, ErrorCode err) {
    const auto* r = ResponseAs<AddPartitionsToTxnResponse>(m);
    ErrorCode e = err != ErrorCode::NONE ? err : (r ? FirstError(r->results) : ErrorCode::NETWORK_EXCEPTION);
    if (HandleError(e, false)) return;
    for (const TopicPartition& tp : parts) {
      new_partitions_.erase(tp);
      partitions_.insert(tp);
    }
    transaction_started_ = true;
  });
}

void TxnRequestManager::SendAddOffsets() {
  // A lost coordinator is looked up again first (Java enqueues a
  // FindCoordinatorHandler ahead of the request).
  if (coordinator_ == kNoNode) return FindCoordinator(CoordinatorType::TRANSACTION, cfg_.transactional_id);
  const ProducerIdAndEpoch& pe = idempotence_.producer_id_and_epoch();
  AddOffsetsToTxnRequest req{0, cfg_.transactional_id, pe.producer_id, pe.epoch, pending_offsets_->group_id};
  Send(coordinator_, req, [this](const Message* m, ErrorCode err) {
    const auto* r = ResponseAs<AddOffsetsToTxnResponse>(m);
    ErrorCode e = err != ErrorCode::NONE ? err : (r ? r->error_code : ErrorCode::NETWORK_EXCEPTION);
    if (HandleError(e, false)) {
      if (state_ != TxnState::kInTransaction && offsets_done_) std::exchange(offsets_done_, nullptr)(last_error_);
      return;
    }
    offsets_added_ = true;
    transaction_started_ = true;
  });
}

void TxnRequestManager::SendTxnOffsetCommit() {
  if (group_coordinator_ == kNoNode) return FindCoordinator(CoordinatorType::GROUP, pending_offsets_->group_id);
  const ProducerIdAndEpoch& pe = idempotence_.producer_id_and_epoch();
  const TxnOffsets& o = *pending_offsets_;
  TxnOffsetCommitRequest req{0,        cfg_.transactional_id, o.group_id,  pe.producer_id,
                             pe.epoch, o.generation_id,       o.member_id, o.offsets};
  Send(group_coordinator_, req, [this](const Message* m, ErrorCode err) {
    const auto* r = ResponseAs<TxnOffsetCommitResponse>(m);
    ErrorCode e = err != ErrorCode::NONE ? err : (r ? FirstError(r->results) : ErrorCode::NETWORK_EXCEPTION);
    // KIP-447: ILLEGAL_GENERATION / UNKNOWN_MEMBER_ID (a zombie of the
    // group) make the transaction abortable (CommitFailedException).
    if (HandleError(e, true)) {
      if (state_ != TxnState::kInTransaction && offsets_done_) std::exchange(offsets_done_, nullptr)(last_error_);
      return;
    }
    pending_offsets_.reset();
    if (offsets_done_) std::exchange(offsets_done_, nullptr)(ErrorCode::NONE);
  });
}

void TxnRequestManager::SendEndTxn() {
  // A lost coordinator is looked up again first (Java enqueues a
  // FindCoordinatorHandler ahead of the request).
  if (coordinator_ == kNoNode) return FindCoordinator(CoordinatorType::TRANSACTION, cfg_.transactional_id);
  const ProducerIdAndEpoch& pe = idempotence_.producer_id_and_epoch();
  const bool commit = state_ == TxnState::kCommitting;
  EndTxnRequest req{0, cfg_.transactional_id, pe.producer_id, pe.epoch, commit};
  Send(coordinator_, req, [this](const Message* m, ErrorCode err) {
    const auto* r = ResponseAs<EndTxnResponse>(m);
    ErrorCode e = err != ErrorCode::NONE ? err : (r ? r->error_code : ErrorCode::NETWORK_EXCEPTION);
    if (HandleError(e, false)) {
      // Fatal: TransitionTo failed end_done_. Abortable (a commit that
      // failed): the caller must abort.
      if (state_ == TxnState::kAbortableError && end_done_) std::exchange(end_done_, nullptr)(e);
      return;
    }
    CompleteTransaction(ErrorCode::NONE);
  });
}

// completeTransaction: back to READY with an empty transaction.
void TxnRequestManager::CompleteTransaction(ErrorCode result) {
  const bool committed = state_ == TxnState::kCommitting;
  partitions_.clear();
  new_partitions_.clear();
  pending_offsets_.reset();
  transaction_started_ = false;
  // completeTransaction: INITIALIZING when the epoch must be bumped; then
  // abortTransaction() returns when InitProducerId has bumped it
  // (initializeTransactions' result).
  const bool bump = std::exchange(epoch_bump_required_, false);
  TransitionTo(bump ? TxnState::kInitializing : TxnState::kReady);
  env_.observer.Observe(ObsNote{env_.self, "transactional.id " + cfg_.transactional_id +
                                               (committed ? ": transaction committed" : ": transaction aborted")});
  if (bump) {
    init_done_ = std::exchange(end_done_, nullptr);
    wake_sender_();
    return;
  }
  if (end_done_) std::exchange(end_done_, nullptr)(result);
}

}  // namespace kafkasim::client
