// tests/sim/cluster_property_test.cc — the whole-cluster safety property.
//
// With the configuration Kafka recommends for durability — RF=3,
// min.insync.replicas=2, acks=all, leader-epoch truncation, unclean leader
// election off — no single fault may lose an acknowledged record or leave
// replicas disagreeing below the high watermark, and no invariant checker
// may fire. Faults, on one random broker: a process crash; a network
// partition isolating it from everyone; a stop-the-world pause; a one-way cut
// (it hears everyone, nobody hears it); a cut from ZooKeeper only (its
// session expires while it still talks to the other brokers); isolation from
// the brokers and ZooKeeper but not from the producer (a zombie leader the
// producer keeps writing to); a lossy link (30% of messages) to another
// broker. Each either ends (restart / heal / resume) or lasts to the end of
// the run. Power failure is excluded: without fsync, losing power on a single
// replica is allowed to lose its page cache (see
// scenarios/power-failure-no-fsync.yaml).
//
// Each case is one small scenario (3 brokers, 200 records, 15 s simulated),
// built as YAML and run through the same engine as `kafkasim run`. RapidCheck
// draws and shrinks the fault; the number of cases is capped so the test
// stays fast in CI (RC_PARAMS="max_success=500" asks for more).
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

constexpr int kDefaultCases = 100;

enum class FaultKind { kCrash, kPartition, kPause, kOneWayCut, kZooKeeperCut, kZombieWithProducer, kLossyLink };
constexpr int kFaultKinds = 7;

struct FaultCase {
  uint64_t seed = 1;
  FaultKind kind = FaultKind::kCrash;
  int broker = 1;     // 1..3
  int at_ms = 1000;   // when the fault starts
  int for_ms = 1000;  // how long until restart / heal / resume
  bool ends = true;   // false: the fault lasts to the end of the run
};

std::string Describe(const FaultCase& c) {
  static const char* kNames[] = {
      "crash", "partition", "pause", "one-way cut", "zookeeper cut", "zombie with producer", "lossy link"};
  std::ostringstream o;
  o << "seed=" << c.seed << " " << kNames[static_cast<int>(c.kind)] << " broker-" << c.broker << " at " << c.at_ms
    << "ms";
  if (c.ends)
    o << " for " << c.for_ms << "ms";
  else
    o << " to the end";
  return o.str();
}

// The fault entries of a case, as scenario YAML.
std::string FaultYaml(const FaultCase& c) {
  std::ostringstream f;
  const std::string b = "broker-" + std::to_string(c.broker);
  const std::string other = "broker-" + std::to_string(c.broker % 3 + 1);
  std::string rest;  // the other brokers, "broker-x, broker-y"
  for (int i = 1; i <= 3; ++i)
    if (i != c.broker) rest += (rest.empty() ? "" : ", ") + ("broker-" + std::to_string(i));
  const std::string at = "{at: " + std::to_string(c.at_ms) + "ms, ";
  const std::string lasts = c.ends ? ", for: " + std::to_string(c.for_ms) + "ms}\n" : "}\n";
  switch (c.kind) {
    case FaultKind::kCrash:
      f << "  - " << at << "crash: " << b << "}\n";
      if (c.ends) f << "  - {at: " << c.at_ms + c.for_ms << "ms, restart: " << b << "}\n";
      break;
    case FaultKind::kPartition:
      f << "  - " << at << "partition: [[" << b << "], [" << rest << ", p1, zookeeper]]" << lasts;
      break;
    case FaultKind::kPause:
      // A pause always ends (a node paused forever is a crash).
      f << "  - " << at << "pause: " << b << ", for: " << c.for_ms << "ms}\n";
      break;
    case FaultKind::kOneWayCut:
      for (const std::string& to : {std::string("broker-") + std::to_string(c.broker % 3 + 1),
                                    std::string("broker-") + std::to_string((c.broker + 1) % 3 + 1),
                                    std::string("zookeeper"), std::string("p1")})
        f << "  - " << at << "link: {from: " << b << ", to: " << to << ", drop: 1.0}" << lasts;
      break;
    case FaultKind::kZooKeeperCut:
      f << "  - " << at << "link: {between: [" << b << ", zookeeper], drop: 1.0}" << lasts;
      break;
    case FaultKind::kZombieWithProducer:
      f << "  - " << at << "partition: [[" << b << ", p1], [" << rest << ", zookeeper]]" << lasts;
      break;
    case FaultKind::kLossyLink:
      f << "  - " << at << "link: {between: [" << b << ", " << other << "], drop: 0.3}" << lasts;
      break;
  }
  return f.str();
}

std::string ScenarioYaml(const FaultCase& c) {
  std::ostringstream y;
  y << "name: cluster-property\n"
    << "seed: " << c.seed << "\n"
    << "duration: 15s\n"
    << "cluster:\n"
    << "  brokers: 3\n"
    << "  config:\n"
    << "    zookeeper.session.timeout.ms: 2000\n"
    << "    replica.lag.time.max.ms: 3000\n"
    << "    unclean.leader.election.enable: false\n"
    << "    log.truncation: leader-epoch\n"
    << "topics:\n"
    << "  - name: orders\n"
    << "    partitions: 1\n"
    << "    replication.factor: 3\n"
    << "    config: {min.insync.replicas: 2}\n"
    << "producers:\n"
    << "  - id: p1\n"
    << "    config: {acks: all, request.timeout.ms: 3000}\n"
    << "    workload: {topic: orders, messages: 200, rate: 40/s, keys: 4, start: 1s}\n"
    << "faults:\n"
    << FaultYaml(c);
  return y.str();
}

