// sim/search/search.h — one seed of `kafkasim search`: draw a fault plan on
// top of the file's own schedule, run, and when a check fails shrink the case
// and explain it. The CLI (sim/cli/search_command.cc) spreads seeds over
// processes and merges their reports in seed order; this part is pure and
// deterministic.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/search/search_case.h"
#include "sim/search/shrink.h"
#include "sim/search/trace_digest.h"

namespace kafkasim::sim::search {

struct SeedReport {
  uint64_t seed = 0;
  bool found = false;
  std::string check;        // the failing check
  std::string shape;        // the shrunk case's fault kinds ("crash+partition")
  std::string yaml;         // the shrunk scenario file (fails `check` under `kafkasim run`)
  std::string explanation;  // words: what failed, what was lost, the faults, the chain of events
  Coverage coverage;        // of the seed's (unshrunk) run, plus "fault: KIND" per drawn fault
  // The dedup key: a thousand seeds hitting one bug give one finding.
  std::string Key() const { return check + " | " + shape; }
};

struct SearchLimits {
  int shrink_runs = 150;  // per finding
};

// Runs the seed: found, check, `shape` = the drawn (unshrunk) kinds, coverage.
SeedReport RunSeed(const SearchSpec& spec, uint64_t seed);
// Redraws and reruns a failing seed, shrinks and explains it (no coverage).
SeedReport ShrinkSeed(const SearchSpec& spec, uint64_t seed, const SearchLimits& limits = {});
// Both: the seed's coverage, and when it fails, its shrunk report.
SeedReport SearchSeed(const SearchSpec& spec, uint64_t seed, const SearchLimits& limits = {});

}  // namespace kafkasim::sim::search
