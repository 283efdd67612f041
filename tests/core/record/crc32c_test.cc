// tests/core/record/crc32c_test.cc — CRC-32C (Castagnoli) against the
// standard check value and RFC 3720's iSCSI test vectors.
#include "core/record/crc32c.h"

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

namespace kafkasim::record {
namespace {

std::span<const uint8_t> AsBytes(std::string_view s) { return {reinterpret_cast<const uint8_t*>(s.data()), s.size()}; }

TEST(Crc32cTest, CheckValueOf123456789) { EXPECT_EQ(Crc32c(AsBytes("123456789")), 0xE3069283u); }

TEST(Crc32cTest, Rfc3720Vectors) {
  std::vector<uint8_t> zeros(32, 0x00), ones(32, 0xFF), inc(32);
  for (int i = 0; i < 32; ++i) inc[i] = static_cast<uint8_t>(i);
  EXPECT_EQ(Crc32c(zeros), 0x8A9136AAu);
  EXPECT_EQ(Crc32c(ones), 0x62A8AB43u);
  EXPECT_EQ(Crc32c(inc), 0x46DD794Eu);
}

TEST(Crc32cTest, PortablePathMatchesTheVectors) {
  EXPECT_EQ(Crc32cPortable(AsBytes("123456789")), 0xE3069283u);
  std::vector<uint8_t> inc(32);
  for (int i = 0; i < 32; ++i) inc[i] = static_cast<uint8_t>(i);
  EXPECT_EQ(Crc32cPortable(inc), 0x46DD794Eu);
}

// The hardware path (where the CPU has one) and the table path agree on
// every length and alignment, and when continued from any earlier value.
TEST(Crc32cTest, HardwareAndPortablePathsAgree) {
  std::vector<uint8_t> bytes(300);
  uint32_t x = 12345;
  for (auto& b : bytes) b = static_cast<uint8_t>((x = x * 1103515245u + 12345u) >> 16);
  for (size_t start = 0; start < 9; ++start) {
    for (size_t len = 0; len + start <= bytes.size(); len += 7) {
      std::span<const uint8_t> s(bytes.data() + start, len);
      ASSERT_EQ(Crc32c(s), Crc32cPortable(s)) << start << "+" << len;
      ASSERT_EQ(Crc32c(s, 0xDEADBEEF), Crc32cPortable(s, 0xDEADBEEF)) << start << "+" << len;
    }
  }
}

TEST(Crc32cTest, IncrementalEqualsOneShot) {
  auto all = AsBytes("123456789");
  EXPECT_EQ(Crc32c(all.subspan(4), Crc32c(all.first(4))), 0xE3069283u);
}

}  // namespace
}  // namespace kafkasim::record
