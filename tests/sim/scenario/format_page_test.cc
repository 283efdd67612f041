// The contract's own example (tests/data/scenarios/format_page.yaml, copied
// verbatim from SCENARIO_FORMAT.md) loads, and every field means what the page says.
#include <gtest/gtest.h>

#include <string>

#include "sim/scenario/loader.h"

namespace kafkasim::scenario {
namespace {

const std::string kFile = std::string(KAFKASIM_SOURCE_DIR) + "/tests/data/scenarios/format_page.yaml";

class FormatPageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LoadResult r = LoadScenarioFile(kFile);
    for (const LoadError& e : r.errors) ADD_FAILURE() << e.ToString();
    ASSERT_TRUE(r.ok());
    s_ = r.scenario;
  }
  Scenario s_;
};

TEST_F(FormatPageTest, TopLevel) {
  EXPECT_EQ(s_.name, "acks1-leader-failure");
  EXPECT_EQ(s_.description, "With acks=1 the leader acknowledges before followers copy the record...");
  EXPECT_EQ(s_.seed, 42u);
  EXPECT_EQ(s_.duration_ns, 20 * kNsPerSec);
  EXPECT_FALSE(s_.buggify);
  EXPECT_EQ(s_.path, kFile);
}

TEST_F(FormatPageTest, Cluster) {
  const ClusterSpec& c = s_.cluster;
  EXPECT_EQ(c.brokers, 3);
  EXPECT_EQ(c.racks, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(c.config, (ConfigMap{{"replica.lag.time.max.ms", "10000"},
                                 {"unclean.leader.election.enable", "false"},
                                 {"zookeeper.session.timeout.ms", "18000"},
                                 {"log.truncation", "leader-epoch"}}));
  EXPECT_EQ(c.network.latency.min_ns, Ms(2));
  EXPECT_EQ(c.network.latency.max_ns, Ms(2));
  EXPECT_EQ(c.network.loss, 0.0);
  EXPECT_EQ(c.disk.flush, FlushMode::kPageCache);
}

TEST_F(FormatPageTest, Topics) {
  ASSERT_EQ(s_.topics.size(), 1u);
  const TopicSpec& t = s_.topics[0];
  EXPECT_EQ(t.name, "orders");
  EXPECT_EQ(t.partitions, 1);
  EXPECT_EQ(t.replication_factor, 3);
  EXPECT_EQ(t.assignment, (std::map<int, std::vector<int>>{{0, {1, 2, 3}}}));
  EXPECT_EQ(t.config, (ConfigMap{{"min.insync.replicas", "2"}, {"retention.ms", "604800000"}}));
  EXPECT_EQ(t.loc.line, 24);
}

TEST_F(FormatPageTest, Producer) {
  ASSERT_EQ(s_.producers.size(), 1u);
  const ProducerSpec& p = s_.producers[0];
  EXPECT_EQ(p.id, "p1");
  EXPECT_EQ(p.config.size(), 10u);
  EXPECT_EQ(p.config.at("acks"), "all");
  EXPECT_EQ(p.config.at("enable.idempotence"), "false");
  EXPECT_EQ(p.config.at("retries"), "5");
  EXPECT_EQ(p.config.at("max.in.flight.requests.per.connection"), "5");
  EXPECT_EQ(p.config.at("linger.ms"), "5");
  EXPECT_EQ(p.config.at("batch.size"), "16384");
  EXPECT_EQ(p.config.at("compression.type"), "none");
  EXPECT_EQ(p.config.at("request.timeout.ms"), "30000");
  EXPECT_EQ(p.config.at("delivery.timeout.ms"), "120000");
  EXPECT_EQ(p.config.at("partitioner"), "murmur2");
  EXPECT_EQ(p.workload.topic, "orders");
  EXPECT_EQ(p.workload.messages, 1000);
  EXPECT_DOUBLE_EQ(p.workload.rate_per_sec, 200.0);
  EXPECT_EQ(p.workload.keys, 10);
  EXPECT_EQ(p.workload.value_bytes, 100);
  EXPECT_EQ(p.workload.start_ns, 0);
}

TEST_F(FormatPageTest, Consumer) {
  ASSERT_EQ(s_.consumers.size(), 1u);
  const ConsumerSpec& c = s_.consumers[0];
  EXPECT_EQ(c.id, "c1");
  EXPECT_EQ(c.group, "g1");
  EXPECT_EQ(c.topics, (std::vector<std::string>{"orders"}));
  EXPECT_EQ(c.config, (ConfigMap{{"enable.auto.commit", "false"},
                                 {"auto.commit.interval.ms", "5000"},
                                 {"auto.offset.reset", "earliest"},
                                 {"session.timeout.ms", "10000"},
                                 {"partition.assignment.strategy", "range"},
                                 {"isolation.level", "read_uncommitted"},
                                 {"max.poll.records", "500"}}));
  EXPECT_EQ(c.commit, CommitMode::kAfterProcessing);
  EXPECT_EQ(c.processing_time_ns, Ms(2));
  EXPECT_EQ(c.start_ns, 0);
}

template <typename T>
const T& As(const Fault& f) {
  EXPECT_TRUE(std::holds_alternative<T>(f.action));
  return std::get<T>(f.action);
}

TEST_F(FormatPageTest, FaultsAreSortedByTimeStably) {
  ASSERT_EQ(s_.faults.size(), 12u);
  std::vector<TimeNs> at;
  for (const Fault& f : s_.faults) at.push_back(f.at_ns / kNsPerSec);
  EXPECT_EQ(at, (std::vector<TimeNs>{2, 2, 2, 2, 3, 4, 4, 4, 4, 5, 8, 9}));
  // The four 2s faults keep file order: partition, link, link, link.
  const PartitionFault& part = As<PartitionFault>(s_.faults[0]);
  ASSERT_EQ(part.groups.size(), 2u);
  ASSERT_EQ(part.groups[0].size(), 1u);
  EXPECT_EQ(part.groups[0][0].name, "broker-1");
  ASSERT_EQ(part.groups[1].size(), 4u);
  EXPECT_EQ(part.groups[1][3].name, "c1");
  EXPECT_FALSE(s_.faults[0].for_ns.has_value());
  EXPECT_EQ(s_.faults[0].loc.line, 77);
}

TEST_F(FormatPageTest, LinkFaults) {
  const LinkSpec& one_way = As<LinkFault>(s_.faults[1]).link;
  EXPECT_EQ(one_way.from.name, "broker-1");
  EXPECT_EQ(one_way.to.name, "p1");
  EXPECT_FALSE(one_way.both_ways);
  EXPECT_EQ(one_way.drop, 1.0);
  EXPECT_FALSE(one_way.duplicate.has_value());
  EXPECT_FALSE(one_way.latency.has_value());
  EXPECT_EQ(s_.faults[1].for_ns, kNsPerSec);
  const LinkSpec& slow = As<LinkFault>(s_.faults[2]).link;
  EXPECT_TRUE(slow.both_ways);
  EXPECT_EQ(slow.to.name, "broker-2");
  ASSERT_TRUE(slow.latency.has_value());
  EXPECT_EQ(slow.latency->min_ns, Ms(400));
  EXPECT_EQ(slow.latency->max_ns, Ms(400));
  const LinkSpec& dup = As<LinkFault>(s_.faults[3]).link;
  EXPECT_TRUE(dup.both_ways);
  EXPECT_EQ(dup.duplicate, 0.5);
  EXPECT_FALSE(dup.drop.has_value());
}

TEST_F(FormatPageTest, NodeFaults) {
  EXPECT_EQ(As<PauseFault>(s_.faults[4]).node.name, "broker-3");
  EXPECT_EQ(s_.faults[4].for_ns, 2 * kNsPerSec);
  EXPECT_EQ(As<CrashFault>(s_.faults[5]).node.name, "broker-1");
  const NodeRef& leader = As<CrashFault>(s_.faults[6]).node;
  EXPECT_EQ(leader.kind, NodeRef::Kind::kLeaderOf);
  EXPECT_EQ(leader.tp.topic, "orders");
  EXPECT_EQ(leader.tp.partition, PartitionId{0});
  EXPECT_EQ(leader.text, "leader(orders-0)");
  EXPECT_EQ(As<CrashFault>(s_.faults[7]).node.kind, NodeRef::Kind::kController);
  EXPECT_EQ(As<PowerFailFault>(s_.faults[8]).node.name, "broker-2");
  EXPECT_FALSE(As<PowerFailFault>(s_.faults[8]).torn_write);  // kafkasim's extension, off unless asked
  EXPECT_EQ(As<CrashFault>(s_.faults[9]).node.name, "c1");
  EXPECT_EQ(As<HealFault>(s_.faults[10]).node.kind, NodeRef::Kind::kAll);
  EXPECT_EQ(As<RestartFault>(s_.faults[11]).node.name, "broker-1");
}

TEST_F(FormatPageTest, Narration) {
  ASSERT_EQ(s_.narration.size(), 2u);
  EXPECT_EQ(s_.narration[0].at_ns, 0);
  EXPECT_EQ(s_.narration[0].text, "Three brokers; broker-1 leads orders-0.");
  EXPECT_EQ(s_.narration[1].at_ns, 4 * kNsPerSec);
}

TEST_F(FormatPageTest, Expectations) {
  const Expectations& e = s_.expect;
  EXPECT_EQ(e.lost_acked->ToString(), ">0");
  EXPECT_EQ(e.duplicates_in_log->ToString(), "==0");
  EXPECT_EQ(e.duplicates_consumed->ToString(), "==0");
  EXPECT_EQ(e.consumer_lost->ToString(), "==0");
  EXPECT_EQ(e.reordered->ToString(), "==0");
  EXPECT_EQ(e.acked->ToString(), ">=900");
  EXPECT_EQ(e.replica_divergence->ToString(), "==0");
  ASSERT_EQ(e.produce_errors.count("NOT_ENOUGH_REPLICAS"), 1u);
  EXPECT_EQ(e.produce_errors.at("NOT_ENOUGH_REPLICAS").ToString(), ">0");
  EXPECT_EQ(e.leader_of, (std::map<std::string, std::string>{{"orders-0", "broker-2"}}));
  EXPECT_EQ(e.isr_of, (std::map<std::string, std::vector<int>>{{"orders-0", {2, 3}}}));
  EXPECT_EQ(e.controller, "broker-2");
  EXPECT_EQ(e.controller_epoch->ToString(), ">=2");
  EXPECT_EQ(e.leader_epoch_of.at("orders-0").ToString(), ">=1");
  EXPECT_EQ(e.high_watermark_of.at("orders-0").ToString(), ">0");
  ASSERT_EQ(s_.expect_at.size(), 1u);
  EXPECT_EQ(s_.expect_at[0].at_ns, 3 * kNsPerSec);
  EXPECT_EQ(s_.expect_at[0].expect.isr_of.at("orders-0"), (std::vector<int>{1, 2, 3}));
  EXPECT_FALSE(s_.expect_at[0].expect.lost_acked.has_value());
}

}  // namespace
}  // namespace kafkasim::scenario
