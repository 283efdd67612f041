// tests/viz/session_save_test.cc — "Save scenario" after hand-added faults:
// the saved file replays the session exactly under `kafkasim run`'s engine
// (same trace hash), passes with the session's measured outcome where the
// loaded file's expectations no longer hold, keeps the loaded file's
// comments, and keeps narration only before the first hand-added fault.
#include <algorithm>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "sim/run.h"
#include "sim/scenario/loader.h"
#include "sim/trace.h"
#include "viz/controller.h"
#include "viz/fault_injection.h"
#include "viz/scenario_patch.h"
#include "viz/session_save.h"

namespace kafkasim::viz {
namespace {

const std::string kFile = std::string(KAFKASIM_SOURCE_DIR) + "/scenarios/acks1-leader-failure.yaml";

scenario::Scenario LoadScenario(const std::string& path) {
  scenario::LoadResult r = scenario::LoadScenarioFile(path);
  EXPECT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].ToString());
  return r.scenario;
}

sim::RunResult RunLikeTheCli(const scenario::Scenario& s) {
  sim::RunOptions o;
  o.seed = s.seed;
  return sim::RunScenario(s, o);
}

// The session the GUI test drives: broker-2 crashed by hand at 2.5 s (so
// broker-3, not broker-2, takes over when broker-1 crashes at 4 s), and the
// producer's link to broker-1 cut one way for 500 ms at 3 s.
void HandSession(SimController& c) {
  c.SeekTo(2'500 * kNsPerMs);
  c.Apply(UiCommand{InjectFaultCommand{MakeNodeFault(c.scenario(), "broker-2", NodeAction::kCrash, c.sim().now())}});
  c.SeekTo(3 * kNsPerSec);
  LinkChoice cut;
  cut.direction = LinkDirection::kAToB;
  cut.for_ns = 500 * kNsPerMs;
  c.Apply(UiCommand{InjectFaultCommand{MakeLinkFault("p1", "broker-1", cut, c.sim().now())}});
}

// The last line of `kafkasim run FILE`: "seed=.. events=.. trace_hash=H verdict=PASS".
std::string CliLastLine(const std::string& path) {
  std::string cmd = std::string(KAFKASIM_CLI) + " run '" + path + "' 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return "";
  std::string out, last;
  char buf[4096];
  while (fgets(buf, sizeof buf, p) != nullptr) out += buf;
  pclose(p);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out.substr(out.rfind('\n') + 1);  // npos + 1 == 0: a single line
}

std::string SavePath(const char* name) { return ::testing::TempDir() + "/" + name; }

TEST(SessionSaveTest, SavedFileReplaysTheSessionAndPassesWithItsMeasuredOutcome) {
  scenario::Scenario loaded = LoadScenario(kFile);
  SimController c(loaded, loaded.seed);
  HandSession(c);
  ASSERT_EQ(c.hand_faults().size(), 2u);
  // The loaded file's expectations do not hold for this session: saving them
  // (what Save used to do) would give a file that FAILs.
  EXPECT_FALSE(RunLikeTheCli(c.scenario()).pass);

  std::string path = SavePath("kafkasim_session_saved.yaml");
  c.Apply(UiCommand{SaveScenarioCommand{path}});
  ASSERT_TRUE(c.last_save().has_value());
  EXPECT_EQ(c.last_save()->error, "");
  scenario::Scenario saved = LoadScenario(path);
  sim::RunResult run = RunLikeTheCli(saved);
  EXPECT_TRUE(run.pass) << ReadFileText(path);
  c.SeekTo(c.sim().end_time());
  EXPECT_EQ(run.trace_hash, c.trace_hash()) << "the saved file is not the session the GUI ran";
  EXPECT_EQ(c.last_save()->trace_hash, run.trace_hash);
  EXPECT_TRUE(c.last_save()->pass && c.last_save()->replays && c.last_save()->comments_kept);
  std::string cli = CliLastLine(path);  // the real `kafkasim run`
  EXPECT_NE(cli.find(" trace_hash=" + sim::Trace::HashHex(c.trace_hash()) + " verdict=PASS"), std::string::npos) << cli;
  // The loaded expect_at moments are re-measured; the one that names a leader names this session's.
  ASSERT_EQ(saved.expect_at.size(), loaded.expect_at.size());
  auto with_leader = std::find_if(saved.expect_at.begin(), saved.expect_at.end(),
                                  [](const auto& e) { return e.expect.leader_of.count("orders-0") > 0; });
  ASSERT_NE(with_leader, saved.expect_at.end());
  EXPECT_EQ(with_leader->expect.leader_of.at("orders-0"), "broker-3") << "measured, not the loaded broker-2";
  EXPECT_TRUE(saved.expect.lost_acked.has_value());
  std::remove(path.c_str());
}

TEST(SessionSaveTest, KeepsCommentsAndNarrationBeforeTheFirstHandAddedFault) {
  scenario::Scenario loaded = LoadScenario(kFile);
  SimController c(loaded, loaded.seed);
  HandSession(c);
  Session session{&c.original(), ReadFileText(kFile), &c.scenario(), c.hand_faults(), c.seed()};
  SavedSession s = SessionScenarioText(session, SavedExpectations::kMeasured);
  ASSERT_TRUE(s.comments_kept);
  const std::string& t = s.text;
  EXPECT_NE(t.find("latency: {min: 1ms, max: 8ms}     # seeded jitter: each seed is a different history"),
            std::string::npos)
      << t;
  EXPECT_NE(t.find("  With acks=1 the leader acknowledges a record as soon as it is in its own log,"),
            std::string::npos);
  EXPECT_NE(t.find("  - {at: 1s, text: \"acks=1: broker-1 answers"), std::string::npos)
      << "before the first hand fault";
  EXPECT_EQ(t.find("broker-1 crashes. Its followers"), std::string::npos) << "after it: the story changed";
  EXPECT_NE(t.find("A follower becomes leader"), std::string::npos)
      << "anchored (after: leader_election) to an election that still happens (broker-3 takes over): kept";
  EXPECT_NE(t.find("  - {at: 4s, crash: broker-1}\n"), std::string::npos) << "the loaded faults stay as written";
  EXPECT_NE(t.find("  - {at: 2500ms, crash: broker-2}" + std::string(kHandFaultMark)), std::string::npos) << t;
  EXPECT_NE(t.find("Added by hand in kafkasim-viz: crash broker-2."), std::string::npos);
  EXPECT_EQ(t.find("lost_acked: \">0\""), std::string::npos) << "the loaded expectations are replaced";

  scenario::LoadResult back = scenario::LoadScenarioString(t, "saved.yaml");
  ASSERT_TRUE(back.ok()) << back.errors[0].ToString() << "\n" << t;
  // 1 s kept, the anchored steps whose events still happen, the two hand-added faults.
  ASSERT_GE(back.scenario.narration.size(), 4u);
  EXPECT_EQ(back.scenario.narration[0].at_ns, kNsPerSec);
  EXPECT_EQ(back.scenario.faults.size(), c.scenario().faults.size());
}

// An anchored step is judged by its event, not its `at`: one at or after the
// first hand-added fault whose event still happens is kept; one before it
// whose event no longer happens is dropped. The file still replays.
TEST(SessionSaveTest, AnchoredNarrationIsKeptWhenItsEventStillHappens) {
  const std::string text = R"(name: anchored-save
seed: 3
duration: 10s
cluster:
  brokers: 3
  config: {zookeeper.session.timeout.ms: 2000}
topics:
  - {name: orders, partitions: 3, replication.factor: 3}
producers:
  - {id: p1, config: {acks: all}, workload: {topic: orders, messages: 200, rate: 50/s}}
narration:
  - {at: 1s, text: "plain step before the fault"}
  - {at: 1s, after: unclean_leader_election, text: "an unclean election that never happens"}
  - {at: 3s, after: leader_election, text: "the election after the crash"}
)";
  scenario::LoadResult r = scenario::LoadScenarioString(text, "anchored-save.yaml");
  ASSERT_TRUE(r.ok()) << r.errors[0].ToString();
  SimController c(r.scenario, r.scenario.seed);
  c.SetLoadedText(text);
  c.SeekTo(2 * kNsPerSec);
  c.Apply(UiCommand{InjectFaultCommand{MakeNodeFault(c.scenario(), "broker-1", NodeAction::kCrash, c.sim().now())}});
  Session session{&c.original(), text, &c.scenario(), c.hand_faults(), c.seed()};
  SavedSession s = SessionScenarioText(session, SavedExpectations::kMeasured);
  EXPECT_NE(s.text.find("plain step before the fault"), std::string::npos) << s.text;
  EXPECT_NE(s.text.find("the election after the crash"), std::string::npos) << s.text;
  EXPECT_EQ(s.text.find("never happens"), std::string::npos) << s.text;
  const std::string path = ::testing::TempDir() + "anchored-save.yaml";
  SaveReport report = SaveSession(session, SavedExpectations::kMeasured, path);
  EXPECT_TRUE(report.error.empty()) << report.error;
  EXPECT_TRUE(report.replays) << "the saved file's trace hash is the session's";
  EXPECT_TRUE(report.pass);
  std::remove(path.c_str());
}

