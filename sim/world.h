// sim/world.h — the simulated cluster: nodes, their disks, the network, the
// event loop and the trace, wired into one Env per node.
//
// The World owns node lifecycles: Start, Crash (the Node object is destroyed;
// its disk keeps the page cache), PowerFail (unsynced bytes are lost too),
// Restart (a new Node object over the same disk) and Pause (stop-the-world:
// its timers and deliveries wait until the pause ends). Messages and timers
// belong to an incarnation of a node; a crashed incarnation's never fire.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/env.h"
#include "sim/disk/sim_disk.h"
#include "sim/event_loop.h"
#include "sim/network.h"
#include "sim/prng.h"
#include "sim/trace.h"

namespace kafkasim::sim {

enum class NodeKind { kBroker, kZooKeeper, kProducer, kConsumer, kController };

// The lifecycle faults a node can suffer (World::Crash, Restart, Pause).
enum class NodeFault { kCrash, kPowerFail, kRestart, kPause };

// How a node dies (FoundationDB's simulator has the same idea, KillType):
//   kProcessCrash        the process dies; the kernel keeps the page cache and
//                        resets the node's connections;
//   kPowerFail           the machine loses power: unsynced bytes are lost and
//                        no peer is told;
//   kPowerFailTornWrite  as kPowerFail, but each file keeps a random prefix of
//                        its unsynced tail (SimDisk::PowerFailTorn).
enum class KillType { kProcessCrash, kPowerFail, kPowerFailTornWrite };

// A message on the wire, for views (the GUI draws these as moving dots).
struct InFlight {
  NodeId from;
  NodeId to;
  std::string_view name;  // MessageName(), static storage
  TimeNs sent_at = 0;
  TimeNs deliver_at = 0;
};

class World;

// The simulator's BUGGIFY: off unless enabled; per-site on/off decided by the
// seed; each firing is a trace line ("buggify", with the site and node).
class SimBuggify final : public Buggify {
 public:
  SimBuggify(World& world, Prng prng) : world_(world), prng_(prng) {}
  void set_enabled(bool on) { enabled_ = on; }
  bool enabled() const { return enabled_; }
  bool Fire(std::string_view site) override;
  // Whether `site` is switched on for this run (independent of any firing).
  bool SiteEnabled(std::string_view site) const;

 private:
  World& world_;
  Prng prng_;
  bool enabled_ = false;
};

// The per-node adapters behind Env: tag every timer and send with the node.
class NodeSlot final : public Timers, public Network, public Observer, public Process {
 public:
  using Factory = std::function<std::unique_ptr<Node>(Env&)>;

  NodeSlot(World& world, NodeId id, std::string name, NodeKind kind, Factory factory, Prng prng);

  TimerId Schedule(TimeNs delay_ns, std::function<void()> fn) override;
  void Cancel(TimerId id) override;
  void Send(NodeId to, Message message) override;
  void Disconnect(NodeId to) override;
  void Observe(Observation obs) override;
  // Process: the node halts itself (Kafka's Exit.halt) — a process crash
  // right after the running handler returns.
  void Halt(std::string_view reason) override;

  NodeId id() const { return id_; }
  const std::string& name() const { return name_; }
  NodeKind kind() const { return kind_; }
  bool alive() const { return node_ != nullptr; }
  bool paused() const { return paused_; }
  Node* node() const { return node_.get(); }
  SimDisk& disk() { return disk_; }
  const SimDisk& disk() const { return disk_; }  // views and checkers: what a crashed node's disk holds
  uint64_t incarnation() const { return incarnation_; }

 private:
  friend class World;
  // A timer of this incarnation: its closure and the loop event that fires
  // it (0 once fired and waiting out a pause). TimerId = (generation << 32) | slot.
  struct Timer {
    Callback fn;
    EventLoop::EventId event = 0;
    uint32_t generation = 1;
    bool live = false;
  };
  // Runs `fn` now, or queues it until the pause ends.
  void RunOrDefer(Callback fn);
  void FireTimer(uint32_t slot, uint32_t generation);
  void RunTimer(uint32_t slot, uint32_t generation);
  void FreeTimer(uint32_t slot);
  // The incarnation ends: its pending timers leave the event loop.
  void DropTimers();

