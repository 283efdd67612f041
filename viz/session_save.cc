// viz/session_save.cc — building and checking the saved session file.
#include "viz/session_save.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "sim/run.h"
#include "sim/scenario/loader.h"
#include "sim/scenario/units.h"
#include "sim/trace.h"
#include "viz/fault_injection.h"
#include "viz/scenario_patch.h"
#include "viz/scenario_writer.h"
#include "viz/scenario_writer_internal.h"
#include "viz/session_outcome.h"

namespace kafkasim::viz {

namespace {

std::vector<scenario::NarrationStep> HandNarration(const std::vector<scenario::Fault>& faults) {
  std::vector<scenario::NarrationStep> out;
  for (const scenario::Fault& f : faults) {
    out.push_back({f.at_ns, "Added by hand in kafkasim-viz: " + DescribeFault(f) + "."});
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.at_ns < b.at_ns; });
  return out;
}

std::optional<TimeNs> FirstHandFault(const std::vector<scenario::Fault>& faults) {
  std::optional<TimeNs> first;
  for (const scenario::Fault& f : faults) first = std::min(first.value_or(f.at_ns), f.at_ns);
  return first;
}

std::string ExpectText(const SessionOutcome& outcome, SavedExpectations mode) {
  if (mode == SavedExpectations::kNone) {
    return "# No expectations: saved from kafkasim-viz without them (the always-on data checks still run).\n";
  }
  scenario::Scenario s;
  s.expect = outcome.expect;
  for (const scenario::TimedExpectations& t : outcome.expect_at) {
    if (!IsEmptyExpectations(t.expect)) s.expect_at.push_back(t);
  }
  return "# Expectations: what this kafkasim-viz session measured (the loaded file's no longer applied).\n" +
         ExpectSectionsText(s);
}

std::string Header(const Session& session, const std::optional<TimeNs>& cut) {
  std::string from = session.loaded->path.empty() ? session.loaded->name : session.loaded->path;
  std::string h = "# Saved by kafkasim-viz from " + from + " (seed " + std::to_string(session.seed) + ")";
  if (session.hand_faults.empty()) return h + ".\n";
  h += ": " + std::to_string(session.hand_faults.size()) + " fault(s) added by hand, marked below.\n";
  h += "# Narration from " + scenario::FormatDuration(*cut) +
       " on was dropped (it told the story without those faults); expectations are re-measured.\n";
  return h;
}

// The whole scenario written out, when the loaded text cannot be edited.
std::string WholeText(const Session& session, const SessionEdits& e, const SessionOutcome& outcome,
                      SavedExpectations mode) {
  scenario::Scenario s = *session.working;
  s.seed = session.seed;
  s.narration = SessionNarration(session.loaded->narration, session.hand_faults);
  std::erase_if(s.narration, [&](const scenario::NarrationStep& n) {
    return std::any_of(e.unshown_anchored.begin(), e.unshown_anchored.end(), [&](const scenario::NarrationStep& u) {
      return u.at_ns == n.at_ns && u.text == n.text && u.after == n.after;
    });
  });
  s.expect = mode == SavedExpectations::kMeasured ? outcome.expect : scenario::Expectations{};
  s.expect_at.clear();
  if (mode == SavedExpectations::kMeasured) {
    for (const auto& t : outcome.expect_at) {
      if (!IsEmptyExpectations(t.expect)) s.expect_at.push_back(t);
    }
  }
  return e.header + WriteScenarioYaml(s);
}

}  // namespace

std::vector<scenario::NarrationStep> SessionNarration(const std::vector<scenario::NarrationStep>& loaded,
                                                      const std::vector<scenario::Fault>& hand_faults) {
  std::optional<TimeNs> cut = FirstHandFault(hand_faults);
  std::vector<scenario::NarrationStep> out;
  // An anchored step stays in the working scenario: the narration clock
  // shows it only if its event happens (and only a shown step is traced, so
  // dropping an unshown one on save keeps the hash).
  for (const scenario::NarrationStep& n : loaded) {
    if (!cut || n.at_ns < *cut || n.after != scenario::NarrationAnchor::kNone) out.push_back(n);
  }
  std::vector<scenario::NarrationStep> hand = HandNarration(hand_faults);
  out.insert(out.end(), hand.begin(), hand.end());
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.at_ns < b.at_ns; });
  return out;
}

std::string ReadFileText(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return "";
  std::ostringstream text;
  text << f.rdbuf();
  return text.str();
}

SavedSession SessionScenarioText(const Session& session, SavedExpectations mode) {
  SessionOutcome outcome = MeasureSession(*session.working, *session.loaded, session.seed);
  SessionEdits e;
  std::vector<scenario::NarrationStep> narration = session.working->narration;
  e.seed = session.seed;
  e.hand_faults = session.hand_faults;
  e.narration_cut = FirstHandFault(session.hand_faults);
  e.hand_narration = HandNarration(session.hand_faults);
  e.header = Header(session, e.narration_cut);
  e.loaded_faults = session.loaded->faults;
  e.loaded_narration = session.loaded->narration;
  if (e.narration_cut) {
    for (const scenario::NarrationStep& n : session.loaded->narration) {
      const bool shown = std::any_of(outcome.shown_steps.begin(), outcome.shown_steps.end(), [&](const auto& s) {
        return s.at_ns == n.at_ns && s.text == n.text && s.after == n.after;
      });
      if (n.after != scenario::NarrationAnchor::kNone && !shown) e.unshown_anchored.push_back(n);
    }
  }
  if (!e.unshown_anchored.empty()) {  // every step is traced at its `at`: measure the run without them
    std::erase_if(narration, [&](const scenario::NarrationStep& n) {
      return std::any_of(e.unshown_anchored.begin(), e.unshown_anchored.end(), [&](const scenario::NarrationStep& u) {
        return u.at_ns == n.at_ns && u.text == n.text && u.after == n.after;
      });
    });
    scenario::Scenario without = *session.working;
    without.narration = narration;
    outcome = MeasureSession(without, *session.loaded, session.seed);
  }
  e.expect_text = ExpectText(outcome, mode);
  SavedSession out;
  out.trace_hash = outcome.trace_hash;
  out.events = outcome.events;
  out.narration = std::move(narration);
  std::optional<std::string> patched;
  if (!session.loaded_text.empty()) patched = PatchScenarioText(session.loaded_text, e);
  out.comments_kept = patched.has_value();
  out.text = patched ? *patched : WholeText(session, e, outcome, mode);
  return out;
}

SaveReport SaveSession(const Session& session, SavedExpectations mode, const std::string& path) {
  SaveReport report;
  SavedSession saved = SessionScenarioText(session, mode);
  report.comments_kept = saved.comments_kept;
  report.narration = saved.narration;
  {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    if (f) f << saved.text;
    if (!f) {
      report.error = "cannot write " + path + ": " + std::strerror(errno);
      return report;
    }
  }
  scenario::LoadResult loaded = scenario::LoadScenarioFile(path);
  if (!loaded.ok()) {
    report.error = "saved " + path + " but it does not load: " + loaded.errors[0].ToString();
    return report;
  }
  sim::RunOptions options;
  options.seed = loaded.scenario.seed;
  sim::RunResult run = sim::RunScenario(loaded.scenario, options);
  report.trace_hash = run.trace_hash;
  report.pass = run.pass;
  report.replays = run.trace_hash == saved.trace_hash;
  return report;
}

}  // namespace kafkasim::viz
