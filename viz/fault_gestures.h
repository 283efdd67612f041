// viz/fault_gestures.h — the geometry of injecting faults by mouse in the
// cluster view, without ImGui (unit-tested): a drag from one node's box to
// another's is a link; a drag that starts off every box is a line that cuts
// the cluster in two (a network partition between the nodes on each side).
#pragma once

#include <string>
#include <vector>

namespace kafkasim::viz {

struct Point {
  float x = 0;
  float y = 0;
};

struct NodeBox {
  std::string name;
  Point center;
};

// The node whose box (all of size `box`, centred on their centres) holds `p`; "" if none.
std::string NodeAt(const std::vector<NodeBox>& nodes, Point box, Point p);

// The nodes on each side of the line through a and b (left = negative cross
// product in screen coordinates, y down), in the order of `nodes`.
struct LineSplit {
  std::vector<std::string> left;
  std::vector<std::string> right;
};
LineSplit SplitByLine(const std::vector<NodeBox>& nodes, Point a, Point b);

// What a finished drag (press at `from`, release at `to`) asks for.
struct DragGesture {
  enum class Kind { kNone, kLink, kPartition } kind = Kind::kNone;
  std::string a, b;  // kLink: from node a to node b
  LineSplit sides;   // kPartition: both sides non-empty
};
// A drag shorter than `min_length` is a click (kNone).
DragGesture ClassifyDrag(const std::vector<NodeBox>& nodes, Point box, Point from, Point to, float min_length);

// A link's label ("+300ms", "drop 30% -> broker-3"): its size and the road
// it labels, the quadratic curve a-c-b (c the midpoint for a straight one).
struct LinkLabelRoad {
  Point size;
  Point a, c, b;
};
// Where each label's centre goes: on its road, as near the middle as it can
// be without covering a node's box (all of size `box`), a label placed
// before it or the outside of the area (area_lo..area_hi); else in a row
// above or below the road's middle; else where it covers least. In the
// order of `labels`.
std::vector<Point> PlaceLinkLabels(const std::vector<LinkLabelRoad>& labels, const std::vector<NodeBox>& nodes,
                                   Point box, Point area_lo, Point area_hi);

}  // namespace kafkasim::viz
