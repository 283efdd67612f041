// tests/sim/disk/scratch_disk_test.cc — a copy-on-write view never writes
// through to its base disk.
#include "sim/disk/scratch_disk.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/disk/sim_disk.h"
#include "tests/sim/disk/disk_test_util.h"

namespace kafkasim::sim {
namespace {

using ::kafkasim::testing::B;
using ::kafkasim::testing::S;

TEST(ScratchDiskTest, WritesStayInTheViewAndReadsSeeThem) {
  SimDisk base;
  EXPECT_TRUE(base.Append("d/a", B("hello")).ok());
  EXPECT_TRUE(base.Append("d/b", B("world")).ok());
  ScratchDisk view(base);
  EXPECT_EQ(S(view.Read("d/a")), "hello");
  EXPECT_TRUE(view.Append("d/a", B("!")).ok());
  EXPECT_TRUE(view.Truncate("d/b", 2).ok());
  EXPECT_TRUE(view.Remove("d/b").ok());
  EXPECT_TRUE(view.Append("d/c", B("new")).ok());
  EXPECT_TRUE(view.Truncate("d/none", 0).ok());  // as SimDisk: creates nothing
  EXPECT_EQ(S(view.Read("d/a")), "hello!");
  EXPECT_FALSE(view.Exists("d/b"));
  EXPECT_FALSE(view.Exists("d/none"));
  EXPECT_EQ(view.List("d/"), (std::vector<std::string>{"d/a", "d/c"}));
  EXPECT_EQ(view.Size("d/c"), 3u);
  // The base is untouched.
  EXPECT_EQ(S(base.Read("d/a")), "hello");
  EXPECT_EQ(S(base.Read("d/b")), "world");
  EXPECT_FALSE(base.Exists("d/c"));
  EXPECT_EQ(base.List("d/"), (std::vector<std::string>{"d/a", "d/b"}));
}

}  // namespace
}  // namespace kafkasim::sim
