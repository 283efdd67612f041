// core/broker/transaction_coordinator.cc — the transaction APIs a producer
// calls (Kafka 3.4 TransactionCoordinator.handle*).
#include "core/broker/transaction_coordinator.h"

#include <algorithm>

#include "core/broker/replica_manager.h"

namespace kafkasim::broker {

TransactionCoordinator::TransactionCoordinator(Env& env, ReplicaManager& replicas, ProducerIdManager& pids,
                                               const config::BrokerConfig& cfg, LeaderOf leader_of)
    : env_(env), replicas_(replicas), pids_(pids), cfg_(cfg), leader_of_(std::move(leader_of)) {}

TransactionCoordinator::~TransactionCoordinator() {
  for (auto& [id, f] : markers_in_flight_) env_.timers.Cancel(f.timer);
}

bool TransactionCoordinator::OnMessage(NodeId from, const Message& m) {
  if (auto* r = std::get_if<FindCoordinatorRequest>(&m); r && r->key_type == CoordinatorType::TRANSACTION) {
    HandleFindCoordinator(from, *r);
  } else if (auto* r = std::get_if<InitProducerIdRequest>(&m); r && !r->transactional_id.empty()) {
    HandleInitProducerId(from, *r);
  } else if (auto* r = std::get_if<AddPartitionsToTxnRequest>(&m)) {
    HandleAddPartitions(from, *r);
  } else if (auto* r = std::get_if<AddOffsetsToTxnRequest>(&m)) {
    HandleAddOffsets(from, *r);
  } else if (auto* r = std::get_if<EndTxnRequest>(&m)) {
    HandleEndTxn(from, *r);
  } else if (auto* r = std::get_if<WriteTxnMarkersResponse>(&m)) {
    OnMarkerResponse(r->correlation_id, r);
  } else {
    return false;
  }
  return true;
}

void TransactionCoordinator::HandleFindCoordinator(NodeId from, const FindCoordinatorRequest& r) {
  FindCoordinatorResponse resp{r.correlation_id, ErrorCode::NONE, kNoNode};
  // Kafka: without __transaction_state the broker asks for it to be created
  // and answers COORDINATOR_NOT_AVAILABLE.
  resp.node_id = leader_of_(TopicPartition{kTransactionStateTopic, PartitionFor(r.key)});
  if (resp.node_id == kNoNode) resp.error_code = ErrorCode::COORDINATOR_NOT_AVAILABLE;
  env_.net.Send(from, resp);
}

ErrorCode TransactionCoordinator::CheckCoordinator(const std::string& txn_id) const {
  return owned_.count(PartitionFor(txn_id)) ? ErrorCode::NONE : ErrorCode::NOT_COORDINATOR;
}

// The producer id must match (INVALID_PRODUCER_ID_MAPPING) and the epoch be
// the current one: an older instance is fenced (Kafka 3.4: PRODUCER_FENCED).
ErrorCode TransactionCoordinator::ValidateProducer(const TransactionMetadata& m, ProducerId pid,
                                                   ProducerEpoch epoch) const {
  if (m.current.producer_id != pid.value()) return ErrorCode::INVALID_PRODUCER_ID_MAPPING;
  if (m.current.producer_epoch != epoch.value()) return ErrorCode::PRODUCER_FENCED;
  if (m.pending) return ErrorCode::CONCURRENT_TRANSACTIONS;
  return ErrorCode::NONE;
}

// ---- InitProducerId ------------------------------------------------------------

void TransactionCoordinator::HandleInitProducerId(NodeId from, const InitProducerIdRequest& r) {
  InitProducerIdResponse err{r.correlation_id, CheckCoordinator(r.transactional_id), kNoProducerId, ProducerEpoch{-1}};
  if (err.error_code == ErrorCode::NONE &&
      (r.transaction_timeout_ms <= 0 || r.transaction_timeout_ms > cfg_.transaction_max_timeout_ms)) {
    err.error_code = ErrorCode::INVALID_TRANSACTION_TIMEOUT;
  }
  if (err.error_code != ErrorCode::NONE) {
    env_.net.Send(from, err);
    return;
  }
  auto it = txns_.find(r.transactional_id);
  if (it == txns_.end()) {
    // A new transactional id: a new producer id at epoch -1, Empty; the
    // transition below makes it epoch 0.
    std::optional<ProducerId> pid = pids_.GenerateProducerId();
    if (!pid) {
      err.error_code = ErrorCode::COORDINATOR_NOT_AVAILABLE;
      env_.net.Send(from, err);
      return;
    }
    TransactionMetadata m;
    m.current.transactional_id = r.transactional_id;
    m.current.producer_id = pid->value();
    m.current.txn_timeout_ms = r.transaction_timeout_ms;
    m.state_partition = PartitionFor(r.transactional_id);
    it = txns_.emplace(r.transactional_id, std::move(m)).first;
  }
  InitProducerIdTransit(from, r, it->second);
}

// prepareInitProducerIdTransit + the PrepareEpochFence branch of
// handleInitProducerId.
void TransactionCoordinator::InitProducerIdTransit(NodeId from, const InitProducerIdRequest& r,
                                                   TransactionMetadata& m) {
  InitProducerIdResponse resp{r.correlation_id, ErrorCode::NONE, kNoProducerId, ProducerEpoch{-1}};
  const TxnRecord& cur = m.current;
  // KIP-360: a producer bumping its epoch after an abort names the id and
  // epoch it has; another producer id is fenced (isValidProducerId).
  const bool expects = r.producer_id != kNoProducerId;
  if (m.pending)
    resp.error_code = ErrorCode::CONCURRENT_TRANSACTIONS;
  else if (expects && cur.producer_epoch != -1 && r.producer_id.value() != cur.producer_id)
    resp.error_code = ErrorCode::PRODUCER_FENCED;
  else if (cur.state == TransactionState::kPrepareCommit || cur.state == TransactionState::kPrepareAbort)
    resp.error_code = ErrorCode::CONCURRENT_TRANSACTIONS;
  if (resp.error_code != ErrorCode::NONE) {
    env_.net.Send(from, resp);
    return;
  }
  if (cur.state == TransactionState::kOngoing) {
    // "Abort the ongoing transaction first by fencing the producer": the
    // abort is written with a bumped epoch, and the caller retries
    // (CONCURRENT_TRANSACTIONS) until it completes — then the epoch is
    // bumped a second time for it.
    Note("InitProducerId for " + cur.transactional_id + ": aborting its ongoing transaction (epoch " +
         std::to_string(cur.producer_epoch) + " fenced)");
    EndTransaction(cur.transactional_id, ProducerId{cur.producer_id}, ProducerEpoch{FencedEpoch(cur)}, false, false,
                   [this, from, resp](ErrorCode e) mutable {
                     resp.error_code = e == ErrorCode::NONE ? ErrorCode::CONCURRENT_TRANSACTIONS : e;
                     env_.net.Send(from, resp);
                   });
    return;
  }
  IncrementProducerEpoch(from, r, m);
}

// CompleteAbort / CompleteCommit / Empty: prepareIncrementProducerEpoch,
// or a new producer id when the epoch is exhausted.
void TransactionCoordinator::IncrementProducerEpoch(NodeId from, const InitProducerIdRequest& r,
                                                    TransactionMetadata& m) {
  InitProducerIdResponse resp{r.correlation_id, ErrorCode::NONE, kNoProducerId, ProducerEpoch{-1}};
  const TxnRecord& cur = m.current;
  const bool expects = r.producer_id != kNoProducerId;
  // prepareIncrementProducerEpoch: the expected epoch must be the current
  // one — or the one before the last bump, whose answer the producer lost.
  const bool retried_bump =
      expects && r.producer_epoch.value() != cur.producer_epoch && r.producer_epoch.value() == m.last_producer_epoch;
  if (expects && cur.producer_epoch != -1 && r.producer_epoch.value() != cur.producer_epoch && !retried_bump) {
    resp.error_code = ErrorCode::PRODUCER_FENCED;
    env_.net.Send(from, resp);
    return;
  }
  TxnRecord next = cur;
  if (retried_bump) {
    // The bump already happened; its answer was lost: the same epoch again.
  } else if (cur.producer_epoch >= INT16_MAX - 1) {
    // Epoch exhausted: a new producer id (prepareProducerIdRotation).
    std::optional<ProducerId> pid = pids_.GenerateProducerId();
    if (!pid) {
      resp.error_code = ErrorCode::COORDINATOR_NOT_AVAILABLE;
      env_.net.Send(from, resp);
      return;
    }
    next.producer_id = pid->value();
    next.producer_epoch = 0;
  } else {
    next.producer_epoch = static_cast<int16_t>(cur.producer_epoch + 1);
  }
  const int16_t previous_epoch = retried_bump ? m.last_producer_epoch : cur.producer_epoch;
  next.txn_timeout_ms = r.transaction_timeout_ms;
  next.state = TransactionState::kEmpty;
  next.partitions.clear();
  next.txn_start_timestamp_ms = -1;
  next.txn_last_update_timestamp_ms = env_.Now() / kNsPerMs;
  AppendTransition(cur.transactional_id, next, [this, from, resp, next, previous_epoch](ErrorCode e) mutable {
    resp.error_code = e;
    if (e == ErrorCode::NONE) {
      resp.producer_id = ProducerId{next.producer_id};
      resp.producer_epoch = ProducerEpoch{next.producer_epoch};
      if (auto it = txns_.find(next.transactional_id); it != txns_.end())
        it->second.last_producer_epoch = previous_epoch;
    }
    env_.net.Send(from, resp);
  });
}

// ---- AddPartitionsToTxn / AddOffsetsToTxn ---------------------------------------

void TransactionCoordinator::HandleAddPartitions(NodeId from, const AddPartitionsToTxnRequest& r) {
  AddPartitions(r.transactional_id, r.producer_id, r.producer_epoch, r.partitions, [this, from, r](ErrorCode e) {
    AddPartitionsToTxnResponse resp{r.correlation_id, {}};
    for (const TopicPartition& tp : r.partitions) resp.results.push_back(TxnPartitionError{tp, e});
    env_.net.Send(from, resp);
  });
}

// handleAddPartitionsToTransaction: partitions already in the transaction
// need no write; otherwise Ongoing with them added is written first.
void TransactionCoordinator::AddPartitions(const std::string& txn_id, ProducerId pid, ProducerEpoch epoch,
                                           const std::vector<TopicPartition>& parts, Done done) {
  if (ErrorCode e = CheckCoordinator(txn_id); e != ErrorCode::NONE) return done(e);
  auto it = txns_.find(txn_id);
  if (it == txns_.end()) return done(ErrorCode::INVALID_PRODUCER_ID_MAPPING);
  TransactionMetadata& m = it->second;
  if (ErrorCode e = ValidateProducer(m, pid, epoch); e != ErrorCode::NONE) return done(e);
  const TxnRecord& cur = m.current;
  if (cur.state == TransactionState::kPrepareCommit || cur.state == TransactionState::kPrepareAbort)
    return done(ErrorCode::CONCURRENT_TRANSACTIONS);
  bool subset =
      std::all_of(parts.begin(), parts.end(), [&](const TopicPartition& tp) { return cur.partitions.count(tp) > 0; });
  if (cur.state == TransactionState::kOngoing && subset) return done(ErrorCode::NONE);
  TxnRecord next = cur;
  const int64_t now_ms = env_.Now() / kNsPerMs;
  if (cur.state != TransactionState::kOngoing) {
    // A new transaction (prepareAddPartitions from Empty / Complete*).
    next.partitions.clear();
    next.txn_start_timestamp_ms = now_ms;
  }
  next.state = TransactionState::kOngoing;
  next.partitions.insert(parts.begin(), parts.end());
  next.txn_last_update_timestamp_ms = now_ms;
  AppendTransition(txn_id, next, std::move(done));
}

// handleAddOffsetsToTransaction: the group's __consumer_offsets partition
// joins the transaction, so it gets a marker too.
void TransactionCoordinator::HandleAddOffsets(NodeId from, const AddOffsetsToTxnRequest& r) {
  TopicPartition offsets{kOffsetsTopic,
                         PartitionId{OffsetsPartitionFor(r.group_id, cfg_.offsets_topic_num_partitions)}};
  AddPartitions(r.transactional_id, r.producer_id, r.producer_epoch, {offsets}, [this, from, r](ErrorCode e) {
    env_.net.Send(from, AddOffsetsToTxnResponse{r.correlation_id, e});
  });
}

// ---- EndTxn ----------------------------------------------------------------------

void TransactionCoordinator::HandleEndTxn(NodeId from, const EndTxnRequest& r) {
  EndTransaction(r.transactional_id, r.producer_id, r.producer_epoch, r.committed, true, [this, from, r](ErrorCode e) {
    env_.net.Send(from, EndTxnResponse{r.correlation_id, e});
  });
}

}  // namespace kafkasim::broker
