// viz/windows.h — one function per window. Each reads the simulation (or
// the controller) read-only, keeps its memory in UiState, and returns the
// user's actions as UiCommands for SimController to apply.
#pragma once

#include <imgui.h>

#include "sim/simulation.h"
#include "viz/controller.h"
#include "viz/fault_gestures.h"
#include "viz/ui_command.h"
#include "viz/ui_state.h"

namespace kafkasim::viz {

// Play/pause, step, speed, seek, restart, save, UI scale.
UiCommands ShowControlsWindow(UiState& ui, const SimController& controller);
// Nodes as boxes, links, cuts, messages in flight; right-click to inject faults.
UiCommands ShowClusterWindow(UiState& ui, const sim::Simulation& sim);
// Per partition ZooKeeper's record, and per broker what it believes (role,
// epoch, HW, LEO, its ISR) with its log; crashed replicas from their disks;
// consumer positions and commits as markers. Draws ui.view.
void ShowReplicaLogWindow(UiState& ui);
// One panel per consumer group: state, generation, members -> partitions,
// committed offset, position and lag per partition. Draws ui.view.
void ShowGroupWindow(UiState& ui);
// The story (time + sentence) and a space-time strip; click the strip to seek.
UiCommands ShowTimelineWindow(UiState& ui, const sim::Simulation& sim);
// The scenario's expectations judged live, timed ones, checker violations.
void ShowVerdictWindow(UiState& ui, const SimController& controller);
// The current narration step in a big banner (nothing before the first).
void ShowNarrationBanner(UiState& ui, const sim::Simulation& sim);
// The scenario library (name, first sentence); a click sets ui.open_request.
void ShowScenarioPicker(UiState& ui);
// The banner's type size, relative to the UI font.
inline constexpr float kNarrationFontScale = 1.35f;
// The same for this frame: smaller when the type is already large for the
// window (a projector at --scale 2.5), so the lesson's windows keep room.
inline float NarrationFontScale() {
  return ImGui::GetIO().DisplaySize.y < ImGui::GetFontSize() * 36 ? 1.1f : kNarrationFontScale;
}

// Kafka's broker metrics under their JMX names, the change since the last
// narration step, and a small time plot of one of them (metrics_window.cc).
void ShowMetricsWindow(UiState& ui, const SimController& controller);
// Rebuilds ui.view when the simulation moved (another event ran, or a rebuild).
void RefreshViewModel(UiState& ui, const SimController& controller);
// All of the above for one frame, in the default layout when ui.relayout.
UiCommands ShowAllWindows(UiState& ui, const SimController& controller);

// Fault injection by mouse in the cluster view (cluster_faults.cc): drag
// node to node (link), across empty space (partition), "heal all".
void ClusterFaultGestures(UiState& ui, const sim::Simulation& sim, const std::vector<NodeBox>& nodes, Point box,
                          ImVec2 origin, ImVec2 size, UiCommands& out);
// Link faults short of a cut (latency, loss, duplication) as labelled amber lines.
void DrawLinkFaults(UiState& ui, const sim::Simulation& sim, const std::vector<NodeBox>& nodes, Point box);
// Records the last item's rectangle as `name` in ui.rects (for --ui-dump).
void NoteItem(UiState& ui, const std::string& name);

// Shared drawing helpers (draw_util.cc).
// A line width rounded to whole pixels (at least 1): Dear ImGui draws such
// lines from its font texture, two triangles a segment, where a fractional
// width takes six or more — a software rasterizer's main cost per frame
// (docs/performance.md). On screen the two look the same.
float LineWidth(float w);
// Fills drawn without Dear ImGui's anti-aliased fringe while it lives: for a
// shape whose edge an anti-aliased outline covers anyway (a node's box, a
// message dot), the fringe is invisible and costs twice the shape's triangles.
class NoFillFringe {
 public:
  explicit NoFillFringe(ImDrawList* dl) : dl_(dl), saved_(dl->Flags) { dl->Flags &= ~ImDrawListFlags_AntiAliasedFill; }
  ~NoFillFringe() { dl_->Flags = saved_; }
  NoFillFringe(const NoFillFringe&) = delete;
  NoFillFringe& operator=(const NoFillFringe&) = delete;

 private:
  ImDrawList* dl_;
  ImDrawListFlags saved_;
};
void DrawDashedLine(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color, float thickness, float dash);
// The same along the quadratic curve from a to b pulled towards `control`.
void DrawDashedCurve(ImDrawList* dl, ImVec2 a, ImVec2 control, ImVec2 b, ImU32 color, float thickness, float dash);
// The next item, about `w` wide, goes on this line if it fits (SameLine), else
// on the next: rows wrap instead of running off a narrow window at a large scale.
void SameLineIfFits(float w, float spacing = -1);
// "4.213 s"
std::string FormatSeconds(TimeNs t);

}  // namespace kafkasim::viz
