// viz/cluster_layout.h — where each node sits in the cluster view: the
// coordination service on top, brokers in a row across the middle,
// producers bottom-left, consumers bottom-right, stream processors
// between the two (they read like a consumer and write like a producer). Pure geometry (no ImGui),
// in a unit square; the window scales it.
#pragma once

#include <map>
#include <vector>

#include "core/types.h"
#include "sim/world.h"

namespace kafkasim::viz {

struct NodePlace {
  float x = 0.5f;  // centre, 0..1 of the view width
  float y = 0.5f;  // row: 0 top (zookeeper), 0.5 brokers, 1 bottom (clients)
};

struct NodeInfo {
  NodeId id;
  sim::NodeKind kind;
  bool processor = false;  // a kConsumer node that is a stream processor: placed between producers and consumers
};

// More brokers than this take two rows (y 1/3 and 2/3), the second staggered.
inline constexpr size_t kOneBrokerRowMax = 8;

std::map<NodeId, NodePlace> LayoutCluster(const std::vector<NodeInfo>& nodes);
// The rows LayoutCluster uses: 3, or 4 with two broker rows.
size_t RowCount(const std::vector<NodeInfo>& nodes);
// The most columns any row of LayoutCluster needs (at least 1).
size_t WidestRow(const std::vector<NodeInfo>& nodes);

}  // namespace kafkasim::viz
