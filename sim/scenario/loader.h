// sim/scenario/loader.h — reads a scenario YAML file into a Scenario.
//
// Every problem is reported with the file, the line and the field
// (`scenarios/x.yaml:4:12: cluster.brokers: expected an integer, got "three"`).
// Unknown keys are errors that suggest the nearest valid key.
#pragma once

#include <string>
#include <string_view>

#include "sim/scenario/scenario.h"

namespace kafkasim::scenario {

struct LoadError {
  std::string file;
  int line = 0;       // 1-based
  int column = 0;     // 1-based
  std::string field;  // dotted path: "cluster.brokers", "faults[2].crash"
  std::string message;
  // "file:line:column: field: message"
  std::string ToString() const;
};

struct LoadResult {
  bool ok() const { return errors.empty(); }
  Scenario scenario;
  std::vector<LoadError> errors;  // all problems found, in file order
};

LoadResult LoadScenarioFile(const std::string& path);
// `display_name` is used as the file name in errors.
LoadResult LoadScenarioString(std::string_view yaml, const std::string& display_name);

}  // namespace kafkasim::scenario
