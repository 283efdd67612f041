// viz/app.h — the window, the GL context and the frame loop of
// kafkasim-viz (GLFW + Dear ImGui's OpenGL3 backend). The only viz code that
// touches the wall clock (frame timing) and the display.
#pragma once

#include <string>

#include "sim/scenario/scenario.h"
#include "viz/args.h"

namespace kafkasim::viz {

inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitNoDisplay = 3;

// Runs the GUI until the window closes (or, with --screenshot, for
// options.frames frames; with --bench-frames, for that many). `library` is
// the scenario library's directory for the picker ("" none). Returns the
// process exit status.
int RunVizApp(const scenario::Scenario& s, const VizOptions& options, const std::string& library = "");

}  // namespace kafkasim::viz
