// sim/search/sweep.h — `kafkasim sweep`: a scenario over a range of seeds and
// the product of config values, one JSON line per run.
//
// Runs are numbered in a fixed order — the product of the --set values (first
// key outermost, values as given), and within each combination the seeds
// A..B — so a shard (runs with index % N == I) and the unsharded sweep give
// identical lines, and `sweep-merge` only has to order them by "run".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "sim/search/random_fault_plan.h"

namespace kafkasim::sim::search {

struct SweepParam {
  std::string key;                  // as given: "acks" or "producer.acks"
  std::vector<std::string> values;  // "0", "1", "all"
};

// "acks=0,1,all" -> {acks, [0, 1, all]}; nullopt (with `error`) when malformed.
std::optional<SweepParam> ParseSweepParam(const std::string& text, std::string& error);

struct SweepRun {
  uint64_t index = 0;
  uint64_t seed = 0;
  std::vector<std::pair<std::string, std::string>> params;  // key -> value of this run
};

// Every run of the sweep, in order.
std::vector<SweepRun> SweepRuns(uint64_t first_seed, uint64_t last_seed, const std::vector<SweepParam>& params);

// Sets `key` to `value` in `doc`: a "cluster."/"topic."/"producer."/"consumer."
// prefix says where; without one, in every topic when it is a topic key, else
// every producer / consumer when it is a client key, else the cluster's config.
// False (with `error`) when the key is no config key of any kind.
bool ApplyParam(YAML::Node& doc, const std::string& key, const std::string& value, std::string& error);

struct SweepLineResult {
  std::string line;   // the JSON line (no newline)
  std::string error;  // non-empty: the run's scenario did not load (bad --set value)
};

// The run's scenario text (params and seed applied; random faults drawn when
// asked); "" with `error` set when a param is unknown or the file does not load.
std::string SweepRunYaml(const YAML::Node& base, const std::string& file, const SweepRun& run, bool random_faults,
                         std::string& error);

// Runs one sweep run on the base file `base` (parsed YAML); with `random_faults`
// the seed also draws a fault plan as `kafkasim search` does.
SweepLineResult RunSweepLine(const YAML::Node& base, const std::string& file, const SweepRun& run, bool random_faults);

}  // namespace kafkasim::sim::search
