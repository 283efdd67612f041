// tests/viz/scenario_writer_test.cc — the GUI's "Save scenario as..." writes
// YAML that LoadScenarioFile reads back into the very same scenario.
#include "viz/scenario_writer.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <set>

#include "sim/scenario/loader.h"
#include "sim/scenario/units.h"
#include "tests/viz/scenario_equal.h"

namespace kafkasim::viz {
namespace {

constexpr const char* kEdgeCases = R"(
name: edge-cases
description: "Quotes \" and colons: here; a # hash, and\na second line"
seed: 18446744073709551
duration: 1min
buggify: true
cluster:
  brokers: 4
  racks: [a, b, a, b]
  config: {unclean.leader.election.enable: true, replica.lag.time.max.ms: 2500}
  network: {latency: {min: 1ms, max: 7ms}, loss: 0.05, duplicate: 0.001, reorder: 0.25, bandwidth: 10MB/s}
  disk: {flush: every-write}
topics:
  - {name: orders, partitions: 3, replication.factor: 2, assignment: {0: [4, 1], 2: [2, 3]}}
  - {name: audit-log, partitions: 1, replication.factor: 1}
producers:
  - id: p1
    config: {acks: "1", enable.idempotence: false, compression.type: zstd}
    workload: {topic: orders, messages: 5000, rate: 100/min, keys: 7, value_bytes: 0, start: 1500ms}
  - id: p2
    workload: {topic: audit-log, messages: 3, rate: 0.5/s}
consumers:
  - {id: c1, group: g1, topics: [orders, audit-log], commit: before-processing, processing_time: 250us, start: 2s}
  - {id: c2, group: g1, topics: [orders], commit: auto, config: {enable.auto.commit: true}}
faults:
  - {at: 1s, link: {between: [broker-1, p1], latency: {min: 100ms, max: 300ms}}, for: 2s}
  - {at: 2s, crash: leader(orders-2)}
  - {at: 3s, pause: controller, for: 1500ms}
  - {at: 4s, partition: [[broker-1, zookeeper], [broker-2], [broker-3, broker-4, p1, p2, c1, c2]]}
  - {at: 5s, heal: broker-1}
  - {at: 6s, power_fail: broker-2, torn_write: true}
  - {at: 7s, restart: broker-2}
narration:
  - {at: 0s, text: "Four brokers: two racks. Watch #orders-0!"}
  - {at: 2s, text: 'single ''quoted'' text'}
expect:
  acked: ">=10"
  lost_acked: 0
  duplicates_consumed: "!=3"
  produce_errors: {NOT_ENOUGH_REPLICAS: "<5", NOT_LEADER_OR_FOLLOWER: ">=0"}
  consumed: {g1: ">=10"}
  consumed_out_of_order: {g1: 0}
  leader_of: {orders-0: none, orders-2: broker-3}
  isr_of: {orders-1: [1, 2]}
  leader_epoch_of: {orders-0: ">=1"}
  high_watermark_of: {audit-log-0: "<=3"}
  controller: broker-4
  controller_epoch: ">1"
expect_at:
  - {at: 3s, isr_of: {orders-0: [4]}, reordered: 0}
  - {at: 10s, controller: broker-2, consumed: {g1: 3}}
)";

scenario::Scenario LoadOk(std::string_view yaml, const std::string& name) {
  scenario::LoadResult r = scenario::LoadScenarioString(yaml, name);
  std::string errors;
  for (const auto& e : r.errors) errors += e.ToString() + "\n";
  EXPECT_TRUE(r.ok()) << errors << "--- yaml ---\n" << yaml;
  return r.scenario;
}

void ExpectRoundTrip(const scenario::Scenario& original) {
  std::string yaml = WriteScenarioYaml(original);
  scenario::Scenario back = LoadOk(yaml, "written.yaml");
  EXPECT_EQ(testing::CompareScenarios(original, back), "") << yaml;
  EXPECT_EQ(WriteScenarioYaml(back), yaml) << "writing is not stable";
}

TEST(ScenarioWriterTest, FormatPageExampleWithEveryFaultKindRoundTrips) {
  scenario::LoadResult r = scenario::LoadScenarioFile(KAFKASIM_SOURCE_DIR "/tests/data/scenarios/format_page.yaml");
  ASSERT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].ToString());
  // The page is the shared contract, verbatim; kafkasim's own fault kinds
  // (disk_full, disk_error) come after its last fault, so the order holds.
  scenario::Scenario extensions = LoadOk(R"(name: disk-faults
duration: 20s
faults:
  - {at: 10s, disk_full: broker-2, for: 2s}
  - {at: 12s, disk_error: broker-3}
)",
                                         "extensions.yaml");
  for (const scenario::Fault& f : extensions.faults) r.scenario.faults.push_back(f);
  std::set<size_t> kinds;
  for (const scenario::Fault& f : r.scenario.faults) kinds.insert(f.action.index());
  ASSERT_EQ(kinds.size(), std::variant_size_v<decltype(scenario::Fault::action)>) << "the example lost a fault kind";
  ExpectRoundTrip(r.scenario);
}

TEST(ScenarioWriterTest, EdgeCasesRoundTrip) { ExpectRoundTrip(LoadOk(kEdgeCases, "edge.yaml")); }

TEST(ScenarioWriterTest, MinimalScenarioRoundTrips) { ExpectRoundTrip(LoadOk("name: tiny\n", "tiny.yaml")); }

TEST(ScenarioWriterTest, SavedFileLoadsBackWithLoadScenarioFile) {
  scenario::Scenario s = LoadOk(kEdgeCases, "edge.yaml");
  std::string path = ::testing::TempDir() + "/kafkasim_viz_saved.yaml";
  ASSERT_EQ(SaveScenarioFile(s, path), "");
  scenario::LoadResult r = scenario::LoadScenarioFile(path);
  ASSERT_TRUE(r.ok()) << r.errors[0].ToString();
  EXPECT_EQ(testing::CompareScenarios(s, r.scenario), "");
  std::remove(path.c_str());
}

TEST(ScenarioWriterTest, SaveToAnUnwritablePathSaysWhy) {
  std::string why = SaveScenarioFile(LoadOk("name: tiny\n", "t.yaml"), "/nonexistent-dir/x.yaml");
  EXPECT_NE(why.find("cannot write /nonexistent-dir/x.yaml"), std::string::npos) << why;
}

TEST(ScenarioWriterTest, RatesAreSpelledSoTheyParseBackExactly) {
  // Rates come from ParseRate; whatever it produced must survive a save.
  for (const char* written : {"200/s", "0.5/s", "100/min", "1/min", "12.345/s", "1000000/s", "7/min", "3.3/min",
                              "0.000000001/s", "123456.789/s"}) {
    Result<double> rate = scenario::ParseRate(written);
    ASSERT_TRUE(rate.ok()) << written;
    std::string text = FormatRate(*rate);
    Result<double> back = scenario::ParseRate(text);
    ASSERT_TRUE(back.ok()) << text;
    EXPECT_EQ(*back, *rate) << written << " was saved as " << text;
  }
  EXPECT_EQ(FormatRate(200), "200/s");
  EXPECT_EQ(FormatRate(100.0 / 60.0), "100/min");
}

}  // namespace
}  // namespace kafkasim::viz