RunResult RunCase(const FaultCase& c) {
  auto loaded = scenario::LoadScenarioString(ScenarioYaml(c), "cluster-property.yaml");
  if (!loaded.ok()) {
    ADD_FAILURE() << loaded.errors.front().ToString();
    return {};
  }
  RunOptions opt;
  opt.seed = c.seed;
  return RunScenario(loaded.scenario, opt);
}

void CheckSafety(const FaultCase& c) {
  RunResult r = RunCase(c);
  const Measurements& m = r.measurements;
  if (!r.violations.empty())
    RC_LOG() << r.violations.front().checker << ": " << r.violations.front().explanation << "\n";
  RC_LOG() << "acked=" << m.acked << " lost_acked=" << m.lost_acked << " replica_divergence=" << m.replica_divergence
           << "\n";
  RC_ASSERT(r.violations.empty());
  // A run that acknowledges nothing would pass the rest vacuously: with one
  // faulty broker of three and min.insync.replicas=2, records are acked.
  RC_ASSERT(m.acked > 0);
  RC_ASSERT(m.lost_acked == 0);
  RC_ASSERT(m.replica_divergence == 0);
  RC_TAG(static_cast<int>(c.kind));
}

FaultCase DrawCase() {
  FaultCase c;
  c.seed = *rc::gen::inRange<uint64_t>(1, 1'000'000);
  c.kind = static_cast<FaultKind>(*rc::gen::inRange(0, kFaultKinds));
  c.broker = *rc::gen::inRange(1, 4);
  c.at_ms = *rc::gen::inRange(1000, 6001);
  c.for_ms = *rc::gen::inRange(300, 4001);
  c.ends = *rc::gen::inRange(0, 4) != 0;  // one case in four never heals
  return c;
}

TEST(ClusterProperty, SingleFaultNeverLosesAcknowledgedRecordsWithAcksAllAndMinIsr2) {
  rc::detail::TestParams params = rc::detail::configuration().testParams;
  params.maxSuccess = std::min(params.maxSuccess, kDefaultCases);
  if (const char* env = std::getenv("RC_PARAMS"); env && std::string(env).find("max_success") != std::string::npos) {
    params.maxSuccess = rc::detail::configuration().testParams.maxSuccess;
  }
  rc::detail::TestMetadata md;
  md.id = "ClusterProperty/SingleFaultNeverLosesAcknowledgedRecords";
  md.description = "acks=all, min.insync.replicas=2, RF=3: any one broker fault loses nothing";
  auto result = rc::detail::checkTestable(
      [] {
        FaultCase c = DrawCase();
        RC_LOG() << Describe(c) << "\n" << ScenarioYaml(c);
        CheckSafety(c);
      },
      md, params);
  if (!result.template is<rc::detail::SuccessResult>()) {
    std::ostringstream ss;
    rc::detail::printResultMessage(result, ss);
    FAIL() << ss.str();
  }
}

// Cases the property found (or that guard a fixed bug), run every time.
TEST(ClusterProperty, PausedLeaderDoesNotAcknowledgeRetriedBatchesAboveTheHighWatermark) {
  // broker-1 leads; a 3.5 s pause makes the controller elect broker-2. On
  // waking, broker-1 still believes it leads and appends queued produce
  // requests; the producer's retries of those batches were answered at once
  // as duplicates (DUPLICATE_SEQUENCE_NUMBER) although only broker-1 had
  // them, so acks=all records were lost when broker-1 truncated.
  for (uint64_t seed : {899984u, 104490u, 847843u, 309699u}) {
    FaultCase c{seed, FaultKind::kPause, 1, 1655, 3529};
    if (seed == 104490u) c = FaultCase{seed, FaultKind::kPause, 1, 5623, 3690};
    if (seed == 847843u) c = FaultCase{seed, FaultKind::kPause, 1, 2111, 3546};
    if (seed == 309699u) c = FaultCase{seed, FaultKind::kPause, 1, 5608, 3916};
    RunResult r = RunCase(c);
    EXPECT_EQ(r.measurements.lost_acked, 0) << Describe(c);
    EXPECT_EQ(r.measurements.replica_divergence, 0) << Describe(c);
    EXPECT_TRUE(r.violations.empty()) << Describe(c) << ": " << r.violations.front().explanation;
    EXPECT_GT(r.measurements.acked, 0) << Describe(c);
  }
}

TEST(ClusterProperty, SameCaseGivesTheSameTraceHash) {
  FaultCase c{4242, FaultKind::kCrash, 2, 3000, 2000};
  EXPECT_EQ(RunCase(c).trace_hash, RunCase(c).trace_hash);
}

}  // namespace
}  // namespace kafkasim::sim
