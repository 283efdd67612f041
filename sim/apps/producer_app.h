// sim/apps/producer_app.h — a simulated producer application: a
// KafkaProducer driven by a scenario workload.
//
// Record i (0-based) is due at workload.start + i / workload.rate and is
// sent with uid MakeRecordUid(index, i), key "k<i % keys>" (round-robin over
// the keys; a null key when keys = 0) and a value of value_bytes bytes. The
// producer client emits ObsProduceSend when the record gets its partition.
//
// Crash and restart: the application keeps no durable state. A restarted
// producer gets a new producer id and resumes the schedule at the first
// record due after the restart; records due while it was down, and records
// it had buffered or in flight when it crashed, are never sent (their send()
// callbacks never ran, so none of them was acknowledged).
//
// Transactions (`workload.transaction: {records: R, abort_every: N}` with
// transactional.id): initTransactions at workload.start (at once after a
// restart); then each transaction is
// beginTransaction, R records sent as they fall due, a wait for their
// callbacks (Java's flush), and commitTransaction — or abortTransaction for
// every N-th transaction, or when a send failed (an abortable error). A
// fatal error (PRODUCER_FENCED: a newer instance with the same
// transactional.id, or the coordinator aborted a transaction that outlived
// transaction.timeout.ms) stops the application, as Java's producer can then
// only be closed (producer_app_txn.cc).
//
// Configs follow Kafka 3.x: enable.idempotence defaults to true, but when
// the scenario does not set it and sets acks other than all (or retries=0,
// or max.in.flight > 5), idempotence is off — as in Kafka >= 3.2.
#pragma once

#include <memory>
#include <vector>

#include "core/client/kafka_producer.h"
#include "core/env.h"
#include "sim/scenario/scenario.h"

namespace kafkasim::sim {

class ProducerApp final : public Node {
 public:
  ProducerApp(Env& env, const scenario::ProducerSpec& spec, uint32_t index, std::vector<NodeId> bootstrap);
  ~ProducerApp() override;

  void Start() override;
  void OnMessage(NodeId from, const Message& message) override;
  void OnPeerUnreachable(NodeId peer) override { producer_->OnConnectionLost(peer); }

  const client::KafkaProducer& producer() const { return *producer_; }
  int64_t next_record() const { return next_; }

 private:
  TimeNs DueNs(int64_t i) const;
  void SendDue();
  void ScheduleNext();
  bool transactional() const { return spec_.workload.transaction.records > 0; }
  // producer_app_txn.cc
  enum class TxnPhase { kInit, kOpen, kEnding, kStopped };
  void InitTransactions();
  void BeginTransaction();
  void SendDueInTransaction();
  void MaybeEndTransaction();
  void OnTransactionEnded(bool commit, ErrorCode e);
  void Stop(ErrorCode fatal);

  Env& env_;
  scenario::ProducerSpec spec_;
  uint32_t index_;
  config::ProducerConfig cfg_;
  std::unique_ptr<client::KafkaProducer> producer_;
  Bytes value_;  // one value buffer for every record
  int64_t next_ = 0;
  TimerId timer_ = 0;
  TxnPhase phase_ = TxnPhase::kInit;
  int64_t txn_number_ = 0;  // of the open transaction: next_ / records when it began
  int64_t txn_sent_ = 0;    // records sent in it
  int64_t txn_unacked_ = 0;
  bool txn_failed_ = false;  // a send of it failed: it must abort
};

// Kafka's producer config from a scenario's config map (see above).
config::ProducerConfig ProducerConfigFromSpec(const scenario::ConfigMap& m, Env* env_for_notes = nullptr,
                                              config::ProducerConfig base = {});

}  // namespace kafkasim::sim
