// core/broker/transaction_coordinator_state.cc — the transaction
// coordinator's durable state: transitions written to __transaction_state,
// loading a partition on becoming its leader, ending transactions, and
// aborting timed-out ones (Kafka's TransactionStateManager and
// TransactionCoordinator.endTransaction / abortTimedOutTransactions).
#include <vector>

#include "core/broker/replica_manager.h"
#include "core/broker/transaction_coordinator.h"
#include "core/record/record_batch.h"
#include "core/util/assert.h"
#include "core/protocol/message.h"
#include "core/observe/observation.h"
#include "core/protocol/txn.h"
#include "core/protocol/group.h"

namespace kafkasim::broker {
namespace {

// TransactionStateManager.appendTransactionToLog's error mapping.
ErrorCode MapTxnLogAppendError(ErrorCode e) {
  switch (e) {
    case ErrorCode::NONE:
      return ErrorCode::NONE;
    case ErrorCode::UNKNOWN_TOPIC_OR_PARTITION:
    case ErrorCode::NOT_ENOUGH_REPLICAS:
    case ErrorCode::NOT_ENOUGH_REPLICAS_AFTER_APPEND:
    case ErrorCode::REQUEST_TIMED_OUT:
      return ErrorCode::COORDINATOR_NOT_AVAILABLE;
    case ErrorCode::NOT_LEADER_OR_FOLLOWER:
    case ErrorCode::KAFKA_STORAGE_ERROR:
      return ErrorCode::NOT_COORDINATOR;
    default:
      return ErrorCode::UNKNOWN_SERVER_ERROR;
  }
}

bool IsPrepare(TransactionState s) {
  return s == TransactionState::kPrepareCommit || s == TransactionState::kPrepareAbort;
}

}  // namespace

void TransactionCoordinator::Start() {
  const int64_t period = cfg_.transaction_abort_timed_out_transaction_cleanup_interval_ms;
  env_.timers.Schedule(Ms(period), [this] {
    AbortTimedOutTransactions();
    Start();
  });
}

PartitionId TransactionCoordinator::PartitionFor(const std::string& txn_id) const {
  return PartitionId{TransactionStatePartitionFor(txn_id, cfg_.transaction_state_log_num_partitions)};
}

void TransactionCoordinator::Note(const std::string& text) { env_.observer.Observe(ObsNote{env_.self, text}); }

int16_t TransactionCoordinator::FencedEpoch(const TxnRecord& r) {
  return r.producer_epoch >= INT16_MAX ? r.producer_epoch : static_cast<int16_t>(r.producer_epoch + 1);
}

void TransactionCoordinator::AppendTransition(const std::string& txn_id, TxnRecord next, Done done) {
  TransactionMetadata& m = txns_.at(txn_id);
  KSIM_ASSERT(!m.pending, "transactional id " + txn_id + " has two transitions in flight");
  m.pending = next;
  const TopicPartition tp{kTransactionStateTopic, m.state_partition};
  KSIM_ASSERT(owned_.contains(tp.partition), "a transition for " + txn_id + " on a partition not loaded here");
  const int32_t coordinator_epoch = owned_.at(tp.partition);
  Bytes batch = EncodeTxnRecordBatch(next, env_.Now() / kNsPerMs);
  replicas_.AppendInternal(
      tp, std::move(batch), AppendOrigin::kCoordinator,
      [this, txn_id, tp, coordinator_epoch, done = std::move(done)](ErrorCode e) {
        auto it = txns_.find(txn_id);
        // Resigned (or re-elected) meanwhile: the new
        // coordinator loads what was committed.
        auto owned = owned_.find(tp.partition);
        if (it == txns_.end() || !it->second.pending || owned == owned_.end() || owned->second != coordinator_epoch) {
          done(ErrorCode::NOT_COORDINATOR);
          return;
        }
        TransactionMetadata& m = it->second;
        if (e == ErrorCode::NONE) m.current = *m.pending;
        m.pending.reset();
        done(MapTxnLogAppendError(e));
      });
}

// Kafka 3.4 TransactionCoordinator.endTransaction. A client must name the
// current epoch; the coordinator's own aborts (an older instance fenced by
// InitProducerId, or a timeout) come with the bumped epoch they write.
void TransactionCoordinator::EndTransaction(const std::string& txn_id, ProducerId pid, ProducerEpoch epoch, bool commit,
                                            bool from_client, Done done) {
  if (ErrorCode e = CheckCoordinator(txn_id); e != ErrorCode::NONE) return done(e);
  auto it = txns_.find(txn_id);
  if (it == txns_.end() || it->second.current.producer_id != pid.value())
    return done(ErrorCode::INVALID_PRODUCER_ID_MAPPING);
  TransactionMetadata& m = it->second;
  const TxnRecord& cur = m.current;
  if ((from_client && epoch.value() != cur.producer_epoch) || epoch.value() < cur.producer_epoch)
    return done(ErrorCode::PRODUCER_FENCED);
  if (m.pending) return done(ErrorCode::CONCURRENT_TRANSACTIONS);
  const TransactionState prepare = commit ? TransactionState::kPrepareCommit : TransactionState::kPrepareAbort;
  const TransactionState complete = commit ? TransactionState::kCompleteCommit : TransactionState::kCompleteAbort;
  if (cur.state == complete) return done(ErrorCode::NONE);  // a retried EndTxn
  if (cur.state == prepare) return done(ErrorCode::CONCURRENT_TRANSACTIONS);
  if (cur.state != TransactionState::kOngoing) return done(ErrorCode::INVALID_TXN_STATE);
  TxnRecord next = cur;
  next.state = prepare;
  next.producer_epoch = epoch.value();  // bumped when the coordinator fences
  next.txn_last_update_timestamp_ms = env_.Now() / kNsPerMs;
  AppendTransition(txn_id, next, [this, txn_id, done = std::move(done)](ErrorCode e) {
    // The client is answered once Prepare* is durable; the markers follow
    // (TransactionMarkerChannelManager.addTxnMarkersToSend).
    done(e);
    auto it = txns_.find(txn_id);
    if (e != ErrorCode::NONE || it == txns_.end()) return;
    it->second.markers_pending = it->second.current.partitions;
    SendMarkers(txn_id);
  });
}

void TransactionCoordinator::CompleteTransaction(const std::string& txn_id) {
  auto it = txns_.find(txn_id);
  if (it == txns_.end() || it->second.pending || !IsPrepare(it->second.current.state)) return;
  const TxnRecord& cur = it->second.current;
  const bool commit = cur.state == TransactionState::kPrepareCommit;
  TxnRecord next = cur;
  next.state = commit ? TransactionState::kCompleteCommit : TransactionState::kCompleteAbort;
  next.partitions.clear();
  next.txn_last_update_timestamp_ms = env_.Now() / kNsPerMs;
  const size_t parts = cur.partitions.size();
  AppendTransition(txn_id, next, [this, txn_id, commit, parts](ErrorCode e) {
    if (e == ErrorCode::NONE) {
      auto it = txns_.find(txn_id);
      const TxnRecord& r = it->second.current;
      env_.observer.Observe(
          ObsTxnCompleted{env_.self, txn_id, r.producer_id, r.producer_epoch, commit, static_cast<int32_t>(parts)});
      return;
    }
    if (e == ErrorCode::NOT_COORDINATOR) return;  // the next coordinator completes it
    env_.timers.Schedule(Ms(100), [this, txn_id] { CompleteTransaction(txn_id); });
  });
}

// TransactionCoordinator.abortTimedOutTransactions: an Ongoing transaction
// older than its transaction.timeout.ms is aborted with the producer's epoch
// fenced (prepareFenceProducerEpoch): the instance that opened it can
// neither commit it nor write to it any more.
void TransactionCoordinator::AbortTimedOutTransactions() {
  const int64_t now_ms = env_.Now() / kNsPerMs;
  std::vector<std::string> expired;
  for (const auto& [id, m] : txns_) {
    const TxnRecord& r = m.current;
    if (!m.pending && r.state == TransactionState::kOngoing && r.txn_start_timestamp_ms + r.txn_timeout_ms < now_ms)
      expired.push_back(id);
  }
  for (const std::string& id : expired) {
    const TxnRecord& r = txns_.at(id).current;
    Note("transaction of " + id + " open for " + std::to_string(now_ms - r.txn_start_timestamp_ms) +
         " ms > transaction.timeout.ms " + std::to_string(r.txn_timeout_ms) + ": aborting it, producer epoch " +
         std::to_string(r.producer_epoch) + " fenced");
    EndTransaction(id, ProducerId{r.producer_id}, ProducerEpoch{FencedEpoch(r)}, false, false, [](ErrorCode) {});
  }
}

// TransactionStateManager.loadTransactionsForTxnTopicPartition: the whole
// log, to its end, last record per id wins; then every Prepare*
// transaction's markers are sent again and it completes.
void TransactionCoordinator::OnBecomeLeader(PartitionId p) {
  owned_[p] = replicas_.LeaderEpochOf(TopicPartition{kTransactionStateTopic, p}).value();
  std::map<std::string, TxnRecord> loaded;
  record::BatchReader reader;
  replicas_.ForEachBatchOf(TopicPartition{kTransactionStateTopic, p}, false, [&](std::span<const uint8_t> batch) {
    auto st = reader.ForEach(batch, [&](const record::RecordView& rec) {
      if (!rec.key || !rec.value) return;
      std::string_view key(reinterpret_cast<const char*>(rec.key->data()), rec.key->size());
      std::string_view value(reinterpret_cast<const char*>(rec.value->data()), rec.value->size());
      if (auto r = ParseTxnRecord(key, value)) loaded[r->transactional_id] = std::move(*r);
    });
    (void)st;  // a corrupt batch is the log's concern; skip it
  });
  std::vector<std::string> unfinished;
  for (auto& [id, r] : loaded) {
    TransactionMetadata m;
    m.current = r;
    m.state_partition = p;
    if (IsPrepare(r.state)) {
      m.markers_pending = r.partitions;
      unfinished.push_back(id);
    }
    txns_[id] = std::move(m);
  }
  Note("transaction coordinator for " + std::string(kTransactionStateTopic) + "-" + std::to_string(p.value()) +
       ": loaded " + std::to_string(loaded.size()) + " transactional ids, " + std::to_string(unfinished.size()) +
       " with markers still to write");
  for (const std::string& id : unfinished) SendMarkers(id);
}

void TransactionCoordinator::OnResign(PartitionId p) {
  owned_.erase(p);
  for (auto it = markers_in_flight_.begin(); it != markers_in_flight_.end();) {
    auto t = txns_.find(it->second.txn_id);
    if (t != txns_.end() && t->second.state_partition == p) {
      env_.timers.Cancel(it->second.timer);
      it = markers_in_flight_.erase(it);
    } else {
      ++it;
    }
  }
  for (auto it = txns_.begin(); it != txns_.end();)
    it = it->second.state_partition == p ? txns_.erase(it) : std::next(it);
}

}  // namespace kafkasim::broker
