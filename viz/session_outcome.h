// viz/session_outcome.h — what a GUI session measurably ended with, as
// scenario expectations: "Save scenario" writes these instead of the loaded
// file's expectations, which hand-added faults may have made false.
//
// The values come from sim::Evaluate itself (its `measured` column), so a
// file carrying them passes `kafkasim run` by construction.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/scenario/scenario.h"
#include "sim/simulation.h"

namespace kafkasim::viz {

// Per-partition keys (leader_of, isr_of, leader_epoch_of, high_watermark_of)
// are written for every partition up to this many; beyond it only for the
// partitions the loaded file's expectations named.
inline constexpr size_t kMaxMeasuredPartitions = 8;

struct SessionOutcome {
  scenario::Expectations expect;                       // measured at the end
  std::vector<scenario::TimedExpectations> expect_at;  // the loaded file's moments, measured
  uint64_t trace_hash = 0;                             // of the whole run, as `kafkasim run` prints it
  uint64_t events = 0;
  std::vector<scenario::NarrationStep> shown_steps;  // the working narration's steps shown by the end
};

// Runs `working` (the session's scenario, hand-added faults included) with
// `seed` to its end. `original` says which moments `expect_at` measures and
// which partitions to name when there are many.
SessionOutcome MeasureSession(const scenario::Scenario& working, const scenario::Scenario& original, uint64_t seed);

// Every key sim::Evaluate can judge now, with equality to what it measures
// (used for the end; `like` adds partitions to name beyond the first few).
scenario::Expectations MeasureAll(const sim::Simulation& sim, const scenario::Expectations& like);
// The keys of `like`, each with equality to what it measures now.
scenario::Expectations MeasureLike(const sim::Simulation& sim, const scenario::Expectations& like, TimeNs at);

}  // namespace kafkasim::viz
