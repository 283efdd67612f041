// tests/viz/metrics_view_test.cc — Kafka's broker metrics, computed from
// each broker's own state: one active controller, under-replicated and
// under-min-ISR partitions while followers are down, the election meters.
#include "viz/metrics_view.h"

#include <gtest/gtest.h>

#include "sim/simulation.h"
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
  EXPECT_GE(Sum(m.metrics, "IsrShrinksPerSec"), 1);
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

}  // namespace
}  // namespace kafkasim::viz
