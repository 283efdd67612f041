// tests/sim/eos_property_test.cc — exactly-once processing under faults.
//
// Two exactly_once_v2 processors (group billing) turn orders into invoices;
// a read_committed consumer reads the invoices. Each case draws up to two
// faults from: a broker crash (restarted), a processor crash (restarted), a
// processor pause (a GC pause long enough to lose its session), the
// transaction and group coordinators' broker crashing (restarted), a broker cut off from the others by a partition
// (healed). The property (KIP-98, KIP-447): no input record's output is committed twice (duplicates_output 0), none a
// group committed past is missing (lost_output 0), the read_committed reader never processes a record of an aborted
// transaction, and no invariant checker fires.
//
// Each case is a small scenario (3 brokers, 120 records, 20 s simulated)
// built as YAML and run as `kafkasim run` runs it. The number of cases is
// capped so the test stays a few seconds in Release (RC_PARAMS="max_success=200"
// asks for more).
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

constexpr int kEosDefaultCases = 40;

enum class EosFault { kBrokerCrash, kProcessorCrash, kProcessorPause, kCoordinatorCrash, kBrokerPartition };
constexpr int kEosFaultKinds = 5;

struct EosFaultCase {
  EosFault kind = EosFault::kBrokerCrash;
  int target = 1;  // broker 1..3, or processor 1..2
  int at_ms = 2000;
  int for_ms = 2000;
};

struct EosCase {
  uint64_t seed = 1;
  std::vector<EosFaultCase> faults;
};

std::string FaultYaml(const EosFaultCase& f) {
  std::ostringstream y;
  const std::string broker = "broker-" + std::to_string(f.target);
  const std::string app = "app-" + std::to_string(f.target);
  const std::string at = "  - {at: " + std::to_string(f.at_ms) + "ms, ";
  const std::string later = "  - {at: " + std::to_string(f.at_ms + f.for_ms) + "ms, ";
  switch (f.kind) {
    case EosFault::kBrokerCrash:
      y << at << "crash: " << broker << "}\n" << later << "restart: " << broker << "}\n";
      break;
    case EosFault::kProcessorCrash:
      y << at << "crash: " << app << "}\n" << later << "restart: " << app << "}\n";
      break;
    case EosFault::kProcessorPause:
      y << at << "pause: " << app << ", for: " << f.for_ms << "ms}\n";
      break;
    case EosFault::kCoordinatorCrash:
      // broker-1 is the first replica of __transaction_state-0 and
      // __consumer_offsets-0 (DefaultAssignment): both coordinators fail over.
      y << at << "crash: broker-1}\n" << later << "restart: broker-1}\n";
      break;
    case EosFault::kBrokerPartition: {
      std::string rest;
      for (int i = 1; i <= 3; ++i)
        if (i != f.target) rest += "broker-" + std::to_string(i) + ", ";
      y << at << "partition: [[" << broker << "], [" << rest
        << "zookeeper, p1, app-1, app-2, ledger]], for: " << f.for_ms << "ms}\n";
      break;
    }
  }
  return y.str();
}

std::string ScenarioYaml(const EosCase& c) {
  std::ostringstream y;
  y << "name: eos-property\nseed: " << c.seed << "\nduration: 20s\n"
    << "cluster:\n  brokers: 3\n  config:\n"
    << "    zookeeper.session.timeout.ms: 2000\n    replica.lag.time.max.ms: 3000\n"
    << "    group.initial.rebalance.delay.ms: 0\n    offsets.topic.num.partitions: 1\n"
    << "    transaction.state.log.num.partitions: 1\n"
    << "    transaction.abort.timed.out.transaction.cleanup.interval.ms: 1000\n"
    << "topics:\n"
    << "  - {name: orders, partitions: 2, replication.factor: 3, config: {min.insync.replicas: 2}}\n"
    << "  - {name: invoices, partitions: 2, replication.factor: 3, config: {min.insync.replicas: 2}}\n"
    << "producers:\n  - id: p1\n    config: {request.timeout.ms: 3000}\n"
    << "    workload: {topic: orders, messages: 120, rate: 40/s, keys: 6, start: 1s}\n"
    << "processors:\n";
  for (int i = 1; i <= 2; ++i) {
    y << "  - id: app-" << i << "\n    group: billing\n    input: [orders]\n    output: invoices\n"
      << "    config: {processing.guarantee: exactly_once_v2, commit.interval.ms: 300, session.timeout.ms: 6000,"
      << " heartbeat.interval.ms: 1000, request.timeout.ms: 3000, linger.ms: 5, transaction.timeout.ms: 4000}\n"
      << "    processing_time: 2ms\n";
  }
  y << "consumers:\n  - id: ledger\n    group: ledger\n    topics: [invoices]\n"
    << "    config: {isolation.level: read_committed, auto.offset.reset: earliest}\n"
    << "faults:\n";
  for (const EosFaultCase& f : c.faults) y << FaultYaml(f);
  return y.str();
}

