// tests/core/client/client_harness.h — a World with one FakeBroker and client
// nodes wrapping a KafkaProducer / KafkaConsumer, for client tests.
#pragma once

#include <memory>
#include <vector>

#include "core/client/kafka_consumer.h"
#include "core/client/kafka_producer.h"
#include "core/record/record_batch.h"
#include "sim/world.h"
#include "tests/core/client/fake_broker.h"

namespace kafkasim::testing {

class ProducerNode final : public Node {
 public:
  ProducerNode(Env& env, const config::ProducerConfig& cfg) : producer(env, cfg, {NodeId{1}}) {}
  void Start() override {
    producer.RequestMetadata("t");
    producer.Start();
  }
  void OnMessage(NodeId from, const Message& m) override { producer.OnMessage(from, m); }
  client::KafkaProducer producer;
};

class ConsumerNode final : public Node {
 public:
  ConsumerNode(Env& env, const config::ConsumerConfig& cfg, std::string group, std::vector<std::string> topics)
      : consumer(env, cfg, {NodeId{1}}, std::move(group)) {
    consumer.Subscribe(std::move(topics));
  }
  void Start() override {
    consumer.Start();
    Loop();
  }
  void OnMessage(NodeId from, const Message& m) override { consumer.OnMessage(from, m); }
  void Loop() {
    consumer.Poll(Ms(100), [this](std::vector<client::ConsumerRecord> recs) {
      if (consumer.poll_error() != ErrorCode::NONE) poll_errors.push_back(consumer.poll_error());
      for (auto& r : recs) records.push_back(std::move(r));
      if (auto_commit_each_poll && !recs.empty()) consumer.Commit(consumer.positions(), [](ErrorCode) {});
      Loop();
    });
  }
  client::KafkaConsumer consumer;
  std::vector<client::ConsumerRecord> records;
  std::vector<ErrorCode> poll_errors;  // what Poll raised (the loop goes on, as one catching it would)
  bool auto_commit_each_poll = false;
};

struct Harness {
  sim::World world{42};
  std::shared_ptr<FakeClusterState> st = std::make_shared<FakeClusterState>();
  std::vector<Observation> obs;

  Harness() {
    st->broker_config.group_initial_rebalance_delay_ms = 0;
    // Short sessions keep the tests quick; Kafka's GroupCoordinatorTest
    // lowers group.min.session.timeout.ms the same way.
    st->broker_config.group_min_session_timeout_ms = 10;
    world.set_observation_hook([this](const Observation& o) { obs.push_back(o); });
    auto state = st;
    world.AddNode(NodeId{1}, "broker-1", sim::NodeKind::kBroker,
                  [state](Env& env) { return std::make_unique<FakeBroker>(env, state); });
  }
  void StartBroker() { world.Start(NodeId{1}); }

  ProducerNode* AddProducer(const config::ProducerConfig& cfg, int32_t id = 2001) {
    world.AddNode(NodeId{id}, "p" + std::to_string(id), sim::NodeKind::kProducer,
                  [cfg](Env& env) { return std::make_unique<ProducerNode>(env, cfg); });
    world.Start(NodeId{id});
    return static_cast<ProducerNode*>(world.slot(NodeId{id})->node());
  }
  ConsumerNode* AddConsumer(const config::ConsumerConfig& cfg, int32_t id, const std::string& group,
                            std::vector<std::string> topics) {
    if (world.slot(NodeId{id}) == nullptr) {
      world.AddNode(NodeId{id}, "c" + std::to_string(id), sim::NodeKind::kConsumer,
                    [cfg, group, topics](Env& env) { return std::make_unique<ConsumerNode>(env, cfg, group, topics); });
    }
    world.Start(NodeId{id});
    return Consumer(id);
  }
  ConsumerNode* Consumer(int32_t id) {
    auto* s = world.slot(NodeId{id});
    return s && s->node() ? static_cast<ConsumerNode*>(s->node()) : nullptr;
  }
  void RunFor(TimeNs d) { world.loop().RunUntil(world.Now() + d); }

  // The uids in a partition's log, in offset order.
  std::vector<RecordUid> LogUids(const TopicPartition& tp) const {
    std::vector<RecordUid> out;
    auto it = st->logs.find(tp);
    if (it == st->logs.end()) return out;
    for (const auto& b : it->second) {
      auto s = record::ForEachRecord(*b.bytes, [&](const record::RecordView& r) {
        for (const auto& h : r.headers)
          if (h.key == client::kRecordUidHeader && h.value) out.push_back(*client::DecodeUid(*h.value));
      });
      EXPECT_TRUE(s.ok());
    }
    return out;
  }

  template <typename T>
  std::vector<T> Of() const {
    std::vector<T> out;
    for (const auto& o : obs)
      if (auto* x = std::get_if<T>(&o)) out.push_back(*x);
    return out;
  }
};

}  // namespace kafkasim::testing
