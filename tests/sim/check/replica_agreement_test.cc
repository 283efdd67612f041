// tests/sim/check/replica_agreement_test.cc — the as-it-happens LogMatching
// check names the event at which in-sync replicas first disagree, and stays
// silent when the fix (leader epochs) is on.
#include "sim/check/replica_agreement.h"

#include <gtest/gtest.h>

#include <string>

#include "sim/run.h"
#include "sim/scenario/loader.h"

namespace kafkasim::sim {
namespace {

RunResult RunFile(const std::string& name) {
  auto loaded = scenario::LoadScenarioFile(std::string(KAFKASIM_SOURCE_DIR) + "/scenarios/" + name + ".yaml");
  EXPECT_TRUE(loaded.ok());
  return RunScenario(loaded.scenario, {loaded.scenario.seed, nullptr});
}

std::string FirstDivergence(const RunResult& r) {
  for (const std::string& e : r.measurements.examples)
    if (e.rfind("first divergence: ", 0) == 0) return e;
  return "";
}

TEST(ReplicaAgreementTest, NamesTheEventWhereADivergedReplicaRejoinsTheIsr) {
  RunResult r = RunFile("kip101-power-loss-divergence");
  ASSERT_GT(r.measurements.replica_divergence, 0);
  std::string first = FirstDivergence(r);
  EXPECT_NE(first.find("orders-0 offset 228 is committed"), std::string::npos) << first;
  EXPECT_NE(first.find("in-sync replica broker-1"), std::string::npos) << first;
  EXPECT_EQ(first.rfind("first divergence: event ", 0), 0u) << first;
}

TEST(ReplicaAgreementTest, SilentWhenLeaderEpochsTruncateTheForkedTail) {
  for (const char* name : {"kip101-power-loss-leader-epoch", "kip279-leader-epoch", "unclean-election"}) {
    RunResult r = RunFile(name);
    EXPECT_EQ(r.measurements.replica_divergence, 0) << name;
    EXPECT_EQ(FirstDivergence(r), "") << name;
  }
}

}  // namespace
}  // namespace kafkasim::sim
