// tests/sim/metrics/metrics_test.cc — `kafkasim run --metrics`: the samples
// follow what happens in real scenarios (the ISR shrinking and growing, an
// unclean election, produce traffic), and recording them changes nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "sim/cli/commands.h"
#include "sim/run.h"
#include "sim/scenario/loader.h"

namespace kafkasim::sim {
namespace {

struct MetricLine {
  int64_t t_ms = 0;
  std::string node, name;  // name: the MBean, or group/metric for a client
  std::optional<double> value;
  std::optional<int64_t> count;
};

scenario::Scenario LoadMetricsScenario(const std::string& name) {
  auto r = scenario::LoadScenarioFile(std::string(KAFKASIM_SOURCE_DIR) + "/scenarios/" + name + ".yaml");
  EXPECT_TRUE(r.ok()) << name;
  return r.scenario;
}

// The recorder's lines are flat objects of known fields: read them with
// patterns (core's JSON reader takes no floats).
std::optional<std::string> MetricFieldOf(const std::string& line, const std::string& key, const char* value_pattern) {
  std::smatch m;
  if (!std::regex_search(line, m, std::regex("\"" + key + "\":" + value_pattern))) return std::nullopt;
  return m[1].str();
}

std::vector<MetricLine> ParseMetricLines(const std::string& jsonl) {
  std::vector<MetricLine> out;
  std::istringstream in(jsonl);
  std::string text;
  const char* kString = "\"([^\"]*)\"";
  const char* kNumber = "(null|-?[0-9]+(?:\\.[0-9]+)?)";
  while (std::getline(in, text)) {
    MetricLine l;
    auto t = MetricFieldOf(text, "t_ms", "([0-9]+)");
    auto node = MetricFieldOf(text, "node", kString);
    auto value = MetricFieldOf(text, "value", kNumber);
    auto mbean = MetricFieldOf(text, "mbean", kString);
    auto group = MetricFieldOf(text, "group", kString);
    auto metric = MetricFieldOf(text, "metric", kString);
    EXPECT_TRUE(t && node && value && (mbean || (group && metric))) << text;
    if (!t || !node || !value) continue;
    l.t_ms = std::stoll(*t);
    l.node = *node;
    l.name = mbean ? *mbean : group.value_or("") + "/" + metric.value_or("");
    if (*value != "null") l.value = std::stod(*value);
    if (auto c = MetricFieldOf(text, "count", "(-?[0-9]+)")) l.count = std::stoll(*c);
    out.push_back(std::move(l));
  }
  return out;
}

struct RecordedMetrics {
  RunResult result;
  std::string jsonl;
  std::vector<MetricLine> lines;
};

RecordedMetrics RecordMetrics(const scenario::Scenario& s, TimeNs interval = kNsPerSec) {
  std::ostringstream metrics;
  RunOptions options;
  options.seed = s.seed;
  options.metrics_out = &metrics;
  options.metrics_interval_ns = interval;
  RecordedMetrics r{RunScenario(s, options), metrics.str(), {}};
  r.lines = ParseMetricLines(r.jsonl);
  return r;
}

// t_ms -> value of one metric on one node.
std::map<int64_t, double> MetricSeries(const std::vector<MetricLine>& lines, const std::string& node,
                                       const std::string& name) {
  std::map<int64_t, double> out;
  for (const MetricLine& l : lines)
    if (l.node == node && l.name == name && l.value) out[l.t_ms] = *l.value;
  return out;
}

constexpr const char* kMetricUnderReplicated = "kafka.server:type=ReplicaManager,name=UnderReplicatedPartitions";
constexpr const char* kMetricIsrShrinks = "kafka.server:type=ReplicaManager,name=IsrShrinksPerSec";
constexpr const char* kMetricIsrExpands = "kafka.server:type=ReplicaManager,name=IsrExpandsPerSec";
constexpr const char* kMetricUnclean = "kafka.controller:type=ControllerStats,name=UncleanLeaderElectionsPerSec";
constexpr const char* kMetricActive = "kafka.controller:type=KafkaController,name=ActiveControllerCount";

TEST(MetricsTest, RecordingDoesNotChangeTheRun) {
  for (const char* name : {"slow-follower-isr", "unclean-election", "consumer-group-rebalance"}) {
    scenario::Scenario s = LoadMetricsScenario(name);
    RunResult plain = RunScenario(s, RunOptions{s.seed});
    RecordedMetrics with = RecordMetrics(s, 700 * kNsPerMs);  // an interval that matches no event time
    EXPECT_EQ(plain.trace_hash, with.result.trace_hash) << name;
    EXPECT_EQ(plain.events, with.result.events) << name;
    EXPECT_EQ(plain.pass, with.result.pass) << name;
    EXPECT_FALSE(with.lines.empty()) << name;
    EXPECT_EQ(RecordMetrics(s, 700 * kNsPerMs).jsonl, with.jsonl) << name << ": samples are deterministic";
  }
}

// broker-3 pauses at 3s; after replica.lag.time.max.ms=2s the leader
// (broker-1) shrinks the ISR; broker-3 resumes at 9s and is added back.
TEST(MetricsTest, SlowFollowerShowsIsrShrinkThenExpandAndUnderReplication) {
  RecordedMetrics r = RecordMetrics(LoadMetricsScenario("slow-follower-isr"));
  auto urp = MetricSeries(r.lines, "broker-1", kMetricUnderReplicated);
  auto shrinks = MetricSeries(r.lines, "broker-1", kMetricIsrShrinks);
  auto expands = MetricSeries(r.lines, "broker-1", kMetricIsrExpands);
  ASSERT_EQ(urp.size(), 16u);  // one sample per second of the 16 s run
  EXPECT_EQ(urp.at(2000), 0);
  EXPECT_EQ(urp.at(7000), 1) << "orders-0's ISR is [1, 2] of 3 replicas";
  EXPECT_EQ(urp.at(16000), 0) << "broker-3 is back in the ISR";
  // The shrink happens between 5s and 7s (2 s after the pause), once.
  int64_t shrink_at = -1;
  for (const auto& [t, rate] : shrinks)
    if (rate > 0) {
      EXPECT_EQ(shrink_at, -1) << "one shrink only";
      shrink_at = t;
    }
  EXPECT_GT(shrink_at, 5000);
  EXPECT_LE(shrink_at, 7000);
  EXPECT_EQ(shrinks.at(shrink_at), 1.0) << "one shrink in a 1 s interval is 1/s";
  int64_t expand_at = -1;
  for (const auto& [t, rate] : expands)
    if (rate > 0 && expand_at < 0) expand_at = t;
  EXPECT_GT(expand_at, 9000);
  EXPECT_LE(expand_at, 14000);
  // Under-replicated exactly from the shrink's interval to the expand's.
  for (const auto& [t, v] : urp) EXPECT_EQ(v, t >= shrink_at && t < expand_at ? 1 : 0) << "at " << t << " ms";
  // Followers lead nothing: never under-replicated.
  for (const auto& [t, v] : MetricSeries(r.lines, "broker-2", kMetricUnderReplicated)) EXPECT_EQ(v, 0);
  // The producer sends at 100/s from 1s (record-send-rate counts every
  // record sent, MessagesInPerSec every record the leader appended); while
  // broker-3 is paused and still in the ISR, acks=all holds the in-flight
  // requests and nothing new is sent or appended (4s..5s).
  const std::string messages_in = "kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec";
  auto sent = MetricSeries(r.lines, "p1", "producer-metrics/record-send-rate");
  EXPECT_NEAR(sent.at(3000), 100.0, 10.0);
  EXPECT_NEAR(MetricSeries(r.lines, "broker-1", messages_in).at(3000), 100.0, 10.0);
  EXPECT_EQ(sent.at(5000), 0.0);
  EXPECT_EQ(MetricSeries(r.lines, "broker-1", messages_in).at(5000), 0.0);
}

// broker-1, the only ISR member, crashes at 7s; the controller elects
// out-of-sync broker-2 once broker-1's ZooKeeper session ends.
TEST(MetricsTest, UncleanElectionIsCountedByTheControllerAtItsInterval) {
  RecordedMetrics r = RecordMetrics(LoadMetricsScenario("unclean-election"));
  std::string controller;
  int64_t unclean_at = -1;
  for (const MetricLine& l : r.lines) {
    if (l.name == kMetricActive && l.value == 1.0) controller = l.node;
    if (l.name == kMetricUnclean && l.value && *l.value > 0) {
      EXPECT_EQ(unclean_at, -1) << "one unclean election";
      unclean_at = l.t_ms;
      EXPECT_EQ(l.count, 1);
      EXPECT_EQ(l.node, controller) << "the active controller marks it";
    }
  }
  EXPECT_GT(unclean_at, 7000);
  EXPECT_LE(unclean_at, 10000) << "leader_of orders-0 is broker-2 at 10s (the scenario's expectation)";
  // Exactly one ActiveControllerCount=1 per sample time.
  std::map<int64_t, int> active;
  for (const MetricLine& l : r.lines)
    if (l.name == kMetricActive && l.value == 1.0) ++active[l.t_ms];
  for (const auto& [t, n] : active) EXPECT_EQ(n, 1) << "at " << t << " ms";
  // broker-1 was the controller; from its crash at 7s until its ZooKeeper
  // session ends, no broker is.
  EXPECT_EQ(active.count(8000), 0u);
  EXPECT_EQ(active.size(), 14u);
  // A crashed broker has no metrics while it is down (7s..11s).
  for (const MetricLine& l : r.lines) {
    if (l.node == "broker-1") {
      EXPECT_FALSE(l.t_ms >= 8000 && l.t_ms <= 10000) << l.name << " at " << l.t_ms;
    }
  }
}

TEST(MetricsTest, EveryLineNamesAKafkaMetric) {
  RecordedMetrics r = RecordMetrics(LoadMetricsScenario("consumer-group-rebalance"));
  std::map<std::string, int> names;
  for (const MetricLine& l : r.lines) ++names[l.name];
  for (const char* n :
       {kMetricUnderReplicated, kMetricIsrShrinks, kMetricIsrExpands, kMetricUnclean, kMetricActive,
        "kafka.controller:type=KafkaController,name=OfflinePartitionsCount",
        "kafka.server:type=ReplicaManager,name=UnderMinIsrPartitionCount",
        "kafka.controller:type=ControllerStats,name=LeaderElectionRateAndTimeMs",
        "kafka.server:type=BrokerTopicMetrics,name=FailedProduceRequestsPerSec",
        "kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec",
        "kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec", "producer-metrics/record-send-rate",
        "producer-metrics/record-retry-rate", "producer-metrics/record-error-rate",
        "consumer-fetch-manager-metrics/records-lag-max", "consumer-fetch-manager-metrics/records-consumed-rate"})
    EXPECT_GT(names[n], 0) << n;
  EXPECT_EQ(names.size(), 16u) << "no metric outside the list";
}

TEST(MetricsTest, CliWritesTheSamplesAndRefusesABadInterval) {
  const std::string scenario = std::string(KAFKASIM_SOURCE_DIR) + "/scenarios/slow-follower-isr.yaml";
  const std::filesystem::path out_path =
      std::filesystem::temp_directory_path() /
      ("kafkasim_metrics_test_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) +
       ".jsonl");
  std::ostringstream out, err;
  EXPECT_EQ(cli::RunRun({scenario, "--metrics", out_path.string(), "--metrics-interval", "4s"}, out, err), 0)
      << err.str();
  std::ifstream in(out_path);
  std::stringstream text;
  text << in.rdbuf();
  std::filesystem::remove(out_path);
  std::set<int64_t> times;
  for (const MetricLine& l : ParseMetricLines(text.str())) times.insert(l.t_ms);
  EXPECT_EQ(times, (std::set<int64_t>{4000, 8000, 12000, 16000}));
  EXPECT_EQ(cli::RunRun({scenario, "--metrics", out_path.string(), "--metrics-interval", "0s"}, out, err), 2);
  EXPECT_EQ(cli::RunRun({scenario, "--metrics-interval", "1s"}, out, err), 2) << "an interval without --metrics";
  EXPECT_NE(err.str().find("--metrics-interval needs --metrics"), std::string::npos) << err.str();
}

}  // namespace
}  // namespace kafkasim::sim
