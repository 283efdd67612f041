// sim/apps/producer_app_txn.cc — a transactional producer application
// (KafkaProducer's initTransactions / beginTransaction / send /
// commitTransaction / abortTransaction, as a Java application calls them).
#include <algorithm>

#include "sim/apps/producer_app.h"

namespace kafkasim::sim {

void ProducerApp::InitTransactions() {
  phase_ = TxnPhase::kInit;
  producer_->InitTransactions([this](ErrorCode e) {
    if (e != ErrorCode::NONE) return Stop(e);
    BeginTransaction();
  });
}

void ProducerApp::BeginTransaction() {
  const auto& w = spec_.workload;
  if (next_ >= w.messages) {
    phase_ = TxnPhase::kStopped;
    return;
  }
  ErrorCode e = producer_->BeginTransaction();
  if (e != ErrorCode::NONE) return Stop(e);
  phase_ = TxnPhase::kOpen;
  txn_number_ = next_ / w.transaction.records;
  txn_sent_ = 0;
  txn_unacked_ = 0;
  txn_failed_ = false;
  SendDueInTransaction();
}

void ProducerApp::SendDueInTransaction() {
  if (phase_ != TxnPhase::kOpen) return;
  const auto& w = spec_.workload;
  const TimeNs now = env_.Now();
  while (next_ < w.messages && DueNs(next_) <= now && txn_sent_ < w.transaction.records) {
    RecordUid uid = MakeRecordUid(index_, static_cast<uint64_t>(next_));
    auto cb = [this](ErrorCode e, Offset) {
      --txn_unacked_;
      if (e != ErrorCode::NONE) txn_failed_ = true;
      MaybeEndTransaction();
    };
    ++txn_unacked_;
    ++txn_sent_;
    if (w.keys > 0) {
      producer_->Send(w.topic, "k" + std::to_string(next_ % w.keys), value_, uid, cb);
    } else {
      producer_->Send(w.topic, std::nullopt, value_, uid, cb);
    }
    ++next_;
  }
  if (txn_sent_ == w.transaction.records || (next_ >= w.messages && txn_sent_ > 0)) {
    phase_ = TxnPhase::kEnding;
    return MaybeEndTransaction();
  }
  ScheduleNext();
}

// Every record of the transaction answered (Java: flush()), then commit —
// or abort: every abort_every-th transaction, or one whose send failed.
void ProducerApp::MaybeEndTransaction() {
  if (phase_ != TxnPhase::kEnding || txn_unacked_ > 0) return;
  const int64_t every = spec_.workload.transaction.abort_every;
  const bool abort = txn_failed_ || (every > 0 && (txn_number_ + 1) % every == 0);
  phase_ = TxnPhase::kInit;  // until the end is answered
  if (abort) {
    producer_->AbortTransaction([this](ErrorCode e) { OnTransactionEnded(false, e); });
  } else {
    producer_->CommitTransaction([this](ErrorCode e) { OnTransactionEnded(true, e); });
  }
}

void ProducerApp::OnTransactionEnded(bool commit, ErrorCode e) {
  if (e == ErrorCode::NONE) return BeginTransaction();
  const client::TxnRequestManager* t = producer_->transactions();
  if (commit && t != nullptr && t->state() == client::TxnState::kAbortableError) {
    // The commit failed (an abortable error): the application aborts.
    producer_->AbortTransaction([this](ErrorCode e2) { OnTransactionEnded(false, e2); });
    return;
  }
  Stop(e);
}

void ProducerApp::Stop(ErrorCode fatal) {
  phase_ = TxnPhase::kStopped;
  env_.timers.Cancel(timer_);
  timer_ = 0;
  env_.observer.Observe(ObsNote{env_.self, "transactional producer stops: " + std::string(ErrorName(fatal)) +
                                               " (Java: the producer can only be closed)"});
}

}  // namespace kafkasim::sim
