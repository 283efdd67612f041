// tests/sim/offsets_topic_test.cc — __consumer_offsets is never created with
// fewer replicas than offsets.topic.replication.factor (Kafka's
// AdminUtils.assignReplicasToBrokers refuses: INVALID_REPLICATION_FACTOR), so
// on a cluster with fewer brokers no consumer group forms and the story says
// why; with the factor lowered to fit, the group consumes everything.
#include <gtest/gtest.h>

#include <string>

#include "sim/run.h"
#include "sim/scenario/loader.h"

namespace kafkasim::sim {
namespace {

RunResult RunOneBroker(const std::string& broker_config) {
  std::string yaml = R"(name: one-broker
duration: 4s
cluster: {brokers: 1, config: {zookeeper.session.timeout.ms: 2000, group.initial.rebalance.delay.ms: 0)" +
                     broker_config + R"(}}
topics: [{name: t, partitions: 1, replication.factor: 1}]
producers:
  - {id: p1, workload: {topic: t, messages: 50, rate: 100/s, start: 1s}}
consumers:
  - {id: c1, group: g, topics: [t], config: {auto.offset.reset: earliest}}
)";
  auto loaded = scenario::LoadScenarioString(yaml, "offsets-topic-test.yaml");
  EXPECT_TRUE(loaded.errors.empty()) << (loaded.errors.empty() ? "" : loaded.errors[0].ToString());
  return RunScenario(loaded.scenario, RunOptions{});
}

TEST(OffsetsTopicTest, DefaultReplicationFactorOnOneBrokerFormsNoGroupAndSaysWhy) {
  RunResult r = RunOneBroker("");  // offsets.topic.replication.factor: 3 (Kafka's default)
  EXPECT_EQ(r.measurements.acked, 50);
  EXPECT_EQ(r.measurements.consumed["g"], 0);
  int told = 0;
  for (const StoryLine& l : r.story) {
    if (l.text.find("COORDINATOR_NOT_AVAILABLE") != std::string::npos &&
        l.text.find("__consumer_offsets cannot be created") != std::string::npos &&
        l.text.find("larger than available brokers: 1") != std::string::npos) {
      ++told;
    }
  }
  EXPECT_EQ(told, 1);
}

TEST(OffsetsTopicTest, ReplicationFactorThatFitsLetsTheGroupConsume) {
  RunResult r = RunOneBroker(", offsets.topic.replication.factor: 1");
  EXPECT_EQ(r.measurements.acked, 50);
  EXPECT_EQ(r.measurements.consumed["g"], 50);
}

}  // namespace
}  // namespace kafkasim::sim
