// tests/core/record/partitioner_test.cc — murmur2 against Kafka's
// UtilsTest.testMurmur2 and kafkajs's Java-compatible partitioner
// (tests/data/batches/murmur2_kafkajs.txt); consistent_random against zlib's
// published CRC-32 check value and librdkafka's rules.
#include "core/record/partitioner.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace kafkasim::record {
namespace {

std::span<const uint8_t> BytesOf(std::string_view s) { return {reinterpret_cast<const uint8_t*>(s.data()), s.size()}; }

// A counter-based Random: deterministic, and every value is distinct.
class CountingRandom final : public Random {
 public:
  uint64_t NextU64() override { return (n_++) * 0x9E3779B97F4A7C15ull; }

 private:
  uint64_t n_ = 1;
};

TEST(Murmur2Test, MatchesKafkaUtilsTestVectors) {
  EXPECT_EQ(Murmur2("21"), -973932308);
  EXPECT_EQ(Murmur2("foobar"), -790332482);
  EXPECT_EQ(Murmur2("a-little-bit-long-string"), -985981536);
  EXPECT_EQ(Murmur2("a-little-bit-longer-string"), -1486304829);
  EXPECT_EQ(Murmur2("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8"), -58897971);
  EXPECT_EQ(Murmur2("abc"), 479470107);
}

TEST(Murmur2Test, MatchesKafkajsPartitionerForCapturedKeys) {
  std::ifstream f(std::string(KAFKASIM_SOURCE_DIR) + "/tests/data/batches/murmur2_kafkajs.txt");
  ASSERT_TRUE(f) << "missing murmur2_kafkajs.txt";
  std::string line;
  int checked = 0;
  while (std::getline(f, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream in(line);
    std::string key;
    int32_t hash = 0, partition = 0;
    ASSERT_TRUE(in >> key >> hash >> partition) << line;
    EXPECT_EQ(Murmur2(key), hash) << key;
    EXPECT_EQ(Murmur2Partition(BytesOf(key), 7), partition) << key;
    ++checked;
  }
  EXPECT_GE(checked, 5);
}

TEST(PartitionerTest, Murmur2PartitionIsToPositiveModulo) {
  // toPositive(-790332482) = 1357151166; % 10 = 6, % 16 = 14.
  EXPECT_EQ(ToPositive(-790332482), 1357151166);
  EXPECT_EQ(Murmur2Partition(BytesOf("foobar"), 10), 6);
  EXPECT_EQ(Murmur2Partition(BytesOf("foobar"), 16), 14);
  EXPECT_EQ(ToPositive(INT32_MIN), 0);  // not abs(): Utils.toPositive
}

TEST(PartitionerTest, Crc32MatchesZlibCheckValue) { EXPECT_EQ(Crc32(BytesOf("123456789")), 0xCBF43926u); }

TEST(PartitionerTest, ConsistentRandomHashesNonEmptyKeys) {
  CountingRandom random;
  // 0xCBF43926 = 3421780262; % 7 = 5.
  EXPECT_EQ(ConsistentRandomPartition(BytesOf("123456789"), 7, random), 5);
  EXPECT_EQ(ConsistentRandomPartition(BytesOf("123456789"), 1, random), 0);
}

TEST(PartitionerTest, ConsistentRandomSpreadsNullAndEmptyKeys) {
  CountingRandom random;
  std::set<int32_t> seen;
  for (int i = 0; i < 200; ++i) {
    int32_t p = ConsistentRandomPartition(std::nullopt, 5, random);
    ASSERT_GE(p, 0);
    ASSERT_LT(p, 5);
    seen.insert(p);
    seen.insert(ConsistentRandomPartition(std::span<const uint8_t>(), 5, random));
  }
  EXPECT_EQ(seen.size(), 5u);
}

RC_GTEST_PROP(PartitionerProperty, PartitionsAreInRange, (std::vector<uint8_t> key, uint16_t n)) {
  int32_t partitions = 1 + n % 1000;
  int32_t p = Murmur2Partition(key, partitions);
  RC_ASSERT(p >= 0);
  RC_ASSERT(p < partitions);
  CountingRandom random;
  int32_t q = ConsistentRandomPartition(std::span<const uint8_t>(key), partitions, random);
  RC_ASSERT(q >= 0);
  RC_ASSERT(q < partitions);
}

}  // namespace
}  // namespace kafkasim::record
