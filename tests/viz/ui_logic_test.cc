// tests/viz/ui_logic_test.cc — the GUI's small pure pieces: command line,
// story-line classification, cluster layout, injection times.
#include <gtest/gtest.h>

#include <map>

#include "viz/args.h"
#include "viz/cluster_layout.h"
#include "viz/fault_injection.h"
#include "viz/timeline_marks.h"

namespace kafkasim::viz {
namespace {

TEST(VizArgsTest, ParsesTheScreenshotCommandLine) {
  auto r = ParseVizArgs({"s.yaml", "--run-to", "6s", "--screenshot", "/tmp/x.png", "--frames", "3", "--seed", "9"});
  ASSERT_TRUE(std::holds_alternative<VizOptions>(r)) << std::get<std::string>(r);
  const VizOptions& o = std::get<VizOptions>(r);
  EXPECT_EQ(o.scenario_path, "s.yaml");
  EXPECT_EQ(o.run_to, 6 * kNsPerSec);
  EXPECT_EQ(o.screenshot, "/tmp/x.png");
  EXPECT_EQ(o.frames, 3);
  EXPECT_EQ(o.seed, 9u);
}

TEST(VizArgsTest, DefaultsAndErrors) {
  auto r = ParseVizArgs({});
  ASSERT_TRUE(std::holds_alternative<VizOptions>(r));
  EXPECT_EQ(std::get<VizOptions>(r).scenario_path, "");  // the library's quickstart.yaml (main.cc)
  EXPECT_EQ(std::get<VizOptions>(ParseVizArgs({"--run-to", "1.5"})).run_to, 1'500 * kNsPerMs);
  EXPECT_EQ(std::get<VizOptions>(ParseVizArgs({"--size", "1920x1080"})).width, 1920);
  EXPECT_TRUE(std::holds_alternative<std::string>(ParseVizArgs({"--frames", "0"})));
  EXPECT_TRUE(std::holds_alternative<std::string>(ParseVizArgs({"--run-to", "soon"})));
  EXPECT_TRUE(std::holds_alternative<std::string>(ParseVizArgs({"--bogus", "1"})));
  EXPECT_TRUE(std::holds_alternative<std::string>(ParseVizArgs({"a.yaml", "b.yaml"})));
  EXPECT_TRUE(std::holds_alternative<std::string>(ParseVizArgs({"--seed"})));
}

TEST(TimelineMarksTest, LanesMatchWholeNodeNamesOnly) {
  std::vector<std::string> lanes = {"broker-1", "broker-10", "p1"};
  EXPECT_EQ(LaneOf("FAULT: crash broker-10 (process crash)", lanes), 1);
  EXPECT_EQ(LaneOf("broker-1 became the controller", lanes), 0);
  EXPECT_EQ(LaneOf("p10 got an error", lanes), -1);
}

TEST(TimelineMarksTest, ClassifiesFaultsElectionsIsrAndNarration) {
  std::vector<std::string> lanes = {"broker-1", "broker-2"};
  StoryMark e = ClassifyStoryLine("controller broker-1 elected broker-2 leader of orders-0 (leader epoch 1)", lanes);
  EXPECT_EQ(e.kind, MarkKind::kElection);
  EXPECT_EQ(e.lane, 1) << "the lane of the new leader";
  EXPECT_EQ(ClassifyStoryLine("FAULT: crash broker-1", lanes).kind, MarkKind::kFault);
  EXPECT_EQ(ClassifyStoryLine("ISR of orders-0 shrank [1,2] -> [1]", lanes).kind, MarkKind::kIsr);
  StoryMark n = ClassifyStoryLine("\xC2\xBB The leader crashes", lanes);
  EXPECT_EQ(n.kind, MarkKind::kNarration);
  EXPECT_EQ(n.lane, -1);
}

TEST(ClusterLayoutTest, EveryNodeGetsADistinctPlaceInsideTheView) {
  std::vector<NodeInfo> nodes = {{NodeId{1}, sim::NodeKind::kBroker},      {NodeId{2}, sim::NodeKind::kBroker},
                                 {NodeId{3}, sim::NodeKind::kBroker},      {kZooKeeperNode, sim::NodeKind::kZooKeeper},
                                 {NodeId{2001}, sim::NodeKind::kProducer}, {NodeId{3001}, sim::NodeKind::kConsumer}};
  auto places = LayoutCluster(nodes);
  ASSERT_EQ(places.size(), nodes.size());
  for (const auto& [id, p] : places) {
    EXPECT_GT(p.x, 0.0f);
    EXPECT_LT(p.x, 1.0f);
    for (const auto& [other, q] : places) {
      if (other != id) {
        EXPECT_TRUE(p.x != q.x || p.y != q.y);
      }
    }
  }
  EXPECT_LT(places[kZooKeeperNode].y, places[NodeId{1}].y) << "zookeeper above the brokers";
}

TEST(ClusterLayoutTest, ProcessorsSitBetweenProducersAndConsumers) {
  // Listed consumer first: the processor still goes left of it, right of the producer.
  std::vector<NodeInfo> nodes = {{NodeId{1}, sim::NodeKind::kBroker},
                                 {NodeId{2001}, sim::NodeKind::kProducer},
                                 {NodeId{3001}, sim::NodeKind::kConsumer},
                                 {NodeId{5001}, sim::NodeKind::kConsumer, true}};
  auto places = LayoutCluster(nodes);
  EXPECT_LT(places[NodeId{2001}].x, places[NodeId{5001}].x);
  EXPECT_LT(places[NodeId{5001}].x, places[NodeId{3001}].x);
  EXPECT_EQ(places[NodeId{5001}].y, places[NodeId{3001}].y) << "on the clients' row";
}

TEST(ClusterLayoutTest, TwelveBrokersTakeTwoStaggeredRowsOfSix) {
  std::vector<NodeInfo> nodes;
  for (int i = 1; i <= 12; ++i) nodes.push_back({NodeId{i}, sim::NodeKind::kBroker});
  nodes.push_back({kZooKeeperNode, sim::NodeKind::kZooKeeper});
  auto places = LayoutCluster(nodes);
  std::map<float, int> per_row;
  for (int i = 1; i <= 12; ++i) ++per_row[places[NodeId{i}].y];
  EXPECT_EQ(per_row, (std::map<float, int>{{1.0f / 3, 6}, {2.0f / 3, 6}}));
  EXPECT_EQ(RowCount(nodes), 4u);
  EXPECT_EQ(WidestRow(nodes), 7u) << "six columns and half a column of stagger";
  EXPECT_LT(places[NodeId{1}].x, places[NodeId{7}].x) << "the second row is shifted right";
  EXPECT_LT(places[NodeId{7}].x, places[NodeId{2}].x);
}

TEST(FaultInjectionTest, ClickTimesRoundUpToWholeMilliseconds) {
  EXPECT_EQ(InjectionTime(0), 0);
  EXPECT_EQ(InjectionTime(4 * kNsPerSec), 4 * kNsPerSec);
  EXPECT_EQ(InjectionTime(4 * kNsPerSec + 1), 4 * kNsPerSec + kNsPerMs);
}

}  // namespace
}  // namespace kafkasim::viz
