// Narration steps with `after:` are shown at the event they describe, in
// whatever run the seed gives; plain steps at their `at`; the trace is the
// same either way.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/report/narration_clock.h"
#include "sim/scenario/loader.h"
#include "sim/simulation.h"

namespace kafkasim::sim {
namespace {

using scenario::NarrationAnchor;

scenario::Scenario LoadLibrary(const std::string& name) {
  auto r = scenario::LoadScenarioFile(std::string(KAFKASIM_SOURCE_DIR) + "/scenarios/" + name + ".yaml");
  for (const auto& e : r.errors) ADD_FAILURE() << e.ToString();
  return r.scenario;
}

TEST(NarrationLoaderTest, AfterIsParsed) {
  auto r = scenario::LoadScenarioString(
      "name: x\nduration: 5s\nnarration:\n  - {at: 1s, after: leader_election, text: hi}\n  - {at: 2s, text: plain}\n",
      "t.yaml");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.scenario.narration[0].after, NarrationAnchor::kLeaderElection);
  EXPECT_EQ(r.scenario.narration[1].after, NarrationAnchor::kNone);
}

TEST(NarrationLoaderTest, BadAfterNamesFileLineAndField) {
  auto r = scenario::LoadScenarioString("name: x\nduration: 5s\nnarration:\n  - {at: 1s, after: election, text: hi}\n",
                                        "t.yaml");
  ASSERT_EQ(r.errors.size(), 1u);
  std::string e = r.errors[0].ToString();
  EXPECT_EQ(e.rfind("t.yaml:4:", 0), 0u) << e;
  EXPECT_NE(e.find("narration[0].after"), std::string::npos) << e;
  EXPECT_NE(e.find("leader_election"), std::string::npos) << e;  // the error lists the allowed kinds
}

TEST(NarrationClockTest, AnchoredStepWaitsForItsEvent) {
  std::vector<scenario::NarrationStep> steps = {{1000, "plain", NarrationAnchor::kNone},
                                                {1000, "election", NarrationAnchor::kLeaderElection}};
  NarrationClock clock(&steps);
  EXPECT_TRUE(clock.Arm(0, 1000));
  EXPECT_FALSE(clock.Arm(1, 1000));
  EXPECT_EQ(clock.current(), &steps[0]);
  ObsElection internal{
      NodeId{1}, TopicPartition{"__consumer_offsets", PartitionId{0}}, NodeId{2}, LeaderEpoch{1}, {}, false, ""};
  EXPECT_TRUE(clock.Observe(1500, internal).empty());
  ObsElection offline{NodeId{1}, TopicPartition{"orders", PartitionId{0}}, kNoNode, LeaderEpoch{1}, {}, false, ""};
  EXPECT_TRUE(clock.Observe(1600, offline).empty());
  ObsElection elected{NodeId{1}, TopicPartition{"orders", PartitionId{0}}, NodeId{2}, LeaderEpoch{1}, {}, false, ""};
  EXPECT_EQ(clock.Observe(2000, elected), std::vector<size_t>{1});
  EXPECT_EQ(clock.shown_at(1), TimeNs{2000});
  EXPECT_EQ(clock.current(), &steps[1]);
  EXPECT_EQ(clock.shown_count(), 2u);
}

TEST(NarrationClockTest, EventAtTheArmingMomentCounts) {
  std::vector<scenario::NarrationStep> steps = {{1000, "t", NarrationAnchor::kTruncation}};
  NarrationClock clock(&steps);
  ObsTruncate t{NodeId{1}, TopicPartition{"orders", PartitionId{0}}, Offset{10}, Offset{5}, "hw"};
  clock.Observe(1000, t);
  EXPECT_TRUE(clock.Arm(0, 1000));
}

// The lesson's banner agrees with the picture whatever the seed: the
// election step of zombie-leader-acks1 is shown exactly when the controller
// elects the new leader, and the truncation step when broker-1 truncates.
TEST(NarrationClockTest, ZombieBannerMatchesTheEventsForEverySeed) {
  scenario::Scenario s = LoadLibrary("zombie-leader-acks1");
  for (uint64_t seed : {1u, 5u, 17u, 123u}) {
    TimeNs election = -1, truncation = -1;
    Simulation run(s, seed);
    run.RunToEnd();
    // Find the events in the story the run told.
    for (const StoryLine& l : run.story().lines()) {
      if (election < 0 && l.at >= 4 * kNsPerSec &&
          l.text.find("elected broker-2 leader of orders-0") != std::string::npos)
        election = l.at;
      if (truncation < 0 && l.at >= 12 * kNsPerSec && l.text.find("truncated orders-0") != std::string::npos)
        truncation = l.at;
    }
    ASSERT_GE(election, 0) << "seed " << seed;
    ASSERT_GE(truncation, 0) << "seed " << seed;
    const auto& steps = s.narration;
    for (size_t i = 0; i < steps.size(); ++i) {
      if (steps[i].after == NarrationAnchor::kLeaderElection) {
        EXPECT_EQ(run.narration().shown_at(i), election) << "seed " << seed;
      }
      if (steps[i].after == NarrationAnchor::kTruncation) {
        EXPECT_EQ(run.narration().shown_at(i), truncation) << "seed " << seed;
      }
    }
  }
}

// Narration is observation only: a step's anchor does not change the run.
TEST(NarrationClockTest, AnchorsDoNotChangeTheTrace) {
  scenario::Scenario s = LoadLibrary("acks1-leader-failure");
  scenario::Scenario plain = s;
  for (auto& n : plain.narration) n.after = NarrationAnchor::kNone;
  Simulation a(s, 7), b(plain, 7);
  a.RunToEnd();
  b.RunToEnd();
  EXPECT_EQ(a.world().trace().hash(), b.world().trace().hash());
}

}  // namespace
}  // namespace kafkasim::sim
