// viz/shortcuts.cc — keys to commands, and the help overlay listing them.
#include "viz/shortcuts.h"

#include <algorithm>

#include "viz/theme.h"
#include "viz/windows.h"

namespace kafkasim::viz {

std::optional<Shortcut> ShortcutForChar(unsigned int c) {
  if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
  switch (c) {
    case ' ':
      return Shortcut::kPlayPause;
    case 'n':
      return Shortcut::kNextStep;
    case 'b':
      return Shortcut::kBackStep;
    case 'r':
      return Shortcut::kRestart;
    case '+':
    case '=':
      return Shortcut::kFaster;
    case '-':
    case '_':
      return Shortcut::kSlower;
    case 'f':
      return Shortcut::kFullscreen;
    case 'h':
    case '?':
      return Shortcut::kHelp;
    case 'a':
      return Shortcut::kAutoPause;
    case 't':
      return Shortcut::kTheme;
    case 'l':
      return Shortcut::kLibrary;
    default:
      return std::nullopt;
  }
}

TimeNs BackStepTarget(const sim::Simulation& sim) {
  const sim::NarrationClock& clock = sim.narration();
  if (clock.current() == nullptr) return 0;
  TimeNs current = *clock.shown_at(clock.current_index());
  if (sim.now() > current) return current;
  TimeNs before = 0;
  for (size_t i = 0; i < sim.scenario().narration.size(); ++i) {
    const auto& at = clock.shown_at(i);
    if (at && *at < current) before = std::max(before, *at);
  }
  return before;
}

UiCommands ApplyShortcut(Shortcut s, UiState& ui, const SimController& c) {
  switch (s) {
    case Shortcut::kPlayPause:
      return {{PlayCommand{!c.playing()}}};
    case Shortcut::kStep:
      return {{StepCommand{}}};
    case Shortcut::kNextStep:
      return {{NextNarrationCommand{}}};
    case Shortcut::kBackStep:
      return {{PlayCommand{false}}, {SeekCommand{BackStepTarget(c.sim())}}};
    case Shortcut::kRestart:
      return {{RestartCommand{}}};
    case Shortcut::kFaster:
      return {{SetSpeedCommand{c.speed() * 2}}};
    case Shortcut::kSlower:
      return {{SetSpeedCommand{c.speed() / 2}}};
    case Shortcut::kFullscreen:
      ui.fullscreen_request = true;
      return {};
    case Shortcut::kHelp:
      ui.show_help = !ui.show_help;
      return {};
    case Shortcut::kAutoPause:
      return {{SetAutoPauseCommand{!c.auto_pause()}}};
    case Shortcut::kTheme:
      ui.light_theme = !ui.light_theme;
      return {};
    case Shortcut::kLibrary:
      ui.show_picker = !ui.show_picker;
      return {};
  }
  return {};
}

const std::vector<std::pair<std::string_view, std::string_view>>& ShortcutHelp() {
  static const std::vector<std::pair<std::string_view, std::string_view>> kHelp = {
      {"space", "play / pause"},
      {"\xE2\x86\x92 (right arrow)", "step one event (the controls say which, in words)"},
      {"N", "run to the next narration step"},
      {"B", "back one narration step"},
      {"R", "restart from t = 0"},
      {"+  /  -", "faster / slower (x2, /2)"},
      {"A", "auto-pause at each narration step on / off"},
      {"F", "fullscreen on / off"},
      {"T", "light / dark theme"},
      {"L", "scenario library (open another scenario)"},
      {"H  or  ?", "this help"},
  };
  return kHelp;
}

UiCommands HandleShortcuts(UiState& ui, const SimController& controller) {
  ImGuiIO& io = ImGui::GetIO();
  UiCommands out;
  if (io.WantTextInput) return out;
  auto apply = [&](Shortcut s) {
    UiCommands more = ApplyShortcut(s, ui, controller);
    out.insert(out.end(), more.begin(), more.end());
  };
  for (int i = 0; i < io.InputQueueCharacters.Size; ++i) {
    if (auto s = ShortcutForChar(io.InputQueueCharacters[i])) apply(*s);
  }
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) apply(Shortcut::kStep);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ui.show_help = false;
  return out;
}

void ShowHelpOverlay(UiState& ui, const SimController& controller) {
  if (!ui.show_help) return;
  ImVec2 d = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(d.x * 0.5f, d.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowFocus();
  ImGuiWindowFlags flags =
      ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse;
  if (ImGui::Begin("Keyboard shortcuts (H or Esc closes)", &ui.show_help, flags)) {
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
      for (const auto& [keys, what] : ShortcutHelp()) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextColored(theme::ToVec4(theme::kCrown), "%.*s", static_cast<int>(keys.size()), keys.data());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(what.data(), what.data() + what.size());
      }
      ImGui::EndTable();
    }
    ImGui::Text("auto-pause is %s", controller.auto_pause() ? "on" : "off");
  }
  ImGui::End();
}

}  // namespace kafkasim::viz
