// viz/scenario_writer_faults.cc — `faults:` entries, one flow map each:
// {at: 4s, crash: broker-1}, {at: 2s, partition: [[a], [b, c]], for: 1s}, ...
#include <type_traits>

#include "sim/scenario/units.h"
#include "viz/scenario_writer.h"
#include "viz/scenario_writer_internal.h"

namespace kafkasim::viz {

namespace {

using scenario::FormatDuration;

void WriteLink(YAML::Emitter& out, const scenario::LinkSpec& l) {
  out << YAML::Flow << YAML::BeginMap;
  if (l.both_ways) {
    out << YAML::Key << "between" << YAML::Value << YAML::Flow << YAML::BeginSeq << NodeRefText(l.from)
        << NodeRefText(l.to) << YAML::EndSeq;
  } else {
    out << YAML::Key << "from" << YAML::Value << NodeRefText(l.from);
    out << YAML::Key << "to" << YAML::Value << NodeRefText(l.to);
  }
  if (l.drop) out << YAML::Key << "drop" << YAML::Value << FormatDouble(*l.drop);
  if (l.duplicate) out << YAML::Key << "duplicate" << YAML::Value << FormatDouble(*l.duplicate);
  if (l.latency) {
    out << YAML::Key << "latency" << YAML::Value;
    if (l.latency->min_ns == l.latency->max_ns) {
      out << FormatDuration(l.latency->min_ns);
    } else {
      out << YAML::Flow << YAML::BeginMap << YAML::Key << "min" << YAML::Value << FormatDuration(l.latency->min_ns)
          << YAML::Key << "max" << YAML::Value << FormatDuration(l.latency->max_ns) << YAML::EndMap;
    }
  }
  out << YAML::EndMap;
}

void WriteAction(YAML::Emitter& out, const scenario::Fault& f) {
  std::visit(
      [&](const auto& a) {
        using T = std::decay_t<decltype(a)>;
        if constexpr (std::is_same_v<T, scenario::CrashFault>) {
          out << YAML::Key << "crash" << YAML::Value << NodeRefText(a.node);
        } else if constexpr (std::is_same_v<T, scenario::PowerFailFault>) {
          out << YAML::Key << "power_fail" << YAML::Value << NodeRefText(a.node);
          if (a.torn_write) out << YAML::Key << "torn_write" << YAML::Value << true;
        } else if constexpr (std::is_same_v<T, scenario::RestartFault>) {
          out << YAML::Key << "restart" << YAML::Value << NodeRefText(a.node);
        } else if constexpr (std::is_same_v<T, scenario::PauseFault>) {
          out << YAML::Key << "pause" << YAML::Value << NodeRefText(a.node);
        } else if constexpr (std::is_same_v<T, scenario::HealFault>) {
          out << YAML::Key << "heal" << YAML::Value << NodeRefText(a.node);
        } else if constexpr (std::is_same_v<T, scenario::DiskFailFault>) {
          out << YAML::Key << (a.full ? "disk_full" : "disk_error") << YAML::Value << NodeRefText(a.node);
        } else if constexpr (std::is_same_v<T, scenario::PartitionFault>) {
          out << YAML::Key << "partition" << YAML::Value << YAML::Flow << YAML::BeginSeq;
          for (const auto& group : a.groups) {
            out << YAML::Flow << YAML::BeginSeq;
            for (const scenario::NodeRef& r : group) out << NodeRefText(r);
            out << YAML::EndSeq;
          }
          out << YAML::EndSeq;
        } else {
          static_assert(std::is_same_v<T, scenario::LinkFault>);
          out << YAML::Key << "link" << YAML::Value;
          WriteLink(out, a.link);
        }
      },
      f.action);
}

}  // namespace

std::string NodeRefText(const scenario::NodeRef& ref) {
  if (!ref.text.empty()) return ref.text;
  switch (ref.kind) {
    case scenario::NodeRef::Kind::kNamed:
      return ref.name;
    case scenario::NodeRef::Kind::kController:
      return "controller";
    case scenario::NodeRef::Kind::kLeaderOf:
      return "leader(" + ref.tp.ToString() + ")";
    case scenario::NodeRef::Kind::kAll:
      return "all";
  }
  return ref.name;
}

void WriteFault(YAML::Emitter& out, const scenario::Fault& f) {
  out << YAML::Flow << YAML::BeginMap << YAML::Key << "at" << YAML::Value << FormatDuration(f.at_ns);
  WriteAction(out, f);
  if (f.for_ns) out << YAML::Key << "for" << YAML::Value << FormatDuration(*f.for_ns);
  out << YAML::EndMap;
}

void WriteFaults(YAML::Emitter& out, const std::vector<scenario::Fault>& faults) {
  if (faults.empty()) return;
  out << YAML::Key << "faults" << YAML::Value << YAML::BeginSeq;
  for (const scenario::Fault& f : faults) WriteFault(out, f);
  out << YAML::EndSeq;
}

std::string FaultFlowText(const scenario::Fault& f) {
  YAML::Emitter out;
  WriteFault(out, f);
  return out.c_str();
}

}  // namespace kafkasim::viz
