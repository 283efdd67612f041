// viz/cluster_layout.cc — rows of nodes, evenly spaced.
#include "viz/cluster_layout.h"

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
  std::vector<NodeId> zk, brokers, producers, consumers;
  for (const NodeInfo& n : nodes) {
    switch (n.kind) {
      case sim::NodeKind::kZooKeeper: zk.push_back(n.id); break;
      case sim::NodeKind::kBroker: brokers.push_back(n.id); break;
      case sim::NodeKind::kProducer: producers.push_back(n.id); break;
      case sim::NodeKind::kConsumer: consumers.push_back(n.id); break;
    }
  }
  std::map<NodeId, NodePlace> out;
  PlaceRow(zk, 0.25f, 0.75f, 0.12f, &out);
  PlaceRow(brokers, 0.0f, 1.0f, 0.48f, &out);
  bool both = !producers.empty() && !consumers.empty();
  PlaceRow(producers, 0.0f, both ? 0.5f : 1.0f, 0.86f, &out);
  PlaceRow(consumers, both ? 0.5f : 0.0f, 1.0f, 0.86f, &out);
  return out;
}

}  // namespace kafkasim::viz
