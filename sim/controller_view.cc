// sim/controller_view.cc — see the header.
#include "sim/controller_view.h"

#include "core/controller/zk_data.h"
#include "core/controller/zookeeper_server.h"
#include "sim/simulation.h"

namespace kafkasim::sim {

std::optional<ControllerPartitionView> ControllerViewOf(const Simulation& sim, const TopicPartition& tp) {
  const NodeSlot* slot = sim.world().slot(kZooKeeperNode);
  if (!slot || slot->kind() != NodeKind::kZooKeeper || !slot->alive()) return std::nullopt;
  const auto& zk = *static_cast<const controller::ZooKeeperServer*>(slot->node());
  const controller::Znode* state = zk.Find(controller::TopicPartitionStatePath(tp));
  if (!state) return std::nullopt;
  auto s = controller::DecodePartitionState(state->data, state->version);
  if (!s) return std::nullopt;
  ControllerPartitionView v{s->leader, s->leader_epoch, s->isr, {}, s->zk_version};
  if (const controller::Znode* topic = zk.Find(controller::TopicPath(tp.topic))) {
    auto replicas = controller::DecodeTopicAssignment(topic->data);
    const auto p = static_cast<size_t>(tp.partition.value());
    if (replicas && p < replicas->size()) v.replicas = (*replicas)[p];
  }
  return v;
}

}  // namespace kafkasim::sim
