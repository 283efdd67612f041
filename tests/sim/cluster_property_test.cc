// tests/sim/cluster_property_test.cc — the whole-cluster safety property,
// in both modes (ZooKeeper and KRaft, `cluster.mode: kraft`).
//
// With the configuration Kafka recommends for durability — RF=3,
// min.insync.replicas=2, acks=all, leader-epoch truncation, unclean leader
// election off — no single fault may lose an acknowledged record or leave
// replicas disagreeing below the high watermark, and no invariant checker
// may fire (in KRaft mode that includes the always-on metadata_divergence
// check of the quorum). Faults of one random broker, in both modes: a process
// crash; a network partition isolating it from everyone; a stop-the-world
// pause; a one-way cut (it hears everyone, nobody hears it); a cut from the
// control plane only (ZooKeeper mode: its session expires while it still
// talks to the other brokers; KRaft: its heartbeats stop and it is fenced);
// isolation from the brokers and the control plane but not from the
// producer (a zombie leader the producer keeps writing to); a lossy link
// (30% of messages) to another broker. Faults of the active controller, in
// both modes: a crash (to the end) and a pause. KRaft only, faults of one
// voter controller-N: a crash, a partition leaving it alone in a minority,
// a pause. ZooKeeper itself is not faulted (it is one node, not a quorum).
// Each fault either ends (restart / heal / resume) or lasts to the end of the
// run. Power failure is excluded: without fsync, losing power on a single
// replica is allowed to lose its page cache (see
// scenarios/power-failure-no-fsync.yaml).
//
// Each case is one small scenario (3 brokers, 200 records, 15 s simulated),
// built as YAML and run through the same engine as `kafkasim run`. RapidCheck
// draws and shrinks the fault; the number of cases is capped per mode so the
// test stays fast in CI (RC_PARAMS="max_success=500" asks for more).
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "sim/run.h"
#include "sim/scenario/loader.h"

