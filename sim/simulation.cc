#include "sim/simulation.h"

#include "core/broker/broker.h"
#include "core/controller/kraft/controller_node.h"
#include "sim/cluster_builder.h"

namespace kafkasim::sim {
namespace {

LinkDefaults LinkDefaultsOf(const scenario::NetworkSpec& n) {
  LinkDefaults d;
  d.latency_min_ns = n.latency.min_ns;
  d.latency_max_ns = n.latency.max_ns;
  d.loss = n.loss;
  d.duplicate = n.duplicate;
  d.reorder = n.reorder;
  d.bandwidth_bytes_per_sec = n.bandwidth_bytes_per_sec;
  return d;
}

}  // namespace

Simulation::Simulation(scenario::Scenario scenario, uint64_t seed, TraceSinks sinks)
    : scenario_(std::move(scenario)),
      seed_(seed),
      world_(std::make_unique<World>(seed, LinkDefaultsOf(scenario_.cluster.network))),
      story_([this](NodeId id) { return world_->NameOf(id); }) {
  world_->trace().set_output(sinks.out);
  world_->trace().set_hashing(sinks.hash);
  if (sinks.listener) world_->trace().set_listener(std::move(sinks.listener));
  ScopedAssertContext context(this);
  Build();
}

Simulation::~Simulation() = default;

AssertContext Simulation::CurrentAssertContext() const {
  return AssertContext{seed_, world_->trace().lines(), world_->Now()};
}

void Simulation::Build() {
  invariants_.set_namer([this](NodeId id) { return world_->NameOf(id); });
  invariants_.set_hw_lookup([this](NodeId b, const TopicPartition& tp) -> std::optional<Offset> {
    const broker::Partition* p = Replica(b, tp);
    if (!p || !p->is_leader()) return std::nullopt;
    return p->high_watermark();
  });
  invariants_.set_lso_lookup([this](NodeId b, const TopicPartition& tp) -> std::optional<Offset> {
    const broker::Partition* p = Replica(b, tp);
    if (!p || !p->is_leader()) return std::nullopt;
    return p->last_stable_offset();
  });
  world_->set_observation_hook([this](const Observation& obs) {
    history_.Record(world_->Now(), obs);
    story_.Observe(world_->Now(), obs);
    losses_.Observe(world_->trace().lines(), world_->Now(), obs);
    if (narration_anchored_) {
      for (size_t i : narration_.Observe(world_->Now(), obs))
        story_.Add(world_->Now(), "» " + scenario_.narration[i].text);
    }
    if (invariants_.Check(world_->trace().lines(), world_->Now(), obs)) stop_ = true;
    if (auto* hw = std::get_if<ObsHighWatermark>(&obs)) {
      replica_agreement_.OnLeaderHighWatermark(*this, world_->trace().lines(), world_->Now(), *hw);
    } else if (auto* isr = std::get_if<ObsIsrChange>(&obs)) {
      replica_agreement_.OnIsrChange(*this, world_->trace().lines(), world_->Now(), *isr);
    }
    if (listener_) listener_(obs);
  });
  world_->buggify().set_enabled(scenario_.buggify);
  if (scenario_.buggify) {
    std::string sites;
    for (std::string_view site : kBuggifySites)
      sites += std::string(site) + (world_->buggify().SiteEnabled(site) ? "=on " : "=off ");
    story_.Add(0, "BUGGIFY: rare-path injection points for this seed: " + sites);
  }
  BuildCluster(*world_, scenario_);
  world_->trace().Begin(0, "run").Field("scenario", scenario_.name).Field("seed", seed_);
  world_->trace().End();
  // The coordination service first, so the brokers' first connect finds it
  // running (as an operator starts ZooKeeper before Kafka).
  // KRaft mode: the controller quorum likewise.
  if (scenario_.cluster.mode == scenario::ClusterMode::kZooKeeper) world_->Start(kZooKeeperNode);
  for (const auto& [id, slot] : world_->slots())
    if (slot->kind() == NodeKind::kController) world_->Start(id);
  for (const auto& [id, slot] : world_->slots()) world_->Start(id);
  ScheduleFaults();
}

void Simulation::ScheduleFaults() {
  uint64_t fault_id = 0;
  for (const scenario::Fault& f : scenario_.faults) {
    ++fault_id;
    world_->loop().At(f.at_ns, [this, &f, fault_id] { ApplyFault(f, fault_id); });
  }
  for (size_t i = 0; i < scenario_.narration.size(); ++i) {
    const scenario::NarrationStep& n = scenario_.narration[i];
    narration_anchored_ |= n.after != scenario::NarrationAnchor::kNone;
    // Traced at `at` whether or not the step waits for an event: narration
    // never changes the run, so the trace (and its hash) does not either.
    world_->loop().At(n.at_ns, [this, &n, i] {
      world_->trace().Begin(world_->Now(), "narration").Field("text", n.text);
      world_->trace().End();
      if (narration_.Arm(i, world_->Now())) story_.Add(world_->Now(), "» " + n.text);
    });
  }
}

void Simulation::NoteFault(const std::string& what) {
  last_fault_note_ = what;
  world_->TraceFault(what);
  losses_.OnFault(world_->trace().lines(), world_->Now(), what);
  story_.Add(world_->Now(), "FAULT: " + what);
}

void Simulation::NoteSkippedFault(const std::string& what, const std::string& why) {
  last_fault_note_ = "skipped: " + what;
  world_->TraceFault("skipped: " + what + ": " + why);
  story_.Add(world_->Now(), "FAULT skipped: " + what + " (" + why + ")");
}

bool Simulation::Step() {
  if (stop_) return false;
  ScopedAssertContext context(this);
  TimeNs next = world_->loop().NextTime();
  if (next < 0 || next > end_time()) {
    world_->loop().RunUntil(end_time());
    return false;
  }
  StepEvent();
  losses_.Settle(*this, world_->trace().lines(), world_->Now());
  return !stop_;
}

void Simulation::StepEvent() {
  world_->loop().Step();
  if (scenario_.cluster.mode == scenario::ClusterMode::kKRaft) metadata_quorum_.AfterEvent(*world_);
  losses_.AfterEvent(*this, world_->trace().lines(), world_->Now());
}

void Simulation::RunUntil(TimeNs t) {
  ScopedAssertContext context(this);
  TimeNs until = std::min(t, end_time());
  while (!stop_) {
    TimeNs next = world_->loop().NextTime();
    if (next < 0 || next > until) break;
    StepEvent();
  }
  if (!stop_) world_->loop().RunUntil(until);
  losses_.Settle(*this, world_->trace().lines(), world_->Now());
}

const broker::Broker* Simulation::broker(NodeId id) const {
  const NodeSlot* s = world_->slot(id);
  if (!s || s->kind() != NodeKind::kBroker || !s->alive()) return nullptr;
  return static_cast<const broker::Broker*>(s->node());
}

std::vector<NodeId> Simulation::broker_ids() const {
  std::vector<NodeId> ids;
  for (const auto& [id, s] : world_->slots())
    if (s->kind() == NodeKind::kBroker) ids.push_back(id);
  return ids;
}

const broker::Partition* Simulation::Replica(NodeId id, const TopicPartition& tp) const {
  const broker::Broker* b = broker(id);
  if (!b) return nullptr;
  return b->replicas().partition(tp);
}

NodeId Simulation::LeaderOf(const TopicPartition& tp) const {
  NodeId best = kNoNode;
  LeaderEpoch best_epoch = kNoLeaderEpoch;
  for (NodeId id : broker_ids()) {
    const broker::Partition* p = Replica(id, tp);
    if (!p || !p->is_leader()) continue;
    if (p->leader_epoch() > best_epoch) {
      best_epoch = p->leader_epoch();
      best = id;
    }
  }
  return best;
}

NodeId Simulation::Controller() const {
  if (scenario_.cluster.mode == scenario::ClusterMode::kKRaft) {
    const controller::kraft::ControllerNode* c = ActiveController();
    return c ? c->raft().local_id() : kNoNode;
  }
  for (NodeId id : broker_ids()) {
    const broker::Broker* b = broker(id);
    if (b && b->control_plane().is_controller()) return id;
  }
  return kNoNode;
}

const controller::kraft::ControllerNode* Simulation::ActiveController() const {
  const controller::kraft::ControllerNode* best = nullptr;
  for (const auto& [id, s] : world_->slots()) {
    if (s->kind() != NodeKind::kController || !s->alive()) continue;
    const auto* c = static_cast<const controller::kraft::ControllerNode*>(s->node());
    if (c->active() != nullptr && (best == nullptr || c->active()->epoch() > best->active()->epoch())) best = c;
  }
  return best;
}

std::vector<TopicPartition> Simulation::AllPartitions() const {
  std::vector<TopicPartition> out;
  for (const auto& t : scenario_.topics)
    for (int p = 0; p < t.partitions; ++p) out.push_back(TopicPartition{t.name, PartitionId{p}});
  return out;
}

NodeId Simulation::ResolveNode(const scenario::NodeRef& ref) const {
  using K = scenario::NodeRef::Kind;
  switch (ref.kind) {
    case K::kNamed:
      return world_->FindByName(ref.name).value_or(kNoNode);
    case K::kController:
      return Controller();
    case K::kLeaderOf:
      return LeaderOf(ref.tp);
    case K::kAll:
      return kNoNode;
  }
  return kNoNode;
}

}  // namespace kafkasim::sim
