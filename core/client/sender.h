// core/client/sender.h — the producer's I/O half (Java's Sender +
// the idempotent part of TransactionManager).
//
// Drains ready batches from the accumulator into ProduceRequests, one
// request per broker per round holding at most one batch per partition, with
// at most max.in.flight.requests.per.connection requests outstanding per
// broker. Handles responses: success, retry (retriable errors while retries
// and delivery.timeout.ms allow, after retry.backoff.ms), or final failure.
//
// Without idempotence nothing stops a retried batch from landing after a
// batch sent later (reordering, when max.in.flight > 1), nor a batch whose
// response was lost from being appended again (duplicates): both follow
// from the mechanics, as in Kafka.
//
// Idempotence (enable.idempotence=true): InitProducerId first; then the
// TransactionManager (transaction_manager.h) assigns sequences per partition
// when a batch is first drained, keeps them across retries, decides which
// errors are retried, and bumps the epoch locally (KIP-360) for the
// partitions that need it. A retried batch goes out only when none of its
// partition's batches is in flight; DUPLICATE_SEQUENCE_NUMBER counts as
// success. OUT_OF_ORDER_SEQUENCE_NUMBER is retried: for the next expected
// batch the broker has a gap (e.g. an unclean election truncated it), so that
// partition's unresolved batches restart from sequence 0 under a bumped
// epoch, while every other partition keeps its batches' epoch and sequences
// (their retries must still be recognised as duplicates). A batch that
// expires after being sent leaves its partition unresolved until its other
// batches finish.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/client/client_metadata.h"
#include "core/client/record_accumulator.h"
#include "core/client/request_tracker.h"
#include "core/client/transaction_manager.h"
#include "core/client/txn_request_manager.h"

namespace kafkasim::client {

class Sender {
 public:
  Sender(Env& env, const config::ProducerConfig& cfg, RecordAccumulator& acc, ClientMetadata& metadata,
         RequestTracker& tracker);
  ~Sender();
  Sender(const Sender&) = delete;
  Sender& operator=(const Sender&) = delete;

  // Runs a send pass soon (never reentrantly).
  void Wakeup();
  // Fails nothing, sends nothing more; drops in-flight batches silently.
  void Shutdown();

  bool idle() const { return in_flight_.empty(); }
  ProducerId producer_id() const { return txn_.producer_id_and_epoch().producer_id; }
  ProducerEpoch producer_epoch() const { return txn_.producer_id_and_epoch().epoch; }
  // The transactional half (transactional.id set), else null.
  TxnRequestManager* transactions() { return txn_requests_.get(); }
  const TxnRequestManager* transactions() const { return txn_requests_.get(); }

  // Records counted as Kafka 3.4's Sender.SenderMetrics counts them, since
  // the producer started: record-send-total (every record of every produce
  // request sent, retries included: updateProduceRequestMetrics),
  // record-retry-total (records of batches re-enqueued: recordRetries) and
  // record-error-total (records of batches failed, expired ones included:
  // failBatch -> recordErrors).
  struct RecordCounts {
    int64_t sent = 0;
    int64_t retried = 0;
    int64_t errored = 0;
  };
  const RecordCounts& record_counts() const { return record_counts_; }

 private:
  struct InFlight {
    NodeId broker;
    std::vector<std::unique_ptr<ProducerBatch>> batches;
  };

  RecordCounts record_counts_;

  void Run();
  void ScheduleAt(TimeNs at);
  void ExpireBatches();
  // Resolves sequences, bumps the epoch, asks for a producer id; true when
  // batches may be drained.
  bool ProducerIdReady();
  void SendInitProducerId();
  // One round: the head batch of each ready partition, grouped by leader.
  std::map<NodeId, std::vector<std::unique_ptr<ProducerBatch>>> DrainRound(std::map<NodeId, int>& used);
  bool Muted(const TopicPartition& tp, const ProducerBatch& head) const;
  void Seal(ProducerBatch& b);
  void SendProduce(NodeId broker, std::vector<std::unique_ptr<ProducerBatch>> batches);
  void OnProduceResponse(uint64_t key, const Message* m, ErrorCode err);
  void HandlePartition(std::unique_ptr<ProducerBatch> b, ErrorCode err, Offset base_offset);
  bool CanRetry(const ProducerBatch& b, ErrorCode err);
  void Fail(std::unique_ptr<ProducerBatch> b, ErrorCode err);
  void Complete(std::unique_ptr<ProducerBatch> b, ErrorCode err, Offset base_offset);
  void ObserveProducerId(const std::string& why);
  // Transactional producers: the coordinator's requests, the flush before
  // EndTxn and the abort of undrained batches; true when data may be drained.
  bool TransactionalReady();

  Env& env_;
  const config::ProducerConfig& cfg_;
  RecordAccumulator& acc_;
  ClientMetadata& metadata_;
  RequestTracker& tracker_;
  TimerId run_timer_ = 0;
  TimeNs run_at_ = -1;
  bool shut_down_ = false;
  uint64_t next_request_key_ = 1;
  std::map<uint64_t, InFlight> in_flight_;
  std::map<TopicPartition, int> in_flight_batches_;
  // Idempotence.
  TransactionManager txn_;
  bool init_in_flight_ = false;
  std::unique_ptr<TxnRequestManager> txn_requests_;
};

}  // namespace kafkasim::client
