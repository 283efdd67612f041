// sim/run.h — run a scenario to the end and judge it: the `kafkasim run`
// engine, also used by tests, sweeps and the GUI's "run to end".
#pragma once

#include <functional>
#include <ostream>
#include <string_view>
#include <string>
#include <vector>

#include "sim/check/invariants.h"
#include "sim/check/measure.h"
#include "sim/report/story.h"
#include "sim/report/verdict.h"
#include "sim/scenario/scenario.h"

namespace kafkasim::sim {

struct RunOptions {
  uint64_t seed = 0;
  std::ostream* trace_out = nullptr;                               // JSON Lines, or nullptr
  std::function<void(std::string_view)> trace_listener = nullptr;  // every trace line (e.g. the Perfetto export)
  // false: no trace hash is computed (RunResult::trace_hash is 0) — for runs
  // whose hash nobody reads, e.g. a search's; the run itself is the same.
  bool trace_hash = true;
  // --metrics: a JSON line per metric per live node every
  // metrics_interval_ns of simulated time (sim/metrics); nullptr: none.
  std::ostream* metrics_out = nullptr;
  TimeNs metrics_interval_ns = kNsPerSec;
};

struct RunResult {
  uint64_t seed = 0;
  uint64_t events = 0;
  uint64_t trace_hash = 0;
  TimeNs end_time = 0;
  bool pass = false;
  std::vector<StoryLine> story;
  std::vector<VerdictLine> verdicts;
  std::vector<Violation> violations;
  Measurements measurements;
};

RunResult RunScenario(const scenario::Scenario& s, const RunOptions& options);

// Config settings in the scenario that kafkasim accepts but does not model yet
// (ConfigKey::simulated == false), one sentence each; printed by PrintReport.
std::vector<std::string> UnsimulatedSettings(const scenario::Scenario& s);

// The human-readable report: timeline, verdict table, the final line
// `seed=<N> events=<E> trace_hash=<16 hex> verdict=<PASS|FAIL>`.
void PrintReport(const scenario::Scenario& s, const RunResult& r, std::ostream& out);

}  // namespace kafkasim::sim
