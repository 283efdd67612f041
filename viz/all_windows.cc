// viz/all_windows.cc — one frame of the whole GUI and its default layout:
//
//   +--------------------- controls ---------------------+
//   +--------------------- narration --------------------+
//   |   cluster (boxes, messages)  |   replica logs       |
//   |   timeline (strip + story)   |   expectations       |
#include "viz/windows.h"

namespace kafkasim::viz {

namespace {

struct Rect {
  float x, y, w, h;
};

void Place(const UiState& ui, const Rect& r) {
  ImGuiCond cond = ui.relayout ? ImGuiCond_Always : ImGuiCond_FirstUseEver;
  ImGui::SetNextWindowPos(ImVec2(r.x, r.y), cond);
  ImGui::SetNextWindowSize(ImVec2(r.w, r.h), cond);
}

}  // namespace

UiCommands ShowAllWindows(UiState& ui, const SimController& controller) {
  const sim::Simulation& sim = controller.sim();
  ImVec2 d = ImGui::GetIO().DisplaySize;
  float u = ImGui::GetFontSize();
  float gap = 2;
  const ImGuiStyle& style = ImGui::GetStyle();
  float controls_h = ImGui::GetFrameHeight() + 3 * ImGui::GetFrameHeightWithSpacing() + style.WindowPadding.y * 2;
  bool narrated = !sim.scenario().narration.empty() || !sim.scenario().description.empty();
  float banner_h = narrated ? u * 1.35f * 2 + style.WindowPadding.y * 2 + gap : 0;
  float top = controls_h + banner_h + gap;
  float rest = d.y - top;
  float row_a = rest * 0.5f;
  float left_w = d.x * 0.46f;
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
  ShowReplicaLogWindow(ui, sim);
  Place(ui, {0, top + row_a, d.x * 0.58f - gap, rest - row_a});
  append(ShowTimelineWindow(ui, sim));
  Place(ui, {d.x * 0.58f, top + row_a, d.x * 0.42f, rest - row_a});
  ShowVerdictWindow(ui, controller);
  ui.relayout = false;
  ++ui.frame;
  return out;
}

}  // namespace kafkasim::viz
