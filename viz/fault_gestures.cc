// viz/fault_gestures.cc — hit tests and the side of a line.
#include "viz/fault_gestures.h"

#include <algorithm>

#include <cmath>

namespace kafkasim::viz {

std::string NodeAt(const std::vector<NodeBox>& nodes, Point box, Point p) {
  for (const NodeBox& n : nodes) {
    if (std::abs(p.x - n.center.x) <= box.x * 0.5f && std::abs(p.y - n.center.y) <= box.y * 0.5f) return n.name;
  }
  return "";
}

LineSplit SplitByLine(const std::vector<NodeBox>& nodes, Point a, Point b) {
  LineSplit out;
  for (const NodeBox& n : nodes) {
    float cross = (b.x - a.x) * (n.center.y - a.y) - (b.y - a.y) * (n.center.x - a.x);
    (cross < 0 ? out.left : out.right).push_back(n.name);
  }
  return out;
}

DragGesture ClassifyDrag(const std::vector<NodeBox>& nodes, Point box, Point from, Point to, float min_length) {
  DragGesture g;
  if (std::hypot(to.x - from.x, to.y - from.y) < min_length) return g;
  std::string a = NodeAt(nodes, box, from);
  if (!a.empty()) {
    std::string b = NodeAt(nodes, box, to);
    if (b.empty() || b == a) return g;
    g.kind = DragGesture::Kind::kLink;
    g.a = a;
    g.b = b;
    return g;
  }
  g.sides = SplitByLine(nodes, from, to);
  if (!g.sides.left.empty() && !g.sides.right.empty()) g.kind = DragGesture::Kind::kPartition;
  return g;
}

namespace {

struct Rect {
  Point lo, hi;
  bool Overlaps(const Rect& o) const { return lo.x < o.hi.x && o.lo.x < hi.x && lo.y < o.hi.y && o.lo.y < hi.y; }
};

Point OnCurve(const LinkLabelRoad& r, float t) {
  const float s = 1 - t;
  return {s * s * r.a.x + 2 * s * t * r.c.x + t * t * r.b.x, s * s * r.a.y + 2 * s * t * r.c.y + t * t * r.b.y};
}

}  // namespace

float OverlapArea(const Rect& a, const Rect& b) {
  const float w = std::min(a.hi.x, b.hi.x) - std::max(a.lo.x, b.lo.x);
  const float h = std::min(a.hi.y, b.hi.y) - std::max(a.lo.y, b.lo.y);
  return w > 0 && h > 0 ? w * h : 0;
}

std::vector<Point> PlaceLinkLabels(const std::vector<LinkLabelRoad>& labels, const std::vector<NodeBox>& nodes,
                                   Point box, Point area_lo, Point area_hi) {
  std::vector<Rect> taken;
  const float pad = 2;
  for (const NodeBox& n : nodes) {
    taken.push_back({{n.center.x - box.x / 2 - pad, n.center.y - box.y / 2 - pad},
                     {n.center.x + box.x / 2 + pad, n.center.y + box.y / 2 + pad}});
  }
  std::vector<Point> out;
  for (const LinkLabelRoad& l : labels) {
    auto rect_at = [&](Point c) {
      return Rect{{c.x - l.size.x / 2 - pad, c.y - l.size.y / 2 - pad},
                  {c.x + l.size.x / 2 + pad, c.y + l.size.y / 2 + pad}};
    };
    // What a label at c covers: nodes, labels, and the outside of the area.
    auto covered = [&](Point c) {
      const Rect r = rect_at(c);
      float sum = 0;
      for (const Rect& t : taken) sum += OverlapArea(t, r);
      const float inside = OverlapArea(r, Rect{area_lo, area_hi});
      return sum + ((r.hi.x - r.lo.x) * (r.hi.y - r.lo.y) - inside) * 4;
    };
    // Along the road from the middle outwards, then rows above and below
    // its middle, nearest first; the first that covers nothing, else the
    // one that covers least.
    std::vector<Point> tries;
    for (int k = 0; k <= 16; ++k) {
      const float d = 0.025f * static_cast<float>((k + 1) / 2) * (k % 2 == 1 ? -1.0f : 1.0f);
      tries.push_back(OnCurve(l, 0.5f + d));
    }
    const Point mid = OnCurve(l, 0.5f);
    const float row = l.size.y + pad * 2;
    for (float dy : {1.0f, -1.0f, 2.0f, -2.0f, 3.0f, -3.0f, 4.0f, -4.0f})
      for (float dx : {0.0f, -0.5f, 0.5f, -1.0f, 1.0f}) tries.push_back({mid.x + dx * l.size.x, mid.y + dy * row});
    Point chosen = mid;
    float least = -1;
    for (const Point& p : tries) {
      const float c = covered(p);
      if (least < 0 || c < least) {
        least = c;
        chosen = p;
      }
      if (c == 0) break;
    }
    out.push_back(chosen);
    taken.push_back(rect_at(chosen));
  }
  return out;
}

}  // namespace kafkasim::viz
