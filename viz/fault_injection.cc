// viz/fault_injection.cc — building scenario faults from node clicks.
#include "viz/fault_injection.h"

#include <algorithm>
#include <cstdio>
#include <type_traits>

#include "sim/scenario/node_ref.h"
#include "sim/scenario/units.h"
#include "viz/scenario_writer.h"

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

scenario::Fault At(TimeNs now) {
  scenario::Fault f;
  f.at_ns = InjectionTime(now);
  f.loc.file = "kafkasim-viz";
  return f;
}

std::string Names(const std::vector<scenario::NodeRef>& refs) {
  std::string out;
  for (const scenario::NodeRef& r : refs) out += (out.empty() ? "" : ", ") + NodeRefText(r);
  return "[" + out + "]";
}

std::string Percent(double p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g%%", p * 100.0);
  return buf;
}

std::string DescribeLink(const scenario::LinkSpec& l) {
  std::string what = "link " + NodeRefText(l.from) + (l.both_ways ? " <-> " : " -> ") + NodeRefText(l.to) + ":";
  if (l.drop) what += " drop " + Percent(*l.drop);
  if (l.duplicate) what += " duplicate " + Percent(*l.duplicate);
  if (l.latency) what += " latency " + scenario::FormatDuration(l.latency->max_ns);
  return what;
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

scenario::Fault MakeNodeFault(const scenario::Scenario& s, const std::string& node_name, NodeAction action, TimeNs now,
                              TimeNs pause_for) {
  scenario::Fault f;
  f.at_ns = std::min(InjectionTime(now), s.duration_ns);
  f.loc.file = "kafkasim-viz";
  switch (action) {
    case NodeAction::kCrash:
      f.action = scenario::CrashFault{Named(node_name)};
      break;
    case NodeAction::kPowerFail:
      f.action = scenario::PowerFailFault{Named(node_name)};
      break;
    case NodeAction::kPowerFailTorn:
      f.action = scenario::PowerFailFault{Named(node_name), /*torn_write=*/true};
      break;
    case NodeAction::kRestart:
      f.action = scenario::RestartFault{Named(node_name)};
      break;
    case NodeAction::kPause:
      f.action = scenario::PauseFault{Named(node_name)};
      f.for_ns = std::max<TimeNs>(kNsPerMs, pause_for);
      break;
    case NodeAction::kIsolate:
      f.action = Isolate(s, node_name);
      break;
    case NodeAction::kCutFromZooKeeper:
      f.action = scenario::PartitionFault{{{Named(node_name)}, {Named(std::string(scenario::kZookeeperName))}}};
      break;
    case NodeAction::kHeal:
      f.action = scenario::HealFault{Named(node_name)};
      break;
  }
  return f;
}

const char* NodeActionName(NodeAction action) {
  switch (action) {
    case NodeAction::kCrash:
      return "crash";
    case NodeAction::kPowerFail:
      return "power failure";
    case NodeAction::kPowerFailTorn:
      return "power failure mid-write (torn)";
    case NodeAction::kRestart:
      return "restart";
    case NodeAction::kPause:
      return "pause";
    case NodeAction::kIsolate:
      return "isolate (partition from everyone)";
    case NodeAction::kCutFromZooKeeper:
      return "cut off from ZooKeeper";
    case NodeAction::kHeal:
      return "heal its links";
  }
  return "?";
}

scenario::Fault MakeLinkFault(const std::string& a, const std::string& b, const LinkChoice& choice, TimeNs now) {
  scenario::Fault f = At(now);
  scenario::LinkSpec l;
  bool reverse = choice.direction == LinkDirection::kBToA;
  l.from = Named(reverse ? b : a);
  l.to = Named(reverse ? a : b);
  l.both_ways = choice.direction == LinkDirection::kBoth;
  double p = std::clamp(choice.probability, 0.0, 1.0);
  switch (choice.effect) {
    case LinkEffect::kDrop:
      l.drop = p;
      break;
    case LinkEffect::kDuplicate:
      l.duplicate = p;
      break;
    case LinkEffect::kLatency: {
      TimeNs ms = std::max<TimeNs>(0, choice.latency) / kNsPerMs * kNsPerMs;  // whole ms, as files spell them
      l.latency = scenario::LatencySpec{ms, ms};
      break;
    }
  }
  f.action = scenario::LinkFault{l};
  if (choice.for_ns > 0) f.for_ns = choice.for_ns;
  return f;
}

scenario::Fault MakePartitionFault(const std::vector<std::string>& side_a, const std::vector<std::string>& side_b,
                                   TimeNs for_ns, TimeNs now) {
  scenario::Fault f = At(now);
  scenario::PartitionFault p;
  for (const auto* side : {&side_a, &side_b}) {
    p.groups.emplace_back();
    for (const std::string& n : *side) p.groups.back().push_back(Named(n));
  }
  f.action = p;
  if (for_ns > 0) f.for_ns = for_ns;
  return f;
}

scenario::Fault MakeHealAllFault(TimeNs now) {
  scenario::Fault f = At(now);
  scenario::NodeRef all;
  all.kind = scenario::NodeRef::Kind::kAll;
  all.text = "all";
  f.action = scenario::HealFault{all};
  return f;
}

std::string DescribeFault(const scenario::Fault& f) {
  std::string what = std::visit(
      [](const auto& a) -> std::string {
        using T = std::decay_t<decltype(a)>;
        if constexpr (std::is_same_v<T, scenario::CrashFault>) return "crash " + NodeRefText(a.node);
        if constexpr (std::is_same_v<T, scenario::PowerFailFault>)
          return std::string(a.torn_write ? "power failure mid-write at " : "power failure at ") + NodeRefText(a.node);
        if constexpr (std::is_same_v<T, scenario::RestartFault>) return "restart " + NodeRefText(a.node);
        if constexpr (std::is_same_v<T, scenario::PauseFault>) return "pause " + NodeRefText(a.node);
        if constexpr (std::is_same_v<T, scenario::HealFault>) return "heal " + NodeRefText(a.node);
        if constexpr (std::is_same_v<T, scenario::DiskFailFault>)
          return std::string(a.full ? "disk full on " : "disk I/O error on ") + NodeRefText(a.node);
        if constexpr (std::is_same_v<T, scenario::LinkFault>) return DescribeLink(a.link);
        if constexpr (std::is_same_v<T, scenario::PartitionFault>) {
          std::string out = "partition";
          for (size_t i = 0; i < a.groups.size(); ++i) out += (i ? " | " : " ") + Names(a.groups[i]);
          return out;
        }
        return "?";
      },
      f.action);
  if (f.for_ns) what += " for " + scenario::FormatDuration(*f.for_ns);
  return what;
}

}  // namespace kafkasim::viz
