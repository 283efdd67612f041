// core/util/assert.h — contracts that are checked (TigerBeetle's assert,
// FoundationDB's ASSERT): always on, in Release too.
//
//   KSIM_ASSERT(hw <= leo, "high watermark above the log end offset");
//
// The check costs one branch; the message expression is evaluated only when
// the condition is false (so it may build a std::string without costing the
// passing case anything). On failure it prints the message, the condition,
// file:line and — when a simulation is running — the seed, the event number
// and the simulated time, then aborts: a broken invariant is a bug, never a
// state to continue from.
//
// core/ knows nothing of sim/: the running simulation lends its context
// through ScopedAssertContext (sim/simulation.cc holds one while it runs
// events). Outside a run (unit tests on a bare Log) the report says so.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/types.h"

namespace kafkasim {

struct AssertContext {
  uint64_t seed = 0;
  uint64_t event = 0;  // trace lines so far: the `events=` count of a run
  TimeNs now = 0;      // simulated time
};

// What a run lends to a failing assertion.
class AssertContextSource {
 public:
  virtual AssertContext CurrentAssertContext() const = 0;

 protected:
  ~AssertContextSource() = default;
};

// Makes `source` the context of failing assertions until destroyed, then
// restores the previous one (runs nest: a GUI may step two simulations).
// The one piece of process-wide state in core/: it is read only to print a
// failure report, never by Kafka's logic, so it cannot change a run.
class ScopedAssertContext {
 public:
  explicit ScopedAssertContext(const AssertContextSource* source);
  ~ScopedAssertContext();
  ScopedAssertContext(const ScopedAssertContext&) = delete;
  ScopedAssertContext& operator=(const ScopedAssertContext&) = delete;

 private:
  const AssertContextSource* previous_;
};

// Prints the report (see the file comment) to stderr and aborts.
[[noreturn]] void AssertFail(const char* condition, std::string_view what, const char* file, int line) noexcept;

}  // namespace kafkasim

#define KSIM_ASSERT(cond, what)                                  \
  do {                                                           \
    if (!(cond)) [[unlikely]]                                    \
      ::kafkasim::AssertFail(#cond, (what), __FILE__, __LINE__); \
  } while (0)
