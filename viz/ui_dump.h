// viz/ui_dump.h — `--ui-dump FILE`: a small text file rewritten whenever it
// changes, for scripted sessions (scripts/gui_session_test.sh) that drive the
// GUI with real mouse events and need to know where things are and what the
// GUI ran:
//
//   now_ns 3001000000
//   end_ns 14000000000
//   trace_hash 0123456789abcdef      the run as shown now
//   hand_faults 2
//   saved /tmp/x.yaml trace_hash 0123456789abcdef verdict PASS replays yes
//   rect node:broker-1 412 230 520 268     x0 y0 x1 y1 in window pixels
//   rect menu:crash ...  rect button:save ...  rect slider:seek ...
#pragma once

#include <string>

#include "viz/controller.h"
#include "viz/ui_state.h"

namespace kafkasim::viz {

std::string DescribeUi(const UiState& ui, const SimController& controller);

}  // namespace kafkasim::viz
