// viz/fault_injection.cc — building scenario faults from node clicks.
#include "viz/fault_injection.h"

#include <algorithm>

#include "sim/scenario/node_ref.h"

namespace kafkasim::viz {

namespace {

scenario::NodeRef Named(const std::string& name) {
  scenario::NodeRef r;
  r.kind = scenario::NodeRef::Kind::kNamed;
  r.name = name;
  r.text = name;
  return r;
}

scenario::PartitionFault Isolate(const scenario::Scenario& s, const std::string& node_name) {
  scenario::PartitionFault p;
  p.groups.push_back({Named(node_name)});
  p.groups.emplace_back();
  for (const std::string& n : ScenarioNodeNames(s)) {
    if (n != node_name) p.groups.back().push_back(Named(n));
  }
  return p;
}

}  // namespace

TimeNs InjectionTime(TimeNs now) { return (now + kNsPerMs - 1) / kNsPerMs * kNsPerMs; }

std::vector<std::string> ScenarioNodeNames(const scenario::Scenario& s) {
  std::vector<std::string> names;
  for (int b = 1; b <= s.cluster.brokers; ++b) names.push_back(scenario::BrokerName(b));
  names.emplace_back(scenario::kZookeeperName);
  for (const scenario::ProducerSpec& p : s.producers) names.push_back(p.id);
  for (const scenario::ConsumerSpec& c : s.consumers) names.push_back(c.id);
  return names;
}

scenario::Fault MakeNodeFault(const scenario::Scenario& s, const std::string& node_name, NodeAction action,
                              TimeNs now) {
  scenario::Fault f;
  f.at_ns = std::min(InjectionTime(now), s.duration_ns);
  f.loc.file = "kafkasim-viz";
  switch (action) {
    case NodeAction::kCrash: f.action = scenario::CrashFault{Named(node_name)}; break;
    case NodeAction::kPowerFail: f.action = scenario::PowerFailFault{Named(node_name)}; break;
    case NodeAction::kPowerFailTorn: f.action = scenario::PowerFailFault{Named(node_name), /*torn_write=*/true}; break;
    case NodeAction::kRestart: f.action = scenario::RestartFault{Named(node_name)}; break;
    case NodeAction::kPause:
      f.action = scenario::PauseFault{Named(node_name)};
      f.for_ns = kClickPauseNs;
      break;
    case NodeAction::kIsolate: f.action = Isolate(s, node_name); break;
    case NodeAction::kHeal: f.action = scenario::HealFault{Named(node_name)}; break;
  }
  return f;
}

const char* NodeActionName(NodeAction action) {
  switch (action) {
    case NodeAction::kCrash: return "crash";
    case NodeAction::kPowerFail: return "power failure";
    case NodeAction::kPowerFailTorn: return "power failure mid-write (torn)";
    case NodeAction::kRestart: return "restart";
    case NodeAction::kPause: return "pause 2s";
    case NodeAction::kIsolate: return "isolate (partition from everyone)";
    case NodeAction::kHeal: return "heal its links";
  }
  return "?";
}

}  // namespace kafkasim::viz
