// viz/scenario_writer.h — writes a Scenario back out as scenario YAML (the
// format of shared/SCENARIO_FORMAT.md), for the GUI's "Save scenario as...".
//
// CONTRACT: LoadScenarioString(WriteScenarioYaml(s)) yields a scenario equal
// to `s` in every field except source locations and `path` (tested in
// tests/viz/scenario_writer_test.cc). Values that equal the loader's
// defaults may be omitted.
#pragma once

#include <string>

#include "sim/scenario/scenario.h"

namespace kafkasim::viz {

std::string WriteScenarioYaml(const scenario::Scenario& s);

// Writes the YAML to `path`. Returns "" on success, else a sentence saying why not.
std::string SaveScenarioFile(const scenario::Scenario& s, const std::string& path);

// "200/s" (or "30/min") spelling a rate that ParseRate reads back exactly.
std::string FormatRate(double per_sec);

// The text a NodeRef is written as ("broker-1", "controller", "leader(orders-0)").
std::string NodeRefText(const scenario::NodeRef& ref);

}  // namespace kafkasim::viz
