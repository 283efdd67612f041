#include "core/env.h"

namespace kafkasim {

uint64_t Random::Below(uint64_t n) {
  // Lemire's nearly-divisionless method; identical on every platform.
  uint64_t x = NextU64();
  __uint128_t m = static_cast<__uint128_t>(x) * n;
  uint64_t low = static_cast<uint64_t>(m);
  if (low < n) {
    uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      x = NextU64();
      m = static_cast<__uint128_t>(x) * n;
      low = static_cast<uint64_t>(m);
    }
  }
  return static_cast<uint64_t>(m >> 64);
}

bool Random::Chance(double p) {
  if (p <= 0.0) return false;
  if (p >= 1.0) return true;
  // 53 random bits as a double in [0, 1): exact and portable.
  double u = static_cast<double>(NextU64() >> 11) * (1.0 / 9007199254740992.0);
  return u < p;
}

int64_t Random::Between(int64_t lo, int64_t hi) {
  if (hi <= lo) return lo;
  // Width in unsigned arithmetic: hi - lo may not fit in int64_t.
  uint64_t width = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo);
  uint64_t offset = width == UINT64_MAX ? NextU64() : Below(width + 1);
  return static_cast<int64_t>(static_cast<uint64_t>(lo) + offset);
}

}  // namespace kafkasim
