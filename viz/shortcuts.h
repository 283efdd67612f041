// viz/shortcuts.h — the presenter's keys. Pure mapping (testable without a
// window): a key becomes UiCommands or a UiState change.
//
//   space play/pause   -> step one event   N next narration step
//   B back one step    R restart           + / - speed x2 / /2
//   F fullscreen       H or ? this help    A auto-pause on/off   T theme
//   L scenario library
#pragma once

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "viz/controller.h"
#include "viz/ui_command.h"
#include "viz/ui_state.h"

namespace kafkasim::viz {

enum class Shortcut {
  kPlayPause,
  kStep,
  kNextStep,
  kBackStep,
  kRestart,
  kFaster,
  kSlower,
  kFullscreen,
  kHelp,
  kAutoPause,
  kTheme,
  kLibrary
};

// The typed character's shortcut (letters either case), if any.
std::optional<Shortcut> ShortcutForChar(unsigned int c);
// What the shortcut does now.
UiCommands ApplyShortcut(Shortcut s, UiState& ui, const SimController& controller);
// Where B goes: the start of the step shown now if the run is past it, else
// the step before (0 before the first).
TimeNs BackStepTarget(const sim::Simulation& sim);
// (keys, what they do) for the help overlay, in order.
const std::vector<std::pair<std::string_view, std::string_view>>& ShortcutHelp();

// Reads this frame's keys from ImGui (not while text is typed) and applies them.
UiCommands HandleShortcuts(UiState& ui, const SimController& controller);
// The help overlay, when ui.show_help.
void ShowHelpOverlay(UiState& ui, const SimController& controller);

}  // namespace kafkasim::viz
