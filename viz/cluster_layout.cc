// viz/cluster_layout.cc — rows of nodes, evenly spaced.
#include "viz/cluster_layout.h"

#include <algorithm>
#include <cstddef>

namespace kafkasim::viz {

namespace {

// Spreads `ids` evenly over [x0, x1] at height y.
void PlaceRow(const std::vector<NodeId>& ids, float x0, float x1, float y, std::map<NodeId, NodePlace>* out) {
  for (size_t i = 0; i < ids.size(); ++i) {
    float t = (static_cast<float>(i) + 0.5f) / static_cast<float>(ids.size());
    (*out)[ids[i]] = NodePlace{x0 + (x1 - x0) * t, y};
  }
}

}  // namespace

std::map<NodeId, NodePlace> LayoutCluster(const std::vector<NodeInfo>& nodes) {
  std::vector<NodeId> zk, brokers, producers, consumers, processors;
  for (const NodeInfo& n : nodes) {
    switch (n.kind) {
      case sim::NodeKind::kZooKeeper:
      case sim::NodeKind::kController:  // KRaft voters take ZooKeeper's row
        zk.push_back(n.id);
        break;
      case sim::NodeKind::kBroker:
        brokers.push_back(n.id);
        break;
      case sim::NodeKind::kProducer:
        producers.push_back(n.id);
        break;
      case sim::NodeKind::kConsumer:
        (n.processor ? processors : consumers).push_back(n.id);
        break;
    }
  }
  consumers.insert(consumers.begin(), processors.begin(), processors.end());
  std::map<NodeId, NodePlace> out;
  PlaceRow(zk, 0.25f, 0.75f, 0.0f, &out);
  if (brokers.size() > kOneBrokerRowMax) {
    // Two rows, the second staggered by half a column: boxes twice as wide
    // (twelve brokers' names were unreadable on one row) and the road
    // between two neighbours no longer passes behind the ones between.
    const size_t half = (brokers.size() + 1) / 2;
    const float shift = 0.5f / static_cast<float>(half);
    PlaceRow({brokers.begin(), brokers.begin() + static_cast<std::ptrdiff_t>(half)}, 0.0f, 1.0f - shift, 1.0f / 3,
             &out);
    PlaceRow({brokers.begin() + static_cast<std::ptrdiff_t>(half), brokers.end()}, shift, 1.0f, 2.0f / 3, &out);
  } else {
    PlaceRow(brokers, 0.0f, 1.0f, 0.5f, &out);
  }
  // Producers left, consumers right, sharing the bottom row in proportion.
  float split = producers.empty() || consumers.empty()
                    ? (producers.empty() ? 0.0f : 1.0f)
                    : static_cast<float>(producers.size()) / static_cast<float>(producers.size() + consumers.size());
  PlaceRow(producers, 0.0f, split, 1.0f, &out);
  PlaceRow(consumers, split, 1.0f, 1.0f, &out);
  return out;
}

size_t WidestRow(const std::vector<NodeInfo>& nodes) {
  size_t zk = 0, brokers = 0, clients = 0;
  for (const NodeInfo& n : nodes) {
    if (n.kind == sim::NodeKind::kZooKeeper || n.kind == sim::NodeKind::kController) ++zk;
    if (n.kind == sim::NodeKind::kBroker) ++brokers;
    if (n.kind == sim::NodeKind::kProducer || n.kind == sim::NodeKind::kConsumer) ++clients;
  }
  // Two broker rows: half a column more for the stagger.
  if (brokers > kOneBrokerRowMax) brokers = (brokers + 1) / 2 + 1;
  return std::max<size_t>({1, zk, brokers, clients});
}

size_t RowCount(const std::vector<NodeInfo>& nodes) {
  const auto brokers =
      std::count_if(nodes.begin(), nodes.end(), [](const NodeInfo& n) { return n.kind == sim::NodeKind::kBroker; });
  return static_cast<size_t>(brokers) > kOneBrokerRowMax ? 4 : 3;
}

}  // namespace kafkasim::viz
