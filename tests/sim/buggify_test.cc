// BUGGIFY: off unless enabled, per-site switches decided by the seed, firing
// rarely, deterministic, and traced.
#include <gtest/gtest.h>

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/protocol/message.h"
#include "sim/run.h"
#include "sim/scenario/loader.h"
#include "sim/world.h"

namespace kafkasim::sim {
namespace {

TEST(BuggifyTest, NeverFiresWhenDisabled) {
  World w(7);
  for (int i = 0; i < 10000; ++i) ASSERT_FALSE(w.buggify().Fire("short_fetch"));
  EXPECT_FALSE(w.buggify().SiteEnabled("short_fetch"));
}

TEST(BuggifyTest, SitesAreSwitchedOnForSomeSeedsOnlyAndFireRarely) {
  int enabled_seeds = 0;
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    World w(seed);
    w.buggify().set_enabled(true);
    if (!w.buggify().SiteEnabled("short_fetch")) continue;
    ++enabled_seeds;
    int fired = 0;
    for (int i = 0; i < 2000; ++i) fired += w.buggify().Fire("short_fetch");
    EXPECT_GT(fired, 40) << "seed " << seed;  // ~5% of 2000 = 100
    EXPECT_LT(fired, 200) << "seed " << seed;
  }
  // Each site is on for about a quarter of the seeds.
  EXPECT_GT(enabled_seeds, 25);
  EXPECT_LT(enabled_seeds, 80);
}

TEST(BuggifyTest, SiteSwitchIsAFunctionOfTheSeed) {
  for (uint64_t seed = 1; seed <= 50; ++seed) {
    World a(seed), b(seed);
    a.buggify().set_enabled(true);
    b.buggify().set_enabled(true);
    for (std::string_view site : kBuggifySites) EXPECT_EQ(a.buggify().SiteEnabled(site), b.buggify().SiteEnabled(site));
  }
}

class IdleNode final : public Node {
 public:
  void Start() override {}
  void OnMessage(NodeId, const Message&) override {}
};

// slow_fsync: on a seed that switches it on, some fsyncs stall the node's
// process (paused, then resumed 50-500 ms later), and each stall is traced.
TEST(BuggifyTest, SlowFsyncStallsTheProcess) {
  uint64_t seed = 1;
  for (; seed < 200; ++seed) {
    World probe(seed);
    probe.buggify().set_enabled(true);
    if (probe.buggify().SiteEnabled("slow_fsync")) break;
  }
  ASSERT_LT(seed, 200u);
  World w(seed);
  w.buggify().set_enabled(true);
  std::vector<std::string> lines;
  w.trace().set_listener([&](std::string_view l) { lines.emplace_back(l); });
  const NodeId id{1};
  NodeSlot& slot = w.AddNode(id, "broker-1", NodeKind::kBroker, [](Env&) { return std::make_unique<IdleNode>(); });
  w.Start(id);
  const uint8_t byte = 7;
  int stalls = 0;
  for (int i = 0; i < 400; ++i) {
    EXPECT_TRUE(slot.disk().Append("f", std::span<const uint8_t>(&byte, 1)).ok());
    EXPECT_TRUE(slot.disk().Fsync("f").ok());
    if (slot.paused()) {
      ++stalls;
      w.loop().RunUntil(w.Now() + Ms(500));
      EXPECT_FALSE(slot.paused()) << "a stall lasts at most 500 ms";
    }
  }
  EXPECT_GT(stalls, 5);  // ~5% of 400
  int traced = 0;
  for (const auto& l : lines) traced += l.find("slow fsync on broker-1") != std::string::npos;
  EXPECT_EQ(traced, stalls);
}

TEST(BuggifyTest, BuggifiedRunIsDeterministicAndKeepsAcksAllSafe) {
  auto loaded = scenario::LoadScenarioFile(std::string(KAFKASIM_SOURCE_DIR) + "/scenarios/buggify-acks-all.yaml");
  ASSERT_TRUE(loaded.ok());
  RunResult a = RunScenario(loaded.scenario, {loaded.scenario.seed, nullptr});
  RunResult b = RunScenario(loaded.scenario, {loaded.scenario.seed, nullptr});
  EXPECT_EQ(a.trace_hash, b.trace_hash);
  EXPECT_EQ(a.measurements.lost_acked, 0);
  EXPECT_EQ(a.measurements.duplicates_in_log, 0);
  ASSERT_FALSE(a.story.empty());
  EXPECT_NE(a.story.front().text.find("BUGGIFY"), std::string::npos);
}

TEST(UnsimulatedSettingsTest, NamesAcceptedButUnmodelledKeys) {
  auto loaded = scenario::LoadScenarioString(R"(name: t
duration: 1s
cluster: {brokers: 1, config: {producer.id.expiration.ms: 60000}}
topics: [{name: orders, partitions: 1, replication.factor: 1}]
)",
                                             "t.yaml");
  ASSERT_TRUE(loaded.ok()) << (loaded.errors.empty() ? "" : loaded.errors[0].ToString());
  auto notes = UnsimulatedSettings(loaded.scenario);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].find("producer.id.expiration.ms"), std::string::npos);
  EXPECT_TRUE(UnsimulatedSettings(scenario::Scenario{}).empty());
}

}  // namespace
}  // namespace kafkasim::sim
