// tests/viz/fault_gestures_test.cc — mouse gestures to faults: a drag node to
// node is a link, a drag across empty space splits the nodes by the line;
// and the faults they make load back from a saved file as written.
#include "viz/fault_gestures.h"

#include <gtest/gtest.h>

#include <cmath>

#include "sim/scenario/loader.h"
#include "viz/controller.h"
#include "viz/fault_injection.h"
#include "viz/scenario_writer_internal.h"

namespace kafkasim::viz {
namespace {

// zookeeper on top, three brokers in a row, p1 bottom-left, c1 bottom-right.
const std::vector<NodeBox> kNodes = {{"broker-1", {100, 200}}, {"broker-2", {300, 200}}, {"broker-3", {500, 200}},
                                     {"zookeeper", {300, 50}}, {"p1", {100, 350}},       {"c1", {500, 350}}};
constexpr Point kBox{120, 40};

TEST(FaultGesturesTest, DragFromNodeToNodeIsALink) {
  DragGesture g = ClassifyDrag(kNodes, kBox, {110, 205}, {290, 190}, 10);
  ASSERT_EQ(g.kind, DragGesture::Kind::kLink);
  EXPECT_EQ(g.a, "broker-1");
  EXPECT_EQ(g.b, "broker-2");
  EXPECT_EQ(ClassifyDrag(kNodes, kBox, {110, 205}, {112, 207}, 10).kind, DragGesture::Kind::kNone) << "a click";
  EXPECT_EQ(ClassifyDrag(kNodes, kBox, {110, 205}, {200, 290}, 10).kind, DragGesture::Kind::kNone) << "onto nothing";
  EXPECT_EQ(ClassifyDrag(kNodes, kBox, {80, 190}, {150, 210}, 10).kind, DragGesture::Kind::kNone) << "onto itself";
}

TEST(FaultGesturesTest, DragAcrossEmptySpaceSplitsByTheLine) {
  // A vertical line between broker-1 and broker-2, drawn top to bottom.
  DragGesture g = ClassifyDrag(kNodes, kBox, {200, 10}, {200, 390}, 10);
  ASSERT_EQ(g.kind, DragGesture::Kind::kPartition);
  EXPECT_EQ(g.sides.right, (std::vector<std::string>{"broker-1", "p1"}));
  EXPECT_EQ(g.sides.left, (std::vector<std::string>{"broker-2", "broker-3", "zookeeper", "c1"}));
  // Not across the cluster: everything on one side, nothing to partition.
  EXPECT_EQ(ClassifyDrag(kNodes, kBox, {10, 10}, {10, 390}, 10).kind, DragGesture::Kind::kNone);
}

constexpr const char* kGestureScenario = R"(
name: gestures
duration: 3s
cluster: {brokers: 3}
topics: [{name: orders, partitions: 1, replication.factor: 3}]
producers: [{id: p1, workload: {topic: orders, messages: 50, rate: 50/s}}]
)";

bool Covers(Point centre, Point size, Point box_centre, Point box) {
  return std::abs(centre.x - box_centre.x) < (size.x + box.x) / 2 &&
         std::abs(centre.y - box_centre.y) < (size.y + box.y) / 2;
}

// A label never covers a node nor another label: broker-1 - broker-2 is
// short (80 px between the boxes) for a 150 px label, so it moves off the
// road; the other way's label (its own rule) does not sit on it; a road
// from p1 up past broker-2's corner, and zookeeper - broker-2 (a short
// vertical road), find a free point.
TEST(FaultGesturesTest, LinkLabelsCoverNoNodeAndNoOtherLabel) {
  const Point size{150, 20};
  auto straight = [&](Point a, Point b) { return LinkLabelRoad{size, a, {(a.x + b.x) / 2, (a.y + b.y) / 2}, b}; };
  std::vector<LinkLabelRoad> labels = {straight({100, 200}, {300, 200}), straight({300, 200}, {100, 200}),
                                       straight({100, 350}, {500, 50}), straight({300, 50}, {300, 200})};
  std::vector<Point> at = PlaceLinkLabels(labels, kNodes, kBox, {0, 0}, {600, 400});
  ASSERT_EQ(at.size(), labels.size());
  for (size_t i = 0; i < at.size(); ++i) {
    for (const NodeBox& n : kNodes) EXPECT_FALSE(Covers(at[i], size, n.center, kBox)) << i << " covers " << n.name;
    for (size_t j = 0; j < i; ++j) EXPECT_FALSE(Covers(at[i], size, at[j], size)) << i << " covers label " << j;
  }
  // A label with room at its middle stays there.
  std::vector<Point> alone = PlaceLinkLabels({straight({100, 350}, {500, 350})}, kNodes, kBox, {0, 0}, {600, 400});
  EXPECT_FLOAT_EQ(alone[0].x, 300);
  EXPECT_FLOAT_EQ(alone[0].y, 350);
}

TEST(FaultInjectionTest, EveryHandFaultIsAScenarioFaultThatLoadsBackAsWritten) {
  scenario::Scenario s = scenario::LoadScenarioString(kGestureScenario, "gestures.yaml").scenario;
  LinkChoice oneway;
  oneway.direction = LinkDirection::kBToA;
  oneway.for_ns = kNsPerSec;
  LinkChoice slow;
  slow.effect = LinkEffect::kLatency;
  slow.latency = 250 * kNsPerMs;
  LinkChoice dup;
  dup.effect = LinkEffect::kDuplicate;
  dup.probability = 0.5;
  TimeNs now = 1'000'400'000;
  std::vector<scenario::Fault> faults = {
      MakeLinkFault("broker-1", "p1", oneway, now),
      MakeLinkFault("broker-1", "broker-2", slow, now),
      MakeLinkFault("broker-2", "p1", dup, now),
      MakePartitionFault({"broker-1", "p1"}, {"broker-2", "broker-3", "zookeeper"}, 0, now),
      MakeNodeFault(s, "broker-3", NodeAction::kCutFromZooKeeper, now),
      MakeNodeFault(s, "broker-2", NodeAction::kPause, now, 1500 * kNsPerMs),
      MakeNodeFault(s, "p1", NodeAction::kCrash, now),
      MakeHealAllFault(now)};
  const char* want[] = {"{at: 1001ms, link: {from: p1, to: broker-1, drop: 1}, for: 1s}",
                        "{at: 1001ms, link: {between: [broker-1, broker-2], latency: 250ms}}",
                        "{at: 1001ms, link: {between: [broker-2, p1], duplicate: 0.5}}",
                        "{at: 1001ms, partition: [[broker-1, p1], [broker-2, broker-3, zookeeper]]}",
                        "{at: 1001ms, partition: [[broker-3], [zookeeper]]}",
                        "{at: 1001ms, pause: broker-2, for: 1500ms}",
                        "{at: 1001ms, crash: p1}",
                        "{at: 1001ms, heal: all}"};
  std::string yaml = std::string(kGestureScenario) + "faults:\n";
  for (size_t i = 0; i < faults.size(); ++i) {
    EXPECT_EQ(FaultFlowText(faults[i]), want[i]);
    yaml += "  - " + FaultFlowText(faults[i]) + "\n";
  }
  scenario::LoadResult r = scenario::LoadScenarioString(yaml, "gestures.yaml");
  ASSERT_TRUE(r.ok()) << r.errors[0].ToString();
  ASSERT_EQ(r.scenario.faults.size(), faults.size());
  EXPECT_EQ(DescribeFault(faults[0]), "link p1 -> broker-1: drop 100% for 1s");
  EXPECT_EQ(DescribeFault(faults[3]), "partition [broker-1, p1] | [broker-2, broker-3, zookeeper]");
}

TEST(FaultInjectionTest, ACutLinkIsCutInTheReSimulatedRun) {
  scenario::Scenario s = scenario::LoadScenarioString(kGestureScenario, "gestures.yaml").scenario;
  SimController c(s, 1);
  c.SeekTo(kNsPerSec);
  LinkChoice oneway;
  oneway.direction = LinkDirection::kAToB;
  c.Apply(UiCommand{InjectFaultCommand{MakeLinkFault("broker-1", "broker-2", oneway, c.sim().now())}});
  c.SeekTo(kNsPerSec + 10 * kNsPerMs);
  const sim::SimNetwork& net = c.sim().world().network();
  EXPECT_TRUE(net.IsCut(NodeId{1}, NodeId{2}));
  EXPECT_FALSE(net.IsCut(NodeId{2}, NodeId{1})) << "one way";
  c.Apply(UiCommand{InjectFaultCommand{MakeHealAllFault(c.sim().now())}});
  c.SeekTo(c.sim().now() + kNsPerMs);
  EXPECT_FALSE(c.sim().world().network().IsCut(NodeId{1}, NodeId{2}));
}

}  // namespace
}  // namespace kafkasim::viz
