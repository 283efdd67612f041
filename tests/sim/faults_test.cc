// tests/sim/faults_test.cc — faults that cannot act when they come are told
// as skipped, with the reason, and change nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "sim/run.h"
#include "sim/scenario/loader.h"

namespace kafkasim::sim {
namespace {

struct Told {
  std::vector<std::string> story;  // "FAULT..." lines of the story
  std::vector<std::string> trace;  // "fault" trace lines
  RunResult result;
};

Told RunFaults(const std::string& yaml) {
  auto loaded = scenario::LoadScenarioString(yaml, "faults-test.yaml");
  EXPECT_TRUE(loaded.errors.empty()) << (loaded.errors.empty() ? "" : loaded.errors[0].ToString());
  Told t;
  RunOptions options;
  options.trace_listener = [&t](std::string_view line) {
    if (line.find("\"type\":\"fault\"") != std::string_view::npos) t.trace.emplace_back(line);
  };
  t.result = RunScenario(loaded.scenario, options);
  for (const StoryLine& l : t.result.story)
    if (l.text.rfind("FAULT", 0) == 0) t.story.push_back(l.text);
  return t;
}

bool Has(const std::vector<std::string>& lines, std::string_view text) {
  return std::any_of(lines.begin(), lines.end(),
                     [&](const std::string& l) { return l.find(text) != std::string::npos; });
}

TEST(FaultsTest, FaultsThatCannotActAreToldAsSkippedWithTheReason) {
  Told t = RunFaults(R"(name: skipped-faults
duration: 6s
cluster: {brokers: 3}
topics: [{name: t, replication.factor: 3}]
faults:
  - {at: 1s, restart: broker-1}
  - {at: 1s, pause: broker-3, for: 3s}
  - {at: 1.5s, pause: broker-3, for: 1s}
  - {at: 1.5s, restart: broker-3}
  - {at: 2s, crash: broker-2}
  - {at: 3s, crash: broker-2}
  - {at: 3s, pause: broker-2, for: 1s}
  - {at: 4.5s, restart: broker-2}
)");
  const std::vector<std::string> want_story = {
      "FAULT skipped: restart broker-1 (broker-1 is already running)",
      "FAULT: pause broker-3 for 3000 ms",
      "FAULT skipped: pause broker-3 (broker-3 is already paused)",
      "FAULT skipped: restart broker-3 (broker-3 is paused, not crashed)",
      "FAULT: crash broker-2 (process crash: page cache survives)",
      "FAULT skipped: crash broker-2 (broker-2 is already down)",
      "FAULT skipped: pause broker-2 (broker-2 is down)",
      "FAULT: restart broker-2",
  };
  EXPECT_EQ(t.story, want_story);
  EXPECT_TRUE(Has(t.trace, "\"what\":\"skipped: restart broker-1: broker-1 is already running\""));
  EXPECT_TRUE(Has(t.trace, "\"what\":\"skipped: crash broker-2: broker-2 is already down\""));
  EXPECT_FALSE(Has(t.trace, "\"what\":\"restart broker-1\""));
  EXPECT_TRUE(t.result.violations.empty());
}

// A crashed process leaves the page cache to the OS; a power failure then
// takes it: the fault acts and says so.
TEST(FaultsTest, PowerFailureOfACrashedBrokerIsApplied) {
  Told t = RunFaults(R"(name: power-after-crash
duration: 3s
cluster: {brokers: 1}
topics: [{name: t}]
faults:
  - {at: 1s, crash: broker-1}
  - {at: 2s, power_fail: broker-1}
)");
  EXPECT_TRUE(Has(t.story, "FAULT: power failure broker-1 while its process is down (unsynced bytes lost)"));
}

}  // namespace
}  // namespace kafkasim::sim