  World& world_;
  NodeId id_;
  std::string name_;
  NodeKind kind_;
  Factory factory_;
  Prng prng_;
  SimDisk disk_;
  Env env_;
  std::unique_ptr<Node> node_;
  uint64_t incarnation_ = 0;
  uint64_t pause_generation_ = 0;
  bool paused_ = false;
  std::vector<Callback> deferred_;
  std::vector<Timer> timers_;
  std::vector<uint32_t> free_timers_;
};

class World final : public Clock {
 public:
  explicit World(uint64_t seed, LinkDefaults net = {});
  ~World() override;

  TimeNs Now() const override { return loop_.now(); }
  EventLoop& loop() { return loop_; }
  const EventLoop& loop() const { return loop_; }
  SimBuggify& buggify() { return buggify_; }
  SimNetwork& network() { return network_; }
  const SimNetwork& network() const { return network_; }
  Trace& trace() { return trace_; }
  const Trace& trace() const { return trace_; }
  uint64_t seed() const { return seed_; }

  NodeSlot& AddNode(NodeId id, std::string name, NodeKind kind, NodeSlot::Factory factory);
  NodeSlot* slot(NodeId id);
  const NodeSlot* slot(NodeId id) const;
  std::optional<NodeId> FindByName(const std::string& name) const;
  std::string NameOf(NodeId id) const;
  const std::map<NodeId, std::unique_ptr<NodeSlot>>& slots() const { return slots_; }
  // Messages sent and not yet delivered or dropped, by send order.
  const std::map<uint64_t, InFlight>& in_flight() const { return in_flight_; }

  void Start(NodeId id);
  // Why `fault` cannot act on node `id` now ("broker-1 is already down"), or
  // "" when it can. Crash, Restart and Pause do nothing where this says why.
  // A power failure can always act: on a node whose process is already down
  // it still takes the page cache with it.
  std::string CannotApply(NodeFault fault, NodeId id) const;
  void Crash(NodeId id, KillType how);
  void Restart(NodeId id);
  void Pause(NodeId id, TimeNs duration);
  void Resume(NodeId id);
  // disk_full / disk_error (and their end): the node's disk refuses writes
  // from now on (SimDisk::set_fault). Whatever runs on the node finds out at
  // its next write.
  void SetDiskFault(NodeId id, DiskFault fault);

  // A free-form trace line for faults and narration.
  void TraceFault(const std::string& what);
  void OnFsync(NodeId id);

  // Observations from every node, after they are traced (checkers hook here).
  void set_observation_hook(std::function<void(const Observation&)> fn) { obs_hook_ = std::move(fn); }
  // Extra message trace switch: send/deliver/drop lines (on by default).
  void set_trace_messages(bool on) { trace_messages_ = on; }

 private:
  friend class NodeSlot;
  void NotifyUnreachable(NodeId from, NodeId to);
  void TraceConnection(std::string_view type, NodeId node, NodeId peer);
  void PowerFailDisk(NodeSlot& s, bool torn_write);
  void Deliver(uint64_t flight, NodeId from, NodeId to, uint64_t to_incarnation, const Message& m);

  uint64_t seed_;
  Prng root_;
  Prng disk_faults_;  // torn writes
  EventLoop loop_;
  SimNetwork network_;
  Trace trace_;
  SimBuggify buggify_;
  std::map<NodeId, std::unique_ptr<NodeSlot>> slots_;
  std::function<void(const Observation&)> obs_hook_;
  bool trace_messages_ = true;
  uint64_t next_flight_ = 0;
  std::map<uint64_t, InFlight> in_flight_;
};

}  // namespace kafkasim::sim
