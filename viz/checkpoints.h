// viz/checkpoints.h — the seam for going back in time.
//
// Seeking backwards needs a Simulation at an earlier moment. Because a run
// is deterministic, rebuilding from t=0 and running forward is always
// correct; a store that keeps snapshots (once sim/ can snapshot a World) can
// hand back a later starting point instead, and the GUI will not notice.
#pragma once

#include <cstdint>
#include <memory>

#include "sim/scenario/scenario.h"
#include "sim/simulation.h"

namespace kafkasim::viz {

class Checkpoints {
 public:
  virtual ~Checkpoints() = default;
  // A fresh simulation of `s` with `seed` whose now() is at most `t`, as
  // close to `t` as this store can manage. The caller runs it forward.
  virtual std::unique_ptr<sim::Simulation> Nearest(const scenario::Scenario& s, uint64_t seed, TimeNs t) = 0;
  // The live simulation reached a new moment; a store may snapshot it.
  virtual void Offer(const sim::Simulation& live) = 0;
  // The scenario or seed changed: every stored snapshot is void.
  virtual void Clear() = 0;
};

// Keeps nothing: every backwards seek re-simulates from t=0.
class FromStartCheckpoints final : public Checkpoints {
 public:
  std::unique_ptr<sim::Simulation> Nearest(const scenario::Scenario& s, uint64_t seed, TimeNs t) override;
  void Offer(const sim::Simulation&) override {}
  void Clear() override {}
};

}  // namespace kafkasim::viz
