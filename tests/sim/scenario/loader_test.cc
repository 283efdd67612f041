// Valid scenarios: defaults, kafkasim extensions, and each value form.
#include <gtest/gtest.h>

#include <string>

#include "sim/scenario/loader.h"

namespace kafkasim::scenario {
namespace {

Scenario Load(const std::string& yaml) {
  LoadResult r = LoadScenarioString(yaml, "test.yaml");
  for (const LoadError& e : r.errors) ADD_FAILURE() << e.ToString();
  return r.scenario;
}

TEST(ScenarioLoaderTest, DefaultsWhenKeysAreAbsent) {
  Scenario s = Load("name: minimal\n");
  EXPECT_EQ(s.name, "minimal");
  EXPECT_EQ(s.description, "");
  EXPECT_EQ(s.seed, 1u);
  EXPECT_EQ(s.duration_ns, 10 * kNsPerSec);
  EXPECT_FALSE(s.buggify);
  EXPECT_EQ(s.cluster.brokers, 3);
  EXPECT_TRUE(s.cluster.racks.empty());
  EXPECT_TRUE(s.cluster.config.empty());
  EXPECT_EQ(s.cluster.network.latency.min_ns, Ms(2));
  EXPECT_EQ(s.cluster.network.latency.max_ns, Ms(2));
  EXPECT_EQ(s.cluster.network.loss, 0.0);
  EXPECT_EQ(s.cluster.network.duplicate, 0.0);
  EXPECT_EQ(s.cluster.network.reorder, 0.0);
  EXPECT_EQ(s.cluster.network.bandwidth_bytes_per_sec, 0);
  EXPECT_EQ(s.cluster.disk.flush, FlushMode::kPageCache);
  EXPECT_TRUE(s.topics.empty());
  EXPECT_TRUE(s.producers.empty());
  EXPECT_TRUE(s.consumers.empty());
  EXPECT_TRUE(s.faults.empty());
  EXPECT_TRUE(s.narration.empty());
  EXPECT_FALSE(s.expect.lost_acked.has_value());
  EXPECT_TRUE(s.expect_at.empty());
  EXPECT_EQ(s.path, "test.yaml");
}

TEST(ScenarioLoaderTest, TopicAndClientDefaults) {
  Scenario s = Load(R"(name: d
topics: [{name: orders}]
producers: [{id: p1, workload: {topic: orders, messages: 5}}]
consumers: [{id: c1, group: g1, topics: [orders]}]
)");
  ASSERT_EQ(s.topics.size(), 1u);
  EXPECT_EQ(s.topics[0].partitions, 1);
  EXPECT_EQ(s.topics[0].replication_factor, 1);
  EXPECT_TRUE(s.topics[0].assignment.empty());
  ASSERT_EQ(s.producers.size(), 1u);
  const WorkloadSpec& w = s.producers[0].workload;
  EXPECT_EQ(w.messages, 5);
  EXPECT_DOUBLE_EQ(w.rate_per_sec, 100.0);
  EXPECT_EQ(w.keys, 0);
  EXPECT_EQ(w.value_bytes, 100);
  EXPECT_EQ(w.start_ns, 0);
  ASSERT_EQ(s.consumers.size(), 1u);
  EXPECT_EQ(s.consumers[0].commit, CommitMode::kAfterProcessing);
  EXPECT_EQ(s.consumers[0].processing_time_ns, Ms(1));
  EXPECT_EQ(s.consumers[0].start_ns, 0);
  EXPECT_EQ(s.consumers[0].loc.line, 4);
}

TEST(ScenarioLoaderTest, KafkasimExtensions) {
  Scenario s = Load(R"(name: ext
buggify: true
cluster:
  network:
    latency: {min: 1ms, max: 5ms}
    duplicate: 0.01
    reorder: 0.1
    bandwidth: 10MB/s
  disk: {flush: every-write}
faults:
  - {at: 1s, power_fail: broker-1, torn_write: true}
)");
  EXPECT_TRUE(s.buggify);
  EXPECT_TRUE(std::get<PowerFailFault>(s.faults.at(0).action).torn_write);
  EXPECT_EQ(s.cluster.network.latency.min_ns, Ms(1));
  EXPECT_EQ(s.cluster.network.latency.max_ns, Ms(5));
  EXPECT_EQ(s.cluster.network.duplicate, 0.01);
  EXPECT_EQ(s.cluster.network.reorder, 0.1);
  EXPECT_EQ(s.cluster.network.bandwidth_bytes_per_sec, 10'000'000);
  EXPECT_EQ(s.cluster.disk.flush, FlushMode::kEveryWrite);
}

TEST(ScenarioLoaderTest, ValueForms) {
  Scenario s = Load(R"(name: forms
duration: 2min
topics: [{name: orders, partitions: 2, replication.factor: 2, assignment: {1: [3, 1]}}]
producers:
  - id: p-1
    workload: {topic: orders, messages: 10, rate: 30/min, start: 1.5s}
consumers:
  - {id: c1, group: g1, topics: [orders], commit: auto, processing_time: 500us, start: 0}
)");
  EXPECT_EQ(s.duration_ns, 120 * kNsPerSec);
  EXPECT_EQ(s.topics[0].assignment, (std::map<int, std::vector<int>>{{1, {3, 1}}}));
  EXPECT_DOUBLE_EQ(s.producers[0].workload.rate_per_sec, 0.5);
  EXPECT_EQ(s.producers[0].workload.start_ns, 1'500'000'000);
  EXPECT_EQ(s.consumers[0].commit, CommitMode::kAuto);
  EXPECT_EQ(s.consumers[0].processing_time_ns, 500'000);
}

TEST(ScenarioLoaderTest, FaultForms) {
  Scenario s = Load(R"(name: faults
topics: [{name: orders}]
producers: [{id: p1, workload: {topic: orders, messages: 1}}]
faults:
  - {at: 3s, heal: broker-1}
  - {at: 1s, crash: zookeeper}
  - {at: 1s, partition: [[broker-1, controller], [leader(orders-0)]], for: 500ms}
  - {at: 2s, link: {from: p1, to: broker-2, latency: {min: 10ms, max: 20ms}, drop: 0.5}}
  - {at: 2s, pause: p1, for: 1min}
)");
  ASSERT_EQ(s.faults.size(), 5u);
  EXPECT_EQ(std::get<CrashFault>(s.faults[0].action).node.name, "zookeeper");
  const PartitionFault& p = std::get<PartitionFault>(s.faults[1].action);
  EXPECT_EQ(p.groups[0][1].kind, NodeRef::Kind::kController);
  EXPECT_EQ(p.groups[1][0].kind, NodeRef::Kind::kLeaderOf);
  EXPECT_EQ(s.faults[1].for_ns, Ms(500));
  const LinkSpec& l = std::get<LinkFault>(s.faults[2].action).link;
  EXPECT_EQ(l.from.name, "p1");
  EXPECT_EQ(l.latency->max_ns, Ms(20));
  EXPECT_EQ(l.drop, 0.5);
  EXPECT_EQ(s.faults[3].for_ns, 60 * kNsPerSec);
  const HealFault& h = std::get<HealFault>(s.faults[4].action);
  EXPECT_EQ(h.node.kind, NodeRef::Kind::kNamed);
  EXPECT_EQ(h.node.name, "broker-1");
}

TEST(ScenarioLoaderTest, KafkaAcceptsMinusOneForAcksAndClassNamesForAssignors) {
  Scenario s = Load(R"(name: aliases
topics: [{name: t}]
producers: [{id: p1, config: {acks: -1}, workload: {topic: t, messages: 1}}]
consumers:
  - id: c1
    group: g1
    topics: [t]
    config: {partition.assignment.strategy: org.apache.kafka.clients.consumer.CooperativeStickyAssignor}
)");
  EXPECT_EQ(s.producers[0].config.at("acks"), "-1");
}

TEST(ScenarioLoaderTest, EmptySectionsAreAllowed) {
  Scenario s =
      Load("name: empty\ncluster:\ntopics:\nproducers:\nconsumers:\nfaults:\nnarration:\nexpect:\nexpect_at:\n");
  EXPECT_TRUE(s.faults.empty());
  EXPECT_EQ(s.cluster.brokers, 3);
}

TEST(ScenarioLoaderTest, ExpectAtIsSortedAndKeepsAllKeys) {
  Scenario s = Load(R"(name: at
topics: [{name: t, partitions: 2}]
expect_at:
  - {at: 5s, leader_of: {t-1: none}, high_watermark_of: {t-0: "<=5"}}
  - {at: 1s, controller: broker-3, produce_errors: {NOT_LEADER_OR_FOLLOWER: "!=0"}}
)");
  ASSERT_EQ(s.expect_at.size(), 2u);
  EXPECT_EQ(s.expect_at[0].at_ns, kNsPerSec);
  EXPECT_EQ(s.expect_at[0].expect.controller, "broker-3");
  EXPECT_EQ(s.expect_at[0].expect.produce_errors.at("NOT_LEADER_OR_FOLLOWER").ToString(), "!=0");
  EXPECT_EQ(s.expect_at[1].expect.leader_of.at("t-1"), "none");
  EXPECT_EQ(s.expect_at[1].expect.high_watermark_of.at("t-0").ToString(), "<=5");
}

TEST(ScenarioLoaderTest, ExpectConsumedPerGroup) {
  Scenario s = Load(R"(name: pubsub
topics: [{name: t}]
consumers:
  - {id: c1, group: g1, topics: [t]}
  - {id: c2, group: g2, topics: [t]}
expect:
  consumed: {g1: 500, g2: ">=400"}
expect_at:
  - {at: 1s, consumed: {g2: 0}}
)");
  ASSERT_EQ(s.expect.consumed.size(), 2u);
  EXPECT_EQ(s.expect.consumed.at("g1").ToString(), "==500");
  EXPECT_EQ(s.expect.consumed.at("g2").ToString(), ">=400");
  ASSERT_EQ(s.expect_at.size(), 1u);
  EXPECT_EQ(s.expect_at[0].expect.consumed.at("g2").ToString(), "==0");
}

}  // namespace
}  // namespace kafkasim::scenario
