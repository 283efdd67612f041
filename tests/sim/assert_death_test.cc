// tests/sim/assert_death_test.cc — a broken contract stops the run and tells
// how to replay it: the seed, the event number, the simulated time and what
// broke (core/util/assert.h).
#include <gtest/gtest.h>

#include "core/log/offset_index.h"
#include "core/util/assert.h"
#include "sim/disk/sim_disk.h"
#include "sim/scenario/loader.h"
#include "sim/simulation.h"

namespace kafkasim::sim {
namespace {

constexpr const char* kScenario = R"(name: assert-death
seed: 4242
duration: 3s
cluster: {brokers: 1}
topics:
  - {name: orders, partitions: 1, replication.factor: 1}
)";

// Breaks a real contract in core/: an offset index entry that does not
// follow the last one (OffsetIndex::Append), at 1.5 s into a running cluster.
void RunWithBrokenIndexAt1500ms() {
  auto loaded = scenario::LoadScenarioString(kScenario, "assert-death.yaml");
  ASSERT_TRUE(loaded.ok());
  Simulation sim(loaded.scenario, 4242);
  SimDisk disk;
  log::OffsetIndex index(disk, "broken.index", Offset{0});
  sim.world().loop().At(Ms(1500), [&index] {
    EXPECT_TRUE(index.Append(Offset{10}, 100).ok());
    (void)index.Append(Offset{5}, 200);  // offsets must increase: stops the run
  });
  sim.RunToEnd();
}

TEST(AssertDeathTest, BrokenInvariantStopsTheRunWithSeedEventTimeAndMessage) {
  EXPECT_DEATH(RunWithBrokenIndexAt1500ms(),
               "KSIM_ASSERT failed: offset index broken.index: entry \\(5, 200\\) does not follow the last one"
               "(.|\n)*offset_index.cc"
               "(.|\n)*seed=4242 event=[1-9][0-9]* time=1500.000000 ms");
}

TEST(AssertDeathTest, OutsideARunTheReportSaysThereIsNoSeed) {
  EXPECT_DEATH(KSIM_ASSERT(1 + 1 == 3, "arithmetic"), "KSIM_ASSERT failed: arithmetic(.|\n)*no simulation running");
}

TEST(AssertDeathTest, PassingAssertionCostsNothingAndDoesNotEvaluateTheMessage) {
  int evaluated = 0;
  auto message = [&evaluated] {
    ++evaluated;
    return std::string("never built");
  };
  KSIM_ASSERT(true, message());
  EXPECT_EQ(evaluated, 0);
}

}  // namespace
}  // namespace kafkasim::sim
