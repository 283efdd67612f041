// The consumer's dedup store (sim/apps/dedup_store.h) on a simulated disk,
// and whole runs: scenarios/consumer-dedup-store.yaml and
// consumer-dedup-store-lost.yaml with the one setting each lesson turns on
// switched, so each result is shown against its control.
#include <gtest/gtest.h>

#include <string>

#include "sim/apps/dedup_store.h"
#include "sim/disk/sim_disk.h"
#include "sim/run.h"
#include "sim/scenario/loader.h"

namespace kafkasim::sim {
namespace {

TEST(DedupStoreTest, RemembersIdsAcrossReopen) {
  SimDisk disk;
  {
    DedupStore s(disk, "ids", true);
    EXPECT_FALSE(s.Contains(7));
    s.Add(7);
    s.Add(0x0102030405060708ULL);
    s.Add(7);  // already there: not written twice
    EXPECT_TRUE(s.Contains(7));
  }
  EXPECT_EQ(disk.Size("ids"), 16u);
  DedupStore again(disk, "ids", true);
  EXPECT_TRUE(again.Contains(7));
  EXPECT_TRUE(again.Contains(0x0102030405060708ULL));
  EXPECT_EQ(again.size(), 2u);
}

TEST(DedupStoreTest, FsyncedStoreSurvivesPowerFailure) {
  SimDisk disk;
  DedupStore(disk, "ids", true).Add(42);
  disk.PowerFail();
  EXPECT_TRUE(DedupStore(disk, "ids", true).Contains(42));
}

TEST(DedupStoreTest, UnsyncedStoreSurvivesProcessCrashNotPowerFailure) {
  SimDisk disk;
  DedupStore(disk, "ids", false).Add(42);
  disk.CrashProcess();
  EXPECT_TRUE(DedupStore(disk, "ids", false).Contains(42));
  disk.PowerFail();
  EXPECT_FALSE(DedupStore(disk, "ids", false).Contains(42));
}

TEST(DedupStoreTest, TornLastIdIsDropped) {
  SimDisk disk;
  DedupStore(disk, "ids", true).Add(1);
  const uint8_t half[3] = {0, 0, 0};
  ASSERT_TRUE(disk.Append("ids", half).ok());
  DedupStore s(disk, "ids", true);
  EXPECT_EQ(s.size(), 1u);
  EXPECT_EQ(disk.Size("ids"), 8u);
  s.Add(2);
  EXPECT_TRUE(DedupStore(disk, "ids", true).Contains(2));
}

scenario::Scenario Load(const std::string& name) {
  auto loaded = scenario::LoadScenarioFile(std::string(KAFKASIM_SOURCE_DIR) + "/scenarios/" + name);
  EXPECT_TRUE(loaded.ok()) << (loaded.errors.empty() ? "" : loaded.errors[0].ToString());
  return loaded.scenario;
}

int64_t Redelivered(const RunResult& r) {
  auto it = r.measurements.redelivered.find("g1");
  return it == r.measurements.redelivered.end() ? 0 : it->second;
}

TEST(DedupStoreRunTest, StoreTurnsRedeliveryIntoSkips) {
  scenario::Scenario s = Load("consumer-dedup-store.yaml");
  RunResult with = RunScenario(s, {s.seed, nullptr});
  EXPECT_EQ(with.measurements.duplicates_consumed, 0);
  EXPECT_GT(Redelivered(with), 0);
  EXPECT_EQ(with.measurements.consumed.at("g1"), 500);
  // The control: the same run without the store processes them again, and
  // each repeat processing is also a redelivery.
  s.consumers[0].dedup = scenario::DedupMode::kNone;
  RunResult without = RunScenario(s, {s.seed, nullptr});
  EXPECT_GT(without.measurements.duplicates_consumed, 0);
  EXPECT_EQ(Redelivered(without), without.measurements.duplicates_consumed);
}

TEST(DedupStoreRunTest, PowerFailureLosesAnUnsyncedStoreButNotAnFsyncedOne) {
  scenario::Scenario s = Load("consumer-dedup-store-lost.yaml");
  RunResult unsynced = RunScenario(s, {s.seed, nullptr});
  EXPECT_GT(unsynced.measurements.duplicates_consumed, 0);
  EXPECT_EQ(unsynced.measurements.consumer_lost, 0);
  s.consumers[0].dedup = scenario::DedupMode::kStore;
  RunResult synced = RunScenario(s, {s.seed, nullptr});
  EXPECT_EQ(synced.measurements.duplicates_consumed, 0);
  EXPECT_GT(Redelivered(synced), 0);
}

TEST(DedupStoreRunTest, BadDedupValueNamesFileLineAndField) {
  auto r = scenario::LoadScenarioString(
      "name: x\ntopics: [{name: orders}]\nconsumers: [{id: c, group: g, topics: [orders], dedup: yes}]\n", "t.yaml");
  ASSERT_EQ(r.errors.size(), 1u);
  const std::string e = r.errors[0].ToString();
  EXPECT_EQ(e.rfind("t.yaml:3:", 0), 0u) << e;
  EXPECT_NE(e.find("consumers[0].dedup"), std::string::npos) << e;
  EXPECT_NE(e.find("store-unsynced"), std::string::npos) << e;  // the allowed values are listed
  auto ok = scenario::LoadScenarioString(
      "name: x\ntopics: [{name: orders}]\nconsumers: [{id: c, group: g, topics: [orders], dedup: store}]\n"
      "expect: {redelivered: {g: 0}}\n",
      "t.yaml");
  EXPECT_TRUE(ok.errors.empty()) << ok.errors[0].ToString();
  EXPECT_EQ(ok.scenario.consumers[0].dedup, scenario::DedupMode::kStore);
  auto bad_group = scenario::LoadScenarioString(
      "name: x\ntopics: [{name: orders}]\nconsumers: [{id: c, group: g, topics: [orders]}]\n"
      "expect: {redelivered: {h: 0}}\n",
      "t.yaml");
  ASSERT_EQ(bad_group.errors.size(), 1u);
  EXPECT_NE(bad_group.errors[0].ToString().find("expect.redelivered.h"), std::string::npos)
      << bad_group.errors[0].ToString();
}

}  // namespace
}  // namespace kafkasim::sim
