// viz/scenario_writer_internal.h — the sections of the scenario writer,
// one file each (scenario_writer.cc, _faults.cc, _expect.cc). Internal to viz.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "sim/scenario/scenario.h"

namespace kafkasim::viz {

// Shortest decimal spelling that reads back as exactly `v`.
std::string FormatDouble(double v);

void WriteFaults(YAML::Emitter& out, const std::vector<scenario::Fault>& faults);
// `expect:` and `expect_at:`.
void WriteExpectSections(YAML::Emitter& out, const scenario::Scenario& s);

}  // namespace kafkasim::viz
