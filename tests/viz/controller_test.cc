// tests/viz/controller_test.cc — SimController: fault injection is recorded
// into the scenario and re-simulated deterministically; seeking backwards
// lands on exactly the state running forward reaches; play, step, save.
#include "viz/controller.h"

#include <gtest/gtest.h>

#include <cstdio>

#include "sim/run.h"
#include "sim/scenario/loader.h"
#include "viz/fault_injection.h"
#include "tests/viz/scenario_equal.h"

namespace kafkasim::viz {
namespace {

constexpr const char* kScenario = R"(
name: viz-controller-test
seed: 7
duration: 6s
cluster: {brokers: 3}
topics:
  - {name: orders, partitions: 2, replication.factor: 3, config: {min.insync.replicas: 2}}
producers:
  - {id: p1, config: {acks: all}, workload: {topic: orders, messages: 300, rate: 100/s, keys: 5}}
consumers:
  - {id: c1, group: g1, topics: [orders]}
expect_at:
  - {at: 3s, acked: ">=0"}
)";

constexpr uint64_t kSeed = 7;

scenario::Scenario TestScenario() {
  scenario::LoadResult r = scenario::LoadScenarioString(kScenario, "viz-controller-test.yaml");
  EXPECT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].ToString());
  return r.scenario;
}

struct Snapshot {
  TimeNs now;
  uint64_t lines;
  uint64_t hash;
  bool operator==(const Snapshot&) const = default;
};

Snapshot Of(const SimController& c) { return {c.sim().now(), c.trace_lines(), c.trace_hash()}; }
Snapshot Of(sim::Simulation& s) { return {s.now(), s.world().trace().lines(), s.world().trace().hash()}; }

Snapshot Fresh(const scenario::Scenario& s, TimeNs t) {
  sim::Simulation sim(s, kSeed);
  sim.RunUntil(t);
  return Of(sim);
}

TEST(SimControllerTest, SeekingBackwardsGivesTheSameStateAsRunningForward) {
  SimController c(TestScenario(), kSeed);
  c.SeekTo(5 * kNsPerSec);
  EXPECT_EQ(Of(c), Fresh(c.scenario(), 5 * kNsPerSec)) << "stopping at expect_at times changed the run";
  uint64_t generation = c.generation();
  c.SeekTo(2 * kNsPerSec);
  EXPECT_GT(c.generation(), generation) << "a backwards seek must rebuild";
  EXPECT_EQ(c.sim().now(), 2 * kNsPerSec);
  EXPECT_EQ(Of(c), Fresh(c.scenario(), 2 * kNsPerSec));
  EXPECT_TRUE(c.timed_verdicts().empty()) << "expect_at 3s was not reached yet";
  c.SeekTo(4 * kNsPerSec);
  EXPECT_FALSE(c.timed_verdicts().empty());
  EXPECT_EQ(Of(c), Fresh(c.scenario(), 4 * kNsPerSec));
}

TEST(SimControllerTest, RunningToTheEndMatchesTheCommandLineRun) {
  SimController c(TestScenario(), kSeed);
  c.SeekTo(c.sim().end_time());
  sim::RunOptions options;
  options.seed = kSeed;
  sim::RunResult cli = sim::RunScenario(c.scenario(), options);
  EXPECT_EQ(c.trace_hash(), cli.trace_hash) << "the GUI shows a different run than `kafkasim run`";
  EXPECT_EQ(c.trace_lines(), cli.events);
  size_t timed = 0;
  for (const sim::VerdictLine& v : cli.verdicts) timed += v.at >= 0 ? 1 : 0;
  EXPECT_EQ(c.timed_verdicts().size(), timed);
}

