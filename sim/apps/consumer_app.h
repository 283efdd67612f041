// sim/apps/consumer_app.h — a simulated consumer application: a poll loop
// over a KafkaConsumer that processes records one at a time.
//
// Loop: Poll (100 ms) → process each returned record in order, each taking
// processing_time; a record is *processed* when its time has elapsed and
// then ObsConsumed is emitted (uid from the "ksim.id" header). A crash
// during processing loses that work (nothing is emitted for it).
//
// Commit modes (scenario `commit:`), each commit synchronous as Java's
// commitSync — the loop waits for its answer:
//   before-processing  commit the next offsets of the whole poll as soon as
//                      the poll returns, then process (at-most-once);
//   after-processing   process the poll's records, then commit (at-least-once);
//   auto               enable.auto.commit=true: the consumer commits the
//                      positions of the last poll every
//                      auto.commit.interval.ms from inside Poll().
// The scenario's commit mode decides enable.auto.commit (true only for auto).
// A Poll that raises a fatal error (Java's poll() throwing, e.g.
// InvalidSessionTimeoutException) ends the application: it closes the
// consumer and processes nothing more.
// Dedup (scenario `dedup:`, dedup_store.h): with a store, a record whose id
// the store holds is skipped when its turn comes (ObsRedelivered, no
// processing time); a processed record's id is added to the store in the
// same step as ObsConsumed. Records without a "ksim.id" are never skipped.
// Only partitions still assigned at commit time are committed. ObsOffsetCommit
// comes from the client for every partition of every successful commit.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "core/client/kafka_consumer.h"
#include "core/env.h"
#include "sim/apps/dedup_store.h"
#include "sim/scenario/scenario.h"

namespace kafkasim::sim {

constexpr TimeNs kConsumerPollTimeoutNs = 100 * kNsPerMs;

class ConsumerApp final : public Node {
 public:
  ConsumerApp(Env& env, const scenario::ConsumerSpec& spec, std::vector<NodeId> bootstrap);
  ~ConsumerApp() override;

  void Start() override;
  void OnMessage(NodeId from, const Message& message) override;
  void OnPeerUnreachable(NodeId peer) override {
    if (consumer_) consumer_->OnConnectionLost(peer);
  }

  const client::KafkaConsumer* consumer() const { return consumer_.get(); }
  uint64_t processed() const { return processed_; }

 private:
  void Begin();
  void PollLoop();
  void OnRecords(std::vector<client::ConsumerRecord> records);
  void ProcessNext();
  void CommitThen(std::function<void()> next);
  void Fail(ErrorCode e);

  Env& env_;
  scenario::ConsumerSpec spec_;
  std::vector<NodeId> bootstrap_;
  config::ConsumerConfig cfg_;
  std::unique_ptr<client::KafkaConsumer> consumer_;
  std::vector<client::ConsumerRecord> batch_;   // the records of the current poll
  size_t next_ = 0;                             // next record of batch_ to process
  std::map<TopicPartition, Offset> to_commit_;  // next offsets of batch_
  TimerId timer_ = 0;
  uint64_t processed_ = 0;
  std::optional<DedupStore> store_;  // `dedup: store` / `store-unsynced`
};

config::ConsumerConfig ConsumerConfigFromSpec(const scenario::ConsumerSpec& spec, Env* env_for_notes = nullptr);

}  // namespace kafkasim::sim
