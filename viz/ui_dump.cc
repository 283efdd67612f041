// viz/ui_dump.cc — the text of --ui-dump.
#include "viz/ui_dump.h"

#include <cstdio>

#include "sim/trace.h"

namespace kafkasim::viz {

std::string DescribeUi(const UiState& ui, const SimController& c) {
  std::string out;
  out += "now_ns " + std::to_string(c.sim().now()) + "\n";
  out += "end_ns " + std::to_string(c.sim().end_time()) + "\n";
  out += "trace_hash " + sim::Trace::HashHex(c.trace_hash()) + "\n";
  out += "hand_faults " + std::to_string(c.hand_faults().size()) + "\n";
  if (const auto& s = c.last_save()) {
    out += "saved " + c.last_save_path() + " trace_hash " + sim::Trace::HashHex(s->trace_hash) + " verdict " +
           (s->error.empty() ? (s->pass ? "PASS" : "FAIL") : "ERROR") + " replays " + (s->replays ? "yes" : "no") +
           "\n";
  }
  for (const UiRect& r : ui.rects) {
    char buf[64];
    std::snprintf(buf, sizeof buf, " %.0f %.0f %.0f %.0f\n", static_cast<double>(r.x0), static_cast<double>(r.y0),
                  static_cast<double>(r.x1), static_cast<double>(r.y1));
    out += "rect " + r.name + buf;
  }
  return out;
}

}  // namespace kafkasim::viz
