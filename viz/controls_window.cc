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

void PlayRow(const SimController& c, UiCommands& out) {
  const sim::Simulation& sim = c.sim();
  float u = ImGui::GetFontSize();
  if (ImGui::Button(c.playing() ? "Pause" : (sim.finished() ? "Ended" : "Play"), ImVec2(u * 4.5f, 0))) {
    out.push_back({PlayCommand{!c.playing()}});
  }
  ImGui::SameLine();
  if (ImGui::Button("Step")) out.push_back({StepCommand{}});
  ImGui::SameLine();
  if (ImGui::Button("Restart")) out.push_back({RestartCommand{}});
  ImGui::SameLine();
  float speed = static_cast<float>(c.speed());
  ImGui::SetNextItemWidth(u * 11);
  if (ImGui::SliderFloat("sim ms / s", &speed, 1.0f, 20000.0f, "%.0f", ImGuiSliderFlags_Logarithmic)) {
    out.push_back({SetSpeedCommand{speed}});
  }
  for (float preset : {10.0f, 100.0f, 1000.0f}) {
    ImGui::SameLine();
    char label[32];
    std::snprintf(label, sizeof label, "%gx", preset / 1000.0f);
    if (ImGui::SmallButton(label)) out.push_back({SetSpeedCommand{preset}});
  }
  ImGui::SameLine(0, u * 1.5f);
  ImGui::Text("t = %s / %s", FormatSeconds(sim.now()).c_str(), FormatSeconds(sim.end_time()).c_str());
  if (sim.stopped_by_violation()) {
    ImGui::SameLine();
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
  ImGui::SetNextItemWidth(std::max(ImGui::GetFontSize() * 8, ImGui::GetContentRegionAvail().x - info_w -
                                                                   ImGui::GetFontSize() * 4.5f));
  ImGui::SliderFloat("seek", &ui.seek_seconds, 0.0f, end_s, "%.3f s");
  ui.seek_dragging = ImGui::IsItemActive();
  NoteItem(ui, "slider:seek");
  if (ImGui::IsItemDeactivatedAfterEdit()) {
    out.push_back({SeekCommand{static_cast<TimeNs>(static_cast<double>(ui.seek_seconds) * kNsPerSec)}});
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("drag and release; backwards re-simulates from the start");
  ImGui::SameLine();
  ImGui::TextColored(theme::ToVec4(theme::kTextDim), "%s", info);
}

void FileRow(UiState& ui, const SimController& c, UiCommands& out) {
  float u = ImGui::GetFontSize();
  ImGui::SetNextItemWidth(u * 16);
  ImGui::InputText("##save", ui.save_path, sizeof ui.save_path);
  ImGui::SameLine();
  if (ImGui::Button("Save scenario as...")) out.push_back({SaveScenarioCommand{ui.save_path, ui.save_measured}});
  NoteItem(ui, "button:save");
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Writes a file `kafkasim run` replays exactly (same trace hash): your faults added,\n"
                      "the loaded file's comments kept, narration after your first fault dropped.");
  }
  ImGui::SameLine();
  ImGui::Checkbox("measured expect", &ui.save_measured);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("on: expectations = this session's measured outcome; off: none");
  size_t injected = c.injected_faults();
  ImGui::SameLine();
  ImGui::BeginDisabled(injected == 0);
  char label[64];
  std::snprintf(label, sizeof label, "Remove %zu injected fault(s)", injected);
  if (ImGui::Button(label)) out.push_back({ResetScenarioCommand{}});
  ImGui::EndDisabled();
  ImGui::SameLine(0, u);
  ImGui::SetNextItemWidth(u * 6);
  ImGui::SliderFloat("text size", &ui.ui_scale, 0.8f, 3.0f, "%.1fx");
  ImGui::SameLine();
  if (ImGui::SmallButton("layout")) ui.relayout = true;
  if (!c.status().empty()) {
    ImGui::SameLine(0, u);
    ImGui::TextColored(theme::ToVec4(theme::kCrown), "%s", c.status().c_str());
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
  PlayRow(controller, out);
  SeekRow(ui, controller, out);
  FileRow(ui, controller, out);
  ImGui::End();
  return out;
}

}  // namespace kafkasim::viz
