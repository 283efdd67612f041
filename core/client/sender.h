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
// Idempotence (enable.idempotence=true): InitProducerId first; sequences are
// assigned per partition when a batch is first drained and kept across
// retries; a retried batch goes out only when none of its partition's
// batches is in flight; DUPLICATE_SEQUENCE_NUMBER counts as success.
// OUT_OF_ORDER_SEQUENCE_NUMBER:
//   - for a batch that is not the next expected one (an earlier batch of the
//     partition is unresolved) it is retried: the earlier one failed first;
//   - for the next expected batch the broker has lost our state (e.g. an
//     unclean election truncated it): the batch fails with
//     OUT_OF_ORDER_SEQUENCE_NUMBER and the producer bumps its epoch
//     (KIP-360: InitProducerId with the current id and epoch) once nothing is
//     in flight; queued batches are then re-sequenced from 0.
// UNKNOWN_PRODUCER_ID bumps the epoch the same way and retries the batch.
// A batch that expires after being sent also bumps the epoch (its sequence
// is unresolved).
#pragma once

#include <map>
#include <memory>
#include <vector>

#include "core/client/client_metadata.h"
#include "core/client/record_accumulator.h"
#include "core/client/request_tracker.h"

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
  ProducerId producer_id() const { return producer_id_; }
  ProducerEpoch producer_epoch() const { return epoch_; }

 private:
  struct InFlight {
    NodeId broker;
    std::vector<std::unique_ptr<ProducerBatch>> batches;
  };

  void Run();
  void ScheduleAt(TimeNs at);
  void ExpireBatches();
  bool ProducerIdReady();
  void SendInitProducerId();
  // One round: the head batch of each ready partition, grouped by leader.
  std::map<NodeId, std::vector<std::unique_ptr<ProducerBatch>>> DrainRound(std::map<NodeId, int>& used);
  bool Muted(const TopicPartition& tp, const ProducerBatch& head) const;
  void Seal(ProducerBatch& b);
  void SendProduce(NodeId broker, std::vector<std::unique_ptr<ProducerBatch>> batches);
  void OnProduceResponse(uint64_t key, const Message* m, ErrorCode err);
  void HandlePartition(std::unique_ptr<ProducerBatch> b, ErrorCode err, Offset base_offset);
  void Retry(std::unique_ptr<ProducerBatch> b, ErrorCode err);
  void Complete(std::unique_ptr<ProducerBatch> b, ErrorCode err, Offset base_offset);
  void RequestEpochBump();
  void ApplyEpochBump();

  Env& env_;
  const config::ProducerConfig& cfg_;
  RecordAccumulator& acc_;
  ClientMetadata& metadata_;
  RequestTracker& tracker_;
  bool run_scheduled_ = false;
  TimerId run_timer_ = 0;
  TimeNs run_at_ = -1;
  bool shut_down_ = false;
  uint64_t next_request_key_ = 1;
  std::map<uint64_t, InFlight> in_flight_;
  std::map<TopicPartition, int> in_flight_batches_;
  // Idempotence.
  ProducerId producer_id_ = kNoProducerId;
  ProducerEpoch epoch_{-1};
  bool init_in_flight_ = false;
  bool bump_needed_ = false;
  std::map<TopicPartition, int32_t> next_sequence_;
  std::map<TopicPartition, int32_t> last_acked_sequence_;
};

}  // namespace kafkasim::client
