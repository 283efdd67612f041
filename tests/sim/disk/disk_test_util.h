// tests/sim/disk/disk_test_util.h — bytes from and to text, for disk tests.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace kafkasim::testing {

inline std::vector<uint8_t> B(const std::string& s) { return {s.begin(), s.end()}; }
inline std::string S(std::span<const uint8_t> b) { return {b.begin(), b.end()}; }

}  // namespace kafkasim::testing
