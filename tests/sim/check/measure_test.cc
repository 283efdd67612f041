// tests/sim/check/measure_test.cc — measurements that need a whole run:
// `consumed` per group, and records deleted by retention not counted as lost.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "sim/run.h"
#include "sim/scenario/loader.h"

namespace kafkasim::sim {
namespace {

RunResult RunYaml(const std::string& yaml) {
  auto loaded = scenario::LoadScenarioString(yaml, "measure-test.yaml");
  EXPECT_TRUE(loaded.errors.empty()) << (loaded.errors.empty() ? "" : loaded.errors[0].ToString());
  return RunScenario(loaded.scenario, RunOptions{});
}

// A run that ends after the leader died but before a successor is elected
// still has every acknowledged record on the surviving ISR: not lost.
TEST(MeasureTest, EndingBetweenLeaderDeathAndElectionLosesNothing) {
  RunResult r = RunYaml(R"(name: interregnum
duration: 4s
cluster: {brokers: 3}
topics: [{name: orders, partitions: 1, replication.factor: 3}]
producers:
  - {id: p1, config: {acks: all}, workload: {topic: orders, messages: 40, rate: 10/s}}
faults:
  - {at: 3s, crash: leader(orders-0)}
)");
  EXPECT_GT(r.measurements.acked, 20);
  EXPECT_EQ(r.measurements.lost_acked, 0);
}

// A process crash keeps the page cache: brokers that crashed and never came
// back still hold every acknowledged record on disk — unavailable, not lost.
TEST(MeasureTest, EveryBrokerCrashedAndNeverRestartedLosesNothing) {
  RunResult r = RunYaml(R"(name: all-crashed
duration: 8s
cluster: {brokers: 3, config: {zookeeper.session.timeout.ms: 2000}}
topics: [{name: orders, partitions: 2, replication.factor: 3}]
producers:
  - {id: p1, config: {acks: all}, workload: {topic: orders, messages: 40, rate: 10/s, keys: 4}}
faults:
  - {at: 5s, crash: broker-1}
  - {at: 5s, crash: broker-2}
  - {at: 5s, crash: broker-3}
)");
  EXPECT_GE(r.measurements.acked, 30);
  EXPECT_EQ(r.measurements.lost_acked, 0);
  EXPECT_EQ(r.measurements.duplicates_in_log, 0);
}

// The same with power failures and no fsync: the disks keep nothing, and
// every acknowledged record is lost.
TEST(MeasureTest, EveryBrokerPowerFailedWithoutFsyncLosesEverything) {
  RunResult r = RunYaml(R"(name: all-power-failed
duration: 8s
cluster: {brokers: 3, config: {zookeeper.session.timeout.ms: 2000}}
topics: [{name: orders, partitions: 1, replication.factor: 3}]
producers:
  - {id: p1, config: {acks: all}, workload: {topic: orders, messages: 40, rate: 10/s}}
faults:
  - {at: 5s, power_fail: broker-1}
  - {at: 5s, power_fail: broker-2}
  - {at: 5s, power_fail: broker-3}
)");
  EXPECT_GE(r.measurements.acked, 30);
  EXPECT_EQ(r.measurements.lost_acked, r.measurements.acked);
}

// Offline with unclean election off: the last ISR member is down and the live
// replicas are out of sync, so they may not lead. The partition waits for
// broker-1, whose disk holds every acknowledged record: nothing is lost.
TEST(MeasureTest, OfflinePartitionWaitingForItsLastIsrMemberLosesNothing) {
  RunResult r = RunYaml(R"(name: offline-waiting
duration: 10s
cluster:
  brokers: 3
  config: {zookeeper.session.timeout.ms: 2000, replica.lag.time.max.ms: 3000, unclean.leader.election.enable: false}
topics: [{name: orders, partitions: 1, replication.factor: 3, assignment: {0: [1, 2, 3]}, config: {min.insync.replicas: 1}}]
producers:
  - {id: p1, config: {acks: all}, workload: {topic: orders, messages: 500, rate: 100/s, start: 2.5s}}
faults:
  - {at: 3s, crash: broker-2}
  - {at: 3s, crash: broker-3}
  - {at: 6s, crash: broker-1}
  - {at: 8s, restart: broker-2}
  - {at: 8s, restart: broker-3}
expect:
  leader_of: {orders-0: none}
)");
  EXPECT_GT(r.measurements.acked, 200);
  EXPECT_EQ(r.measurements.lost_acked, 0);
  EXPECT_TRUE(r.pass);
}

// The trace file holds every hashed line, from the first one written while
// the cluster is built at t=0: the hash can be recomputed from the file.
TEST(RunTraceTest, TraceFileHoldsEveryHashedLine) {
  auto loaded = scenario::LoadScenarioString(R"(name: tiny
duration: 1s
cluster: {brokers: 1}
topics: [{name: t, partitions: 1}]
producers: [{id: p1, workload: {topic: t, messages: 10, rate: 100/s}}]
)",
                                             "tiny.yaml");
  ASSERT_TRUE(loaded.errors.empty());
  std::ostringstream out;
  std::vector<std::string> heard;
  RunOptions options;
  options.trace_out = &out;
  options.trace_listener = [&](std::string_view line) { heard.emplace_back(line); };
  RunResult r = RunScenario(loaded.scenario, options);
  std::istringstream in(out.str());
  std::string line;
  uint64_t n = 0;
  uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a 64 over each line and its '\n'
  while (std::getline(in, line)) {
    EXPECT_EQ(line.rfind("{\"i\":" + std::to_string(n) + ",", 0), 0u) << line;
    for (unsigned char c : line + "\n") h = (h ^ c) * 0x100000001b3ULL;
    ++n;
  }
  EXPECT_EQ(n, r.events);
  EXPECT_EQ(heard.size(), r.events);
  EXPECT_EQ(h, r.trace_hash);
}

TEST(MeasureTest, ConsumedCountsDistinctRecordsPerGroup) {
  RunResult r = RunYaml(R"(name: two-groups
duration: 6s
cluster: {brokers: 1, config: {zookeeper.session.timeout.ms: 2000, group.initial.rebalance.delay.ms: 0,
                               offsets.topic.num.partitions: 1, offsets.topic.replication.factor: 1}}
topics: [{name: t, partitions: 2}]
producers:
  - {id: p1, workload: {topic: t, messages: 100, rate: 100/s, keys: 4, start: 1s}}
consumers:
  - {id: c1, group: a, topics: [t], config: {auto.offset.reset: earliest}}
  - {id: c2, group: a, topics: [t], config: {auto.offset.reset: earliest}}
  - {id: c3, group: b, topics: [t], config: {auto.offset.reset: earliest}}
expect:
  consumed: {a: 100, b: ">=100"}
)");
  EXPECT_EQ(r.measurements.consumed.at("a"), 100);
  EXPECT_EQ(r.measurements.consumed.at("b"), 100);
  int lines = 0;
  for (const VerdictLine& v : r.verdicts) {
    if (v.key.rfind("consumed ", 0) != 0) continue;
    ++lines;
    EXPECT_TRUE(v.pass) << v.key;
  }
  EXPECT_EQ(lines, 2);
  EXPECT_TRUE(r.pass);
}

TEST(MeasureTest, RecordsDeletedByRetentionAreNotLost) {
  RunResult r = RunYaml(R"(name: retention
duration: 9s
cluster: {brokers: 1, config: {zookeeper.session.timeout.ms: 2000, log.retention.check.interval.ms: 200,
                               offsets.topic.replication.factor: 1}}
topics: [{name: t, config: {retention.ms: 1000, segment.ms: 500}}]
producers:
  - {id: p1, config: {acks: all}, workload: {topic: t, messages: 600, rate: 100/s, start: 1s}}
consumers:  # starts late: the oldest records are gone by then
  - {id: c1, group: g, topics: [t], config: {auto.offset.reset: earliest}, start: 5s}
)");
  EXPECT_EQ(r.measurements.acked, 600);
  EXPECT_GT(r.measurements.consumed["g"], 0);
  EXPECT_LT(r.measurements.consumed["g"], 600);  // retention did delete some
  EXPECT_EQ(r.measurements.lost_acked, 0);
  EXPECT_EQ(r.measurements.lost_acked_all, 0);
  EXPECT_TRUE(r.pass);
}

}  // namespace
}  // namespace kafkasim::sim
