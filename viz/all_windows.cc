// viz/all_windows.cc — one frame of the whole GUI and its default layout:
//
//   +--------------------- controls ---------------------+
//   +--------------------- narration --------------------+
//   |   cluster (boxes, messages)  |   replica logs       |
//   |   timeline (strip + story)   |   expectations       |
// (with consumers: timeline | consumer groups | expectations)
#include <algorithm>
#include <string>
#include <utility>

#include "viz/windows.h"

namespace kafkasim::viz {

namespace {

struct Rect {
  float x, y, w, h;
};

// The banner's text height: enough for the longest narration step (and the
// description, when it shows before a first step) at the banner's font scale, at
// least two lines and at most four — sized once for the whole scenario, so
// the layout does not jump from step to step.
float BannerTextHeight(const scenario::Scenario& s, float width) {
  const float line = ImGui::GetTextLineHeight() * kNarrationFontScale;
  // The time label ("12.345 s") takes the start of the first line.
  const float wrap = std::max(10.0f, (width - ImGui::CalcTextSize("000.000 s ").x * kNarrationFontScale) /
                                         kNarrationFontScale);
  float h = 0;
  auto measure = [&](const std::string& text) {
    h = std::max(h, ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap).y * kNarrationFontScale);
  };
  bool step_at_start = false;
  for (const scenario::NarrationStep& n : s.narration) {
    measure(n.text);
    step_at_start |= n.at_ns == 0;
  }
  if (!step_at_start) measure(s.description);  // shown until the first step
  return std::clamp(h, 2 * line, 4 * line);
}

void Place(const UiState& ui, const Rect& r) {
  ImGuiCond cond = ui.relayout ? ImGuiCond_Always : ImGuiCond_FirstUseEver;
  ImGui::SetNextWindowPos(ImVec2(r.x, r.y), cond);
  ImGui::SetNextWindowSize(ImVec2(r.w, r.h), cond);
}

}  // namespace

void RefreshViewModel(UiState& ui, const SimController& controller) {
  uint64_t events = controller.sim().world().loop().events_run();
  if (ui.view.generation == controller.generation() && ui.view.events_run == events) return;
  ui.view = BuildViewModel(controller.sim());
  ui.view.generation = controller.generation();
}

UiCommands ShowAllWindows(UiState& ui, const SimController& controller) {
  ui.rects.clear();  // the windows note this frame's widget rectangles (--ui-dump)
  const sim::Simulation& sim = controller.sim();
  ImVec2 d = ImGui::GetIO().DisplaySize;
  float gap = 2;
  const ImGuiStyle& style = ImGui::GetStyle();
  float controls_h = ImGui::GetFrameHeight() + 3 * ImGui::GetFrameHeightWithSpacing() + style.WindowPadding.y * 2;
  bool narrated = !sim.scenario().narration.empty() || !sim.scenario().description.empty();
  float banner_h = narrated
                       ? BannerTextHeight(sim.scenario(), d.x - style.WindowPadding.x * 2) + style.WindowPadding.y * 2 + gap
                       : 0;
  float top = controls_h + banner_h + gap;
  float rest = d.y - top;
  // With consumers, the group panel takes the middle of the bottom row and
  // needs its height; otherwise the replica logs carry most lessons.
  bool groups = !sim.scenario().consumers.empty();
  float row_a = rest * (groups ? 0.5f : 0.58f);
  float left_w = d.x * 0.38f;  // the replica logs need the width more than the boxes
  RefreshViewModel(ui, controller);
  UiCommands out;
  auto append = [&out](UiCommands more) { out.insert(out.end(), more.begin(), more.end()); };

  Place(ui, {0, 0, d.x, controls_h});
  append(ShowControlsWindow(ui, controller));
  if (narrated) {
    Place(ui, {0, controls_h + gap, d.x, banner_h - gap});
    ShowNarrationBanner(ui, sim);
  }
  Place(ui, {0, top, left_w - gap, row_a - gap});
  append(ShowClusterWindow(ui, sim));
  Place(ui, {left_w, top, d.x - left_w, row_a - gap});
  ShowReplicaLogWindow(ui);
  float timeline_w = d.x * (groups ? 0.2f : 0.58f), groups_w = groups ? d.x * 0.54f : 0;
  Place(ui, {0, top + row_a, timeline_w - gap, rest - row_a});
  append(ShowTimelineWindow(ui, sim));
  if (groups) {
    Place(ui, {timeline_w, top + row_a, groups_w - gap, rest - row_a});
    ShowGroupWindow(ui);
  }
  Place(ui, {timeline_w + groups_w, top + row_a, d.x - timeline_w - groups_w, rest - row_a});
  ShowVerdictWindow(ui, controller);
  ShowMetricsWindow(ui, sim);  // floating, collapsed until opened
  if (ui.jump_to) out.push_back(UiCommand{SeekCommand{*std::exchange(ui.jump_to, std::nullopt)}});
  ui.relayout = false;
  ++ui.frame;
  return out;
}

}  // namespace kafkasim::viz
