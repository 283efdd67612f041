// core/controller/kraft/quorum_controller_partitions.cc — partitions:
// AlterPartition from their leaders, creation, and elections when brokers
// are fenced or unfenced (Kafka's ReplicationControlManager, 3.7).
#include <algorithm>

#include "core/controller/kraft/quorum_controller.h"
#include "core/observe/observation.h"
#include "core/protocol/message.h"
#include "core/util/assert.h"

namespace kafkasim::controller::kraft {
namespace {

bool ListsNode(const std::vector<NodeId>& v, NodeId id) { return std::find(v.begin(), v.end(), id) != v.end(); }

std::string BracketedIds(const std::vector<NodeId>& ids) {
  std::string out;
  for (NodeId id : ids) out += (out.empty() ? "" : ",") + std::to_string(id.value());
  return "[" + out + "]";
}

}  // namespace

void QuorumController::AnswerAlterPartition(NodeId from, const AlterPartitionRequest& req, ErrorCode error) {
  AlterPartitionResponse resp{req.correlation_id, error, req.tp, kNoNode, LeaderEpoch{0}, {}, 0};
  if (const PartitionRegistration* p = image_.Partition(req.tp)) {
    resp.leader = p->leader;
    resp.leader_epoch = p->leader_epoch;
    resp.isr = p->isr;
    resp.partition_epoch = p->partition_epoch;
  }
  env_.net.Send(from, resp);
}

// ReplicationControlManager.alterPartition / validateAlterPartitionData:
// the sender must be a registered broker of that epoch and the partition's
// leader in the same leader epoch and partition epoch; every new ISR member
// must be an unfenced replica (KIP-841: INELIGIBLE_REPLICA). The ISR change
// does not bump the leader epoch; the answer carries the new state once it
// is committed.
void QuorumController::HandleAlterPartition(NodeId from, const AlterPartitionRequest& req) {
  auto b = image_.brokers().find(req.broker_id);
  if (b == image_.brokers().end() || b->second.epoch != req.broker_epoch) {
    return AnswerAlterPartition(from, req, ErrorCode::STALE_BROKER_EPOCH);
  }
  const PartitionRegistration* p = image_.Partition(req.tp);
  if (p == nullptr) return AnswerAlterPartition(from, req, ErrorCode::UNKNOWN_TOPIC_OR_PARTITION);
  if (p->leader != req.broker_id) return AnswerAlterPartition(from, req, ErrorCode::NOT_LEADER_OR_FOLLOWER);
  if (req.leader_epoch != p->leader_epoch) return AnswerAlterPartition(from, req, ErrorCode::FENCED_LEADER_EPOCH);
  if (req.partition_epoch != p->partition_epoch) {
    return AnswerAlterPartition(from, req, ErrorCode::INVALID_UPDATE_VERSION);
  }
  for (NodeId r : req.new_isr) {
    if (!ListsNode(p->replicas, r) || (!ListsNode(p->isr, r) && !image_.IsUnfenced(r))) {
      return AnswerAlterPartition(from, req, ErrorCode::INELIGIBLE_REPLICA);
    }
  }
  if (req.new_isr == p->isr) return AnswerAlterPartition(from, req, ErrorCode::NONE);
  const std::vector<NodeId> old_isr = p->isr;
  PartitionChangeRecord change{req.tp, std::nullopt, req.new_isr, std::nullopt, std::nullopt};
  if (settings_.eligible_leader_replicas_enable && ListsNode(req.new_isr, p->leader)) {
    // With ELR the change goes through PartitionChangeBuilder, as Kafka's
    // alterPartition always does: a shrink below min ISR fills the ELR, a
    // return to min ISR empties it. The leader sent it, so it stays leader.
    PartitionChangeOptions o = ChangeOptions(req.tp.topic);
    o.bump_on_isr_shrink = false;
    auto built = BuildPartitionChange(
        req.tp, *p, req.new_isr, [](NodeId) { return true; }, o);
    KSIM_ASSERT(built && !built->record.leader, "an AlterPartition from the leader that changes the leader");
    change = built->record;
  }
  Write({change}, [this, from, req] { AnswerAlterPartition(from, req, ErrorCode::NONE); });
  Note("AlterPartition from broker " + std::to_string(req.broker_id.value()) + ": " + req.tp.ToString() + " ISR " +
       BracketedIds(old_isr) + " -> " + BracketedIds(req.new_isr));
}

bool QuorumController::UncleanAllowed(const std::string& topic) const {
  for (const TopicAssignment& t : settings_.topics) {
    if (t.topic == topic && t.config.unclean_leader_election_enable) return *t.config.unclean_leader_election_enable;
  }
  return settings_.unclean_leader_election_enable;
}

// getTopicEffectiveMinIsr and the election flags of generateLeaderAndIsrUpdates.
PartitionChangeOptions QuorumController::ChangeOptions(const std::string& topic) const {
  PartitionChangeOptions o;
  o.unclean_allowed = UncleanAllowed(topic);
  o.elr_enabled = settings_.eligible_leader_replicas_enable;
  o.min_isr = settings_.min_insync_replicas;
  for (const TopicAssignment& t : settings_.topics)
    if (t.topic == topic && t.config.min_insync_replicas) o.min_isr = *t.config.min_insync_replicas;
  return o;
}

// generateLeaderAndIsrUpdates: `removed` leaves the ISR of every partition
// it is in (and its leaderships); `added` may now be elected where a
// partition has no leader; `unclean_shutdown` leaves ISR and ELR and may not
// lead. One PartitionChangeRecord per changed partition.
std::vector<MetadataRecord> QuorumController::LeaderAndIsrUpdates(NodeId removed, NodeId added, const std::string& why,
                                                                  NodeId unclean_shutdown) {
  std::vector<MetadataRecord> out;
  auto acceptable = [&](NodeId r) {
    return r != removed && r != unclean_shutdown && (r == added || image_.IsUnfenced(r));
  };
  for (const auto& [tp, p] : image_.partitions()) {
    const bool touched =
        (removed != kNoNode && (ListsNode(p.isr, removed) || p.leader == removed)) ||
        (added != kNoNode && p.leader == kNoNode && ListsNode(p.replicas, added)) ||
        (unclean_shutdown != kNoNode && (ListsNode(p.isr, unclean_shutdown) || ListsNode(p.elr, unclean_shutdown)));
    if (!touched) continue;
    std::vector<NodeId> isr;
    for (NodeId r : p.isr)
      if (r != removed && r != unclean_shutdown) isr.push_back(r);
    PartitionChangeOptions o = ChangeOptions(tp.topic);
    o.unclean_shutdown = unclean_shutdown;
    auto change = BuildPartitionChange(tp, p, isr, acceptable, o);
    if (!change) continue;
    const PartitionRegistration next = Merge(p, change->record);
    if (change->record.leader) {
      env_.observer.Observe(ObsElection{env_.self, tp, next.leader, next.leader_epoch, next.isr, change->unclean,
                                        why + (change->unclean ? " (unclean election)" : "")});
    }
    if (change->record.elr || change->record.last_known_elr) {
      Note(tp.ToString() + " ELR " + BracketedIds(next.elr) + ", last known ELR " + BracketedIds(next.last_known_elr) +
           " (" + why + ")");
    }
    out.emplace_back(change->record);
  }
  return out;
}

// The scenario's topics, as an admin's CreateTopics would make them
// (ReplicationControlManager.createTopic): written once every broker they
// are assigned to is unfenced; the ISR is the replicas, the leader the
// first. kafkasim creates them with the cluster, not through CreateTopics.
std::vector<MetadataRecord> QuorumController::MaybeCreateTopics() {
  std::vector<MetadataRecord> out;
  for (const TopicAssignment& t : settings_.topics) {
    if (image_.topics().count(t.topic) != 0) continue;
    bool ready = true;
    for (const auto& replicas : t.replicas)
      for (NodeId r : replicas) ready = ready && image_.IsUnfenced(r);
    if (!ready) continue;
    out.emplace_back(TopicRecord{t.topic});
    for (size_t p = 0; p < t.replicas.size(); ++p) {
      const auto& replicas = t.replicas[p];
      const TopicPartition tp{t.topic, PartitionId{static_cast<int32_t>(p)}};
      out.emplace_back(PartitionRecord{tp, replicas, replicas, replicas.front(), LeaderEpoch{0}, 0, {}, {}});
      env_.observer.Observe(
          ObsElection{env_.self, tp, replicas.front(), LeaderEpoch{0}, replicas, false, "topic created"});
    }
  }
  return out;
}

}  // namespace kafkasim::controller::kraft
