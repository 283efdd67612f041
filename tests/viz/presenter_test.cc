// tests/viz/presenter_test.cc — what a teacher drives: shortcuts, "step"
// in words, next/back narration step, auto-pause at each step, the
// scenario library found from anywhere.
// The "picture agrees" checks read the view model the windows draw.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "sim/scenario/loader.h"
#include "viz/controller.h"
#include "viz/scenario_library.h"
#include "viz/scenario_writer.h"
#include "viz/shortcuts.h"
#include "viz/step_words.h"
#include "viz/view_model.h"
#include "viz/windows.h"

namespace kafkasim::viz {
namespace {

const std::string kLibrary = std::string(KAFKASIM_SOURCE_DIR) + "/scenarios";

scenario::Scenario Library(const std::string& name) {
  auto r = scenario::LoadScenarioFile(kLibrary + "/" + name + ".yaml");
  EXPECT_TRUE(r.ok());
  return r.scenario;
}

std::string Name(NodeId id) { return "broker-" + std::to_string(id.value()); }

TEST(ShortcutTest, KeysMapToCommands) {
  EXPECT_EQ(ShortcutForChar(' '), Shortcut::kPlayPause);
  EXPECT_EQ(ShortcutForChar('n'), Shortcut::kNextStep);
  EXPECT_EQ(ShortcutForChar('N'), Shortcut::kNextStep);
  EXPECT_EQ(ShortcutForChar('b'), Shortcut::kBackStep);
  EXPECT_EQ(ShortcutForChar('r'), Shortcut::kRestart);
  EXPECT_EQ(ShortcutForChar('+'), Shortcut::kFaster);
  EXPECT_EQ(ShortcutForChar('-'), Shortcut::kSlower);
  EXPECT_EQ(ShortcutForChar('f'), Shortcut::kFullscreen);
  EXPECT_EQ(ShortcutForChar('?'), Shortcut::kHelp);
  EXPECT_EQ(ShortcutForChar('H'), Shortcut::kHelp);
  EXPECT_FALSE(ShortcutForChar('z').has_value());
  // Every key listed in the help overlay.
  EXPECT_GE(ShortcutHelp().size(), 10u);
}

TEST(ShortcutTest, SpeedHelpAndPlay) {
  SimController c(Library("acks1-leader-failure"), 42);
  c.Apply(UiCommand{SetSpeedCommand{100}});
  UiState ui;
  c.Apply(ApplyShortcut(Shortcut::kFaster, ui, c));
  EXPECT_DOUBLE_EQ(c.speed(), 200);
  c.Apply(ApplyShortcut(Shortcut::kSlower, ui, c));
  c.Apply(ApplyShortcut(Shortcut::kSlower, ui, c));
  EXPECT_DOUBLE_EQ(c.speed(), 50);
  c.Apply(ApplyShortcut(Shortcut::kPlayPause, ui, c));
  EXPECT_TRUE(c.playing());
  ApplyShortcut(Shortcut::kHelp, ui, c);
  EXPECT_TRUE(ui.show_help);
  ApplyShortcut(Shortcut::kFullscreen, ui, c);
  EXPECT_TRUE(ui.fullscreen_request);
}

TEST(StepWordsTest, AnElectionIsToldFirst) {
  std::vector<std::string> lines = {
      R"({"i":5,"t":1,"type":"send","from":2,"to":3,"msg":"LeaderAndIsr"})",
      R"({"i":6,"t":1,"type":"role","node":2,"tp":"orders-0","role":"leader","leader_id":2,"epoch":1})",
  };
  EXPECT_EQ(DescribeStep(1234, 5'599'000'000, lines, Name),
            "ran event 1234 at " + FormatSeconds(5'599'000'000) +
                ": broker-2 became leader of orders-0 at epoch 1 (+1 more)");
  EXPECT_EQ(
      DescribeTraceLine(
          R"({"type":"election","node":2,"tp":"orders-0","leader":2,"epoch":2,"isr":[2,3],"unclean":true})", Name),
      "controller broker-2 elected broker-2 leader of orders-0 at epoch 2, ISR [2,3] (UNCLEAN)");
  EXPECT_NE(DescribeStep(7, 0, {}, Name).find("nothing observable"), std::string::npos);
}

TEST(StepWordsTest, StepSaysWhichEventItRan) {
  SimController c(Library("acks1-leader-failure"), 42);
  c.SeekTo(2 * kNsPerSec);
  c.Apply(UiCommand{StepCommand{}});
  const std::string& words = c.last_step();
  EXPECT_EQ(words.rfind("ran event " + std::to_string(c.sim().world().loop().events_run()) + " at ", 0), 0u) << words;
  EXPECT_GT(words.size(), 30u) << words;
}

// N runs to the moment the next step is shown; with `after:` that is the
// event itself: acks1-leader-failure's election step appears when the
// controller elects, and ZooKeeper's record then names the new leader.
TEST(NarrationStepTest, NextStopsAtTheAnchoredEvent) {
  SimController c(Library("acks1-leader-failure"), 42);
  c.SeekTo(4 * kNsPerSec);  // the crash step is shown at 4 s
  ASSERT_NE(c.sim().narration().current(), nullptr);
  size_t before = c.sim().narration().current_index();
  c.Apply(UiCommand{NextNarrationCommand{}});
  const auto& clock = c.sim().narration();
  ASSERT_NE(clock.current_index(), before);
  EXPECT_EQ(c.sim().scenario().narration[clock.current_index()].after, scenario::NarrationAnchor::kLeaderElection);
  EXPECT_EQ(*clock.shown_at(clock.current_index()), c.sim().now());
  // The picture agrees: ZooKeeper's record (the replica table's heading) names the new leader.
  ViewModel m = BuildViewModel(c.sim());
  ASSERT_FALSE(m.partitions.empty());
  EXPECT_TRUE(m.partitions[0].cluster.known);
  EXPECT_NE(m.partitions[0].cluster.leader_name, "none");
  EXPECT_NE(m.partitions[0].cluster.leader_name, "broker-1");  // the crashed leader
  EXPECT_FALSE(c.playing());
  // B goes back to the step before.
  EXPECT_EQ(BackStepTarget(c.sim()), 4 * kNsPerSec);
}

TEST(NarrationStepTest, PlayingAutoPausesAtEachStep) {
  SimController c(Library("acks1-leader-failure"), 42);
  c.Apply(UiCommand{SetAutoPauseCommand{true}});
  c.Apply(UiCommand{SetSpeedCommand{1e6}});  // 1000 s of simulation per real second
  c.Apply(UiCommand{PlayCommand{true}});
  c.Tick(0.05);
  EXPECT_FALSE(c.playing());
  ASSERT_NE(c.sim().narration().current(), nullptr);
  EXPECT_EQ(c.sim().now(), 1 * kNsPerSec);  // the first step, at 1 s
  c.Apply(UiCommand{PlayCommand{true}});
  c.Tick(0.05);
  EXPECT_EQ(c.sim().now(), 4 * kNsPerSec);
  c.Apply(UiCommand{SetAutoPauseCommand{false}});
  c.Apply(UiCommand{PlayCommand{true}});
  c.Tick(0.05);
  EXPECT_GT(c.sim().now(), 10 * kNsPerSec);  // no pause without auto-pause
}

// "Save scenario" keeps each step's anchor: the saved file's banner waits
// for the same events.
TEST(NarrationStepTest, SavedScenarioKeepsAfter) {
  scenario::Scenario s = Library("zombie-leader-acks1");
  std::string path = ::testing::TempDir() + "/presenter-after.yaml";
  ASSERT_EQ(SaveScenarioFile(s, path), "");
  auto r = scenario::LoadScenarioFile(path);
  ASSERT_TRUE(r.ok()) << r.errors[0].ToString();
  ASSERT_EQ(r.scenario.narration.size(), s.narration.size());
  for (size_t i = 0; i < s.narration.size(); ++i) EXPECT_EQ(r.scenario.narration[i].after, s.narration[i].after) << i;
  std::remove(path.c_str());
}

TEST(ScenarioLibraryTest, FoundFromAnyDirectory) {
  // A made-up executable path with no library near it: the source tree's.
  std::string dir = FindScenarioLibrary("/nonexistent/bin/kafkasim-viz");
  ASSERT_FALSE(dir.empty());
  EXPECT_TRUE(std::filesystem::exists(dir + "/" + kDefaultScenarioFile));
  std::vector<LibraryEntry> all = ListLibrary(dir);
  ASSERT_GE(all.size(), 40u);
  for (const LibraryEntry& e : all) {
    EXPECT_TRUE(e.ok) << e.path << ": " << e.summary;
    EXPECT_FALSE(e.summary.empty()) << e.path;
  }
}

}  // namespace
}  // namespace kafkasim::viz
