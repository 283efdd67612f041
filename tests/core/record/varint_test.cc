// tests/core/record/varint_test.cc — zigzag varints against the vectors of
// Kafka's ByteUtilsTest (testVarintSerde, testVarlongSerde, testInvalidVar*).
#include "core/record/varint.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdint>
#include <limits>
#include <vector>

namespace kafkasim::record {
namespace {

void ExpectVarint(int32_t value, std::vector<uint8_t> expected) {
  Bytes out;
  AppendVarint(out, value);
  EXPECT_EQ(out, expected) << value;
  EXPECT_EQ(SizeOfVarint(value), expected.size()) << value;
  size_t pos = 0;
  auto r = ReadVarint(expected, pos);
  ASSERT_TRUE(r.ok()) << value;
  EXPECT_EQ(*r, value);
  EXPECT_EQ(pos, expected.size());
}

void ExpectVarlong(int64_t value, std::vector<uint8_t> expected) {
  Bytes out;
  AppendVarlong(out, value);
  EXPECT_EQ(out, expected) << value;
  EXPECT_EQ(SizeOfVarlong(value), expected.size()) << value;
  size_t pos = 0;
  auto r = ReadVarlong(expected, pos);
  ASSERT_TRUE(r.ok()) << value;
  EXPECT_EQ(*r, value);
  EXPECT_EQ(pos, expected.size());
}

TEST(VarintTest, MatchesKafkaByteUtilsVarintVectors) {
  ExpectVarint(0, {0x00});
  ExpectVarint(-1, {0x01});
  ExpectVarint(1, {0x02});
  ExpectVarint(63, {0x7E});
  ExpectVarint(-64, {0x7F});
  ExpectVarint(64, {0x80, 0x01});
  ExpectVarint(-65, {0x81, 0x01});
  ExpectVarint(8191, {0xFE, 0x7F});
  ExpectVarint(-8192, {0xFF, 0x7F});
  ExpectVarint(8192, {0x80, 0x80, 0x01});
  ExpectVarint(-8193, {0x81, 0x80, 0x01});
  ExpectVarint(1048575, {0xFE, 0xFF, 0x7F});
  ExpectVarint(-1048576, {0xFF, 0xFF, 0x7F});
  ExpectVarint(1048576, {0x80, 0x80, 0x80, 0x01});
  ExpectVarint(-1048577, {0x81, 0x80, 0x80, 0x01});
  ExpectVarint(134217727, {0xFE, 0xFF, 0xFF, 0x7F});
  ExpectVarint(-134217728, {0xFF, 0xFF, 0xFF, 0x7F});
  ExpectVarint(134217728, {0x80, 0x80, 0x80, 0x80, 0x01});
  ExpectVarint(-134217729, {0x81, 0x80, 0x80, 0x80, 0x01});
  ExpectVarint(std::numeric_limits<int32_t>::max(), {0xFE, 0xFF, 0xFF, 0xFF, 0x0F});
  ExpectVarint(std::numeric_limits<int32_t>::min(), {0xFF, 0xFF, 0xFF, 0xFF, 0x0F});
}

TEST(VarintTest, MatchesKafkaByteUtilsVarlongVectors) {
  ExpectVarlong(0, {0x00});
  ExpectVarlong(-1, {0x01});
  ExpectVarlong(63, {0x7E});
  ExpectVarlong(-65, {0x81, 0x01});
  ExpectVarlong(std::numeric_limits<int32_t>::max(), {0xFE, 0xFF, 0xFF, 0xFF, 0x0F});
  ExpectVarlong(17179869183LL, {0xFE, 0xFF, 0xFF, 0xFF, 0x7F});
  ExpectVarlong(-17179869185LL, {0x81, 0x80, 0x80, 0x80, 0x80, 0x01});
  ExpectVarlong(2199023255552LL, {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01});
  ExpectVarlong(-281474976710657LL, {0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01});
  ExpectVarlong(36028797018963967LL, {0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F});
  ExpectVarlong(4611686018427387904LL, {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01});
  ExpectVarlong(std::numeric_limits<int64_t>::max(), {0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01});
  ExpectVarlong(std::numeric_limits<int64_t>::min(), {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01});
}

TEST(VarintTest, RejectsVarintLongerThanFiveBytes) {
  // ByteUtilsTest.testInvalidVarint: one overflow byte.
  std::vector<uint8_t> in = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01};
  size_t pos = 0;
  auto r = ReadVarint(in, pos);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::CORRUPT_MESSAGE);
  EXPECT_NE(r.error().message.find("overlong"), std::string::npos) << r.error().message;
  EXPECT_EQ(pos, 0u);
}

TEST(VarintTest, RejectsVarlongLongerThanTenBytes) {
  std::vector<uint8_t> in = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01};
  size_t pos = 0;
  auto r = ReadVarlong(in, pos);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::CORRUPT_MESSAGE);
  EXPECT_EQ(pos, 0u);
}

TEST(VarintTest, RejectsTruncatedInput) {
  std::vector<uint8_t> in = {0x80, 0x80};
  size_t pos = 0;
  auto r = ReadVarint(in, pos);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("truncated"), std::string::npos) << r.error().message;
  std::vector<uint8_t> empty;
  EXPECT_FALSE(ReadVarlong(empty, pos).ok());
}

TEST(VarintTest, ReadsFromTheMiddleOfABuffer) {
  std::vector<uint8_t> in = {0xAA, 0x81, 0x01, 0x7F};
  size_t pos = 1;
  auto a = ReadVarint(in, pos);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(*a, -65);
  auto b = ReadVarint(in, pos);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*b, -64);
  EXPECT_EQ(pos, 4u);
}

RC_GTEST_PROP(VarintProperty, VarintRoundTrips, (int32_t v)) {
  Bytes out;
  AppendVarint(out, v);
  RC_ASSERT(out.size() == SizeOfVarint(v));
  RC_ASSERT(out.size() <= kMaxVarintBytes);
  size_t pos = 0;
  auto r = ReadVarint(out, pos);
  RC_ASSERT(r.ok());
  RC_ASSERT(*r == v);
}

RC_GTEST_PROP(VarintProperty, VarlongRoundTrips, (int64_t v)) {
  Bytes out;
  AppendVarlong(out, v);
  RC_ASSERT(out.size() == SizeOfVarlong(v));
  size_t pos = 0;
  auto r = ReadVarlong(out, pos);
  RC_ASSERT(r.ok());
  RC_ASSERT(*r == v);
}

RC_GTEST_PROP(VarintProperty, ArbitraryBytesNeverReadPastTheEnd, (std::vector<uint8_t> in)) {
  size_t pos = 0;
  auto r = ReadVarlong(in, pos);
  RC_ASSERT(pos <= in.size());
  if (r.ok()) RC_ASSERT(pos >= 1);
}

}  // namespace
}  // namespace kafkasim::record
