// tests/sim/cluster_builder_test.cc — how a scenario's topic configs reach the
// controller: a topic's own override wins over the broker's value, whichever
// way round (Kafka's LogConfig: topic overrides over broker defaults).
#include <gtest/gtest.h>

#include <string>

#include "sim/scenario/loader.h"
#include "sim/simulation.h"

namespace kafkasim::sim {
namespace {

// orders-0 on [1, 2]; broker-2 is cut off from broker-1 at 3s, so the ISR
// shrinks to [1]; broker-1 crashes at 7s (its session ends at ~9s). Only an
// unclean election could give the partition a leader.
std::string Scenario(const std::string& broker_unclean, const std::string& topic_config) {
  return "name: unclean-override\nseed: 13\nduration: 11s\n"
         "cluster:\n  brokers: 3\n  config:\n"
         "    zookeeper.session.timeout.ms: 2000\n    replica.lag.time.max.ms: 2000\n"
         "    unclean.leader.election.enable: " +
         broker_unclean +
         "\n"
         "topics:\n  - name: orders\n    partitions: 1\n    replication.factor: 2\n"
         "    assignment: {0: [1, 2]}\n    config: {min.insync.replicas: 1" +
         topic_config +
         "}\n"
         "producers:\n  - id: p1\n    config: {acks: all, enable.idempotence: false}\n"
         "    workload: {topic: orders, messages: 500, rate: 100/s, start: 2.5s}\n"
         "faults:\n  - {at: 3s, partition: [[broker-1], [broker-2]]}\n"
         "  - {at: 7s, crash: broker-1}\n  - {at: 7s, heal: all}\n";
}

NodeId LeaderAfterTheCrash(const std::string& yaml) {
  auto r = scenario::LoadScenarioString(yaml, "unclean-override.yaml");
  EXPECT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].ToString());
  Simulation sim(r.scenario, r.scenario.seed);
  sim.RunUntil(Ms(10500));
  return sim.LeaderOf(TopicPartition{"orders", PartitionId{0}});
}

TEST(ClusterBuilderTest, TopicUncleanFalseOverridesBrokerUncleanTrue) {
  EXPECT_EQ(LeaderAfterTheCrash(Scenario("true", ", unclean.leader.election.enable: false")), kNoNode)
      << "the topic forbids unclean election: the partition must stay offline";
}

TEST(ClusterBuilderTest, TopicUncleanTrueOverridesBrokerUncleanFalse) {
  EXPECT_EQ(LeaderAfterTheCrash(Scenario("false", ", unclean.leader.election.enable: true")), NodeId{2});
}

TEST(ClusterBuilderTest, TopicWithoutOverrideTakesTheBrokersUncleanSetting) {
  EXPECT_EQ(LeaderAfterTheCrash(Scenario("true", "")), NodeId{2});
  EXPECT_EQ(LeaderAfterTheCrash(Scenario("false", "")), kNoNode);
}

}  // namespace
}  // namespace kafkasim::sim
