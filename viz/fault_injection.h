// viz/fault_injection.h — the faults a click on a node can inject, as
// scenario::Faults (so they are recorded into the scenario and saved with it).
#pragma once

#include <string>
#include <vector>

#include "core/types.h"
#include "sim/scenario/scenario.h"

namespace kafkasim::viz {

enum class NodeAction { kCrash, kPowerFail, kPowerFailTorn, kRestart, kPause, kIsolate, kCutFromZooKeeper, kHeal };

inline constexpr TimeNs kClickPauseNs = 2 * kNsPerSec;  // "pause 2s"

// When a fault clicked at `now` happens: `now` rounded up to a whole
// millisecond (saved files stay readable: "at: 4213ms").
TimeNs InjectionTime(TimeNs now);

// Every node the scenario declares: broker-1.., zookeeper, producers, consumers.
std::vector<std::string> ScenarioNodeNames(const scenario::Scenario& s);

// The fault `action` on node `node_name` at InjectionTime(now). kIsolate cuts
// the node off from every other node (a partition of two groups);
// kCutFromZooKeeper cuts only its link to ZooKeeper ([[node], [zookeeper]]);
// kHeal heals the node's links; kPause lasts `pause_for`.
scenario::Fault MakeNodeFault(const scenario::Scenario& s, const std::string& node_name, NodeAction action, TimeNs now,
                              TimeNs pause_for = kClickPauseNs);

// What a link dragged from node `a` to node `b` does to the messages on it.
enum class LinkEffect { kDrop, kLatency, kDuplicate };
enum class LinkDirection { kBoth, kAToB, kBToA };
struct LinkChoice {
  LinkEffect effect = LinkEffect::kDrop;
  double probability = 1.0;         // kDrop, kDuplicate: 0..1
  TimeNs latency = 400 * kNsPerMs;  // kLatency
  LinkDirection direction = LinkDirection::kBoth;
  TimeNs for_ns = 0;  // 0: until healed
};
// `link: {between: [a, b], drop: 1.0}` or `{from: a, to: b, ...}`.
scenario::Fault MakeLinkFault(const std::string& a, const std::string& b, const LinkChoice& choice, TimeNs now);

// `partition: [[side_a...], [side_b...]]`, lasting `for_ns` (0: until healed).
scenario::Fault MakePartitionFault(const std::vector<std::string>& side_a, const std::vector<std::string>& side_b,
                                   TimeNs for_ns, TimeNs now);
// `heal: all`.
scenario::Fault MakeHealAllFault(TimeNs now);

// "crash broker-2", "cut broker-1 -> p1 (drop 100%)", ... for narration and status lines.
std::string DescribeFault(const scenario::Fault& f);

// "crash", "restart", ... for menus and status lines.
const char* NodeActionName(NodeAction action);

}  // namespace kafkasim::viz
