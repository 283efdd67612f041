// sim/prng.h — the run's randomness: xoshiro256** seeded by splitmix64.
//
// Our own generator (no std distributions, whose output differs between
// standard libraries), so one seed gives the same stream on every machine.
// Child streams are split by a stable label (the node id), so adding a node
// does not shift the randomness every other node sees.
#pragma once

#include <cstdint>

#include "core/env.h"

namespace kafkasim::sim {

uint64_t SplitMix64(uint64_t& state);

class Prng final : public Random {
 public:
  explicit Prng(uint64_t seed);
  uint64_t NextU64() override;
  // An independent stream derived from this stream's seed and `label`.
  Prng Child(uint64_t label) const;
  uint64_t seed() const { return seed_; }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t seed_;
  uint64_t s_[4];
};

}  // namespace kafkasim::sim
