// viz/all_windows.cc — one frame of the whole GUI and its default layout:
//
//   +--------------------- controls ---------------------+
//   +--------------------- narration --------------------+
//   |   cluster (boxes, messages)  |   replica logs       |
//   |   timeline (strip + story)   |   expectations       |
// (with consumers: timeline | consumer groups | expectations; with type too
// large for the window only cluster, replica logs and groups)
#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include <imgui_internal.h>

#include "viz/shortcuts.h"
#include "viz/theme.h"
#include "viz/windows.h"

namespace kafkasim::viz {

namespace {

struct Rect {
  float x, y, w, h;
};

// The banner's text height: the text it shows now (the narration step
// shown last, or the description before the first) at the banner's font
// scale, and no taller — one line of text gets a one-line band. At most a
// quarter of the window; the banner sets a longer step smaller.
float BannerTextHeight(const sim::Simulation& sim, float width, float display_h) {
  const float line = ImGui::GetTextLineHeight() * NarrationFontScale();
  const scenario::Scenario& s = sim.scenario();
  const scenario::NarrationStep* step = sim.narration().current();
  const std::string& text = step != nullptr ? step->text : (s.description.empty() ? s.name : s.description);
  // The time label ("12.345 s") takes the start of a step's lines.
  float label = step != nullptr ? ImGui::CalcTextSize("00.000 s ").x * NarrationFontScale() : 0;
  float wrap = std::max(10.0f, (width - label) / NarrationFontScale());
  float h = ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap).y * NarrationFontScale();
  return std::clamp(h, line, std::max(line, display_h * 0.25f));
}

bool SameRect(ImVec2 pos, ImVec2 size, const UiRect& r) {
  return std::abs(pos.x - r.x0) < 1 && std::abs(pos.y - r.y0) < 1 && std::abs(pos.x + size.x - r.x1) < 1 &&
         std::abs(pos.y + size.y - r.y1) < 1;
}

// Places window `name` (its ImGui name) at `r` when the layout is redone —
// unless the user moved or resized it since the layout last put it: a
// narration step of another length re-lays out the windows, and must not
// undo what the presenter arranged (the "layout" button does).
// A window where the layout put it tiles the display and draws no
// background of its own: the frame is cleared to that colour, and a
// software rasterizer pays for every background pixel (docs/performance.md).
// The user holds the window's title/background (moving it) or one of its
// resize grips or borders — not a node or a link drag inside it.
bool UserIsArranging(ImGuiWindow* w) {
  const ImGuiID active = GImGui->ActiveId;
  if (active == 0) return false;
  if (active == w->MoveId) return true;
  for (int n = 0; n < 4; ++n)
    if (active == ImGui::GetWindowResizeCornerID(w, n)) return true;
  for (int d = 0; d < 4; ++d)
    if (active == ImGui::GetWindowResizeBorderID(w, static_cast<ImGuiDir>(d))) return true;
  return false;
}

// `backdrop`: the window's own background colour, painted by the frame's
// clear (UiState::backdrops) while it is where the layout put it.
// Returns whether the window is where the layout put it (tiled, expanded).
bool Place(UiState& ui, const char* name, const Rect& r, bool own_background = false, ImU32 backdrop = 0) {
  ImGuiWindow* w = ImGui::FindWindowByName(name);
  auto it = ui.placed.find(name);
  // Moved or resized by the user: its rectangle changed while the user held
  // its title, background or a resize grip.
  if (w != nullptr && it != ui.placed.end() && !SameRect(w->Pos, w->SizeFull, it->second) && UserIsArranging(w))
    ui.user_arranged.insert(name);
  if (ui.relayout_all) ui.user_arranged.erase(name);
  bool moved = ui.user_arranged.count(name) > 0;
  if (w == nullptr || ui.relayout_all || (ui.relayout && !moved)) {
    ImGui::SetNextWindowPos(ImVec2(r.x, r.y), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(r.w, r.h), ImGuiCond_Always);
    ui.placed[name] = UiRect{name, r.x, r.y, r.x + r.w, r.y + r.h};
  }
  if (moved || (w != nullptr && w->Collapsed)) return false;
  if (backdrop != 0) {
    ui.backdrops.push_back({ui.placed[name], backdrop});
    ImGui::SetNextWindowBgAlpha(0);
  } else if (!own_background) {
    ImGui::SetNextWindowBgAlpha(0);
  }
  return true;
}

// A tiled window's title bar painted by the frame's clear (as its
// background): Dear ImGui draws it transparent — a transparent fill is not
// drawn at all — while this lives (its Begin runs inside).
class TitleBackdrop {
 public:
  TitleBackdrop(UiState& ui, const char* name, bool tiled) : on_(tiled) {
    if (!on_) return;
    const ImGuiContext& g = *GImGui;
    ImGuiWindow* w = ImGui::FindWindowByName(name);
    const bool active = w != nullptr && g.NavWindow != nullptr && g.NavWindow->RootWindowForTitleBarHighlight == w;
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec4 c = style.Colors[active ? ImGuiCol_TitleBgActive : ImGuiCol_TitleBg];
    UiRect r = ui.placed[name];
    r.y1 = r.y0 + ImGui::GetFrameHeight();
    ui.backdrops.push_back({r, ImGui::ColorConvertFloat4ToU32(ImVec4(c.x, c.y, c.z, 1.0f))});
    for (ImGuiCol col : {ImGuiCol_TitleBg, ImGuiCol_TitleBgActive, ImGuiCol_TitleBgCollapsed})
      ImGui::PushStyleColor(col, ImVec4(0, 0, 0, 0));
  }
  ~TitleBackdrop() {
    if (on_) ImGui::PopStyleColor(3);
  }
  TitleBackdrop(const TitleBackdrop&) = delete;
  TitleBackdrop& operator=(const TitleBackdrop&) = delete;

