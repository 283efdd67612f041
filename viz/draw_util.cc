// viz/draw_util.cc — small drawing and formatting helpers shared by windows.
#include <cmath>
#include <cstdio>

#include "viz/windows.h"

namespace kafkasim::viz {

void DrawDashedLine(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color, float thickness, float dash) {
  float dx = b.x - a.x, dy = b.y - a.y;
  float len = std::sqrt(dx * dx + dy * dy);
  if (len < 1 || dash <= 0) return;
  float ux = dx / len, uy = dy / len;
  for (float s = 0; s < len; s += 2 * dash) {
    float e = std::min(s + dash, len);
    dl->AddLine(ImVec2(a.x + ux * s, a.y + uy * s), ImVec2(a.x + ux * e, a.y + uy * e), color, thickness);
  }
}

const sim::SimNetwork& NetworkOf(const sim::World& world) { return world.network(); }

std::string FormatSeconds(TimeNs t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f s", static_cast<double>(t) / static_cast<double>(kNsPerSec));
  return buf;
}

}  // namespace kafkasim::viz
