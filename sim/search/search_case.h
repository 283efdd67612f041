// sim/search/search_case.h — one seed of a fault search: the user's scenario
// plus a random fault plan, as plain scenario YAML, and how it fails.
//
// A SearchCase is everything needed to write the scenario file again: the
// base file's YAML (its own faults kept), the drawn faults grouped as drawn
// (a crash and its restart are one group, so the shrinker drops or moves
// them together), the settle step, the run seed and the producers' record
// counts. Compose() gives a file with explicit faults and no randomness left:
// `kafkasim run` on it replays the same run.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "sim/run.h"
#include "sim/search/random_fault_plan.h"

namespace kafkasim::sim::search {

// One `faults:` entry as the plan writer wrote it: `{at: Xms, BODY[, for: Yms]}`.
struct FaultEntry {
  TimeNs at_ns = 0;
  std::optional<TimeNs> for_ns;
  std::string body;            // "crash: broker-2", "link: {...}"
  std::string ToYaml() const;  // "  - {at: ..}\n"
  static std::optional<FaultEntry> Parse(const std::string& line);
};

struct FaultGroup {
  RandomFaultKind kind = RandomFaultKind::kCrash;
  std::vector<FaultEntry> entries;
};

// What the search adds to every seed's scenario, derived from the base file.
struct SearchSpec {
  YAML::Node base;              // the file as parsed (own faults included)
  scenario::Scenario scenario;  // the file as loaded (validated)
  FaultPlanShape shape;         // brokers, partitions, clients, window, kinds
  TimeNs duration_ns = 0;       // the file's duration, stretched to settle
};

// Builds the spec: the fault window is [1s, 60% of the duration), the settle
// step 5 s after it, and the duration is stretched to leave 20 s after it.
SearchSpec MakeSearchSpec(YAML::Node base, scenario::Scenario s, std::vector<RandomFaultKind> kinds);

struct SearchCase {
  uint64_t seed = 0;               // the run's seed (the file's `seed:`)
  std::vector<FaultGroup> groups;  // drawn faults (shrinkable)
  std::vector<FaultEntry> settle;  // heal all + restart every broker
  std::vector<int64_t> messages;   // per producer (shrinkable)
  // The cluster and clients, shrinkable too (0 / empty: as the file has them).
  int brokers = 0;
  std::map<std::string, int> partitions;  // topic -> partition count
  std::set<std::string> dropped_clients;  // producer and consumer ids left out
  std::string Shape() const;              // "crash+partition": the kinds, sorted
  // "2 brokers (of 3), orders: 1 partition (of 3), without c2" — "" when unshrunk.
  std::string Smaller(const SearchSpec& spec) const;
  // Whether any fault entry names `node` ("broker-3", "c1", "leader(orders-2)").
  bool Mentions(const std::string& node) const;
};

// The case for search seed `seed`: its fault plan drawn from a stream seeded by it.
SearchCase DrawCase(const SearchSpec& spec, uint64_t seed);

// The scenario file for a case (`name`, `description` replaced).
std::string Compose(const SearchSpec& spec, const SearchCase& c, const std::string& name,
                    const std::string& description);

// What a run of a case shows.
struct CaseOutcome {
  bool loaded = false;
  std::string load_error;
  RunResult result;
  std::string check;   // the failing check ("" when the run passed): checker or expectation key
  std::string detail;  // "expected == 0, measured 12" or the checker's sentence
};

// Runs the case (without a trace hash: RunOptions::trace_hash is forced off).
CaseOutcome RunCase(const SearchSpec& spec, const SearchCase& c, const RunOptions& extra = {});
CaseOutcome JudgeYaml(const std::string& yaml, const std::string& display_name, const RunOptions& options);

}  // namespace kafkasim::sim::search
