// tests/viz/run_to.h — a library scenario run to a moment, for the tests of
// what the GUI shows at that moment.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/types.h"
#include "sim/scenario/loader.h"
#include "sim/simulation.h"

namespace kafkasim::viz {

// scenarios/`file` loaded (a load error fails the test) and run to time `t`.
inline std::unique_ptr<sim::Simulation> RunTo(const std::string& file, TimeNs t) {
  scenario::LoadResult r = scenario::LoadScenarioFile(std::string(KAFKASIM_SOURCE_DIR) + "/scenarios/" + file);
  EXPECT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].ToString());
  auto sim = std::make_unique<sim::Simulation>(r.scenario, r.scenario.seed);
  sim->RunUntil(t);
  return sim;
}

}  // namespace kafkasim::viz
