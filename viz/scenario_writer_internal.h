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
// One fault as a flow map, e.g. {at: 4s, crash: broker-1}.
std::string FaultFlowText(const scenario::Fault& f);
// One narration step as a flow map, e.g. {at: 4s, text: "..."}.
std::string NarrationFlowText(const scenario::NarrationStep& n);
// `expect:` and `expect_at:`.
void WriteExpectSections(YAML::Emitter& out, const scenario::Scenario& s);
bool IsEmptyExpectations(const scenario::Expectations& e);
// The same as top-level YAML text ("expect:\n  acked: 300\n..."), "" when both are empty.
std::string ExpectSectionsText(const scenario::Scenario& s);

}  // namespace kafkasim::viz
