// sim/search/shrink.h — greedy shrinking of a failing search case.
//
// Each step tries one smaller variant and keeps it when the run still fails
// the same check (the first failing checker or expectation, CaseOutcome::check):
//   1. drop one fault group (a crash and its restart together), last first;
//   2. shorten a group: halve its `for:`, or bring its restart halfway closer;
//   3. start a group later (by a quarter of what is left before the settle step);
//   4. fewer records: halve every producer's `messages` (not when the file
//      expects a number of records acknowledged or consumed: that check would
//      fail for the smaller count alone).
// Steps repeat until a full pass changes nothing or the run budget is spent.
// The result is deterministic: the same case gives the same shrunk case.
#pragma once

#include <string>

#include "sim/search/search_case.h"

namespace kafkasim::sim::search {

struct ShrinkResult {
  SearchCase smallest;
  CaseOutcome outcome;  // of `smallest`
  int runs = 0;         // runs spent shrinking
  size_t faults_before = 0;
};

// `failing` must fail `outcome.check`; `max_runs` bounds the work.
ShrinkResult Shrink(const SearchSpec& spec, const SearchCase& failing, const CaseOutcome& outcome, int max_runs = 150);

}  // namespace kafkasim::sim::search
