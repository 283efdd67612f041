// sim/report/verdict.h — checks a scenario's expectations against what
// happened, one line per expectation with the measured value.
//
// Besides the scenario's own `expect:` keys, two data checks always run:
// no record acknowledged with acks=all may be lost, and replicas may not
// diverge below the HW — unless the scenario states an expectation for
// lost_acked / replica_divergence itself (a lesson that shows data loss).
#pragma once

#include <string>
#include <vector>

#include "sim/check/measure.h"
#include "sim/scenario/scenario.h"

namespace kafkasim::sim {

class Simulation;

struct VerdictLine {
  std::string key;       // "lost_acked", "leader_of orders-0", ...
  std::string expected;  // "> 0"
  std::string measured;  // "37"
  bool pass = false;
  TimeNs at = -1;  // -1: at the end
};

// Evaluates `e` against the simulation's state now and `m`.
std::vector<VerdictLine> Evaluate(const scenario::Expectations& e, const Simulation& sim, const Measurements& m,
                                  TimeNs at);
// The always-on data checks (see the file comment).
std::vector<VerdictLine> DefaultDataChecks(const scenario::Expectations& e, const Measurements& m);

}  // namespace kafkasim::sim
