// tests/sim/kraft_mode_test.cc — KRaft mode end to end (cluster.mode:
// kraft): the loader's rules, the same acks=all lesson in both modes, and a
// RapidCheck property over random faults of the controller quorum.
//
// Property (issue 17's acceptance): with controller-1..3, RF=3,
// min.insync.replicas=2, acks=all and unclean election off, random voter
// crashes, voter partitions, voter pauses and crashes of the active
// controller or a broker never make voters disagree on a committed metadata
// record, never give an epoch two quorum leaders (the always-on
// metadata_divergence check), and never lose an acknowledged record.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <string>

#include "sim/run.h"
#include "sim/scenario/loader.h"

namespace kafkasim::sim {
namespace {

std::string Cluster(const std::string& mode) {
  std::ostringstream y;
  y << "cluster:\n"
    << "  mode: " << mode << "\n";
  if (mode == "kraft") y << "  controllers: 3\n";
  y << "  brokers: 3\n"
    << "  config:\n"
    << "    zookeeper.session.timeout.ms: 2000\n"
    << "    broker.session.timeout.ms: 2000\n"
    << "    broker.heartbeat.interval.ms: 500\n"
    << "    replica.lag.time.max.ms: 3000\n"
    << "    unclean.leader.election.enable: false\n";
  return y.str();
}

std::string Workload(int messages) {
  return "topics:\n"
         "  - name: orders\n"
         "    partitions: 1\n"
         "    replication.factor: 3\n"
         "    config: {min.insync.replicas: 2}\n"
         "producers:\n"
         "  - id: p1\n"
         "    config: {acks: all, request.timeout.ms: 3000}\n"
         "    workload: {topic: orders, messages: " +
         std::to_string(messages) + ", rate: 40/s, keys: 4, start: 2s}\n";
}

scenario::LoadResult Load(const std::string& yaml) { return scenario::LoadScenarioString(yaml, "kraft.yaml"); }

RunResult RunKRaftYaml(const std::string& yaml, uint64_t seed) {
  auto loaded = Load(yaml);
  if (!loaded.ok()) {
    ADD_FAILURE() << loaded.errors.front().ToString() << "\n" << yaml;
    return {};
  }
  RunOptions opt;
  opt.seed = seed;
  return RunScenario(loaded.scenario, opt);
}

const VerdictLine* FindVerdict(const RunResult& r, const std::string& prefix) {
  for (const VerdictLine& v : r.verdicts)
    if (v.key.rfind(prefix, 0) == 0) return &v;
  return nullptr;
}

TEST(KRaftModeLoaderTest, ZooKeeperNamedInAKRaftScenarioIsAnErrorWithItsField) {
  const std::string yaml =
      "name: k\nduration: 5s\n" + Cluster("kraft") + Workload(10) + "faults:\n  - {at: 3s, crash: zookeeper}\n";
  auto r = Load(yaml);
  ASSERT_FALSE(r.ok());
  const std::string e = r.errors.front().ToString();
  EXPECT_NE(e.find("kraft.yaml"), std::string::npos) << e;
  EXPECT_NE(e.find("faults[0]"), std::string::npos) << e;
  EXPECT_NE(e.find("no ZooKeeper in KRaft mode"), std::string::npos) << e;
}

TEST(KRaftModeLoaderTest, ControllersOnlyInKRaftModeAndControllerNamesOnlyThere) {
  auto zk = Load("name: k\ncluster: {brokers: 3, controllers: 3}\n");
  ASSERT_FALSE(zk.ok());
  EXPECT_NE(zk.errors.front().ToString().find("cluster.controllers"), std::string::npos);
  auto name = Load("name: k\nduration: 5s\n" + Cluster("zookeeper") + Workload(10) +
                   "faults:\n  - {at: 3s, crash: controller-1}\n");
  EXPECT_FALSE(name.ok());
  auto ok = Load("name: k\nduration: 5s\n" + Cluster("kraft") + Workload(10) +
                 "faults:\n  - {at: 3s, crash: controller-2}\n");
  EXPECT_TRUE(ok.ok()) << (ok.ok() ? "" : ok.errors.front().ToString());
  auto bad_mode = Load("name: k\ncluster: {mode: raft}\n");
  ASSERT_FALSE(bad_mode.ok());
  EXPECT_NE(bad_mode.errors.front().ToString().find("cluster.mode"), std::string::npos);
}

// The quickstart lesson in both modes: the leader crashes under acks=all;
// the controller (ZooKeeper session expiry / missed heartbeats) elects a new
// leader from the ISR; no acknowledged record is lost either way.
TEST(KRaftModeTest, SameAcksAllLessonLosesNothingInBothModes) {
  for (const std::string mode : {"zookeeper", "kraft"}) {
    const std::string yaml = "name: paired\nduration: 14s\n" + Cluster(mode) + Workload(300) +
                             "faults:\n  - {at: 5s, crash: leader(orders-0)}\n  - {at: 9s, restart: broker-1}\n";
    RunResult r = RunKRaftYaml(yaml, 5);
    EXPECT_EQ(r.measurements.lost_acked, 0) << mode;
    EXPECT_EQ(r.measurements.acked, 300) << mode;
    EXPECT_EQ(r.measurements.replica_divergence, 0) << mode;
    EXPECT_TRUE(r.violations.empty()) << mode << ": " << (r.violations.empty() ? "" : r.violations[0].explanation);
    EXPECT_TRUE(r.pass) << mode;
    if (mode == "kraft") {
      const VerdictLine* v = FindVerdict(r, "metadata quorum safe");
      ASSERT_NE(v, nullptr);
      EXPECT_TRUE(v->pass) << v->measured;
    }
  }
}

// ---------------------------------------------------------------- the property

enum class Fault { kCrashVoter, kPartitionVoter, kPauseVoter, kCrashActive, kCrashBroker, kCutBrokerFromQuorum };
constexpr int kKRaftFaultKinds = 6;

struct ScheduledFault {
  Fault kind = Fault::kCrashVoter;
  int node = 1;  // controller-N or broker-N, 1..3
  int at_ms = 3000;
  int for_ms = 2000;
};

std::string FaultYaml(const ScheduledFault& f) {
  std::ostringstream o;
  const std::string at = "  - {at: " + std::to_string(f.at_ms) + "ms, ";
  const std::string until = std::to_string(f.at_ms + f.for_ms) + "ms";
  const std::string c = "controller-" + std::to_string(f.node);
  std::string others;
  for (int i = 1; i <= 3; ++i)
    if (i != f.node) others += (others.empty() ? "" : ", ") + ("controller-" + std::to_string(i));
  switch (f.kind) {
    case Fault::kCrashVoter:
      o << at << "crash: " << c << "}\n  - {at: " << until << ", restart: " << c << "}\n";
      break;
    case Fault::kPartitionVoter:
      o << at << "partition: [[" << c << "], [" << others << ", broker-1, broker-2, broker-3, p1]], for: " << f.for_ms
        << "ms}\n";
      break;
    case Fault::kPauseVoter:
      o << at << "pause: " << c << ", for: " << f.for_ms << "ms}\n";
      break;
    case Fault::kCrashActive:
      o << at << "crash: controller}\n";
      break;
    case Fault::kCrashBroker:
      o << at << "crash: broker-" << f.node << "}\n  - {at: " << until << ", restart: broker-" << f.node << "}\n";
      break;
    case Fault::kCutBrokerFromQuorum:
      o << at << "partition: [[broker-" << f.node << "], [controller-1, controller-2, controller-3]], for: " << f.for_ms
        << "ms}\n";
      break;
  }
  return o.str();
}

std::vector<ScheduledFault> DrawFaults() {
  const int n = *rc::gen::inRange(1, 4);
  std::vector<ScheduledFault> out;
  for (int i = 0; i < n; ++i) {
    ScheduledFault f;
    f.kind = static_cast<Fault>(*rc::gen::inRange(0, kKRaftFaultKinds));
    f.node = *rc::gen::inRange(1, 4);
    f.at_ms = *rc::gen::inRange(2500, 10001);
    f.for_ms = *rc::gen::inRange(200, 4001);
    out.push_back(f);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const ScheduledFault& a, const ScheduledFault& b) { return a.at_ms < b.at_ms; });
  return out;
}

std::string PropertyYaml(const std::vector<ScheduledFault>& faults) {
  std::string yaml = "name: kraft-property\nduration: 20s\n" + Cluster("kraft") + Workload(300) + "faults:\n";
  for (const ScheduledFault& f : faults) yaml += FaultYaml(f);
  // Everything back by 15s, so the run ends on a cluster that can recover.
  yaml += "  - {at: 15s, heal: all}\n";
  for (int i = 1; i <= 3; ++i) {
    yaml += "  - {at: 15s, restart: controller-" + std::to_string(i) + "}\n";
    yaml += "  - {at: 15s, restart: broker-" + std::to_string(i) + "}\n";
  }
  return yaml;
}

void CheckSafety(const std::string& yaml, uint64_t seed) {
  RunResult r = RunKRaftYaml(yaml, seed);
  const VerdictLine* meta = FindVerdict(r, "metadata quorum safe");
  RC_ASSERT(meta != nullptr);
  RC_LOG() << "metadata: " << meta->measured << " lost_acked=" << r.measurements.lost_acked
           << " acked=" << r.measurements.acked << "\n";
  for (const Violation& v : r.violations) RC_LOG() << v.checker << ": " << v.explanation << "\n";
  RC_ASSERT(meta->pass);
  RC_ASSERT(r.violations.empty());
  RC_ASSERT(r.measurements.lost_acked == 0);
  RC_ASSERT(r.measurements.replica_divergence == 0);
  RC_ASSERT(r.measurements.acked > 0);
}

constexpr int kKRaftDefaultCases = 12;

TEST(KRaftModeProperty, RandomQuorumFaultsKeepMetadataAndAcknowledgedRecordsSafe) {
  rc::detail::TestParams params = rc::detail::configuration().testParams;
  params.maxSuccess = std::min(params.maxSuccess, kKRaftDefaultCases);
  if (const char* env = std::getenv("RC_PARAMS"); env && std::string(env).find("max_success") != std::string::npos) {
    params.maxSuccess = rc::detail::configuration().testParams.maxSuccess;
  }
  rc::detail::TestMetadata md;
  md.id = "KRaftModeProperty/RandomQuorumFaults";
  md.description = "KRaft: voter crashes, partitions and pauses never diverge metadata or lose acks=all records";
  auto result = rc::detail::checkTestable(
      [] {
        const auto seed = *rc::gen::inRange<uint64_t>(1, 1'000'000);
        const std::string yaml = PropertyYaml(DrawFaults());
        RC_LOG() << "seed=" << seed << "\n" << yaml;
        CheckSafety(yaml, seed);
      },
      md, params);
  if (!result.template is<rc::detail::SuccessResult>()) {
    std::ostringstream ss;
    rc::detail::printResultMessage(result, ss);
    FAIL() << ss.str();
  }
}

// ---------------------------------------------------------------- paired lessons

RunResult RunScenarioFile(const std::string& name) {
  auto loaded = scenario::LoadScenarioFile(std::string(KAFKASIM_SOURCE_DIR) + "/scenarios/" + name + ".yaml");
  if (!loaded.ok()) {
    ADD_FAILURE() << loaded.errors.front().ToString();
    return {};
  }
  RunOptions opt;
  opt.seed = loaded.scenario.seed;
  return RunScenario(loaded.scenario, opt);
}

// The acks, min.insync.replicas, unclean-election and zombie-leader lessons
// and their KRaft pairs (scenarios/kraft-<lesson>.yaml: the same cluster,
// workload and faults with controller-1..3 instead of ZooKeeper) give the
// same verdicts: both pass, each expectation they share holds in both, the
// same records are acknowledged, and records are lost in one exactly when in
// the other.
TEST(KRaftModeTest, PairedLessonsGiveTheSameVerdictsInBothModes) {
  for (const std::string lesson :
       {"acks-all-safe", "acks0-leader-failure", "acks1-leader-failure", "min-insync-refuses", "unclean-election",
        "zombie-leader-fenced", "zombie-leader-acks1"}) {
    SCOPED_TRACE(lesson);
    const RunResult zk = RunScenarioFile(lesson);
    const RunResult kraft = RunScenarioFile("kraft-" + lesson);
    EXPECT_TRUE(zk.pass);
    EXPECT_TRUE(kraft.pass);
    EXPECT_NE(FindVerdict(kraft, "metadata quorum safe"), nullptr) << "the KRaft pair runs in KRaft mode";
    EXPECT_EQ(FindVerdict(zk, "metadata quorum safe"), nullptr);
    EXPECT_EQ(zk.measurements.acked, kraft.measurements.acked);
    EXPECT_EQ(zk.measurements.lost_acked > 0, kraft.measurements.lost_acked > 0)
        << "zookeeper lost " << zk.measurements.lost_acked << ", kraft lost " << kraft.measurements.lost_acked;
    int shared = 0;
    for (const VerdictLine& v : zk.verdicts) {
      for (const VerdictLine& k : kraft.verdicts) {
        if (k.key != v.key || k.at != v.at || k.expected != v.expected) continue;
        ++shared;
        EXPECT_EQ(k.pass, v.pass) << v.key << ": zookeeper " << v.measured << ", kraft " << k.measured;
      }
    }
    EXPECT_GE(shared, 2) << "the pair shares its expectations";
  }
}

}  // namespace
}  // namespace kafkasim::sim
