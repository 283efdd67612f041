// sim/report/narration_clock.h — when each narration step is shown.
//
// A plain step is shown at its `at`. A step with `after: KIND` is armed at
// its `at` and shown at the first KIND event at or after it (an election,
// a truncation, ...), so the banner describes what the picture shows
// whatever the seed. Pure observation: it never writes the trace, so trace
// hashes do not depend on it. Events of internal topics ("__...") do not
// count, as the story leaves them out too.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "core/observe/observation.h"
#include "sim/scenario/scenario.h"

namespace kafkasim::sim {

// Whether `obs` is an event of kind `kind`.
bool MatchesAnchor(scenario::NarrationAnchor kind, const Observation& obs);

class NarrationClock {
 public:
  explicit NarrationClock(const std::vector<scenario::NarrationStep>* steps);

  // Step `i`'s `at` came; returns true if it is shown now (plain, or its
  // event already happened at this very moment).
  bool Arm(size_t i, TimeNs now);
  // An observation at `now`: the indexes of armed steps it makes shown.
  std::vector<size_t> Observe(TimeNs now, const Observation& obs);

  // When step i was shown (nullopt: not yet).
  const std::optional<TimeNs>& shown_at(size_t i) const { return shown_at_[i]; }
  // Steps shown so far (grows by one each time the banner changes).
  size_t shown_count() const { return shown_count_; }
  // The step shown last (the latest `shown_at`), or nullptr before the first.
  const scenario::NarrationStep* current() const;
  // Its index (valid when current() is not null).
  size_t current_index() const { return current_; }

 private:
  void Show(size_t i, TimeNs now);

  const std::vector<scenario::NarrationStep>* steps_;
  std::vector<bool> armed_;
  std::vector<std::optional<TimeNs>> shown_at_;
  // The last time each anchor kind was seen (a step armed at that moment counts it).
  std::vector<TimeNs> last_seen_;
  size_t shown_count_ = 0;
  size_t current_ = 0;
};

}  // namespace kafkasim::sim
