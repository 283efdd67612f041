// viz/scenario_writer_expect.cc — `expect:` and `expect_at:`. Equality is
// written as a bare number; other comparisons quoted (">0") so YAML never
// reads them as block scalars.
#include <utility>

#include "sim/scenario/units.h"
#include "viz/scenario_writer_internal.h"

namespace kafkasim::viz {

namespace {

using CountField = std::optional<scenario::Comparison> scenario::Expectations::*;
const std::pair<const char*, CountField> kCounts[] = {
    {"lost_acked", &scenario::Expectations::lost_acked},
    {"at_risk_acked", &scenario::Expectations::at_risk_acked},
    {"duplicates_in_log", &scenario::Expectations::duplicates_in_log},
    {"duplicates_consumed", &scenario::Expectations::duplicates_consumed},
    {"consumer_lost", &scenario::Expectations::consumer_lost},
    {"reordered", &scenario::Expectations::reordered},
    {"acked", &scenario::Expectations::acked},
    {"replica_divergence", &scenario::Expectations::replica_divergence},
    {"controller_epoch", &scenario::Expectations::controller_epoch},
};

// `3` for equality (as people write it), else the quoted operator form.
void WriteComparison(YAML::Emitter& out, const scenario::Comparison& c) {
  if (c.op == scenario::Comparison::Op::kEq) {
    out << c.value;
  } else {
    out << YAML::DoubleQuoted << c.ToString();
  }
}

void WriteComparisonMap(YAML::Emitter& out, const char* key, const std::map<std::string, scenario::Comparison>& m) {
  if (m.empty()) return;
  out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginMap;
  for (const auto& [k, c] : m) {
    out << YAML::Key << k << YAML::Value;
    WriteComparison(out, c);
  }
  out << YAML::EndMap;
}

// The keys of one expectation block (inside a map already begun).
void WriteExpectFields(YAML::Emitter& out, const scenario::Expectations& e) {
  for (const auto& [key, field] : kCounts) {
    if (const auto& c = e.*field) {
      out << YAML::Key << key << YAML::Value;
      WriteComparison(out, *c);
    }
  }
  WriteComparisonMap(out, "produce_errors", e.produce_errors);
  WriteComparisonMap(out, "consumed", e.consumed);
  WriteComparisonMap(out, "consumed_out_of_order", e.consumed_out_of_order);
  if (!e.leader_of.empty()) {
    out << YAML::Key << "leader_of" << YAML::Value << YAML::Flow << YAML::BeginMap;
    for (const auto& [tp, b] : e.leader_of) out << YAML::Key << tp << YAML::Value << b;
    out << YAML::EndMap;
  }
  if (!e.isr_of.empty()) {
    out << YAML::Key << "isr_of" << YAML::Value << YAML::Flow << YAML::BeginMap;
    for (const auto& [tp, ids] : e.isr_of) out << YAML::Key << tp << YAML::Value << YAML::Flow << ids;
    out << YAML::EndMap;
  }
  if (e.controller) out << YAML::Key << "controller" << YAML::Value << *e.controller;
  WriteComparisonMap(out, "leader_epoch_of", e.leader_epoch_of);
  WriteComparisonMap(out, "high_watermark_of", e.high_watermark_of);
}

bool IsEmpty(const scenario::Expectations& e) {
  for (const auto& [key, field] : kCounts) {
    if (e.*field) return false;
  }
  return e.produce_errors.empty() && e.consumed.empty() && e.consumed_out_of_order.empty() && e.leader_of.empty() &&
         e.isr_of.empty() && !e.controller && e.leader_epoch_of.empty() && e.high_watermark_of.empty();
}

}  // namespace

bool IsEmptyExpectations(const scenario::Expectations& e) { return IsEmpty(e); }

void WriteExpectSections(YAML::Emitter& out, const scenario::Scenario& s) {
  if (!IsEmpty(s.expect)) {
    out << YAML::Key << "expect" << YAML::Value << YAML::BeginMap;
    WriteExpectFields(out, s.expect);
    out << YAML::EndMap;
  }
  if (s.expect_at.empty()) return;
  out << YAML::Key << "expect_at" << YAML::Value << YAML::BeginSeq;
  for (const scenario::TimedExpectations& t : s.expect_at) {
    out << YAML::BeginMap << YAML::Key << "at" << YAML::Value << scenario::FormatDuration(t.at_ns);
    WriteExpectFields(out, t.expect);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
}

std::string ExpectSectionsText(const scenario::Scenario& s) {
  if (IsEmpty(s.expect) && s.expect_at.empty()) return "";
  YAML::Emitter out;
  out << YAML::BeginMap;
  WriteExpectSections(out, s);
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace kafkasim::viz
