#include "sim/run.h"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "core/config/broker_config.h"
#include "core/config/client_config.h"
#include "core/config/topic_config.h"
#include "sim/metrics/metrics_recorder.h"
#include "sim/simulation.h"

namespace kafkasim::sim {
namespace {

constexpr size_t kMaxStoryLines = 120;

void NoteUnsimulated(const scenario::ConfigMap& m, const std::vector<config::ConfigKey>& keys, const std::string& where,
                     std::vector<std::string>& out) {
  for (const auto& [k, v] : m) {
    const config::ConfigKey* key = config::FindKey(k, keys);
    if (key == nullptr || key->simulated) continue;
    std::string note = where;
    note.append(" ").append(k).append("=").append(v).append(" is accepted but not simulated yet");
    out.push_back(std::move(note));
  }
}

// Runs to `t`; with a recorder, stops at each sampling time on the way
// (stopping changes nothing: RunUntil only runs the events up to a time).
void AdvanceTo(Simulation& sim, TimeNs t, MetricsRecorder* metrics, std::ostream* out, TimeNs& next_sample) {
  while (metrics != nullptr && next_sample <= std::min(t, sim.end_time()) && !sim.stopped_by_violation()) {
    sim.RunUntil(next_sample);
    if (sim.now() != next_sample) break;  // stopped by a checker
    for (const MetricSample& m : metrics->Sample(sim)) *out << m.ToJson() << "\n";
    next_sample += metrics->interval_ns();
  }
  sim.RunUntil(t);
}

}  // namespace

std::vector<std::string> UnsimulatedSettings(const scenario::Scenario& s) {
  std::vector<std::string> out;
  NoteUnsimulated(s.cluster.config, config::BrokerConfig::Keys(), "cluster.config", out);
  for (const auto& t : s.topics) NoteUnsimulated(t.config, config::TopicConfig::Keys(), "topic " + t.name, out);
  for (const auto& p : s.producers) NoteUnsimulated(p.config, config::ProducerConfig::Keys(), "producer " + p.id, out);
  for (const auto& c : s.consumers) NoteUnsimulated(c.config, config::ConsumerConfig::Keys(), "consumer " + c.id, out);
  return out;
}

RunResult RunScenario(const scenario::Scenario& s, const RunOptions& options) {
  Simulation sim(s, options.seed, TraceSinks{options.trace_out, options.trace_listener, options.trace_hash});
  RunResult r;
  r.seed = options.seed;
  std::vector<scenario::TimedExpectations> at = s.expect_at;
  std::stable_sort(at.begin(), at.end(), [](const auto& a, const auto& b) { return a.at_ns < b.at_ns; });
  std::optional<MetricsRecorder> metrics;
  TimeNs next_sample = options.metrics_interval_ns;
  if (options.metrics_out != nullptr) {
    metrics.emplace(options.metrics_interval_ns);
    sim.set_observation_listener([&sim, &metrics](const Observation& obs) { metrics->Observe(sim.world(), obs); });
  }
  MetricsRecorder* recorder = metrics ? &*metrics : nullptr;
  for (const auto& te : at) {
    AdvanceTo(sim, te.at_ns, recorder, options.metrics_out, next_sample);
    auto lines = Evaluate(te.expect, sim, Measure(sim), te.at_ns);
    r.verdicts.insert(r.verdicts.end(), lines.begin(), lines.end());
  }
  AdvanceTo(sim, sim.end_time(), recorder, options.metrics_out, next_sample);
  r.measurements = Measure(sim);
  auto end_lines = Evaluate(s.expect, sim, r.measurements, -1);
  auto data_lines = DefaultDataChecks(s.expect, r.measurements);
  r.verdicts.insert(r.verdicts.end(), end_lines.begin(), end_lines.end());
  r.verdicts.insert(r.verdicts.end(), data_lines.begin(), data_lines.end());
  r.violations = sim.invariants().violations();
  r.story = sim.story().lines();
  r.events = sim.world().trace().lines();
  r.trace_hash = options.trace_hash ? sim.world().trace().hash() : 0;
  r.end_time = sim.now();
  r.pass = r.violations.empty() &&
           std::all_of(r.verdicts.begin(), r.verdicts.end(), [](const VerdictLine& v) { return v.pass; });
  return r;
}

void PrintReport(const scenario::Scenario& s, const RunResult& r, std::ostream& out) {
  out << "scenario " << s.name << " (seed " << r.seed << ", " << s.duration_ns / kNsPerMs << " ms simulated)\n\n";
  for (const std::string& note : UnsimulatedSettings(s)) out << "note: " << note << "\n";
  out << "timeline:\n";
  size_t shown = std::min(r.story.size(), kMaxStoryLines);
  for (size_t i = 0; i < shown; ++i) out << "  " << FormatTime(r.story[i].at) << "  " << r.story[i].text << "\n";
  if (r.story.size() > shown) out << "  ... " << r.story.size() - shown << " more (see --trace)\n";
  const Measurements& m = r.measurements;
  out << "\nsummary: acked=" << m.acked << " lost_acked=" << m.lost_acked
      << (m.at_risk_acked ? " at_risk_acked=" + std::to_string(m.at_risk_acked) : std::string())
      << " duplicates_in_log=" << m.duplicates_in_log << " reordered=" << m.reordered
      << " duplicates_consumed=" << m.duplicates_consumed << " consumer_lost=" << m.consumer_lost
      << " replica_divergence=" << m.replica_divergence << "\n";
  for (const auto& ex : m.examples) out << "  e.g. " << ex << "\n";
  for (const Violation& v : r.violations) {
    out << "\nCHECKER " << v.checker << " FAILED at " << FormatTime(v.at) << " (event " << v.event << ", seed "
        << r.seed << "): " << v.explanation << "\n";
  }
  out << "\nexpectations:\n";
  for (const VerdictLine& v : r.verdicts) {
    char buf[256];
    std::string when = v.at < 0 ? "end" : "at " + FormatTime(v.at);
    std::snprintf(buf, sizeof buf, "  %-4s %-48s expected %-12s measured %-12s (%s)\n", v.pass ? "ok" : "FAIL",
                  v.key.c_str(), v.expected.c_str(), v.measured.c_str(), when.c_str());
    out << buf;
  }
  out << "\nseed=" << r.seed << " events=" << r.events << " trace_hash=" << Trace::HashHex(r.trace_hash)
      << " verdict=" << (r.pass ? "PASS" : "FAIL") << "\n";
}

}  // namespace kafkasim::sim