TEST(SimControllerTest, InjectedFaultIsRecordedAndReSimulatedToTheSameMoment) {
  scenario::Scenario original = TestScenario();
  SimController a(original, kSeed);
  a.SeekTo(2'500'400'000);  // 2.5004s: the fault lands on the next whole ms
  TimeNs at = InjectionTime(a.sim().now());
  ASSERT_EQ(at, 2'501 * kNsPerMs);
  a.Apply(UiCommand{InjectFaultCommand{MakeNodeFault(a.scenario(), "broker-2", NodeAction::kCrash, a.sim().now())}});

  ASSERT_EQ(a.scenario().faults.size(), original.faults.size() + 1);
  const scenario::Fault& f = a.scenario().faults.back();
  EXPECT_EQ(f.at_ns, at);
  ASSERT_TRUE(std::holds_alternative<scenario::CrashFault>(f.action));
  EXPECT_EQ(std::get<scenario::CrashFault>(f.action).node.name, "broker-2");
  EXPECT_EQ(a.injected_faults(), 1u);
  EXPECT_EQ(a.sim().now(), at) << "re-simulation reaches the fault's moment";
  EXPECT_FALSE(a.sim().world().slot(NodeId{2})->alive()) << "the crash has happened";

  // Deterministic: the same again, and a plain run of the recorded scenario.
  SimController b(original, kSeed);
  b.SeekTo(2'500'400'000);
  b.Apply(UiCommand{InjectFaultCommand{MakeNodeFault(b.scenario(), "broker-2", NodeAction::kCrash, b.sim().now())}});
  EXPECT_EQ(Of(a), Of(b));
  EXPECT_EQ(Of(a), Fresh(a.scenario(), at));
  EXPECT_NE(Of(a).hash, Fresh(original, at).hash) << "the fault changed nothing?";
}

TEST(SimControllerTest, IsolateCutsTheNodeOffFromEveryoneAndResetRemovesIt) {
  SimController c(TestScenario(), kSeed);
  c.SeekTo(kNsPerSec);
  c.Apply(UiCommand{InjectFaultCommand{MakeNodeFault(c.scenario(), "broker-1", NodeAction::kIsolate, c.sim().now())}});
  const auto& p = std::get<scenario::PartitionFault>(c.scenario().faults.back().action);
  ASSERT_EQ(p.groups.size(), 2u);
  EXPECT_EQ(p.groups[0].size(), 1u);
  EXPECT_EQ(p.groups[1].size(), 2u + 1u + 2u) << "broker-2, broker-3, zookeeper, p1, c1";
  c.Apply(UiCommand{ResetScenarioCommand{}});
  EXPECT_TRUE(c.scenario().faults.empty());
  EXPECT_EQ(c.injected_faults(), 0u);
  EXPECT_EQ(c.sim().now(), 0);
}

TEST(SimControllerTest, PlayingAdvancesBySpeedTimesWallTimeCapped) {
  SimController c(TestScenario(), kSeed);
  c.Apply(UiCommand{SetSpeedCommand{1000}});
  c.Tick(0.05);
  EXPECT_EQ(c.sim().now(), 0) << "paused: nothing moves";
  c.Apply(UiCommand{PlayCommand{true}});
  c.Tick(0.05);
  EXPECT_EQ(c.sim().now(), 50 * kNsPerMs);
  c.Tick(30.0);  // a stalled frame
  EXPECT_EQ(c.sim().now(), 50 * kNsPerMs + static_cast<TimeNs>(kMaxFrameSeconds * 1000) * kNsPerMs);
  c.Apply(UiCommand{StepCommand{}});
  EXPECT_FALSE(c.playing()) << "stepping pauses";
}

TEST(SimControllerTest, SaveCommandWritesTheWorkingScenario) {
  SimController c(TestScenario(), kSeed);
  c.SeekTo(kNsPerSec);
  c.Apply(UiCommand{InjectFaultCommand{MakeNodeFault(c.scenario(), "p1", NodeAction::kPause, c.sim().now())}});
  std::string path = ::testing::TempDir() + "/kafkasim_viz_controller_saved.yaml";
  c.Apply(UiCommand{SaveScenarioCommand{path}});
  EXPECT_EQ(c.status().rfind("saved " + path + ": kafkasim run gives trace_hash=", 0), 0u) << c.status();
  ASSERT_TRUE(c.last_save().has_value());
  EXPECT_TRUE(c.last_save()->pass && c.last_save()->replays);
  scenario::LoadResult r = scenario::LoadScenarioFile(path);
  ASSERT_TRUE(r.ok()) << r.errors[0].ToString();
  // Everything but what Save re-derives (expectations measured, narration
  // for the hand-added faults) is the working scenario.
  scenario::Scenario want = c.scenario();
  want.expect = r.scenario.expect;
  want.expect_at = r.scenario.expect_at;
  want.narration = r.scenario.narration;
  EXPECT_EQ(testing::CompareScenarios(want, r.scenario), "");
  ASSERT_EQ(r.scenario.faults.size(), 1u);
  EXPECT_EQ(r.scenario.faults[0].for_ns, kClickPauseNs);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace kafkasim::viz
