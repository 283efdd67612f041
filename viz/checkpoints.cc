// viz/checkpoints.cc — the from-start checkpoint store.
#include "viz/checkpoints.h"

namespace kafkasim::viz {

std::unique_ptr<sim::Simulation> FromStartCheckpoints::Nearest(const scenario::Scenario& s, uint64_t seed,
                                                               TimeNs /*t*/) {
  return std::make_unique<sim::Simulation>(s, seed);
}

}  // namespace kafkasim::viz
