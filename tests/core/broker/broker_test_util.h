// tests/core/broker/broker_test_util.h — a real Env (from a sim::World
// node), a real Log on that node's SimDisk, and real record batches, for
// broker-side unit tests.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/broker/partition.h"
#include "core/config/broker_config.h"
#include "core/config/topic_config.h"
#include "core/log/log.h"
#include "core/record/record_batch.h"
#include "sim/world.h"

namespace kafkasim::broker::testing {

// A node that does nothing: the test drives the Env it was given.
class IdleNode final : public Node {
 public:
  void Start() override {}
  void OnMessage(NodeId, const Message&) override {}
};

// One World with broker 1 started; env() is broker 1's Env.
class BrokerEnv {
 public:
  static constexpr NodeId kSelf{1};
  static constexpr NodeId kF2{2};
  static constexpr NodeId kF3{3};

  BrokerEnv() {
    world_.AddNode(kSelf, "broker-1", sim::NodeKind::kBroker, [this](Env& e) -> std::unique_ptr<Node> {
      env_ = &e;
      return std::make_unique<IdleNode>();
    });
    world_.Start(kSelf);
  }

  Env& env() { return *env_; }
  void AdvanceTo(TimeNs t) { world_.loop().RunUntil(t); }

  static config::EffectiveTopicConfig TopicCfg(int32_t min_isr) {
    config::TopicConfig t;
    t.min_insync_replicas = min_isr;
    return config::Resolve(t, config::BrokerConfig{});
  }

  static constexpr int64_t kLagMs = 10000;  // replica.lag.time.max.ms of test partitions

  std::unique_ptr<Partition> MakePartition(int32_t min_isr, const std::string& topic = "t", int64_t lag_ms = kLagMs) {
    auto log = log::Log::Open(env().disk, topic + "-0/", log::LogSettings{}, env().Now());
    EXPECT_TRUE(log.ok()) << (log.ok() ? "" : log.error().message);
    return std::make_unique<Partition>(env(), TopicPartition{topic, PartitionId{0}}, std::move(log).value(),
                                       TopicCfg(min_isr), lag_ms);
  }

  static PartitionState State(NodeId leader, int32_t leader_epoch, std::vector<NodeId> isr,
                              std::vector<NodeId> replicas = {kSelf, kF2, kF3}, const std::string& topic = "t") {
    PartitionState st;
    st.tp = TopicPartition{topic, PartitionId{0}};
    st.controller_epoch = ControllerEpoch{1};
    st.leader = leader;
    st.leader_epoch = LeaderEpoch{leader_epoch};
    st.isr = std::move(isr);
    st.partition_epoch = 1;
    st.replicas = std::move(replicas);
    return st;
  }

  sim::World world_{7};
  Env* env_ = nullptr;
};

class BrokerEnvFixture : public ::testing::Test, public BrokerEnv {};

// A real v2 batch of `records` records. With a producer id it is idempotent.
inline Bytes MakeRecords(int32_t records, int64_t producer_id = -1, int16_t producer_epoch = -1,
                         int32_t base_sequence = -1, int64_t base_offset = 0, int32_t leader_epoch = -1) {
  record::BatchBuilder b(base_offset);
  if (producer_id >= 0) b.SetProducer(producer_id, producer_epoch, base_sequence);
  if (leader_epoch >= 0) b.SetPartitionLeaderEpoch(leader_epoch);
  for (int32_t i = 0; i < records; ++i) {
    std::string v = "value-" + std::to_string(i);
    std::vector<uint8_t> value(v.begin(), v.end());
    b.Append(1000 + i, std::nullopt, std::span<const uint8_t>(value));
  }
  return b.Build(config::Compression::kNone);
}

}  // namespace kafkasim::broker::testing
