// viz/cluster_node.h — one node of the cluster view (cluster_node.cc).
#pragma once

#include <imgui.h>

#include <string>

#include "sim/simulation.h"
#include "viz/ui_command.h"
#include "viz/ui_state.h"

namespace kafkasim::viz {

// The second line of a live node's box ("leads orders-0") and its color.
struct NodeDetail {
  std::string text;
  ImU32 color = 0;
};

// The box and its labels; left click selects, right click opens the fault menu.
void DrawNode(UiState& ui, const sim::Simulation& sim, const sim::NodeSlot& slot, ImVec2 center, ImVec2 box, ImU32 fill,
              const NodeDetail& detail, UiCommands& out);

}  // namespace kafkasim::viz
