// sim/faults.cc — applying a scenario's faults to the World (Simulation::ApplyFault).
//
// Every fault is traced as a "fault" line naming the node it resolved to.
// A fault that cannot act when it comes is traced as "skipped: <fault>:
// <reason>" and changes nothing: its node cannot be resolved at that moment
// (crash: leader(orders-0) while the partition is offline), or the node is
// not in a state the fault applies to (a restart of a running broker, a
// second crash, a pause of a crashed node).
#include <string>
#include <type_traits>

#include "sim/simulation.h"

namespace kafkasim::sim {
namespace {

constexpr TimeNs kDefaultPause = kNsPerSec;

std::string Percent(double p) { return std::to_string(static_cast<int>(p * 100.0 + 0.5)) + "%"; }

// "cut", or what the link does to each message: "drops 30%, duplicates 5%,
// latency 100-300 ms".
std::string LinkEffect(const LinkRule& r) {
  if (r.drop >= 1.0) return "cut (every message dropped)";
  std::string out;
  auto add = [&out](const std::string& part) { out += (out.empty() ? "" : ", ") + part; };
  if (r.drop > 0.0) add("drops " + Percent(r.drop) + " of messages");
  if (r.duplicate > 0.0) add("duplicates " + Percent(r.duplicate));
  if (r.latency_min_ns) {
    std::string lat = "latency " + std::to_string(*r.latency_min_ns / kNsPerMs);
    if (r.latency_max_ns && *r.latency_max_ns != *r.latency_min_ns)
      lat += "-" + std::to_string(*r.latency_max_ns / kNsPerMs);
    add(lat + " ms");
  }
  return out.empty() ? "no change" : out;
}

}  // namespace

// crash / power_fail / restart / pause of one node. A fault that cannot act
// (a restart of a running broker, a second crash, a pause of a crashed node)
// changes nothing and is told as skipped, with the reason.
bool Simulation::ApplyNodeFault(NodeFault kind, const scenario::NodeRef& ref, bool torn_write, TimeNs pause_ns) {
  static constexpr const char* kVerb[] = {"crash", "power failure", "restart", "pause"};
  const std::string what = std::string(kVerb[static_cast<int>(kind)]) + " " + ref.text;
  NodeId id = ResolveNode(ref);
  if (id == kNoNode) {
    NoteSkippedFault(what, ref.text + " names no node now");
    return false;
  }
  const std::string name = world_->NameOf(id);
  if (std::string why = world_->CannotApply(kind, id); !why.empty()) {
    NoteSkippedFault(what, why);
    return false;
  }
  const bool down = world_->slot(id) != nullptr && !world_->slot(id)->alive();
  switch (kind) {
    case NodeFault::kCrash:
      NoteFault("crash " + name + " (process crash: page cache survives)");
      world_->Crash(id, KillType::kProcessCrash);
      break;
    case NodeFault::kPowerFail:
      NoteFault("power failure " + name + (down ? " while its process is down" : "") +
                (torn_write ? " (torn write: each file keeps a random part of its unsynced tail)"
                            : " (unsynced bytes lost)"));
      losses_.OnPowerFailure(world_->trace().lines(), id);
      world_->Crash(id, torn_write ? KillType::kPowerFailTornWrite : KillType::kPowerFail);
      break;
    case NodeFault::kRestart:
      NoteFault("restart " + name);
      world_->Restart(id);
      break;
    case NodeFault::kPause:
      NoteFault("pause " + name + " for " + std::to_string(pause_ns / kNsPerMs) + " ms");
      world_->Pause(id, pause_ns);
      break;
  }
  return true;
}

// disk_full / disk_error: the broker's disk refuses writes (SimDisk) until
// the fault's `for:` ends (the operator freed space or replaced the disk) or
// to the end of the run. The broker finds out at its next write and halts
// (ReplicaManager::HandleLogDirFailure); a restart fault brings it back —
// while the disk still fails it halts again at its first write.
bool Simulation::ApplyDiskFault(const scenario::DiskFailFault& a, std::optional<TimeNs> for_ns) {
  const std::string kind = a.full ? "disk full" : "disk I/O error";
  NodeId id = ResolveNode(a.node);
  if (id == kNoNode) {
    NoteSkippedFault(kind + " " + a.node.text, a.node.text + " names no node now");
    return false;
  }
  const std::string name = world_->NameOf(id);
  world_->SetDiskFault(id, a.full ? DiskFault::kFull : DiskFault::kIoError);
  NoteFault(kind + " on " + name + (a.full ? ": writes that need space fail (ENOSPC)" : ": every write fails (EIO)"));
  if (for_ns) {
    world_->loop().After(*for_ns, [this, id, what = last_fault_note_] {
      world_->SetDiskFault(id, DiskFault::kNone);
      NoteFault("ended after its `for:`: " + what + " (the disk works again; the broker needs a restart)");
    });
  }
  return true;
}

void Simulation::ApplyFault(const scenario::Fault& f, uint64_t fault_id) {
  auto name = [this](NodeId id) { return world_->NameOf(id); };
  auto resolve = [this](const scenario::NodeRef& r) { return ResolveNode(r); };
  const bool applied = std::visit(
      [&](const auto& a) -> bool {
        using T = std::decay_t<decltype(a)>;
        if constexpr (std::is_same_v<T, scenario::CrashFault>) {
          return ApplyNodeFault(NodeFault::kCrash, a.node, false, 0);
        } else if constexpr (std::is_same_v<T, scenario::PowerFailFault>) {
          return ApplyNodeFault(NodeFault::kPowerFail, a.node, a.torn_write, 0);
        } else if constexpr (std::is_same_v<T, scenario::RestartFault>) {
          return ApplyNodeFault(NodeFault::kRestart, a.node, false, 0);
        } else if constexpr (std::is_same_v<T, scenario::PauseFault>) {
          return ApplyNodeFault(NodeFault::kPause, a.node, false, f.for_ns.value_or(kDefaultPause));
        } else if constexpr (std::is_same_v<T, scenario::PartitionFault>) {
          std::vector<std::vector<NodeId>> groups;
          std::string text = "network partition";
          for (const auto& g : a.groups) {
            groups.emplace_back();
            text += " [";
            for (const auto& r : g) {
              NodeId id = resolve(r);
              if (id == kNoNode) continue;
              groups.back().push_back(id);
              text += " " + name(id);
            }
            text += " ]";
          }
          for (size_t i = 0; i < groups.size(); ++i)
            for (size_t j = 0; j < groups.size(); ++j)
              if (i != j)
                for (NodeId x : groups[i])
                  for (NodeId y : groups[j]) world_->network().AddRule(x, y, LinkRule{fault_id, 1.0, 0.0, {}, {}});
          NoteFault(text);
          return true;
        } else if constexpr (std::is_same_v<T, scenario::LinkFault>) {
          NodeId from = resolve(a.link.from), to = resolve(a.link.to);
          if (from == kNoNode || to == kNoNode) {
            const scenario::NodeRef& missing = from == kNoNode ? a.link.from : a.link.to;
            NoteSkippedFault("link " + a.link.from.text + (a.link.both_ways ? " <-> " : " -> ") + a.link.to.text,
                             missing.text + " names no node now");
            return false;
          }
          LinkRule rule{fault_id, a.link.drop.value_or(0.0), a.link.duplicate.value_or(0.0), {}, {}};
          if (a.link.latency) {
            rule.latency_min_ns = a.link.latency->min_ns;
            rule.latency_max_ns = a.link.latency->max_ns;
          }
          world_->network().AddRule(from, to, rule);
          if (a.link.both_ways) world_->network().AddRule(to, from, rule);
          NoteFault("link " + name(from) + (a.link.both_ways ? " <-> " : " -> ") + name(to) + ": " + LinkEffect(rule));
          return true;
        } else if constexpr (std::is_same_v<T, scenario::HealFault>) {
          if (a.node.kind == scenario::NodeRef::Kind::kAll) {
            world_->network().HealAll();
            NoteFault("heal all links");
          } else if (NodeId id = resolve(a.node); id != kNoNode) {
            world_->network().HealNode(id);
            NoteFault("heal links of " + name(id));
          } else {
            NoteSkippedFault("heal " + a.node.text, a.node.text + " names no node now");
            return false;
          }
          return true;
        } else if constexpr (std::is_same_v<T, scenario::DiskFailFault>) {
          return ApplyDiskFault(a, f.for_ns);
        }
      },
      f.action);
  bool undoable = std::holds_alternative<scenario::PartitionFault>(f.action) ||
                  std::holds_alternative<scenario::LinkFault>(f.action);
  if (applied && undoable && f.for_ns) {
    world_->loop().After(*f.for_ns, [this, fault_id, what = last_fault_note_] {
      world_->network().RemoveFault(fault_id);
      NoteFault("ended after its `for:`: " + what);
    });
  }
}

}  // namespace kafkasim::sim
