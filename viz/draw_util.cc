// viz/draw_util.cc — small drawing and formatting helpers shared by windows.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "viz/windows.h"

namespace kafkasim::viz {

float LineWidth(float w) { return std::max(1.0f, std::round(w)); }

void DrawDashedLine(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color, float thickness, float dash) {
  float dx = b.x - a.x, dy = b.y - a.y;
  float len = std::sqrt(dx * dx + dy * dy);
  if (len < 1 || dash <= 0) return;
  float ux = dx / len, uy = dy / len;
  thickness = LineWidth(thickness);
  for (float s = 0; s < len; s += 2 * dash) {
    float e = std::min(s + dash, len);
    dl->AddLine(ImVec2(a.x + ux * s, a.y + uy * s), ImVec2(a.x + ux * e, a.y + uy * e), color, thickness);
  }
}

void DrawDashedCurve(ImDrawList* dl, ImVec2 a, ImVec2 control, ImVec2 b, ImU32 color, float thickness, float dash) {
  if (dash <= 0) return;
  constexpr int kSteps = 48;
  thickness = LineWidth(thickness);
  ImVec2 prev = a;
  float walked = 0;  // length along the curve so far: dashes on, gaps off
  for (int i = 1; i <= kSteps; ++i) {
    float t = static_cast<float>(i) / kSteps, u = 1 - t;
    ImVec2 p(u * u * a.x + 2 * u * t * control.x + t * t * b.x, u * u * a.y + 2 * u * t * control.y + t * t * b.y);
    float len = std::sqrt((p.x - prev.x) * (p.x - prev.x) + (p.y - prev.y) * (p.y - prev.y));
    if (std::fmod(walked, 2 * dash) < dash) dl->AddLine(prev, p, color, thickness);
    walked += len;
    prev = p;
  }
}

std::string FormatSeconds(TimeNs t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f s", static_cast<double>(t) / static_cast<double>(kNsPerSec));
  return buf;
}

void SameLineIfFits(float w, float spacing) {
  float gap = spacing >= 0 ? spacing : ImGui::GetStyle().ItemSpacing.x;
  float right = ImGui::GetItemRectMax().x + gap + w;
  if (right <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine(0, gap);
}

}  // namespace kafkasim::viz
