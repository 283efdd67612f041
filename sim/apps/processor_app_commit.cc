// sim/apps/processor_app_commit.cc — how a processor commits (Kafka 3.4
// TaskExecutor.commitOffsetsOrTransaction, StreamsProducer.commitTransaction)
// and what it does when it finds itself fenced (StreamThread.handleTaskMigrated).
#include <utility>

#include "core/observe/observation.h"
#include "sim/apps/processor_app.h"

namespace kafkasim::sim {

void ProcessorApp::Commit(std::function<void()> next) {
  committing_ = true;
  const uint32_t inc = incarnation_;
  auto then = [this, inc, next = std::move(next)] {
    if (inc != incarnation_) return;
    committing_ = false;
    last_commit_ns_ = env_.Now();
    if (join_waiter_) std::exchange(join_waiter_, nullptr)();  // the rebalance goes on
    next();
  };
  if (eos()) return CommitExactlyOnce(std::move(then));
  CommitAtLeastOnce(std::move(then));
}

// at_least_once: every output acknowledged first (the task's flush), then
// commitSync of the input offsets. A failed commit (CommitFailedException
// after a rebalance) leaves the records to their next owner, which redoes them.
void ProcessorApp::CommitAtLeastOnce(std::function<void()> next) {
  std::map<TopicPartition, Offset> offsets = std::exchange(consumed_, {});
  const uint32_t inc = incarnation_;
  auto commit = [this, inc, offsets = std::move(offsets), next = std::move(next)] {
    if (inc != incarnation_) return;
    if (send_failed_) return Die(ErrorCode::UNKNOWN_SERVER_ERROR);  // RecordCollector's send exception
    if (offsets.empty()) return next();
    consumer_->Commit(offsets, [this, inc, next](ErrorCode e) {
      if (inc != incarnation_) return;
      if (e != ErrorCode::NONE) Note("commitSync failed (" + std::string(ErrorName(e)) + "): the next owner redoes");
      next();
    });
  };
  if (unacked_ == 0) return commit();
  flushed_ = std::move(commit);
}

// exactly_once_v2: the offsets join the transaction with the consumer's
// group metadata (generation and member id: the group coordinator fences a
// zombie by them, KIP-447), then the transaction commits — output and
// offsets at once, or neither.
void ProcessorApp::CommitExactlyOnce(std::function<void()> next) {
  if (!in_transaction_) return next();
  const uint32_t inc = incarnation_;
  std::map<TopicPartition, Offset> offsets = consumed_;
  auto commit_txn = [this, inc, offsets, next = std::move(next)](ErrorCode e) {
    if (inc != incarnation_) return;
    if (e != ErrorCode::NONE) return TaskMigrated(e);
    producer_->CommitTransaction([this, inc, offsets, next](ErrorCode e2) {
      if (inc != incarnation_) return;
      if (e2 != ErrorCode::NONE) return TaskMigrated(e2);
      OnTransactionCommitted(offsets);
      next();
    });
  };
  if (offsets.empty()) return commit_txn(ErrorCode::NONE);
  client::TxnOffsets o;
  o.group_id = spec_.group;
  o.generation_id = consumer_->coordinator().generation();
  o.member_id = consumer_->coordinator().member_id();
  o.offsets.assign(offsets.begin(), offsets.end());
  producer_->SendOffsetsToTransaction(std::move(o), std::move(commit_txn));
}

// The group's offsets moved with the transaction: reported as a commit of
// the group (ObsOffsetCommit), as a consumer's commitSync is.
void ProcessorApp::OnTransactionCommitted(const std::map<TopicPartition, Offset>& offsets) {
  for (const auto& [tp, offset] : offsets) env_.observer.Observe(ObsOffsetCommit{env_.self, spec_.group, tp, offset});
  for (const auto& [tp, offset] : offsets) {
    auto it = consumed_.find(tp);
    if (it != consumed_.end() && it->second <= offset) consumed_.erase(it);
  }
  in_transaction_ = false;
}

// A rebalance is about to start (eager): what was processed is committed
// first, then the join goes on (Streams' handleRevocation commits).
void ProcessorApp::BeforeJoin(std::function<void()> done) {
  if (consumed_.empty() && !in_transaction_ && !committing_) return done();
  join_waiter_ = std::move(done);
  // Waiting in poll: commit now. Processing or committing: the loop
  // commits at its next step and then lets the join go on.
  if (polling_ && !committing_) {
    Commit([this] {
      if (std::exchange(repoll_, false)) PollLoop();
    });
  }
}

// TaskMigratedException: the processor was fenced (its producer epoch, its
// group generation) or lost its partitions. Its transaction is aborted if it
// still can be; then new clients, a new member of the group.
void ProcessorApp::TaskMigrated(ErrorCode why) {
  Note("TaskMigratedException (" + std::string(ErrorName(why)) +
       "): closing its tasks dirty, aborting their work and rejoining the group with new clients");
  const client::TxnRequestManager* t = producer_ ? producer_->transactions() : nullptr;
  const bool abortable = t != nullptr && (t->state() == client::TxnState::kInTransaction ||
                                          t->state() == client::TxnState::kAbortableError);
  if (!eos() || !abortable) return Begin();
  const uint32_t inc = incarnation_;
  committing_ = true;  // nothing else runs until Begin
  producer_->AbortTransaction([this, inc](ErrorCode) {
    if (inc == incarnation_) Begin();
  });
}

// The stream thread dies (an error Streams does not recover from here).
void ProcessorApp::Die(ErrorCode why) {
  stopped_ = true;
  env_.timers.Cancel(timer_);
  timer_ = 0;
  Note("the stream thread dies (" + std::string(ErrorName(why)) + "): it processes nothing more");
  if (consumer_) consumer_->Close();
}

}  // namespace kafkasim::sim
