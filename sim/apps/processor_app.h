// sim/apps/processor_app.h — a consume-transform-produce application (one
// Kafka Streams thread running a stateless topology): each input record
// becomes one output record with the same key, written to the output topic.
//
// Loop (StreamThread.runOnce, simplified): poll → process each record in
// order (processing_time each; the output is sent when its processing ends,
// ObsConsumed as for a consumer) → when commit.interval.ms has passed since
// the last commit, commit (TaskManager.commit) → poll again.
//
// processing.guarantee (StreamsConfig; Kafka 3.4 TaskExecutor.commitOffsetsOrTransaction):
//   at_least_once    commit = flush the producer (every output acknowledged),
//                    then commitSync the input offsets. A crash between the
//                    two leaves output whose input is processed again: duplicates.
//   exactly_once_v2  (KIP-447) one transactional producer per processor
//                    (transactional.id <group>-<id>); the consumer reads
//                    read_committed. The first output after a commit begins a
//                    transaction; commit = sendOffsetsToTransaction(offsets,
//                    the consumer's group metadata) + commitTransaction
//                    (StreamsProducer.commitTransaction). Output and input
//                    offsets commit together or not at all.
// Kafka Streams' client defaults (StreamsConfig *_DEFAULT_OVERRIDES, *_EOS_OVERRIDES):
// consumer max.poll.records 1000, auto.offset.reset earliest,
// enable.auto.commit false; producer linger.ms 100; with exactly_once_v2
// isolation.level read_committed, delivery.timeout.ms Integer.MAX_VALUE and
// transaction.timeout.ms 10000. commit.interval.ms: 30000, or 100 with
// exactly_once_v2. The scenario's config overrides each.
//
// Rebalances (eager): before the JoinGroup the processor commits what it
// processed (Streams' onPartitionsRevoked → handleRevocation commits), so
// the next owner starts where its output ends. Partitions lost without that
// (session expired, fenced generation) with an open transaction are
// TaskMigrated: as is every fencing error of a commit
// (PRODUCER_FENCED, INVALID_PRODUCER_EPOCH, ILLEGAL_GENERATION,
// UNKNOWN_MEMBER_ID — StreamThread.handleTaskMigrated). The processor then
// aborts its transaction if it still can, drops both clients and starts
// again with new ones (a new producer instance re-initialises the
// transactional.id, bumping its epoch), rejoining the group.
//
// Node name: the processor's id (crash, restart, pause faults). A restarted
// processor keeps nothing but what `dedup:` stores on its disk.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "core/client/kafka_consumer.h"
#include "core/client/kafka_producer.h"
#include "core/env.h"
#include "sim/apps/dedup_store.h"
#include "sim/apps/output_uid.h"
#include "sim/scenario/scenario.h"

namespace kafkasim::sim {

// The processor's clients' configs: Streams' defaults, then the scenario's keys.
config::ConsumerConfig ProcessorConsumerConfig(const scenario::ProcessorSpec& spec, Env* env_for_notes = nullptr);
config::ProducerConfig ProcessorProducerConfig(const scenario::ProcessorSpec& spec, Env* env_for_notes = nullptr);
TimeNs ProcessorCommitIntervalNs(const scenario::ProcessorSpec& spec);
std::string ProcessorTransactionalId(const scenario::ProcessorSpec& spec);

class ProcessorApp final : public Node {
 public:
  ProcessorApp(Env& env, const scenario::ProcessorSpec& spec, UidSlots slots, std::vector<NodeId> bootstrap);
  ~ProcessorApp() override;

  void Start() override;
  void OnMessage(NodeId from, const Message& message) override;
  void OnPeerUnreachable(NodeId peer) override;

  const client::KafkaConsumer* consumer() const { return consumer_.get(); }
  uint64_t processed() const { return processed_; }

 private:
  bool eos() const { return spec_.guarantee == scenario::ProcessingGuarantee::kExactlyOnceV2; }
  // processor_app.cc: the loop
  void Begin();
  void StartConsumer();
  void PollLoop();
  void OnRecords(std::vector<client::ConsumerRecord> records);
  void ProcessNext();
  bool Process(const client::ConsumerRecord& r);  // false: the loop ended (TaskMigrated)
  void AfterBatch();
  void DropUnprocessed();
  void OnRevoked(const std::vector<TopicPartition>& revoked);
  void OnSendDone(uint32_t incarnation, ErrorCode e);
  // processor_app_commit.cc
  void Commit(std::function<void()> next);
  void CommitAtLeastOnce(std::function<void()> next);
  void CommitExactlyOnce(std::function<void()> next);
  void OnTransactionCommitted(const std::map<TopicPartition, Offset>& offsets);
  void BeforeJoin(std::function<void()> done);
  void TaskMigrated(ErrorCode why);
  void Die(ErrorCode why);
  void Note(const std::string& text);

  Env& env_;
  scenario::ProcessorSpec spec_;
  UidSlots slots_;
  std::vector<NodeId> bootstrap_;
  config::ConsumerConfig ccfg_;
  config::ProducerConfig pcfg_;
  TimeNs commit_interval_ns_;
  std::unique_ptr<client::KafkaConsumer> consumer_;
  std::unique_ptr<client::KafkaProducer> producer_;
  // Replaced clients, closed: kept until the process ends, for the requests
  // and timers they still have out (their callbacks check incarnation_).
  std::vector<std::unique_ptr<client::KafkaConsumer>> old_consumers_;
  std::vector<std::unique_ptr<client::KafkaProducer>> old_producers_;
  uint32_t incarnation_ = 0;                   // of the current pair of clients
  std::vector<client::ConsumerRecord> batch_;  // the records of the current poll
  size_t next_ = 0;                            // next record of batch_ to process
  std::map<TopicPartition, Offset> consumed_;  // processed since the last commit: next offsets
  int64_t unacked_ = 0;                        // outputs sent, not yet answered
  bool send_failed_ = false;                   // an output failed since the last commit
  std::function<void()> flushed_;              // runs when unacked_ reaches 0
  bool in_transaction_ = false;                // exactly_once_v2: a transaction is open
  bool committing_ = false;
  bool polling_ = false;  // a Poll is pending
  bool repoll_ = false;   // a Poll answered during a commit: poll again after it
  bool stopped_ = false;
  std::function<void()> join_waiter_;  // BeforeJoin's `done`, once the commit is through
  TimeNs last_commit_ns_ = 0;
  TimerId timer_ = 0;
  uint64_t processed_ = 0;
  Bytes value_;
  std::optional<DedupStore> store_;  // `dedup: store` / `store-unsynced`
};

}  // namespace kafkasim::sim
