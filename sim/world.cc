#include "sim/world.h"

#include <utility>

#include "core/protocol/message.h"

namespace kafkasim::sim {

NodeSlot::NodeSlot(World& world, NodeId id, std::string name, NodeKind kind, Factory factory, Prng prng)
    : world_(world),
      id_(id),
      name_(std::move(name)),
      kind_(kind),
      factory_(std::move(factory)),
      prng_(prng),
      env_{id, world, *this, *this, disk_, prng_, *this, world.buggify(), *this} {}

bool SimBuggify::SiteEnabled(std::string_view site) const {
  if (!enabled_) return false;
  uint64_t h = prng_.seed() ^ 0x6275676769667900ULL;  // "buggify"
  for (unsigned char c : site) h = (h ^ c) * 0x100000001b3ULL;
  return (SplitMix64(h) & 3) == 0;
}

bool SimBuggify::Fire(std::string_view site) {
  if (!SiteEnabled(site) || !prng_.Chance(0.05)) return false;
  world_.TraceFault("buggify " + std::string(site));
  return true;
}

void NodeSlot::RunOrDefer(Callback fn) {
  if (paused_) {
    deferred_.push_back(std::move(fn));
  } else {
    fn();
  }
}

TimerId NodeSlot::Schedule(TimeNs delay_ns, std::function<void()> fn) {
  uint32_t slot;
  if (free_timers_.empty()) {
    slot = static_cast<uint32_t>(timers_.size());
    timers_.emplace_back();
  } else {
    slot = free_timers_.back();
    free_timers_.pop_back();
  }
  Timer& t = timers_[slot];
  uint32_t generation = t.generation;
  t.fn = std::move(fn);
  t.live = true;
  t.event = world_.loop_.After(delay_ns, [this, slot, generation] { FireTimer(slot, generation); });
  return (static_cast<uint64_t>(generation) << 32) | slot;
}

void NodeSlot::FireTimer(uint32_t slot, uint32_t generation) {
  Timer& t = timers_[slot];
  if (!t.live || t.generation != generation) return;
  t.event = 0;
  if (paused_) {
    // Checked again when the deferred timer finally runs: work that ran
    // first on resume may have cancelled it.
    deferred_.push_back([this, slot, generation] { RunTimer(slot, generation); });
    return;
  }
  RunTimer(slot, generation);
}

void NodeSlot::RunTimer(uint32_t slot, uint32_t generation) {
  Timer& t = timers_[slot];
  if (!t.live || t.generation != generation) return;
  Callback fn = std::move(t.fn);
  FreeTimer(slot);
  fn();
}

void NodeSlot::FreeTimer(uint32_t slot) {
  Timer& t = timers_[slot];
  t.fn.reset();
  t.event = 0;
  t.live = false;
  if (++t.generation == 0) t.generation = 1;  // TimerIds are never 0
  free_timers_.push_back(slot);
}

void NodeSlot::Cancel(TimerId id) {
  uint32_t slot = static_cast<uint32_t>(id);
  uint32_t generation = static_cast<uint32_t>(id >> 32);
  if (slot >= timers_.size()) return;
  Timer& t = timers_[slot];
  if (!t.live || t.generation != generation) return;
  if (t.event != 0) world_.loop_.Cancel(t.event);
  FreeTimer(slot);
}

void NodeSlot::DropTimers() {
  for (uint32_t slot = 0; slot < timers_.size(); ++slot) {
    Timer& t = timers_[slot];
    if (!t.live) continue;
    if (t.event != 0) world_.loop_.Cancel(t.event);
    FreeTimer(slot);
  }
}

void NodeSlot::Send(NodeId to, Message message) {
  NodeSlot* dst = world_.slot(to);
  const TimeNs now = world_.Now();
  SendPlan plan = world_.network_.Plan(id_, to, MessageBytes(message), now);
  if (world_.trace_messages_ && !world_.trace_.recording()) {
    world_.trace_.Skip();
  } else if (world_.trace_messages_) {
    auto& w = world_.trace_.Begin(now, plan.dropped ? "drop" : "send");
    w.Field("from", id_.value()).Field("to", to.value()).Field("msg", MessageName(message));
    if (plan.dropped) w.Field("reason", plan.drop_reason);
    if (plan.retransmits > 0) w.Field("retransmits", plan.retransmits);
    world_.trace_.End();
  }
  if (plan.dropped || dst == nullptr) return;
  const uint64_t to_inc = dst->incarnation_;
  const NodeId from = id_;
  // A duplicating link delivers the message more than once: each earlier
  // delivery gets a copy, the last one takes the original.
  auto deliver_at = [&](TimeNs at, Message m) {
    const uint64_t flight = world_.next_flight_++;
    world_.in_flight_[flight] = InFlight{from, to, MessageName(m), now, at};
    world_.loop_.At(
        at, [w = &world_, flight, from, to, to_inc, m = std::move(m)] { w->Deliver(flight, from, to, to_inc, m); });
  };
  for (size_t i = 0; i + 1 < plan.deliver_at.size(); ++i) deliver_at(plan.deliver_at[i], message);
  if (!plan.deliver_at.empty()) deliver_at(plan.deliver_at.back(), std::move(message));
}

void NodeSlot::Disconnect(NodeId to) {
  world_.TraceConnection("close", id_, to);
  world_.network_.ResetConnection(id_, to);
}

void NodeSlot::Observe(Observation obs) {
  world_.trace_.Observe(world_.Now(), obs);
  if (world_.obs_hook_) world_.obs_hook_(obs);
}

void NodeSlot::Halt(std::string_view reason) {
  world_.TraceFault(name_ + " halts: " + std::string(reason));
  uint64_t inc = incarnation_;
  world_.loop_.After(0, [this, inc] {
    if (incarnation_ == inc && node_) world_.Crash(id_, KillType::kProcessCrash);
  });
}

World::World(uint64_t seed, LinkDefaults net)
    : seed_(seed),
      root_(seed),
      disk_faults_(root_.Child(0x6469736b)),  // "disk"
      network_(net, root_.Child(0x6e6574)),
      buggify_(*this, root_.Child(0x627567)) {}

World::~World() {
  // Destroy nodes before the loop so no callback outlives its owner.
  for (auto& [id, s] : slots_) s->node_.reset();
}

NodeSlot& World::AddNode(NodeId id, std::string name, NodeKind kind, NodeSlot::Factory factory) {
  auto slot = std::make_unique<NodeSlot>(*this, id, std::move(name), kind, std::move(factory),
                                         root_.Child(static_cast<uint64_t>(id.value()) + 1));
  NodeSlot& ref = *slot;
  slots_[id] = std::move(slot);
  ref.disk_.set_fsync_hook([this, id] { OnFsync(id); });
  return ref;
}

NodeSlot* World::slot(NodeId id) {
  auto it = slots_.find(id);
  return it == slots_.end() ? nullptr : it->second.get();
}

const NodeSlot* World::slot(NodeId id) const {
  auto it = slots_.find(id);
  return it == slots_.end() ? nullptr : it->second.get();
}

std::optional<NodeId> World::FindByName(const std::string& name) const {
  for (const auto& [id, s] : slots_)
    if (s->name() == name) return id;
  return std::nullopt;
}

std::string World::NameOf(NodeId id) const {
  const NodeSlot* s = slot(id);
  return s ? s->name() : "node-" + std::to_string(id.value());
}

void World::Start(NodeId id) {
  NodeSlot* s = slot(id);
  if (!s || s->node_) return;
  ++s->incarnation_;
  s->paused_ = false;
  s->deferred_.clear();
  s->DropTimers();
  s->node_ = s->factory_(s->env_);
  s->node_->Start();
}

std::string World::CannotApply(NodeFault fault, NodeId id) const {
  const NodeSlot* s = slot(id);
  if (!s) return "there is no node " + std::to_string(id.value());
  const std::string& name = s->name();
  switch (fault) {
    case NodeFault::kCrash:
      return s->node_ ? "" : name + " is already down";
    case NodeFault::kPowerFail:
      return "";
    case NodeFault::kRestart:
      if (!s->node_) return "";
      return name + (s->paused_ ? " is paused, not crashed" : " is already running");
    case NodeFault::kPause:
      if (!s->node_) return name + " is down";
      return s->paused_ ? name + " is already paused" : "";
  }
  return "";
}

void World::Crash(NodeId id, KillType how) {
  const bool power_fail = how != KillType::kProcessCrash;
  const bool torn_write = how == KillType::kPowerFailTornWrite;
  NodeSlot* s = slot(id);
  if (!s) return;
  if (!s->node_) {
    // The process is already gone; the machine's page cache goes now.
    if (power_fail) PowerFailDisk(*s, torn_write);
    return;
  }
  s->node_.reset();
  ++s->incarnation_;
  s->deferred_.clear();
  s->DropTimers();
  s->paused_ = false;
  if (power_fail) {
    // The machine is gone: no FIN/RST reaches anyone; peers find out only
    // through their timeouts.
    PowerFailDisk(*s, torn_write);
    return;
  }
  s->disk_.CrashProcess();
  // The kernel closes a dead process's sockets: every peer's connection to
  // it is reset (one link latency later, unless the link is cut).
  for (auto& [peer, other] : slots_)
    if (peer != id) NotifyUnreachable(peer, id);
}

void World::PowerFailDisk(NodeSlot& s, bool torn_write) {
  if (torn_write) {
    s.disk_.PowerFailTorn(disk_faults_);
  } else {
    s.disk_.PowerFail();
  }
}

void World::Restart(NodeId id) { Start(id); }

void World::SetDiskFault(NodeId id, DiskFault fault) {
  if (NodeSlot* s = slot(id)) s->disk_.set_fault(fault);
}

void World::Pause(NodeId id, TimeNs duration) {
  NodeSlot* s = slot(id);
  if (!s || !s->node_ || s->paused_) return;
  s->paused_ = true;
  uint64_t inc = s->incarnation_;
  uint64_t pause = ++s->pause_generation_;
  loop_.After(duration, [this, id, inc, pause] {
    NodeSlot* t = slot(id);
    if (t && t->incarnation_ == inc && t->pause_generation_ == pause) Resume(id);
  });
}

// BUGGIFY slow_fsync: the fsync returns late, and the process (which in
// Kafka waits for it on a request handler or the log flusher) is stalled
// meanwhile — the same as a short stop-the-world pause.
void World::OnFsync(NodeId id) {
  NodeSlot* s = slot(id);
  if (!s || !s->node_ || s->paused_ || !buggify_.Fire("slow_fsync")) return;
  TimeNs stall = Ms(disk_faults_.Between(50, 500));
  TraceFault("slow fsync on " + NameOf(id) + ": its process stalls " + std::to_string(stall / kNsPerMs) + " ms");
  Pause(id, stall);
}

void World::Resume(NodeId id) {
  NodeSlot* s = slot(id);
  if (!s || !s->paused_) return;
  s->paused_ = false;
  auto work = std::move(s->deferred_);
  s->deferred_.clear();
  uint64_t inc = s->incarnation_;
  for (auto& fn : work) {
    if (s->incarnation_ != inc || !s->node_) break;
    fn();
  }
}

// The receiver's process is gone: like a TCP reset, the sender learns it one
// link latency later (Kafka's clients then fail their in-flight requests with
// a disconnect instead of waiting for request.timeout.ms). A cut link gives
// no such signal — only timeouts.
// A connection event of `node`'s towards `peer`, when messages are traced:
// "disconnect" (the peer's process is gone), "close" (node closed it).
void World::TraceConnection(std::string_view type, NodeId node, NodeId peer) {
  if (!trace_messages_) return;
  if (!trace_.recording()) {
    trace_.Skip();
    return;
  }
  trace_.Begin(Now(), type).Field("node", node.value()).Field("peer", peer.value());
  trace_.End();
}

void World::NotifyUnreachable(NodeId from, NodeId to) {
  NodeSlot* src = slot(from);
  if (!src || !src->node_ || network_.IsCut(to, from)) return;
  TraceConnection("disconnect", from, to);
  uint64_t inc = src->incarnation_;
  TimeNs delay = network_.defaults().latency_min_ns;
  loop_.After(delay, [this, from, to, inc] {
    NodeSlot* s = slot(from);
    if (!s || !s->node_ || s->incarnation_ != inc) return;
    s->RunOrDefer([s, to, inc] {
      if (s->node_ && s->incarnation_ == inc) s->node_->OnPeerUnreachable(to);
    });
  });
}

void World::TraceFault(const std::string& what) {
  trace_.Begin(Now(), "fault").Field("what", what);
  trace_.End();
}

void World::Deliver(uint64_t flight, NodeId from, NodeId to, uint64_t to_incarnation, const Message& m) {
  in_flight_.erase(flight);
  NodeSlot* dst = slot(to);
  bool ok = dst && dst->node_ && dst->incarnation_ == to_incarnation;
  if (trace_messages_ && !trace_.recording()) {
    trace_.Skip();
  } else if (trace_messages_) {
    auto& w = trace_.Begin(Now(), ok ? "deliver" : "drop");
    w.Field("from", from.value()).Field("to", to.value()).Field("msg", MessageName(m));
    if (!ok) w.Field("reason", "receiver down");
    trace_.End();
  }
  if (!ok) {
    NotifyUnreachable(from, to);
    return;
  }
  if (!dst->paused_) {
    dst->node_->OnMessage(from, m);
    return;
  }
  dst->deferred_.push_back([dst, from, m, inc = to_incarnation] {
    if (dst->node_ && dst->incarnation_ == inc) dst->node_->OnMessage(from, m);
  });
}

}  // namespace kafkasim::sim
