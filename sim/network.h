// sim/network.h — the simulated network between nodes.
//
// Each directed link (from -> to) behaves like a TCP connection: messages
// arrive in the order sent (unless a reorder fault is active) after a seeded
// latency, limited by bandwidth. Faults add rules on links: drop (a cut or a
// lossy link), duplicate, extra latency. A `partition` is a set of drop rules.
//
// A lossy link (0 < drop < 1) loses packets, not messages: TCP retransmits a
// lost segment after its retransmission timeout, so the message arrives late
// and everything behind it on the connection waits (head-of-line blocking).
// Only a cut (drop = 1) or a connection the kernel gives up on loses it.
// When a client closes a connection (its request timed out), the next
// message opens a new one, which does not queue behind the old one's.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/types.h"
#include "sim/prng.h"

namespace kafkasim::sim {

struct LinkDefaults {
  TimeNs latency_min_ns = Ms(2);
  TimeNs latency_max_ns = Ms(2);
  double loss = 0.0;
  double duplicate = 0.0;
  double reorder = 0.0;
  int64_t bandwidth_bytes_per_sec = 0;  // 0 = unlimited
};

// A fault's effect on one directed link. Several rules may stack on a link;
// the strongest drop and the largest latency win.
struct LinkRule {
  uint64_t fault_id = 0;  // the fault that made it, so `for:` and heal can undo it
  double drop = 0.0;
  double duplicate = 0.0;
  std::optional<TimeNs> latency_min_ns;
  std::optional<TimeNs> latency_max_ns;
};

// What the network decided for one send.
struct SendPlan {
  bool dropped = false;
  std::string drop_reason;
  int retransmits = 0;             // lost segments TCP sent again (a lossy link)
  std::vector<TimeNs> deliver_at;  // one entry, or two when duplicated
};

class SimNetwork {
 public:
  SimNetwork(LinkDefaults defaults, Prng prng) : defaults_(defaults), prng_(prng) {}

  void set_defaults(const LinkDefaults& d) { defaults_ = d; }
  const LinkDefaults& defaults() const { return defaults_; }

  // Decides drop / latency / duplication for a message sent now.
  SendPlan Plan(NodeId from, NodeId to, size_t bytes, TimeNs now);

  void AddRule(NodeId from, NodeId to, LinkRule rule);
  // `from` closed its connection to `to` (and so both directions of it):
  // what is in flight still arrives — Linux sends a closed socket's queued
  // bytes before its FIN — but later messages go on a new connection that
  // does not wait behind them.
  void ResetConnection(NodeId from, NodeId to);
  // Removes every rule made by `fault_id`.
  void RemoveFault(uint64_t fault_id);
  // Removes every rule on links touching `node` (heal: broker-1).
  void HealNode(NodeId node);
  void HealAll() { rules_.clear(); }
  // True when a rule drops everything on from -> to (for the GUI).
  bool IsCut(NodeId from, NodeId to) const;
  const std::multimap<std::pair<NodeId, NodeId>, LinkRule>& rules() const { return rules_; }

 private:
  struct LinkState {
    TimeNs last_delivery = 0;  // FIFO: a message never overtakes the previous one
    TimeNs free_at = 0;        // bandwidth: when the link finishes sending
  };
  TimeNs Latency(NodeId from, NodeId to);
  // Delay from retransmitting the lost segments of one message; sets
  // plan.retransmits, or plan.dropped when TCP gives up.
  TimeNs RetransmissionDelay(double drop, SendPlan& plan);

  LinkDefaults defaults_;
  Prng prng_;
  std::multimap<std::pair<NodeId, NodeId>, LinkRule> rules_;
  std::map<std::pair<NodeId, NodeId>, LinkState> links_;
};

}  // namespace kafkasim::sim
