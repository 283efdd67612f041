// viz/session_outcome.cc — measured expectations: build a template with the
// keys wanted, let sim::Evaluate judge it, and keep its measured column.
#include "viz/session_outcome.h"

#include <algorithm>
#include <charconv>
#include <string>

#include "core/protocol/errors.h"
#include "sim/check/measure.h"
#include "sim/report/verdict.h"

namespace kafkasim::viz {

namespace {

using CountField = std::optional<scenario::Comparison> scenario::Expectations::*;
struct CountKey {
  const char* key;
  CountField field;
};
const CountKey kCounts[] = {
    {"acked", &scenario::Expectations::acked},
    {"lost_acked", &scenario::Expectations::lost_acked},
    {"duplicates_in_log", &scenario::Expectations::duplicates_in_log},
    {"duplicates_consumed", &scenario::Expectations::duplicates_consumed},
    {"consumer_lost", &scenario::Expectations::consumer_lost},
    {"reordered", &scenario::Expectations::reordered},
    {"replica_divergence", &scenario::Expectations::replica_divergence},
    {"controller_epoch", &scenario::Expectations::controller_epoch},
};

std::optional<int64_t> ToInt(const std::string& text) {
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return v;
}

scenario::Comparison Eq(int64_t v) {
  scenario::Comparison c;
  c.value = v;
  return c;
}

// "[1, 2]" -> {1, 2}; nullopt for "offline".
std::optional<std::vector<int>> ToIds(const std::string& text) {
  if (text.size() < 2 || text.front() != '[' || text.back() != ']') return std::nullopt;
  std::vector<int> ids;
  std::string inner = text.substr(1, text.size() - 2);
  size_t pos = 0;
  while (pos < inner.size()) {
    size_t comma = inner.find(',', pos);
    std::string item = inner.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    item.erase(0, item.find_first_not_of(' '));
    auto v = ToInt(item);
    if (!v) return std::nullopt;
    ids.push_back(static_cast<int>(*v));
    pos = comma == std::string::npos ? inner.size() : comma + 1;
  }
  return ids;
}

// One verdict line ("leader_of orders-0", measured "broker-2") into `out`.
void Keep(const sim::VerdictLine& line, scenario::Expectations& out) {
  size_t space = line.key.find(' ');
  std::string head = line.key.substr(0, space);
  std::string arg = space == std::string::npos ? "" : line.key.substr(space + 1);
  const std::string& got = line.measured;
  for (const CountKey& k : kCounts) {
    if (head == k.key) {
      if (auto v = ToInt(got)) out.*k.field = Eq(*v);
      return;
    }
  }
  auto v = ToInt(got);
  if (head == "produce_errors" && v) out.produce_errors[arg] = Eq(*v);
  if (head == "consumed" && v) out.consumed[arg] = Eq(*v);
  if (head == "consumed_out_of_order" && v) out.consumed_out_of_order[arg] = Eq(*v);
  if (head == "leader_epoch_of" && v) out.leader_epoch_of[arg] = Eq(*v);
  if (head == "high_watermark_of" && v) out.high_watermark_of[arg] = Eq(*v);
  if (head == "leader_of") out.leader_of[arg] = got;
  if (head == "isr_of") {
    if (auto ids = ToIds(got)) out.isr_of[arg] = *ids;  // an offline partition has no ISR to state
  }
  if (head == "controller" && got != "none") out.controller = got;
}

bool Named(const scenario::Expectations& e, const std::string& tp) {
  return e.leader_of.count(tp) || e.isr_of.count(tp) || e.leader_epoch_of.count(tp) || e.high_watermark_of.count(tp);
}

}  // namespace

scenario::Expectations MeasureLike(const sim::Simulation& sim, const scenario::Expectations& like, TimeNs at) {
  scenario::Expectations out;
  for (const sim::VerdictLine& line : sim::Evaluate(like, sim, sim::Measure(sim), at)) Keep(line, out);
  return out;
}

scenario::Expectations MeasureAll(const sim::Simulation& sim, const scenario::Expectations& like) {
  scenario::Expectations t;
  for (const CountKey& k : kCounts) t.*k.field = Eq(0);
  sim::Measurements m = sim::Measure(sim);
  for (const auto& [code, n] : m.produce_errors) t.produce_errors[std::string(ErrorName(code))] = Eq(0);
  for (const auto& [group, n] : m.consumed) t.consumed[group] = Eq(0);
  for (const auto& [group, n] : m.consumed_out_of_order) t.consumed_out_of_order[group] = Eq(0);
  std::vector<std::string> tps;
  for (const TopicPartition& tp : sim.AllPartitions()) {
    if (tp.topic.rfind("__", 0) != 0) tps.push_back(tp.ToString());  // not Kafka's internal topics
  }
  for (const std::string& tp : tps) {
    if (tps.size() > kMaxMeasuredPartitions && !Named(like, tp)) continue;
    t.leader_of[tp] = "";
    t.isr_of[tp] = {};
    t.leader_epoch_of[tp] = Eq(0);
    t.high_watermark_of[tp] = Eq(0);
  }
  t.controller = "";
  return MeasureLike(sim, t, -1);
}

SessionOutcome MeasureSession(const scenario::Scenario& working, const scenario::Scenario& original, uint64_t seed) {
  sim::Simulation sim(working, seed);
  SessionOutcome out;
  std::vector<scenario::TimedExpectations> at = original.expect_at;
  std::stable_sort(at.begin(), at.end(), [](const auto& a, const auto& b) { return a.at_ns < b.at_ns; });
  for (const scenario::TimedExpectations& te : at) {
    sim.RunUntil(te.at_ns);
    out.expect_at.push_back({te.at_ns, MeasureLike(sim, te.expect, te.at_ns)});
  }
  sim.RunToEnd();
  out.expect = MeasureAll(sim, original.expect);
  out.trace_hash = sim.world().trace().hash();
  out.events = sim.world().trace().lines();
  for (size_t i = 0; i < working.narration.size(); ++i)
    if (sim.narration().shown_at(i)) out.shown_steps.push_back(working.narration[i]);
  return out;
}

}  // namespace kafkasim::viz
