// tests/core/log/sim_disk_test.cc — the simulated disk's page-cache/fsync model.
#include "sim/disk/sim_disk.h"

#include <gtest/gtest.h>

#include <string>

#include "sim/prng.h"
#include "tests/sim/disk/disk_test_util.h"

namespace kafkasim::sim {
namespace {

using ::kafkasim::testing::B;
using ::kafkasim::testing::S;

TEST(SimDiskTest, AppendsAreReadBackAndListedSorted) {
  SimDisk disk;
  EXPECT_TRUE(disk.Append("b/x", B("hello")).ok());
  EXPECT_TRUE(disk.Append("a/y", B("12")).ok());
  EXPECT_TRUE(disk.Append("a/x", B("1")).ok());
  EXPECT_TRUE(disk.Append("b/x", B(" world")).ok());
  EXPECT_EQ(S(disk.Read("b/x")), "hello world");
  EXPECT_EQ(disk.Size("b/x"), 11u);
  EXPECT_EQ(disk.List("a/"), (std::vector<std::string>{"a/x", "a/y"}));
  EXPECT_EQ(disk.List(""), (std::vector<std::string>{"a/x", "a/y", "b/x"}));
  EXPECT_FALSE(disk.Exists("c"));
  EXPECT_EQ(disk.Size("c"), 0u);
  EXPECT_TRUE(disk.Read("c").empty());
  EXPECT_EQ(disk.bytes_written(), 14u);
}

TEST(SimDiskTest, ProcessCrashKeepsThePageCache) {
  SimDisk disk;
  EXPECT_TRUE(disk.Append("f", B("abc")).ok());
  disk.CrashProcess();
  EXPECT_EQ(S(disk.Read("f")), "abc");
}

TEST(SimDiskTest, PowerFailureDropsUnsyncedBytesAndFiles) {
  SimDisk disk;
  EXPECT_TRUE(disk.Append("f", B("abc")).ok());
  EXPECT_TRUE(disk.Fsync("f").ok());
  EXPECT_TRUE(disk.Append("f", B("def")).ok());
  EXPECT_TRUE(disk.Append("never-synced", B("x")).ok());
  EXPECT_EQ(disk.UnsyncedBytes(), 4u);
  disk.PowerFail();
  EXPECT_EQ(S(disk.Read("f")), "abc");
  EXPECT_FALSE(disk.Exists("never-synced"));
  EXPECT_EQ(disk.fsyncs(), 1u);
  EXPECT_EQ(disk.UnsyncedBytes(), 0u);
}

TEST(SimDiskTest, EveryWriteModeFsyncsEachAppendAndTruncation) {
  // cluster.disk.flush: every-write.
  SimDisk disk;
  disk.set_sync_every_write(true);
  EXPECT_TRUE(disk.Append("f", B("abc")).ok());
  EXPECT_TRUE(disk.Append("f", B("def")).ok());
  EXPECT_TRUE(disk.Append("g", B("x")).ok());
  EXPECT_EQ(disk.UnsyncedBytes(), 0u);
  EXPECT_EQ(disk.fsyncs(), 3u);
  disk.PowerFail();
  EXPECT_EQ(S(disk.Read("f")), "abcdef");
  EXPECT_EQ(S(disk.Read("g")), "x");
  EXPECT_TRUE(disk.Truncate("f", 2).ok());
  disk.PowerFail();
  EXPECT_EQ(S(disk.Read("f")), "ab") << "the truncation was durable at once";
  Prng prng(3);
  EXPECT_TRUE(disk.Append("f", B("zz")).ok());
  disk.PowerFailTorn(prng);
  EXPECT_EQ(S(disk.Read("f")), "abzz") << "nothing unsynced to tear";
}

TEST(SimDiskTest, UnsyncedTruncationIsUndoneByPowerFailure) {
  SimDisk disk;
  EXPECT_TRUE(disk.Append("f", B("abcdef")).ok());
  EXPECT_TRUE(disk.Fsync("f").ok());
  EXPECT_TRUE(disk.Truncate("f", 2).ok());
  EXPECT_EQ(S(disk.Read("f")), "ab");
  disk.PowerFail();
  EXPECT_EQ(S(disk.Read("f")), "abcdef");
  EXPECT_TRUE(disk.Truncate("f", 2).ok());
  EXPECT_TRUE(disk.Fsync("f").ok());
  disk.PowerFail();
  EXPECT_EQ(S(disk.Read("f")), "ab");
}

TEST(SimDiskTest, RemoveIsDurable) {
  SimDisk disk;
  EXPECT_TRUE(disk.Append("f", B("abc")).ok());
  EXPECT_TRUE(disk.Fsync("f").ok());
  EXPECT_TRUE(disk.Remove("f").ok());
  disk.PowerFail();
  EXPECT_FALSE(disk.Exists("f"));
}

TEST(SimDiskTest, TornPowerFailureKeepsAPrefixOfEachUnsyncedTail) {
  bool saw_partial = false;
  bool saw_other_kept = false;
  bool saw_other_gone = false;
  for (uint64_t seed = 0; seed < 32; ++seed) {
    SimDisk disk;
    EXPECT_TRUE(disk.Append("other", B("zz")).ok());  // never fsynced
    EXPECT_TRUE(disk.Append("f", B("abc")).ok());
    EXPECT_TRUE(disk.Fsync("f").ok());
    EXPECT_TRUE(disk.Append("f", B("0123456789")).ok());
    Prng prng(seed);
    disk.PowerFailTorn(prng);
    std::string got = S(disk.Read("f"));
    ASSERT_GE(got.size(), 3u);
    EXPECT_EQ(got, std::string("abc0123456789").substr(0, got.size()));
    saw_partial = saw_partial || (got.size() > 3 && got.size() < 13);
    if (disk.Exists("other")) {
      std::string other = S(disk.Read("other"));
      EXPECT_TRUE(other == "z" || other == "zz") << other;
      saw_other_kept = true;
    } else {
      saw_other_gone = true;
    }
    // The kept prefix is now durable.
    disk.PowerFail();
    EXPECT_EQ(S(disk.Read("f")), got);
  }
  EXPECT_TRUE(saw_partial);
  EXPECT_TRUE(saw_other_kept);
  EXPECT_TRUE(saw_other_gone);
}

TEST(SimDiskTest, TornPowerFailureUndoesUnsyncedTruncationsWhole) {
  SimDisk disk;
  EXPECT_TRUE(disk.Append("f", B("abcdef")).ok());
  EXPECT_TRUE(disk.Fsync("f").ok());
  EXPECT_TRUE(disk.Truncate("f", 2).ok());
  EXPECT_TRUE(disk.Append("f", B("XY")).ok());
  Prng prng(1);
  disk.PowerFailTorn(prng);
  EXPECT_EQ(S(disk.Read("f")), "abcdef");  // not an append: back to the durable image
}

TEST(SimDiskTest, CorruptByteFlipsBothImages) {
  SimDisk disk;
  EXPECT_TRUE(disk.Append("f", B("abc")).ok());
  EXPECT_TRUE(disk.Fsync("f").ok());
  disk.CorruptByte("f", 1);
  EXPECT_NE(S(disk.Read("f")), "abc");
  disk.PowerFail();
  EXPECT_NE(S(disk.Read("f")), "abc");
  EXPECT_EQ(disk.Read("f")[0], 'a');
  disk.CorruptByte("f", 99);  // past the end: no-op
  disk.CorruptByte("missing", 0);
}

// The durable image is held as a length into the current bytes until a
// truncation cuts below it; these pin both forms.
TEST(SimDiskTest, RewrittenBytesAfterAnUnsyncedTruncationAreNotDurable) {
  SimDisk disk;
  EXPECT_TRUE(disk.Append("f", B("abcdef")).ok());
  EXPECT_TRUE(disk.Fsync("f").ok());
  EXPECT_EQ(disk.UnsyncedBytes("f"), 0u);
  EXPECT_TRUE(disk.Truncate("f", 2).ok());
  EXPECT_TRUE(disk.Append("f", B("XYZW")).ok());
  EXPECT_EQ(S(disk.Read("f")), "abXYZW");
  EXPECT_EQ(disk.UnsyncedBytes("f"), 6u) << "not a prefix of the platter's image: all of it is unsynced";
  disk.CorruptByte("f", 0);  // both images
  disk.CorruptByte("f", 3);  // both: the platter's 'd', the cache's 'Y'
  disk.PowerFail();
  const std::string back = S(disk.Read("f"));
  ASSERT_EQ(back.size(), 6u);
  EXPECT_EQ(back[0], static_cast<char>(~'a'));
  EXPECT_EQ(back.substr(1, 2), "bc");
  EXPECT_EQ(back[3], static_cast<char>(~'d'));
  EXPECT_EQ(back.substr(4), "ef");
  EXPECT_EQ(disk.UnsyncedBytes("f"), 0u);
}

TEST(SimDiskTest, AppendsAfterAnFsyncAreTheOnlyUnsyncedBytes) {
  SimDisk disk;
  EXPECT_TRUE(disk.Append("f", B("abc")).ok());
  EXPECT_TRUE(disk.Fsync("f").ok());
  EXPECT_TRUE(disk.Append("f", B("de")).ok());
  EXPECT_EQ(disk.UnsyncedBytes("f"), 2u);
  disk.CorruptByte("f", 4);  // unsynced: only the cache has it
  disk.PowerFail();
  EXPECT_EQ(S(disk.Read("f")), "abc");
  EXPECT_TRUE(disk.Truncate("f", 1).ok());
  EXPECT_TRUE(disk.Fsync("f").ok());
  EXPECT_TRUE(disk.Append("f", B("q")).ok());
  disk.PowerFail();
  EXPECT_EQ(S(disk.Read("f")), "a");
}

}  // namespace
}  // namespace kafkasim::sim
