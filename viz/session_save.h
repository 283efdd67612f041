// viz/session_save.h — "Save scenario": the session as a scenario file that
// `kafkasim run` replays exactly (same seed, same faults, so the same trace
// hash) and whose expectations are what the session measurably ended with.
//
// The loaded file's text is edited, not regenerated (scenario_patch.h), so
// its comments stay. Narration rule: steps before the first hand-added
// fault are kept as written; steps at or after it are dropped (they told the
// original story, which no longer happens), and each hand-added fault gets
// a step of its own ("Added by hand in kafkasim-viz: crash broker-2.").
// A step anchored to an event (`after: leader_election`) is shown at that
// event, whenever its `at`: it is kept if the event still happens in the
// session (it was shown by the end), dropped if not — its `at` says nothing
// about whether the story it tells still happens.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/scenario/scenario.h"

namespace kafkasim::viz {

// The narration rule above, applied to the loaded narration: the session's
// own narration (SimController puts it in the working scenario as faults are
// added, so the banner never tells a story that no longer happens, and the
// trace, which records narration steps, is the saved file's).
std::vector<scenario::NarrationStep> SessionNarration(const std::vector<scenario::NarrationStep>& loaded,
                                                      const std::vector<scenario::Fault>& hand_faults);

enum class SavedExpectations {
  kMeasured,  // the session's measured outcome (always passes)
  kNone,      // no expect/expect_at (only the always-on data checks run)
};

struct Session {
  const scenario::Scenario* loaded = nullptr;   // as loaded
  std::string loaded_text;                      // the loaded file's text ("" if unreadable)
  const scenario::Scenario* working = nullptr;  // loaded + hand-added faults
  std::vector<scenario::Fault> hand_faults;     // in the order they were added
  uint64_t seed = 0;
};

struct SavedSession {
  std::string text;            // the file's contents
  bool comments_kept = false;  // edited from the loaded text (else written out whole)
  uint64_t trace_hash = 0;     // the session run to its end
  uint64_t events = 0;
  // The session's narration as saved (anchored steps whose event no longer
  // happens taken out — every step is traced at its `at`, so the session
  // adopts this to keep the saved file's hash its own).
  std::vector<scenario::NarrationStep> narration;
};

SavedSession SessionScenarioText(const Session& session, SavedExpectations mode);

struct SaveReport {
  std::string error;        // "" on success
  uint64_t trace_hash = 0;  // what `kafkasim run` on the file printed
  bool pass = false;        // its verdict
  bool replays = false;     // its trace hash is the session's
  bool comments_kept = false;
  std::vector<scenario::NarrationStep> narration;  // SavedSession::narration
};

// Writes the file, then loads and runs it as `kafkasim run` does to confirm it.
SaveReport SaveSession(const Session& session, SavedExpectations mode, const std::string& path);

// Reads a whole file ("" when it cannot).
std::string ReadFileText(const std::string& path);

}  // namespace kafkasim::viz