RunResult RunEosCase(const EosCase& c) {
  auto loaded = scenario::LoadScenarioString(ScenarioYaml(c), "eos-property.yaml");
  if (!loaded.ok()) {
    ADD_FAILURE() << loaded.errors.front().ToString();
    return {};
  }
  RunOptions opt;
  opt.seed = c.seed;
  return RunScenario(loaded.scenario, opt);
}

EosFaultCase DrawFault() {
  EosFaultCase f;
  f.kind = static_cast<EosFault>(*rc::gen::inRange(0, kEosFaultKinds));
  const bool processor = f.kind == EosFault::kProcessorCrash || f.kind == EosFault::kProcessorPause;
  f.target = *rc::gen::inRange(1, processor ? 3 : 4);
  f.at_ms = *rc::gen::inRange(1500, 6001);
  // A pause up to 9 s: past the session timeout (6 s) it makes a zombie.
  f.for_ms = *rc::gen::inRange(500, f.kind == EosFault::kProcessorPause ? 9001 : 5001);
  return f;
}

void CheckExactlyOnce(const EosCase& c) {
  RunResult r = RunEosCase(c);
  const Measurements& m = r.measurements;
  if (!r.violations.empty())
    RC_LOG() << r.violations.front().checker << ": " << r.violations.front().explanation << "\n";
  for (const std::string& e : m.examples) RC_LOG() << e << "\n";
  RC_LOG() << "duplicates_output=" << m.duplicates_output << " lost_output=" << m.lost_output
           << " aborted_read_committed=" << m.aborted_read_committed << "\n";
  RC_ASSERT(r.violations.empty());
  RC_ASSERT(m.duplicates_output == 0);
  RC_ASSERT(m.lost_output == 0);
  RC_ASSERT(m.aborted_read_committed == 0);
  // Not vacuous: the processors committed output.
  auto billing = m.consumed.find("billing");
  RC_ASSERT(billing != m.consumed.end() && billing->second > 0);
}

TEST(EosProperty, ExactlyOnceV2NeitherDuplicatesNorLosesOutputUnderFaults) {
  rc::detail::TestParams params = rc::detail::configuration().testParams;
  params.maxSuccess = std::min(params.maxSuccess, kEosDefaultCases);
  if (const char* env = std::getenv("RC_PARAMS"); env && std::string(env).find("max_success") != std::string::npos) {
    params.maxSuccess = rc::detail::configuration().testParams.maxSuccess;
  }
  rc::detail::TestMetadata md;
  md.id = "EosProperty/ExactlyOnceV2";
  md.description = "exactly_once_v2 processors: no duplicated, no lost output, no aborted read, under faults";
  auto result = rc::detail::checkTestable(
      [] {
        EosCase c;
        c.seed = *rc::gen::inRange<uint64_t>(1, 1'000'000);
        const int n = *rc::gen::inRange(1, 3);
        for (int i = 0; i < n; ++i) c.faults.push_back(DrawFault());
        RC_LOG() << ScenarioYaml(c);
        CheckExactlyOnce(c);
      },
      md, params);
  if (!result.template is<rc::detail::SuccessResult>()) {
    std::ostringstream ss;
    rc::detail::printResultMessage(result, ss);
    FAIL() << ss.str();
  }
}

// Cases the property found, run every time.
TEST(EosProperty, RestartedGroupCoordinatorLoadsItsWholeLog) {
  // broker-1 leads __consumer_offsets-0 and is restarted after 0.5 s: still
  // the leader, its HW (from the checkpoint) below its log end. Loading only
  // below the HW it served group billing with no generation and no offsets:
  // both processors started over from the earliest offset and invoiced
  // records a second time.
  EosCase c{1, {{EosFault::kBrokerCrash, 1, 1500, 500}}};
  RunResult r = RunEosCase(c);
  EXPECT_EQ(r.measurements.duplicates_output, 0);
  EXPECT_EQ(r.measurements.lost_output, 0);
  EXPECT_TRUE(r.violations.empty());
}

}  // namespace
}  // namespace kafkasim::sim
