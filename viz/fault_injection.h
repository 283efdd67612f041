// viz/fault_injection.h — the faults a click on a node can inject, as
// scenario::Faults (so they are recorded into the scenario and saved with it).
#pragma once

#include <string>
#include <vector>

#include "core/types.h"
#include "sim/scenario/scenario.h"

namespace kafkasim::viz {

enum class NodeAction { kCrash, kPowerFail, kPowerFailTorn, kRestart, kPause, kIsolate, kHeal };

inline constexpr TimeNs kClickPauseNs = 2 * kNsPerSec;  // "pause 2s"

// When a fault clicked at `now` happens: `now` rounded up to a whole
// millisecond (saved files stay readable: "at: 4213ms").
TimeNs InjectionTime(TimeNs now);

// Every node the scenario declares: broker-1.., zookeeper, producers, consumers.
std::vector<std::string> ScenarioNodeNames(const scenario::Scenario& s);

// The fault `action` on node `node_name` at InjectionTime(now). kIsolate cuts
// the node off from every other node (a partition of two groups); kHeal heals
// the node's links.
scenario::Fault MakeNodeFault(const scenario::Scenario& s, const std::string& node_name, NodeAction action,
                              TimeNs now);

// "crash", "restart", ... for menus and status lines.
const char* NodeActionName(NodeAction action);

}  // namespace kafkasim::viz
