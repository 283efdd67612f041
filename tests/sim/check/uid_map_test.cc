// tests/sim/check/uid_map_test.cc — UidMap behaves as the std::map<RecordUid, V>
// it replaced: lookups, insert-on-[], size, iteration in uid order.
#include "sim/check/uid_map.h"

#include <gtest/gtest.h>

#include <map>
#include <utility>
#include <vector>

namespace kafkasim::sim {
namespace {

TEST(UidMapTest, MatchesAStdMapInsertedInAnyOrder) {
  UidMap<int> m;
  std::map<RecordUid, int> ref;
  const std::vector<std::pair<uint32_t, uint64_t>> keys = {{2, 5}, {0, 0}, {2, 0}, {0, 7}, {1, 3}, {0, 0}, {2, 4}};
  int v = 0;
  for (auto [p, seq] : keys) {
    RecordUid u = MakeRecordUid(p, seq);
    m[u] = ++v;
    ref[u] = v;
  }
  EXPECT_EQ(m.size(), ref.size());
  std::vector<std::pair<RecordUid, int>> got;
  m.ForEach([&](RecordUid u, int x) { got.emplace_back(u, x); });
  EXPECT_EQ(got, (std::vector<std::pair<RecordUid, int>>(ref.begin(), ref.end())));
  EXPECT_EQ(m.find(MakeRecordUid(0, 1)), nullptr);  // a gap
  EXPECT_EQ(m.find(MakeRecordUid(3, 0)), nullptr);  // an unknown producer
  EXPECT_EQ(m.find(MakeRecordUid(2, 9)), nullptr);  // past the end
  ASSERT_NE(m.find(MakeRecordUid(0, 0)), nullptr);
  EXPECT_EQ(*m.find(MakeRecordUid(0, 0)), 6);
  EXPECT_TRUE(m.contains(MakeRecordUid(1, 3)));
}

}  // namespace
}  // namespace kafkasim::sim
