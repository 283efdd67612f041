// viz/scenario_patch.h — "Save scenario" as an edit of the loaded file's
// text, so everything the session did not change stays as the author wrote
// it: comments, key order, spelling, keys this GUI does not know.
//
// Edits: `seed:` set to the session's seed; the hand-added faults appended to
// `faults:` (marked "# added by hand in kafkasim-viz"); narration steps at or
// after `narration_cut` dropped and `hand_narration` appended; `expect:` and
// `expect_at:` (with their comments) replaced by `expect_text`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/scenario.h"

namespace kafkasim::viz {

struct SessionEdits {
  uint64_t seed = 0;
  std::vector<scenario::Fault> hand_faults;             // in injection order
  std::optional<TimeNs> narration_cut;                  // steps at or after it are dropped
  std::vector<scenario::NarrationStep> hand_narration;  // appended to `narration:`
  std::string expect_text;                              // top-level YAML, "" = no expectations
  std::string header;                                   // comment lines put first ("# ...\n")
  // The loaded file's faults and narration, for a section that must be
  // rewritten rather than appended to (a flow-style `faults: []`).
  std::vector<scenario::Fault> loaded_faults;
  std::vector<scenario::NarrationStep> loaded_narration;
  // Anchored steps (`after:`) whose event no longer happens in the session:
  // dropped; other anchored steps are kept whatever their `at`.
  std::vector<scenario::NarrationStep> unshown_anchored;
};

// The narration rule for one loaded step (session_save.h).
bool KeepLoadedStep(const scenario::NarrationStep& n, const SessionEdits& e);

// The edited text, or nullopt when `text` is not a block-style top-level map
// (the caller then writes the scenario out whole, without comments).
std::optional<std::string> PatchScenarioText(const std::string& text, const SessionEdits& edits);

// The marker after each hand-added fault's line.
inline constexpr const char* kHandFaultMark = "  # added by hand in kafkasim-viz";

}  // namespace kafkasim::viz
