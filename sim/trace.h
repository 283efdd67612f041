// sim/trace.h — the run's record: one JSON line per event, and a running
// 64-bit hash over those lines.
//
// Same scenario + same seed => the same lines => the same hash, on any
// machine and compiler: lines are built by core/util/json_writer.h with
// integers only, and the hash is FNV-1a 64 over their bytes.
#pragma once

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/observe/observation.h"
#include "core/util/json_writer.h"

namespace kafkasim::sim {

// Where a run's trace lines go besides the hash. Given to the Simulation's
// constructor so that no line — not even the first, written while the
// cluster is built at t=0 — is missed.
struct TraceSinks {
  std::ostream* out = nullptr;                                    // JSON Lines, or nullptr
  std::function<void(std::string_view line)> listener = nullptr;  // every line (Perfetto export, GUI, tests)
  bool hash = true;  // false: no trace hash (Trace::set_hashing) — a run whose hash nobody reads
};

class Trace {
 public:
  // Writes every line to `out` as well as hashing it (nullptr: hash only).
  void set_output(std::ostream* out) { out_ = out; }
  // Called for each line after hashing (the GUI keeps them; tests inspect).
  void set_listener(std::function<void(std::string_view line)> fn) { listener_ = std::move(fn); }
  // Off: no hash (hash() stays at its seed) — for runs whose hash nobody
  // reads (a search's shrinking). Lines are still numbered.
  void set_hashing(bool on) { hashing_ = on; }
  // False when nobody reads the lines: no hash, no output, no listener.
  // Writers then call Skip() instead of building the line (same numbering).
  bool recording() const { return hashing_ || out_ != nullptr || listener_ != nullptr; }
  void Skip() { ++lines_; }

  // Starts a line {"i":N,"t":T,"type":TYPE, ...}; finish it with End().
  JsonWriter& Begin(TimeNs at, std::string_view type);
  void End();

  void Observe(TimeNs at, const Observation& obs);

  uint64_t hash() const { return hash_; }
  uint64_t lines() const { return lines_; }
  // "0123456789abcdef"
  static std::string HashHex(uint64_t h);

 private:
  JsonWriter w_;
  uint64_t hash_ = 0xcbf29ce484222325ULL;
  uint64_t lines_ = 0;
  bool hashing_ = true;
  std::ostream* out_ = nullptr;
  std::function<void(std::string_view)> listener_;
};

}  // namespace kafkasim::sim
