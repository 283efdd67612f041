// tests/sim/every_write_test.cc — cluster.disk.flush: every-write fsyncs
// each write to a broker's disk as it is made, so a power failure of every
// broker at once loses no acknowledged record, even with acks=1. The run is
// scenarios/power-failure-no-fsync.yaml (page-cache: ~250 acknowledged
// records lost) with the flush mode switched and the producer on acks=1.
#include <gtest/gtest.h>

#include <string>

#include "sim/run.h"
#include "sim/scenario/loader.h"

namespace kafkasim::sim {
namespace {

scenario::Scenario PowerFailureOfTheWholeCluster(scenario::FlushMode flush, const std::string& acks) {
  auto loaded = scenario::LoadScenarioFile(std::string(KAFKASIM_SOURCE_DIR) + "/scenarios/power-failure-no-fsync.yaml");
  EXPECT_TRUE(loaded.ok()) << (loaded.errors.empty() ? "" : loaded.errors[0].ToString());
  scenario::Scenario s = loaded.scenario;
  s.cluster.disk.flush = flush;
  for (auto& p : s.producers) p.config["acks"] = acks;
  return s;
}

TEST(EveryWriteFlushTest, PowerFailureLosesNoAcknowledgedRecordWithAcks1) {
  scenario::Scenario s = PowerFailureOfTheWholeCluster(scenario::FlushMode::kEveryWrite, "1");
  RunResult r = RunScenario(s, {s.seed, nullptr});
  EXPECT_GT(r.measurements.acked, 700);
  EXPECT_EQ(r.measurements.lost_acked, 0);
  EXPECT_EQ(r.measurements.replica_divergence, 0);
  EXPECT_TRUE(r.violations.empty()) << r.violations.front().explanation;
}

TEST(EveryWriteFlushTest, PowerFailureLosesNoAcknowledgedRecordWithAcksAll) {
  scenario::Scenario s = PowerFailureOfTheWholeCluster(scenario::FlushMode::kEveryWrite, "all");
  RunResult r = RunScenario(s, {s.seed, nullptr});
  EXPECT_EQ(r.measurements.acked, 800);
  EXPECT_EQ(r.measurements.lost_acked, 0);
  EXPECT_EQ(r.measurements.replica_divergence, 0);
}

TEST(EveryWriteFlushTest, PageCacheLosesAcknowledgedRecordsInTheSameRun) {
  // The control: the same run on the default page-cache disk.
  scenario::Scenario s = PowerFailureOfTheWholeCluster(scenario::FlushMode::kPageCache, "1");
  RunResult r = RunScenario(s, {s.seed, nullptr});
  EXPECT_GT(r.measurements.lost_acked, 100);
}

}  // namespace
}  // namespace kafkasim::sim
