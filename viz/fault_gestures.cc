// viz/fault_gestures.cc — hit tests and the side of a line.
#include "viz/fault_gestures.h"

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

}  // namespace kafkasim::viz
