#include "sim/prng.h"

namespace kafkasim::sim {

uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

Prng::Prng(uint64_t seed) : seed_(seed) {
  uint64_t st = seed;
  for (auto& s : s_) s = SplitMix64(st);
}

uint64_t Prng::NextU64() {
  const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
  const uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = Rotl(s_[3], 45);
  return result;
}

Prng Prng::Child(uint64_t label) const {
  uint64_t st = seed_ ^ (label * 0xd1b54a32d192ed03ULL);
  SplitMix64(st);
  return Prng(SplitMix64(st));
}

}  // namespace kafkasim::sim
