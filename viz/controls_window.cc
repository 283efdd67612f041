// viz/controls_window.cc — the teacher's remote: play/pause, step one
// event, speed, seek, restart, save the scenario (with injected faults),
// reset it, and the projector scale.
#include <algorithm>
#include <cstdio>

#include "sim/trace.h"
#include "viz/theme.h"
#include "viz/windows.h"

namespace kafkasim::viz {

namespace {

void Flow(float w, float spacing = -1) { SameLineIfFits(w, spacing); }
// A short window for its type size (a projector at --scale 2.5): the
// controls keep to play, step, restart, speed and seek; the rest is on keys
// (H lists them) so the lesson's windows keep their room.
bool Compact() { return ImGui::GetIO().DisplaySize.y < ImGui::GetFontSize() * 36; }
float ButtonW(const char* label) { return ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2; }
float SmallButtonW(const char* label) { return ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2; }

// Auto-pause, theme, library and help: what the presenter keys do, clickable.
void PresenterButtons(UiState& ui, const SimController& c, UiCommands& out) {
  if (Compact()) {
    Flow(SmallButtonW("? keys"), ImGui::GetFontSize());
    if (ImGui::SmallButton("? keys")) ui.show_help = !ui.show_help;
    return;
  }
  Flow(ImGui::GetFrameHeight() + ButtonW("auto-pause"), ImGui::GetFontSize());
  bool pause = c.auto_pause();
  if (ImGui::Checkbox("auto-pause", &pause)) out.push_back({SetAutoPauseCommand{pause}});
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("pause at each narration step while playing (A)");
  const char* theme_label = ui.light_theme ? "dark" : "light";
  Flow(SmallButtonW(theme_label));
  if (ImGui::SmallButton(theme_label)) ui.light_theme = !ui.light_theme;
  Flow(SmallButtonW("library"));
  if (ImGui::SmallButton("library")) ui.show_picker = !ui.show_picker;
  Flow(SmallButtonW("metrics"));
  if (ImGui::SmallButton("metrics")) ui.metrics_open = !ui.metrics_open;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Kafka's broker metrics (JMX names), their change and a plot");
  Flow(SmallButtonW("? keys"));
  if (ImGui::SmallButton("? keys")) ui.show_help = !ui.show_help;
}

void PlayRow(UiState& ui, const SimController& c, UiCommands& out) {
  const sim::Simulation& sim = c.sim();
  float u = ImGui::GetFontSize();
  if (ImGui::Button(c.playing() ? "Pause" : (sim.finished() ? "Ended" : "Play"), ImVec2(u * 4.5f, 0))) {
    out.push_back({PlayCommand{!c.playing()}});
  }
  Flow(ButtonW("Step"));
  if (ImGui::Button("Step")) out.push_back({StepCommand{}});
  Flow(ButtonW("Restart"));
  if (ImGui::Button("Restart")) out.push_back({RestartCommand{}});
  float speed = static_cast<float>(c.speed());
  const float slider_w = u * (Compact() ? 6 : 11);
  Flow(slider_w + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize("sim ms / s").x);
  ImGui::SetNextItemWidth(slider_w);
  if (ImGui::SliderFloat("sim ms / s", &speed, 1.0f, 20000.0f, "%.0f", ImGuiSliderFlags_Logarithmic)) {
    out.push_back({SetSpeedCommand{speed}});
  }
  for (float preset : {10.0f, 100.0f, 1000.0f}) {
    if (Compact()) break;
    char label[32];
    std::snprintf(label, sizeof label, "%gx", preset / 1000.0f);
    Flow(SmallButtonW(label));
    if (ImGui::SmallButton(label)) out.push_back({SetSpeedCommand{preset}});
  }
  std::string t = "t = " + FormatSeconds(sim.now()) + " / " + FormatSeconds(sim.end_time());
  Flow(ImGui::CalcTextSize(t.c_str()).x, u * 1.5f);
  ImGui::TextUnformatted(t.c_str());
  PresenterButtons(ui, c, out);
  if (sim.stopped_by_violation()) {
    Flow(ImGui::CalcTextSize("stopped: a checker failed").x);
    ImGui::TextColored(theme::ToVec4(theme::kFail), "stopped: a checker failed");
  }
}

void SeekRow(UiState& ui, const SimController& c, UiCommands& out) {
  const sim::Simulation& sim = c.sim();
  float end_s = static_cast<float>(sim.end_time()) / static_cast<float>(kNsPerSec);
  if (!ui.seek_dragging) ui.seek_seconds = static_cast<float>(sim.now()) / static_cast<float>(kNsPerSec);
  char info[128];
  std::snprintf(info, sizeof info, "seed %llu  events %llu  hash %s", static_cast<unsigned long long>(sim.seed()),
                static_cast<unsigned long long>(c.trace_lines()), sim::Trace::HashHex(c.trace_hash()).c_str());
  float info_w = ImGui::CalcTextSize(info).x;
  float label_w =
      ImGui::CalcTextSize("seek").x + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::GetStyle().ItemSpacing.x;
  float slider_w = ImGui::GetContentRegionAvail().x - info_w - label_w - ImGui::GetFontSize() * 0.5f;
  // Too narrow for both: the slider takes the row, the run's identity the next.
  if (slider_w < ImGui::GetFontSize() * 8 || Compact()) slider_w = ImGui::GetContentRegionAvail().x - label_w;
  ImGui::SetNextItemWidth(slider_w);
  ImGui::SliderFloat("seek", &ui.seek_seconds, 0.0f, end_s, "%.3f s");
  ui.seek_dragging = ImGui::IsItemActive();
  NoteItem(ui, "slider:seek");
  if (ImGui::IsItemDeactivatedAfterEdit()) {
    out.push_back({SeekCommand{static_cast<TimeNs>(static_cast<double>(ui.seek_seconds) * kNsPerSec)}});
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("drag and release; backwards re-simulates from the start");
  if (Compact()) return;  // the run's identity waits for a larger window
  Flow(info_w);
  ImGui::TextColored(theme::ToVec4(theme::kTextDim), "%s", info);
}

void FileRow(UiState& ui, const SimController& c, UiCommands& out) {
  float u = ImGui::GetFontSize();
  ImGui::SetNextItemWidth(std::min(u * 16, ImGui::GetContentRegionAvail().x * 0.5f));
  ImGui::InputText("##save", ui.save_path, sizeof ui.save_path);
  Flow(ButtonW("Save scenario as..."));
  if (ImGui::Button("Save scenario as...")) out.push_back({SaveScenarioCommand{ui.save_path, ui.save_measured}});
  NoteItem(ui, "button:save");
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "Writes a file `kafkasim run` replays exactly (same trace hash): your faults added,\n"
        "the loaded file's comments kept, narration after your first fault dropped.");
  }
  Flow(ImGui::GetFrameHeight() + ButtonW("measured expect"));
  ImGui::Checkbox("measured expect", &ui.save_measured);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("on: expectations = this session's measured outcome; off: none");
  size_t injected = c.injected_faults();
  char label[64];
  std::snprintf(label, sizeof label, "Remove %zu injected fault(s)", injected);
  Flow(ButtonW(label));
  ImGui::BeginDisabled(injected == 0);
  if (ImGui::Button(label)) out.push_back({ResetScenarioCommand{}});
  ImGui::EndDisabled();
  Flow(u * 6 + ImGui::CalcTextSize("text size").x + ImGui::GetStyle().ItemInnerSpacing.x, u);
  ImGui::SetNextItemWidth(u * 6);
  ImGui::SliderFloat("text size", &ui.ui_scale, 0.8f, 3.0f, "%.1fx");
  Flow(SmallButtonW("layout"));
  if (ImGui::SmallButton("layout")) ui.relayout_all = true;
  if (!c.status().empty()) {
    Flow(ImGui::CalcTextSize(c.status().c_str()).x, u);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::ToVec4(theme::kCrown));
    ImGui::TextWrapped("%s", c.status().c_str());
    ImGui::PopStyleColor();
  }
}

}  // namespace

UiCommands ShowControlsWindow(UiState& ui, const SimController& controller) {
  UiCommands out;
  std::string title = "kafkasim - " + controller.scenario().name + "###Controls";
  if (!ImGui::Begin(title.c_str())) {
    ImGui::End();
    return out;
  }
  PlayRow(ui, controller, out);
  SeekRow(ui, controller, out);
  if (!Compact()) {
    FileRow(ui, controller, out);
  } else if (!controller.status().empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::ToVec4(theme::kCrown));
    ImGui::TextWrapped("%s", controller.status().c_str());
    ImGui::PopStyleColor();
  }
  // The height the rows took (they wrap on a narrow window): the layout
  // gives the window that much next frame.
  ui.controls_content_h = ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y + ImGui::GetStyle().WindowPadding.y;
  ImGui::End();
  return out;
}

}  // namespace kafkasim::viz
