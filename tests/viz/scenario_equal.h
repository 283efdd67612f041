// tests/viz/scenario_equal.h — field-by-field comparison of two Scenarios
// (every field except source locations and the file path), naming the
// first difference so a failing round trip says what was lost.
#pragma once

#include <string>
#include <variant>

#include "sim/scenario/scenario.h"
#include "viz/scenario_writer.h"

namespace kafkasim::viz::testing {

#define KSIM_CMP(field, name) \
  if (!((a.field) == (b.field))) return std::string(name)

inline bool SameRef(const scenario::NodeRef& a, const scenario::NodeRef& b) {
  return a.kind == b.kind && a.name == b.name && a.tp == b.tp && NodeRefText(a) == NodeRefText(b);
}

inline bool SameLatency(const std::optional<scenario::LatencySpec>& a, const std::optional<scenario::LatencySpec>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (a->min_ns == b->min_ns && a->max_ns == b->max_ns);
}

inline std::string CompareAction(const scenario::Fault& fa, const scenario::Fault& fb) {
  if (fa.action.index() != fb.action.index()) return "action kind";
  using namespace scenario;
  if (auto* a = std::get_if<PartitionFault>(&fa.action)) {
    const auto& b = std::get<PartitionFault>(fb.action);
    if (a->groups.size() != b.groups.size()) return "partition groups";
    for (size_t g = 0; g < a->groups.size(); ++g) {
      if (a->groups[g].size() != b.groups[g].size()) return "partition group size";
      for (size_t i = 0; i < a->groups[g].size(); ++i)
        if (!SameRef(a->groups[g][i], b.groups[g][i])) return "partition member";
    }
    return "";
  }
  if (auto* a = std::get_if<LinkFault>(&fa.action)) {
    const auto& b = std::get<LinkFault>(fb.action);
    if (!SameRef(a->link.from, b.link.from) || !SameRef(a->link.to, b.link.to)) return "link ends";
    if (a->link.both_ways != b.link.both_ways || a->link.drop != b.link.drop || a->link.duplicate != b.link.duplicate)
      return "link values";
    return SameLatency(a->link.latency, b.link.latency) ? "" : "link latency";
  }
  if (auto* a = std::get_if<PowerFailFault>(&fa.action)) {
    if (a->torn_write != std::get<PowerFailFault>(fb.action).torn_write) return "torn_write";
  }
  auto ref = [](const Fault& f) -> const NodeRef& {
    return std::visit(
        [](const auto& x) -> const NodeRef& {
          if constexpr (requires { x.node; }) {
            return x.node;
          } else {
            static const NodeRef kNone;
            return kNone;
          }
        },
        f.action);
  };
  return SameRef(ref(fa), ref(fb)) ? "" : "fault node";
}

inline bool SameComparison(const std::optional<scenario::Comparison>& a, const std::optional<scenario::Comparison>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (a->op == b->op && a->value == b->value);
}

inline bool SameComparisonMap(const std::map<std::string, scenario::Comparison>& a,
                              const std::map<std::string, scenario::Comparison>& b) {
  if (a.size() != b.size()) return false;
  for (const auto& [k, v] : a) {
    auto it = b.find(k);
    if (it == b.end() || it->second.op != v.op || it->second.value != v.value) return false;
  }
  return true;
}

inline std::string CompareExpect(const scenario::Expectations& a, const scenario::Expectations& b) {
  using E = scenario::Expectations;
  for (auto f : {&E::lost_acked, &E::at_risk_acked, &E::duplicates_in_log, &E::duplicates_consumed, &E::consumer_lost,
                 &E::reordered, &E::acked, &E::replica_divergence, &E::controller_epoch}) {
    if (!SameComparison(a.*f, b.*f)) return "a count expectation";
  }
  if (!SameComparisonMap(a.produce_errors, b.produce_errors)) return "produce_errors";
  if (!SameComparisonMap(a.consumed, b.consumed)) return "consumed";
  if (!SameComparisonMap(a.consumed_out_of_order, b.consumed_out_of_order)) return "consumed_out_of_order";
  KSIM_CMP(leader_of, "leader_of");
  KSIM_CMP(isr_of, "isr_of");
  KSIM_CMP(controller, "controller");
  if (!SameComparisonMap(a.leader_epoch_of, b.leader_epoch_of)) return "leader_epoch_of";
  if (!SameComparisonMap(a.high_watermark_of, b.high_watermark_of)) return "high_watermark_of";
  return "";
}

inline std::string CompareClients(const scenario::Scenario& sa, const scenario::Scenario& sb) {
  if (sa.producers.size() != sb.producers.size()) return "producer count";
  for (size_t i = 0; i < sa.producers.size(); ++i) {
    const auto& a = sa.producers[i];
    const auto& b = sb.producers[i];
    KSIM_CMP(id, "producer id");
    KSIM_CMP(config, "producer config");
    KSIM_CMP(workload.topic, "workload.topic");
    KSIM_CMP(workload.messages, "workload.messages");
    KSIM_CMP(workload.rate_per_sec, "workload.rate");
    KSIM_CMP(workload.keys, "workload.keys");
    KSIM_CMP(workload.value_bytes, "workload.value_bytes");
    KSIM_CMP(workload.start_ns, "workload.start");
  }
  if (sa.consumers.size() != sb.consumers.size()) return "consumer count";
  for (size_t i = 0; i < sa.consumers.size(); ++i) {
    const auto& a = sa.consumers[i];
    const auto& b = sb.consumers[i];
    KSIM_CMP(id, "consumer id");
    KSIM_CMP(group, "consumer group");
    KSIM_CMP(topics, "consumer topics");
    KSIM_CMP(config, "consumer config");
    KSIM_CMP(commit, "consumer commit");
    KSIM_CMP(processing_time_ns, "consumer processing_time");
    KSIM_CMP(start_ns, "consumer start");
  }
  return "";
}

inline std::string CompareCluster(const scenario::Scenario& sa, const scenario::Scenario& sb) {
  const auto& a = sa.cluster;
  const auto& b = sb.cluster;
  KSIM_CMP(brokers, "cluster.brokers");
  KSIM_CMP(racks, "cluster.racks");
  KSIM_CMP(config, "cluster.config");
  KSIM_CMP(network.latency.min_ns, "network.latency.min");
  KSIM_CMP(network.latency.max_ns, "network.latency.max");
  KSIM_CMP(network.loss, "network.loss");
  KSIM_CMP(network.duplicate, "network.duplicate");
  KSIM_CMP(network.reorder, "network.reorder");
  KSIM_CMP(network.bandwidth_bytes_per_sec, "network.bandwidth");
  KSIM_CMP(disk.flush, "disk.flush");
  if (sa.topics.size() != sb.topics.size()) return "topic count";
  for (size_t i = 0; i < sa.topics.size(); ++i) {
    const auto& a = sa.topics[i];
    const auto& b = sb.topics[i];
    KSIM_CMP(name, "topic name");
    KSIM_CMP(partitions, "topic partitions");
    KSIM_CMP(replication_factor, "topic replication.factor");
    KSIM_CMP(assignment, "topic assignment");
    KSIM_CMP(config, "topic config");
  }
  return "";
}

// "" when equal, else the first field that differs.
inline std::string CompareScenarios(const scenario::Scenario& a, const scenario::Scenario& b) {
  KSIM_CMP(name, "name");
  KSIM_CMP(description, "description");
  KSIM_CMP(seed, "seed");
  KSIM_CMP(duration_ns, "duration");
  KSIM_CMP(buggify, "buggify");
  if (std::string d = CompareCluster(a, b); !d.empty()) return d;
  if (std::string d = CompareClients(a, b); !d.empty()) return d;
  if (a.faults.size() != b.faults.size()) return "fault count";
  for (size_t i = 0; i < a.faults.size(); ++i) {
    if (a.faults[i].at_ns != b.faults[i].at_ns) return "faults[" + std::to_string(i) + "].at";
    if (a.faults[i].for_ns != b.faults[i].for_ns) return "faults[" + std::to_string(i) + "].for";
    if (std::string d = CompareAction(a.faults[i], b.faults[i]); !d.empty())
      return "faults[" + std::to_string(i) + "]: " + d;
  }
  if (a.narration.size() != b.narration.size()) return "narration count";
  for (size_t i = 0; i < a.narration.size(); ++i) {
    if (a.narration[i].at_ns != b.narration[i].at_ns || a.narration[i].text != b.narration[i].text)
      return "narration[" + std::to_string(i) + "]";
  }
  if (std::string d = CompareExpect(a.expect, b.expect); !d.empty()) return "expect: " + d;
  if (a.expect_at.size() != b.expect_at.size()) return "expect_at count";
  for (size_t i = 0; i < a.expect_at.size(); ++i) {
    if (a.expect_at[i].at_ns != b.expect_at[i].at_ns) return "expect_at[" + std::to_string(i) + "].at";
    if (std::string d = CompareExpect(a.expect_at[i].expect, b.expect_at[i].expect); !d.empty())
      return "expect_at[" + std::to_string(i) + "]: " + d;
  }
  return "";
}

#undef KSIM_CMP

}  // namespace kafkasim::viz::testing
