// A torn write (power_fail with torn_write: true) leaves half a batch at the
// end of the log; recovery cuts it by length/CRC, says so in the timeline, and
// the replica rejoins without serving damaged bytes.
#include <gtest/gtest.h>

#include <string>

#include "sim/run.h"
#include "sim/scenario/loader.h"

namespace kafkasim::sim {
namespace {

scenario::Scenario Load(const std::string& name) {
  auto loaded = scenario::LoadScenarioFile(std::string(KAFKASIM_SOURCE_DIR) + "/scenarios/" + name + ".yaml");
  EXPECT_TRUE(loaded.ok()) << (loaded.errors.empty() ? "" : loaded.errors[0].ToString());
  return loaded.scenario;
}

int CountLines(const RunResult& r, const std::string& needle) {
  int n = 0;
  for (const auto& line : r.story) n += line.text.find(needle) != std::string::npos;
  return n;
}

TEST(TornWriteTest, RecoveryCutsTheTornBatchAndNothingAcknowledgedIsLost) {
  scenario::Scenario s = Load("power-failure-torn-write");
  RunResult r = RunScenario(s, {s.seed, nullptr});
  EXPECT_EQ(CountLines(r, "torn write"), 1);
  EXPECT_EQ(CountLines(r, "log recovery cut orders-0"), 1);
  EXPECT_EQ(r.measurements.lost_acked, 0);
  EXPECT_EQ(r.measurements.replica_divergence, 0);
}

TEST(TornWriteTest, WithoutTornWriteTheUnsyncedTailVanishesWhole) {
  scenario::Scenario s = Load("power-failure-torn-write");
  for (auto& f : s.faults) {
    if (auto* p = std::get_if<scenario::PowerFailFault>(&f.action)) p->torn_write = false;
  }
  RunResult r = RunScenario(s, {s.seed, nullptr});
  EXPECT_EQ(CountLines(r, "torn write"), 0);
  EXPECT_EQ(CountLines(r, "log recovery cut orders-0"), 0);  // whole batches or nothing
  EXPECT_EQ(r.measurements.lost_acked, 0);
}

}  // namespace
}  // namespace kafkasim::sim
