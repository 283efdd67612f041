// viz/args.cc — parsing the command line (no globals, testable).
#include "viz/args.h"

#include <charconv>

#include "sim/scenario/units.h"

namespace kafkasim::viz {

namespace {

template <typename T>
bool ParseNumber(const std::string& text, T* out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

// "6s", "1500ms"; a bare number is seconds.
std::optional<TimeNs> ParseTime(const std::string& text) {
  double seconds = 0;
  if (ParseNumber(text, &seconds) && seconds >= 0) return static_cast<TimeNs>(seconds * kNsPerSec);
  Result<TimeNs> d = scenario::ParseDuration(text);
  if (!d.ok()) return std::nullopt;
  return *d;
}

// Applies the option `flag` with `value`; "" or the problem.
std::string ApplyOption(const std::string& flag, const std::string& value, VizOptions* o) {
  if (flag == "--seed") return ParseNumber(value, &o->seed.emplace()) ? "" : "--seed expects an integer";
  if (flag == "--screenshot") {
    o->screenshot = value;
    return "";
  }
  if (flag == "--state-out") {
    o->state_out = value;
    return "";
  }
  if (flag == "--ui-dump") {
    o->ui_dump = value;
    return "";
  }
  if (flag == "--screenshot-after-faults") {
    size_t colon = value.find(':');
    bool ok = colon != std::string::npos && ParseNumber(value.substr(0, colon), &o->shot_after_faults) &&
              o->shot_after_faults >= 1 && colon + 1 < value.size();
    if (ok) o->shot_after_faults_path = value.substr(colon + 1);
    return ok ? "" : "--screenshot-after-faults expects N:OUT.png (N >= 1)";
  }
  if (flag == "--save-path") {
    o->save_path = value;
    return value.size() < 500 ? "" : "--save-path is too long";
  }
  if (flag == "--frames") return ParseNumber(value, &o->frames) && o->frames >= 1 ? "" : "--frames expects N >= 1";
  if (flag == "--run-to") {
    o->run_to = ParseTime(value);
    return o->run_to ? "" : "--run-to expects a time like 6s or 1500ms";
  }
  if (flag == "--scale") {
    return ParseNumber(value, &o->scale) && o->scale >= 0.5f && o->scale <= 4 ? "" : "--scale expects 0.5 .. 4";
  }
  if (flag == "--speed") {
    return ParseNumber(value, &o->speed_ms_per_sec) && o->speed_ms_per_sec > 0 ? "" : "--speed expects ms > 0";
  }
  if (flag == "--size") {
    size_t x = value.find('x');
    bool ok = x != std::string::npos && ParseNumber(value.substr(0, x), &o->width) &&
              ParseNumber(value.substr(x + 1), &o->height) && o->width >= 320 && o->height >= 240;
    return ok ? "" : "--size expects WIDTHxHEIGHT, e.g. 1920x1080";
  }
  if (flag == "--theme") {
    o->light_theme = value == "light";
    return value == "light" || value == "dark" ? "" : "--theme expects light or dark";
  }
  if (flag == "--show") {
    o->show = value;
    return value == "help" || value == "library" ? "" : "--show expects help or library";
  }
  if (flag == "--bench-frames") {
    return ParseNumber(value, &o->bench_frames) && o->bench_frames >= 1 ? "" : "--bench-frames expects N >= 1";
  }
  return "unknown option " + flag;
}

}  // namespace

std::variant<VizOptions, std::string> ParseVizArgs(const std::vector<std::string>& args) {
  VizOptions o;
  bool have_file = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") {
      o.help = true;
    } else if (a == "--play") {
      o.play = true;
    } else if (a == "--no-auto-pause") {
      o.auto_pause = false;
    } else if (a.rfind("--", 0) == 0) {
      if (i + 1 >= args.size()) return a + " needs a value";
      std::string why = ApplyOption(a, args[++i], &o);
      if (!why.empty()) return why;
    } else if (!have_file) {
      o.scenario_path = a;
      have_file = true;
    } else {
      return "one scenario file only (got " + o.scenario_path + " and " + a + ")";
    }
  }
  return o;
}

std::string VizUsage() {
  return "usage: kafkasim-viz [FILE.yaml] [--seed N] [--run-to T] [--play] [--speed MS]\n"
         "                    [--scale F] [--size WxH] [--screenshot OUT.png] [--frames N]\n"
         "                    [--state-out OUT.txt] [--ui-dump OUT.txt] [--save-path P.yaml]\n"
         "                    [--theme light|dark] [--no-auto-pause] [--bench-frames N] [--show help|library]\n"
         "  FILE.yaml        scenario to show (default: the library's quickstart.yaml, found next\n"
         "                   to the executable or installed; L in the GUI lists the library)\n"
         "  --seed N         run with this seed instead of the scenario's\n"
         "  --run-to T       advance the simulation to T (6s, 1500ms) before showing it\n"
         "  --play           start playing; --speed MS simulated ms per real second (default 250)\n"
         "  --scale F        text and widget scale for projectors (default 1.5)\n"
         "  --size WxH       window size (default 1280x800)\n"
         "  --screenshot P   render N frames (--frames, default 5), write the last as PNG P, exit\n"
         "  --state-out P    with --screenshot: also write the view model the last frame was\n"
         "                   drawn from (ZooKeeper's record, each broker's belief, groups) as text\n"
         "  --ui-dump P      rewrite P whenever it changes: time, trace hash, hand-added faults,\n"
         "                   the last save, and where nodes and buttons are (scripted sessions)\n"
         "  --screenshot-after-faults N:P  interactive: write a PNG P of the window once N faults\n"
         "                   have been added by hand (scripts/gui_session_test.sh --readme)\n"
         "  --save-path P    the path \"Save scenario as...\" starts with\n"
         "  --theme T        light or dark (default dark; T toggles in the GUI)\n"
         "  --no-auto-pause  do not pause at each narration step while playing (A toggles)\n"
         "  --bench-frames N render N frames (playing with --play, 1/60 s each), then print\n"
         "                   `frames=N cpu_ms_per_frame=X` (process CPU time) and exit\n"
         "  --show W         open the key list (help) or the scenario library at start\n"
         "keys: space play/pause, right arrow step, N/B next/back narration step, R restart,\n"
         "      +/- speed, F fullscreen, T theme, A auto-pause, L library, H or ? help\n"
         "exit status: 0 ok, 2 bad input, 3 no display could be opened\n";
}

}  // namespace kafkasim::viz
