// viz/args.h — the kafkasim-viz command line:
//
//   kafkasim-viz [FILE.yaml] [--seed N] [--screenshot out.png] [--frames N]
//                [--run-to T] [--scale F] [--size WxH] [--speed MS] [--play]
//                [--state-out OUT.txt] [--ui-dump OUT.txt] [--save-path P.yaml]
//                [--screenshot-after-faults N:OUT.png] [--theme light|dark] [--no-auto-pause]
//                [--bench-frames N] [--show help|library]
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/types.h"

namespace kafkasim::viz {

struct VizOptions {
  std::string scenario_path;     // "": the library's default teaching scenario
  std::optional<uint64_t> seed;  // default: the scenario's
  std::string screenshot;        // non-empty: render, write this PNG, exit
  std::string state_out;         // non-empty: with the screenshot, the frame's ViewModel as text
  std::string ui_dump;           // non-empty: rewrite with DescribeUi whenever it changes
  std::string save_path;         // non-empty: the save path the Controls window starts with
  int shot_after_faults = 0;     // >0: PNG of the window once this many faults were added by hand
  std::string shot_after_faults_path;
  int frames = 5;                // frames rendered before the screenshot
  std::optional<TimeNs> run_to;  // advance the simulation first
  float scale = 1.5f;            // text and widget scale (projector: 1.5-2)
  int width = 1280;
  int height = 800;
  double speed_ms_per_sec = 250;  // simulated ms per real second
  bool play = false;              // start playing
  bool light_theme = false;       // --theme light
  bool auto_pause = true;         // pause at each narration step while playing
  std::string show;               // "help" or "library": open that overlay at start
  int bench_frames = 0;           // > 0: render this many frames playing, print CPU ms per frame, exit
  bool help = false;
};

// Options, or a sentence saying what is wrong with the command line.
std::variant<VizOptions, std::string> ParseVizArgs(const std::vector<std::string>& args);
std::string VizUsage();

}  // namespace kafkasim::viz