namespace kafkasim::sim {
namespace {

constexpr int kDefaultCases = 100;

// The same property runs in each mode; only the control plane differs.
enum class Mode { kZooKeeper, kKRaft };

enum class FaultKind {
  // Faults of one broker, in both modes.
  kCrash,
  kPartition,
  kPause,
  kOneWayCut,
  kControlPlaneCut,  // ZooKeeper mode: the broker's ZooKeeper session; KRaft: every controller
  kZombieWithProducer,
  kLossyLink,
  // The active controller, in both modes (a broker in ZooKeeper mode, the quorum leader in KRaft).
  kActiveControllerCrash,  // never restarted: `restart: controller` would name the next active one
  kActiveControllerPause,
  // KRaft only: one voter of the metadata quorum, controller-N.
  kVoterCrash,
  kVoterPartition,  // controller-N alone in a minority of one, cut from everyone
  kVoterPause,
};

// The kinds that make sense in each mode.
std::vector<FaultKind> KindsOf(Mode mode) {
  std::vector<FaultKind> k = {FaultKind::kCrash,
                              FaultKind::kPartition,
                              FaultKind::kPause,
                              FaultKind::kOneWayCut,
                              FaultKind::kControlPlaneCut,
                              FaultKind::kZombieWithProducer,
                              FaultKind::kLossyLink,
                              FaultKind::kActiveControllerCrash,
                              FaultKind::kActiveControllerPause};
  if (mode == Mode::kKRaft) {
    for (FaultKind v : {FaultKind::kVoterCrash, FaultKind::kVoterPartition, FaultKind::kVoterPause}) k.push_back(v);
  }
  return k;
}

struct FaultCase {
  uint64_t seed = 1;
  FaultKind kind = FaultKind::kCrash;
  int broker = 1;     // 1..3: broker-N, or controller-N for the voter faults
  int at_ms = 1000;   // when the fault starts
  int for_ms = 1000;  // how long until restart / heal / resume
  bool ends = true;   // false: the fault lasts to the end of the run
  Mode mode = Mode::kZooKeeper;
};

const char* KindName(FaultKind k, Mode mode) {
  switch (k) {
    case FaultKind::kCrash:
      return "crash";
    case FaultKind::kPartition:
      return "partition";
    case FaultKind::kPause:
      return "pause";
    case FaultKind::kOneWayCut:
      return "one-way cut";
    case FaultKind::kControlPlaneCut:
      return mode == Mode::kKRaft ? "controllers cut" : "zookeeper cut";
    case FaultKind::kZombieWithProducer:
      return "zombie with producer";
    case FaultKind::kLossyLink:
      return "lossy link";
    case FaultKind::kActiveControllerCrash:
      return "active controller crash";
    case FaultKind::kActiveControllerPause:
      return "active controller pause";
    case FaultKind::kVoterCrash:
      return "voter crash";
    case FaultKind::kVoterPartition:
      return "voter partition";
    case FaultKind::kVoterPause:
      return "voter pause";
  }
  return "?";
}

bool IsVoterFault(FaultKind k) {
  return k == FaultKind::kVoterCrash || k == FaultKind::kVoterPartition || k == FaultKind::kVoterPause;
}

std::string Describe(const FaultCase& c) {
  std::ostringstream o;
  o << (c.mode == Mode::kKRaft ? "kraft" : "zookeeper") << " seed=" << c.seed << " " << KindName(c.kind, c.mode) << " "
    << (IsVoterFault(c.kind) ? "controller-" : "broker-") << c.broker << " at " << c.at_ms << "ms";
  if (c.ends)
    o << " for " << c.for_ms << "ms";
  else
    o << " to the end";
  return o.str();
}

// The control plane's nodes, as they appear in a partition's side or a link's end.
std::vector<std::string> ControlPlane(Mode mode) {
  if (mode == Mode::kZooKeeper) return {"zookeeper"};
  return {"controller-1", "controller-2", "controller-3"};
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// Every node of the run but `except`: brokers, the control plane, the producer.
std::vector<std::string> NodesOtherThan(Mode mode, const std::string& except) {
  std::vector<std::string> out;
  for (int i = 1; i <= 3; ++i) out.push_back("broker-" + std::to_string(i));
  for (const std::string& n : ControlPlane(mode)) out.push_back(n);
  out.emplace_back("p1");
  std::erase(out, except);
  return out;
}

// The entries of the faults of one node that both modes have.
void NodeFaultYaml(const FaultCase& c, const std::string& node, const std::string& at, const std::string& lasts,
                   std::ostringstream& f) {
  switch (c.kind) {
    case FaultKind::kCrash:
    case FaultKind::kVoterCrash:
      f << "  - " << at << "crash: " << node << "}\n";
      if (c.ends) f << "  - {at: " << c.at_ms + c.for_ms << "ms, restart: " << node << "}\n";
      break;
    case FaultKind::kPause:
    case FaultKind::kVoterPause:
    case FaultKind::kActiveControllerPause:
      // A pause always ends (a node paused forever is a crash).
      f << "  - " << at << "pause: " << node << ", for: " << c.for_ms << "ms}\n";
      break;
    case FaultKind::kPartition:
    case FaultKind::kVoterPartition:
      f << "  - " << at << "partition: [[" << node << "], [" << JoinNames(NodesOtherThan(c.mode, node)) << "]]"
        << lasts;
      break;
    default:
      break;
  }
}

// The fault entries of a case, as scenario YAML.
std::string FaultYaml(const FaultCase& c) {
  std::ostringstream f;
  const std::string b = "broker-" + std::to_string(c.broker);
  const std::string other = "broker-" + std::to_string(c.broker % 3 + 1);
  std::vector<std::string> rest;  // the other brokers
  for (int i = 1; i <= 3; ++i)
    if (i != c.broker) rest.push_back("broker-" + std::to_string(i));
  const std::string at = "{at: " + std::to_string(c.at_ms) + "ms, ";
  const std::string lasts = c.ends ? ", for: " + std::to_string(c.for_ms) + "ms}\n" : "}\n";
  const std::vector<std::string> control = ControlPlane(c.mode);
  switch (c.kind) {
    case FaultKind::kOneWayCut:
      for (const std::string& to : NodesOtherThan(c.mode, b))
        f << "  - " << at << "link: {from: " << b << ", to: " << to << ", drop: 1.0}" << lasts;
      break;
    case FaultKind::kControlPlaneCut:
      // ZooKeeper: the session expires while the broker still talks to the
      // other brokers. KRaft: its heartbeats stop arriving and it is fenced.
      for (const std::string& to : control)
        f << "  - " << at << "link: {between: [" << b << ", " << to << "], drop: 1.0}" << lasts;
      break;
    case FaultKind::kZombieWithProducer: {
      std::vector<std::string> majority = rest;
      for (const std::string& n : control) majority.push_back(n);
      f << "  - " << at << "partition: [[" << b << ", p1], [" << JoinNames(majority) << "]]" << lasts;
      break;
    }
    case FaultKind::kLossyLink:
      f << "  - " << at << "link: {between: [" << b << ", " << other << "], drop: 0.3}" << lasts;
      break;
    case FaultKind::kActiveControllerCrash:
      f << "  - " << at << "crash: controller}\n";
      break;
    case FaultKind::kActiveControllerPause:
      NodeFaultYaml(c, "controller", at, lasts, f);
      break;
    default:
      NodeFaultYaml(c, IsVoterFault(c.kind) ? "controller-" + std::to_string(c.broker) : b, at, lasts, f);
      break;
  }
  return f.str();
}

std::string ScenarioYaml(const FaultCase& c) {
  std::ostringstream y;
  y << "name: cluster-property\n"
    << "seed: " << c.seed << "\n"
    << "duration: 15s\n"
    << "cluster:\n";
  if (c.mode == Mode::kKRaft) y << "  mode: kraft\n  controllers: 3\n";
  y << "  brokers: 3\n"
    << "  config:\n";
  // The control plane notices a silent broker after 2 s in either mode.
  if (c.mode == Mode::kKRaft)
    y << "    broker.session.timeout.ms: 2000\n    broker.heartbeat.interval.ms: 500\n";
  else
    y << "    zookeeper.session.timeout.ms: 2000\n";
  y << "    replica.lag.time.max.ms: 3000\n"
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
    ADD_FAILURE() << loaded.errors.front().ToString() << "\n" << ScenarioYaml(c);
    return {};
  }
  RunOptions opt;
  opt.seed = c.seed;
  return RunScenario(loaded.scenario, opt);
}

// KRaft's always-on quorum check reports as this verdict line; the property
// requires it so a KRaft run cannot pass without the check having run.
bool QuorumVerdictPasses(const RunResult& r) {
  for (const VerdictLine& v : r.verdicts)
    if (v.key.rfind("metadata quorum safe", 0) == 0) return v.pass;
  return false;
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
  // faulty node and min.insync.replicas=2, records are acked — unless the
  // producer itself is cut off with the zombie to the end (it may never
  // reach the majority if that starts before its first ack).
  if (c.kind != FaultKind::kZombieWithProducer || c.ends) RC_ASSERT(m.acked > 0);
  RC_ASSERT(m.lost_acked == 0);
  RC_ASSERT(m.replica_divergence == 0);
  if (c.mode == Mode::kKRaft) RC_ASSERT(QuorumVerdictPasses(r));
  RC_TAG(KindName(c.kind, c.mode));
}

FaultCase DrawCase(Mode mode) {
  const std::vector<FaultKind> kinds = KindsOf(mode);
  FaultCase c;
  c.mode = mode;
  c.seed = *rc::gen::inRange<uint64_t>(1, 1'000'000);
  c.kind = kinds[*rc::gen::inRange<size_t>(0, kinds.size())];
  c.broker = *rc::gen::inRange(1, 4);
  // KRaft: the quorum elects, the brokers register and the topic is created
  // by about 2 s; a fault before that would test topic creation with a
  // broker missing (Kafka's CreateTopics refuses RF 3 on two brokers), not
  // the data path.
  c.at_ms = *rc::gen::inRange(mode == Mode::kKRaft ? 3000 : 1000, 6001);
  c.for_ms = *rc::gen::inRange(300, 4001);
  c.ends = *rc::gen::inRange(0, 4) != 0;  // one case in four never heals
  return c;
}

class ClusterProperty : public ::testing::TestWithParam<Mode> {};

TEST_P(ClusterProperty, SingleFaultNeverLosesAcknowledgedRecordsWithAcksAllAndMinIsr2) {
  const Mode mode = GetParam();
  rc::detail::TestParams params = rc::detail::configuration().testParams;
  params.maxSuccess = std::min(params.maxSuccess, kDefaultCases);
  if (const char* env = std::getenv("RC_PARAMS"); env && std::string(env).find("max_success") != std::string::npos) {
    params.maxSuccess = rc::detail::configuration().testParams.maxSuccess;
  }
  rc::detail::TestMetadata md;
  md.id = mode == Mode::kKRaft ? "ClusterProperty/KRaft" : "ClusterProperty/ZooKeeper";
  md.description = "acks=all, min.insync.replicas=2, RF=3: any one fault loses nothing";
  auto result = rc::detail::checkTestable(
      [mode] {
        FaultCase c = DrawCase(mode);
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

INSTANTIATE_TEST_SUITE_P(Modes, ClusterProperty, ::testing::Values(Mode::kZooKeeper, Mode::kKRaft),
                         [](const ::testing::TestParamInfo<Mode>& i) {
                           return i.param == Mode::kKRaft ? std::string("KRaft") : std::string("ZooKeeper");
                         });

TEST(ClusterPropertyKinds, EachModeDrawsOnlyFaultsThatNameItsNodes) {
  for (Mode mode : {Mode::kZooKeeper, Mode::kKRaft}) {
    for (FaultKind k : KindsOf(mode)) {
      FaultCase c{7, k, 2, 2000, 1000, true, mode};
      const std::string y = FaultYaml(c);
      EXPECT_FALSE(y.empty()) << Describe(c);
      // ZooKeeper mode names no voter; KRaft mode never names ZooKeeper.
      const char* foreign = mode == Mode::kKRaft ? "zookeeper" : "controller-";
      EXPECT_EQ(y.find(foreign), std::string::npos) << Describe(c) << "\n" << y;
      auto loaded = scenario::LoadScenarioString(ScenarioYaml(c), "cluster-property.yaml");
      EXPECT_TRUE(loaded.ok()) << Describe(c) << ": " << (loaded.ok() ? "" : loaded.errors.front().ToString());
    }
  }
  EXPECT_EQ(KindsOf(Mode::kKRaft).size(), KindsOf(Mode::kZooKeeper).size() + 3);
}

// Cases the property found (or that guard a fixed bug), run every time.
TEST(ClusterPropertyCases, PausedLeaderDoesNotAcknowledgeRetriedBatchesAboveTheHighWatermark) {
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

TEST(ClusterPropertyCases, SameCaseGivesTheSameTraceHash) {
  FaultCase c{4242, FaultKind::kCrash, 2, 3000, 2000};
  EXPECT_EQ(RunCase(c).trace_hash, RunCase(c).trace_hash);
}

}  // namespace
}  // namespace kafkasim::sim
