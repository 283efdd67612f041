// viz/fault_ui_state.h — what the fault-injection gestures and popups
// remember between frames (part of UiState), and the screen rectangles of
// the widgets a scripted session needs to find (written by --ui-dump).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "viz/fault_gestures.h"
#include "viz/fault_injection.h"

namespace kafkasim::viz {

struct FaultUiState {
  // A drag in the cluster view.
  bool dragging = false;
  Point drag_from;
  // The popup a finished drag opened.
  DragGesture pending;
  bool open_popup = false;
  LinkChoice link;
  float link_latency_ms = 400;
  float for_seconds = 0;    // 0: until healed
  float pause_seconds = 2;  // the node menu's "pause"
  // This frame's labels of slowed / lossy links ("+300ms") and the roads they
  // label; drawn after the nodes, placed off them (PlaceLinkLabels).
  std::vector<std::pair<std::string, LinkLabelRoad>> link_labels;
};

// A widget's rectangle in window pixels ("node:broker-1", "menu:crash", "button:save").
struct UiRect {
  std::string name;
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

}  // namespace kafkasim::viz
