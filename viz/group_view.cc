// viz/group_view.cc — BuildGroupViews: coordinators, consumers and leaders
// read side by side.
#include "viz/group_view.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/broker/broker.h"
#include "core/broker/group_coordinator.h"
#include "sim/apps/consumer_app.h"
#include "sim/apps/processor_app.h"
#include "sim/simulation.h"

namespace kafkasim::viz {

namespace {

// The group as its coordinator holds it: the live broker that leads the
// group's __consumer_offsets partition (a broker that lost that leadership
// may still hold a stale copy; it is not asked).
const broker::GroupMetadata* CoordinatorGroup(const sim::Simulation& sim, const std::string& group, NodeId& at) {
  for (NodeId id : sim.broker_ids()) {
    const broker::Broker* b = sim.broker(id);
    if (!b || !b->group_coordinator()) continue;
    const broker::GroupMetadata* g = b->group_coordinator()->group(group);
    if (g && b->replicas().IsLeader(g->offsets_partition)) {
      at = id;
      return g;
    }
  }
  return nullptr;
}

bool IsProcessor(const sim::Simulation& sim, const std::string& client) {
  const auto& ps = sim.scenario().processors;
  return std::any_of(ps.begin(), ps.end(), [&](const scenario::ProcessorSpec& p) { return p.id == client; });
}

// The client's KafkaConsumer: a consumer's own, or a processor's input side
// (both run as NodeKind::kConsumer nodes; sim/cluster_builder.cc).
const client::KafkaConsumer* ConsumerObject(const sim::Simulation& sim, const std::string& client) {
  std::optional<NodeId> id = sim.world().FindByName(client);
  const sim::NodeSlot* slot = id ? sim.world().slot(*id) : nullptr;
  if (slot == nullptr || !slot->alive() || slot->kind() != sim::NodeKind::kConsumer) return nullptr;
  if (IsProcessor(sim, client)) return static_cast<const sim::ProcessorApp*>(slot->node())->consumer();
  return static_cast<const sim::ConsumerApp*>(slot->node())->consumer();
}

// Every consumer process of the scenario, by client id, with its group.
struct ConsumerNode {
  std::string group;
  ConsumerView view;
};

ConsumerNode ConsumerNodeOf(const sim::Simulation& sim, const std::string& group, const std::string& client) {
  ConsumerNode c;
  c.group = group;
  c.view.client = client;
  std::optional<NodeId> id = sim.world().FindByName(client);
  const sim::NodeSlot* slot = id ? sim.world().slot(*id) : nullptr;
  const client::KafkaConsumer* kc = ConsumerObject(sim, client);
  c.view.alive = slot != nullptr && slot->alive();
  if (kc != nullptr) {
    c.view.member_id = kc->coordinator().member_id();
    c.view.generation = kc->coordinator().generation();
    c.view.stable = kc->coordinator().stable();
    c.view.assignment = kc->assignment();
  }
  return c;
}

std::vector<ConsumerNode> Consumers(const sim::Simulation& sim) {
  std::vector<ConsumerNode> out;
  for (const scenario::ConsumerSpec& spec : sim.scenario().consumers)
    out.push_back(ConsumerNodeOf(sim, spec.group, spec.id));
  for (const scenario::ProcessorSpec& spec : sim.scenario().processors) {
    ConsumerNode c = ConsumerNodeOf(sim, spec.group, spec.id);
    c.view.processor = true;
    c.view.input = spec.input;
    c.view.output = spec.output;
    c.view.guarantee =
        spec.guarantee == scenario::ProcessingGuarantee::kExactlyOnceV2 ? "exactly_once_v2" : "at_least_once";
    out.push_back(std::move(c));
  }
  return out;
}

std::optional<Offset> HighWatermark(const sim::Simulation& sim, const TopicPartition& tp) {
  const broker::Partition* p = sim.Replica(sim.LeaderOf(tp), tp);
  return p ? std::optional<Offset>(p->high_watermark()) : std::nullopt;
}

void FillCoordinatorSide(const sim::Simulation& sim, const broker::GroupMetadata& g, GroupView& v) {
  v.state = std::string(broker::GroupStateName(g.state));
  v.generation = g.generation;
  v.protocol = g.protocol;
  for (const auto& [member_id, m] : g.members) {
    v.members.push_back(GroupMemberView{sim.world().NameOf(m.client), member_id, member_id == g.leader, m.assignment});
  }
  std::sort(v.members.begin(), v.members.end(),
            [](const GroupMemberView& a, const GroupMemberView& b) { return a.client < b.client; });
}

// One row per partition the group subscribes to, has committed or was assigned.
void FillPartitions(const sim::Simulation& sim, const broker::GroupMetadata* g, GroupView& v,
                    const std::set<std::string>& topics) {
  std::map<TopicPartition, GroupPartitionView> rows;
  for (const TopicPartition& tp : sim.AllPartitions())
    if (topics.contains(tp.topic)) rows[tp].tp = tp;
  for (const GroupMemberView& m : v.members)
    for (const TopicPartition& tp : m.assignment) rows[tp].tp = tp, rows[tp].owner = m.client;
  if (g != nullptr)
    for (const auto& [tp, off] : g->offsets) rows[tp].tp = tp, rows[tp].committed = off.offset;
  for (const ConsumerView& c : v.consumers) {
    const client::KafkaConsumer* kc = ConsumerObject(sim, c.client);
    if (kc == nullptr) continue;
    for (const auto& [tp, pos] : kc->positions()) {
      GroupPartitionView& r = rows[tp];
      r.tp = tp;
      // The owner's position wins over a stale holder's during a rebalance.
      if (!r.position || r.owner == c.client) r.position = pos, r.position_client = c.client;
    }
  }
  for (auto& [tp, r] : rows) {
    r.high_watermark = HighWatermark(sim, tp);
    if (r.high_watermark && r.committed) r.lag = std::max<int64_t>(0, r.high_watermark->value() - r.committed->value());
    v.partitions.push_back(std::move(r));
  }
}

}  // namespace

std::vector<GroupView> BuildGroupViews(const sim::Simulation& sim) {
  std::vector<ConsumerNode> consumers = Consumers(sim);
  std::map<std::string, std::set<std::string>> groups;  // group -> subscribed topics
  for (const scenario::ConsumerSpec& spec : sim.scenario().consumers)
    groups[spec.group].insert(spec.topics.begin(), spec.topics.end());
  for (const scenario::ProcessorSpec& spec : sim.scenario().processors)
    groups[spec.group].insert(spec.input.begin(), spec.input.end());
  for (NodeId id : sim.broker_ids()) {
    const broker::Broker* b = sim.broker(id);
    if (b && b->group_coordinator())
      for (const auto& [name, g] : b->group_coordinator()->groups()) groups[name];
  }
  std::vector<GroupView> out;
  for (const auto& [name, topics] : groups) {
    GroupView v;
    v.group = name;
    const broker::GroupMetadata* g = CoordinatorGroup(sim, name, v.coordinator);
    v.coordinator_name = g ? sim.world().NameOf(v.coordinator) : "none";
    if (g != nullptr) FillCoordinatorSide(sim, *g, v);
    for (const ConsumerNode& c : consumers)
      if (c.group == name) v.consumers.push_back(c.view);
    FillPartitions(sim, g, v, topics);
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace kafkasim::viz