TEST(SessionSaveTest, WithoutExpectationsOnRequest) {
  scenario::Scenario loaded = LoadScenario(kFile);
  SimController c(loaded, loaded.seed);
  HandSession(c);
  std::string path = SavePath("kafkasim_session_noexpect.yaml");
  c.Apply(UiCommand{SaveScenarioCommand{path, /*measured_expectations=*/false}});
  scenario::Scenario saved = LoadScenario(path);
  EXPECT_FALSE(saved.expect.lost_acked.has_value());
  EXPECT_TRUE(saved.expect.leader_epoch_of.empty());
  EXPECT_TRUE(saved.expect_at.empty());
  EXPECT_EQ(RunLikeTheCli(saved).trace_hash, c.last_save()->trace_hash);
  std::remove(path.c_str());
}

TEST(SessionSaveTest, AnotherSeedIsWrittenIntoTheFile) {
  scenario::Scenario loaded = LoadScenario(kFile);
  SimController c(loaded, 99);
  c.SeekTo(kNsPerSec);
  c.Apply(UiCommand{
      InjectFaultCommand{MakeNodeFault(c.scenario(), "broker-3", NodeAction::kPause, c.sim().now(), 750 * kNsPerMs)}});
  Session session{&c.original(), ReadFileText(kFile), &c.scenario(), c.hand_faults(), c.seed()};
  SavedSession s = SessionScenarioText(session, SavedExpectations::kMeasured);
  scenario::Scenario saved = scenario::LoadScenarioString(s.text, "saved.yaml").scenario;
  EXPECT_EQ(saved.seed, 99u);
  ASSERT_EQ(saved.faults.size(), loaded.faults.size() + 1);
  EXPECT_EQ(RunLikeTheCli(saved).trace_hash, s.trace_hash);
  EXPECT_TRUE(RunLikeTheCli(saved).pass);
}

