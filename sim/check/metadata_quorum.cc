// sim/check/metadata_quorum.cc — see the header.
#include "sim/check/metadata_quorum.h"

#include "core/controller/kraft/controller_node.h"
#include "sim/world.h"

namespace kafkasim::sim {

void MetadataQuorumChecker::AfterEvent(const World& world) {
  for (const auto& [id, slot] : world.slots()) {
    if (slot->kind() != NodeKind::kController || !slot->alive()) continue;
    const auto& node = *static_cast<const controller::kraft::ControllerNode*>(slot->node());
    const raft::KafkaRaftClient& c = node.raft();
    const auto& log = c.log().records();
    Seen now{slot->incarnation(), log.size(), log.empty() ? LeaderEpoch{0} : log.back().epoch,
             c.high_watermark(),  c.epoch(),  c.role()};
    auto it = seen_.find(id);
    if (it != seen_.end() && it->second == now) continue;
    if (it != seen_.end() && it->second.incarnation != now.incarnation) invariants_.OnRestart(id);
    seen_[id] = now;
    if (auto bad = invariants_.Check(raft::Snapshot(c))) violations_.insert(*bad);
  }
}

}  // namespace kafkasim::sim