 private:
  bool on_;
};

// Place, then show the window with its title bar as a backdrop.
template <typename F>
void Tiled(UiState& ui, const char* name, const Rect& r, F show) {
  const bool tiled = Place(ui, name, r);
  TitleBackdrop title(ui, name, tiled);
  show();
}

}  // namespace

void RefreshViewModel(UiState& ui, const SimController& controller) {
  uint64_t events = controller.sim().world().loop().events_run();
  if (ui.view.generation == controller.generation() && ui.view.events_run == events) return;
  const bool same_run = ui.view.generation == controller.generation();
  ui.view = BuildViewModel(controller.sim(), same_run ? &ui.view : nullptr);
  ui.view.generation = controller.generation();
}

UiCommands ShowAllWindows(UiState& ui, const SimController& controller) {
  ui.rects.clear();  // the windows note this frame's widget rectangles (--ui-dump)
  ui.backdrops.clear();
  const sim::Simulation& sim = controller.sim();
  ImVec2 d = ImGui::GetIO().DisplaySize;
  float gap = 2;
  const ImGuiStyle& style = ImGui::GetStyle();
  float controls_h = ImGui::GetFrameHeight() + 3 * ImGui::GetFrameHeightWithSpacing() + style.WindowPadding.y * 2;
  // Rows wrap on a narrow window or at a large scale: take the height they
  // took last frame (re-placing the windows when it changed).
  if (ui.controls_content_h > 0) {
    if (std::abs(ui.controls_content_h - ui.controls_h) > 1) ui.relayout = true;
    ui.controls_h = ui.controls_content_h;
    controls_h = ui.controls_h;
  }
  bool narrated = !sim.scenario().narration.empty() || !sim.scenario().description.empty();
  float banner_h =
      narrated ? BannerTextHeight(sim, d.x - style.WindowPadding.x * 2, d.y) + style.WindowPadding.y * 2 + gap : 0;
  if (std::abs(banner_h - ui.banner_h) > 1) ui.relayout = true;  // a step of another length
  ui.banner_h = banner_h;
  float top = controls_h + banner_h + gap;
  float rest = d.y - top;
  // With consumers, the group panel takes the middle of the bottom row and
  // needs its height; otherwise the replica logs carry most lessons.
  bool groups = !sim.scenario().consumers.empty() || !sim.scenario().processors.empty();
  // Type large for the window (a projector at --scale 2.5 on 1024x768): the
  // lesson's windows only — cluster, replica logs, and the groups when there
  // are consumers; the timeline and the expectations return with more room.
  bool compact = d.y < ImGui::GetFontSize() * 36;
  if (compact != ui.compact_layout) ui.relayout = true;
  ui.compact_layout = compact;
  float row_a = compact ? (groups ? rest * 0.55f : rest + gap) : rest * (groups ? 0.5f : 0.58f);
  float left_w = d.x * 0.38f;  // the replica logs need the width more than the boxes
  RefreshViewModel(ui, controller);
  UiCommands out;
  auto append = [&out](UiCommands more) { out.insert(out.end(), more.begin(), more.end()); };
  append(HandleShortcuts(ui, controller));
  if (ui.light_theme != theme::LightPalette()) theme::UsePalette(ui.light_theme);

  Tiled(ui, "###Controls", {0, 0, d.x, controls_h}, [&] { append(ShowControlsWindow(ui, controller)); });
  if (narrated) {
    // The banner's colour over the window colour the frame is cleared to.
    const ImVec4 band = theme::ToVec4(theme::kNarration), under = style.Colors[ImGuiCol_WindowBg];
    const ImVec4 opaque(under.x + (band.x - under.x) * band.w, under.y + (band.y - under.y) * band.w,
                        under.z + (band.z - under.z) * band.w, 1.0f);
    Place(ui, "Narration", {0, controls_h + gap, d.x, banner_h - gap}, true, ImGui::ColorConvertFloat4ToU32(opaque));
    ShowNarrationBanner(ui, sim);
  }
  Tiled(ui, "Cluster", {0, top, left_w - gap, row_a - gap}, [&] { append(ShowClusterWindow(ui, sim)); });
  Tiled(ui, "Replica logs", {left_w, top, d.x - left_w, row_a - gap}, [&] { ShowReplicaLogWindow(ui); });
  float timeline_w = d.x * (groups ? 0.3f : 0.58f), groups_w = groups ? d.x * 0.44f : 0;
  if (compact) {
    if (groups) {
      Tiled(ui, "Consumer groups", {0, top + row_a, d.x, rest - row_a}, [&] { ShowGroupWindow(ui); });
    }
  } else {
    Tiled(ui, "Timeline", {0, top + row_a, timeline_w - gap, rest - row_a},
          [&] { append(ShowTimelineWindow(ui, sim)); });
    if (groups) {
      Tiled(ui, "Consumer groups", {timeline_w, top + row_a, groups_w - gap, rest - row_a},
            [&] { ShowGroupWindow(ui); });
    }
    Tiled(ui, "Expectations", {timeline_w + groups_w, top + row_a, d.x - timeline_w - groups_w, rest - row_a},
          [&] { ShowVerdictWindow(ui, controller); });
  }
  ShowMetricsWindow(ui, controller);  // floating, collapsed until opened
  if (ui.jump_to) out.push_back(UiCommand{SeekCommand{*std::exchange(ui.jump_to, std::nullopt)}});
  ShowScenarioPicker(ui);
  ShowHelpOverlay(ui, controller);
  ui.relayout = false;
  ui.relayout_all = false;
  ++ui.frame;
  return out;
}

}  // namespace kafkasim::viz