// PatchScenarioText on shapes the library's files do not all have.
SessionEdits Edits() {
  SessionEdits e;
  e.seed = 5;
  scenario::Fault f = MakeNodeFault(scenario::Scenario{}, "broker-1", NodeAction::kCrash, 2 * kNsPerSec);
  e.hand_faults = {f};
  e.narration_cut = f.at_ns;
  e.hand_narration = {{f.at_ns, "by hand"}};
  e.expect_text = "expect:\n  acked: 3\n";
  return e;
}

TEST(ScenarioPatchTest, AddsSeedFaultsAndNarrationSectionsWhenMissing) {
  std::string text = "# top comment\nname: x  # the name\nduration: 3s\ncluster: {brokers: 1}\n";
  std::optional<std::string> out = PatchScenarioText(text, Edits());
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(*out,
            "# top comment\nname: x  # the name\nseed: 5\nduration: 3s\ncluster: {brokers: 1}\nfaults:\n"
            "  - {at: 2s, crash: broker-1}" +
                std::string(kHandFaultMark) +
                "\n\nnarration:\n  - {at: 2s, text: \"by hand\"}\n\nexpect:\n  acked: 3\n");
}

TEST(ScenarioPatchTest, MultiLineNarrationEntriesAndFlowFaults) {
  std::string text =
      "name: x\nseed: 1 # was one\nfaults: []\nnarration:\n  # first\n  - at: 1s\n    text: >\n      one\n"
      "  # second, dropped\n  - at: 3s\n    text: two\n\n# about expect\nexpect:\n  acked: 1  # old\nexpect_at:\n"
      "  - {at: 1s, acked: 0}\n";
  std::optional<std::string> out = PatchScenarioText(text, Edits());
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(*out, "name: x\nseed: 5  # was one\nfaults:\n  - {at: 2s, crash: broker-1}" + std::string(kHandFaultMark) +
                      "\nnarration:\n  # first\n  - at: 1s\n    text: >\n      one\n  - {at: 2s, text: \"by hand\"}\n\n"
                      "expect:\n  acked: 3\n");
}

TEST(ScenarioPatchTest, FlowDocumentIsLeftToTheWholeWriter) {
  EXPECT_FALSE(PatchScenarioText("{name: x, duration: 1s}\n", Edits()).has_value());
}

// Every scenario in the library: a crash added by hand a third of the way in,
// saved; the file loads, keeps the loaded file's comment lines outside
// expect/expect_at, passes, and replays the session's trace hash.
TEST(SessionSaveTest, EveryLibraryScenarioSavesAndReplays) {
  for (const auto& entry : std::filesystem::directory_iterator(std::string(KAFKASIM_SOURCE_DIR) + "/scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    SCOPED_TRACE(entry.path().string());
    scenario::Scenario loaded = LoadScenario(entry.path().string());
    SimController c(loaded, loaded.seed);
    c.SeekTo(loaded.duration_ns / 3);
    c.Apply(UiCommand{InjectFaultCommand{MakeNodeFault(c.scenario(), "broker-1", NodeAction::kCrash, c.sim().now())}});
    Session session{&c.original(), ReadFileText(entry.path().string()), &c.scenario(), c.hand_faults(), c.seed()};
    SavedSession s = SessionScenarioText(session, SavedExpectations::kMeasured);
    EXPECT_TRUE(s.comments_kept);
    scenario::LoadResult back = scenario::LoadScenarioString(s.text, entry.path().filename().string());
    ASSERT_TRUE(back.ok()) << back.errors[0].ToString() << "\n" << s.text;
    sim::RunResult run = RunLikeTheCli(back.scenario);
    EXPECT_TRUE(run.pass) << s.text;
    EXPECT_EQ(run.trace_hash, s.trace_hash);
  }
}

}  // namespace
}  // namespace kafkasim::viz
