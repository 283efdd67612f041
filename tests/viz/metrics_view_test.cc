// tests/viz/metrics_view_test.cc — Kafka's broker metrics, computed from
// each broker's own state: one active controller, under-replicated and
// under-min-ISR partitions while followers are down, the election meters.
#include "viz/metrics_view.h"

#include <gtest/gtest.h>

#include "sim/simulation.h"
#include "viz/controller.h"
#include "tests/viz/run_to.h"
#include "viz/view_model.h"

namespace kafkasim::viz {
namespace {

int64_t Sum(const MetricsView& m, const std::string& name) {
  int64_t v = 0;
  for (const MetricValue& x : m.values) v += x.name == name ? x.value : 0;
  return v;
}

TEST(MetricsViewTest, FollowersDownMakeTheLeaderReportUnderReplicatedAndUnderMinIsr) {
  auto sim = RunTo("min-insync-refuses.yaml", 9 * kNsPerSec);  // broker-2 and broker-3 crashed at 4 s
  ViewModel m = BuildViewModel(*sim);
  EXPECT_EQ(Sum(m.metrics, "ActiveControllerCount"), 1);
  EXPECT_GE(Sum(m.metrics, "UnderReplicatedPartitions"), 1);
  EXPECT_GE(Sum(m.metrics, "UnderMinIsrPartitionCount"), 1);
  // The controller took the dead brokers out of the ISR (Kafka's
  // onReplicasBecomeOffline): no broker's IsrShrinksPerSec marks that.
  EXPECT_EQ(Sum(m.metrics, "IsrShrinksPerSec"), 0);
  // Produce refused with NOT_ENOUGH_REPLICAS counts (BrokerTopicStats).
  EXPECT_GE(Sum(m.metrics, "FailedProduceRequestsPerSec"), 1);
  for (const MetricValue& v : m.metrics.values) {  // crashed brokers report no gauges
    if (v.name == "UnderReplicatedPartitions") {
      EXPECT_EQ(v.source, "broker-1");
    }
  }
}

TEST(MetricsViewTest, AnUncleanElectionIsCountedByTheControllerThatMadeIt) {
  auto before = RunTo("unclean-election.yaml", 6 * kNsPerSec);
  EXPECT_EQ(Sum(BuildViewModel(*before).metrics, "UncleanLeaderElectionsPerSec"), 0);
  auto after = RunTo("unclean-election.yaml", 14 * kNsPerSec);
  MetricsView m = BuildViewModel(*after).metrics;
  EXPECT_EQ(Sum(m, "UncleanLeaderElectionsPerSec"), 1);
  EXPECT_GE(Sum(m, "LeaderElectionRateAndTimeMs"), 1);
  std::string text;
  DescribeMetrics(m, text);
  EXPECT_NE(text.find("metric ActiveControllerCount broker-"), std::string::npos);
}

// Kafka's Partition marks IsrShrinksPerSec on the leader that shrinks its
// own ISR (maybeShrinkIsr): slow-follower-isr's leader drops the paused
// follower, and only it counts the shrink.
TEST(MetricsViewTest, IsrShrinksAreTheLeadersOwn) {
  auto sim = RunTo("slow-follower-isr.yaml", 6 * kNsPerSec);
  MetricsView m = BuildViewModel(*sim).metrics;
  EXPECT_GE(Sum(m, "IsrShrinksPerSec"), 1);
  for (const MetricValue& v : m.values) {
    if (v.name == "IsrShrinksPerSec" && v.value > 0) {
      EXPECT_EQ(v.source, "broker-1");
    }
  }
  EXPECT_EQ(Sum(m, "FailedProduceRequestsPerSec"), 0);
}

// The change since the narration step on the banner is measured against
// the metrics at the moment that step was shown — the same whether the run
// was played there, seeked back to or jumped past it.
TEST(MetricsViewTest, BaselineAtTheNarrationStepIsTheSameAfterSeekingBack) {
  scenario::LoadResult r =
      scenario::LoadScenarioFile(std::string(KAFKASIM_SOURCE_DIR) + "/scenarios/min-insync-refuses.yaml");
  ASSERT_TRUE(r.ok());
  SimController c(r.scenario, r.scenario.seed);
  c.SeekTo(9 * kNsPerSec);
  const sim::NarrationClock& clock = c.sim().narration();
  ASSERT_NE(clock.current(), nullptr);
  const size_t step = clock.current_index();
  const TimeNs shown = *clock.shown_at(step);
  std::string first;
  DescribeMetrics(*c.MetricsAtStep(step), first);
  // What a fresh run holds at that moment.
  sim::Simulation alone(r.scenario, r.scenario.seed);
  alone.RunUntil(shown);
  std::string expected;
  DescribeMetrics(BuildMetricsView(alone), expected);
  EXPECT_EQ(first, expected);
  c.SeekTo(1 * kNsPerSec);  // back before the step, then jump past it
  c.SeekTo(9 * kNsPerSec);
  ASSERT_EQ(c.sim().narration().current_index(), step);
  std::string again;
  DescribeMetrics(*c.MetricsAtStep(step), again);
  EXPECT_EQ(again, expected);
}

}  // namespace
}  // namespace kafkasim::viz
