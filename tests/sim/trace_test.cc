// tests/sim/trace_test.cc — trace lines and their FNV-1a 64 hash.
//
// The expected hash is computed here from the FNV spec (offset basis
// 0xcbf29ce484222325, prime 0x100000001b3; per byte: xor then multiply),
// over each line's bytes followed by '\n'. The in-test FNV is itself checked
// against the published FNV-1a 64 test vectors.
#include "sim/trace.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace kafkasim::sim {
namespace {

uint64_t Fnv1a64(std::string_view bytes, uint64_t h = 0xcbf29ce484222325ULL) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

uint64_t HashOfLines(const std::vector<std::string>& lines) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (const auto& l : lines) h = Fnv1a64(l + "\n", h);
  return h;
}

TEST(TraceTest, ReferenceFnvMatchesPublishedVectors) {
  // From the FNV test suite (isthe.com/chongo/src/fnv/test_fnv.c).
  EXPECT_EQ(Fnv1a64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(Fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(Fnv1a64("foobar"), 0x85944171f73967e8ULL);
}

TEST(TraceTest, EmptyTraceHashIsTheOffsetBasis) {
  Trace t;
  EXPECT_EQ(t.hash(), 0xcbf29ce484222325ULL);
  EXPECT_EQ(t.lines(), 0u);
}

// Writes the three lines below through the Trace API.
void WriteKnownLines(Trace& t) {
  t.Begin(0, "fault").Field("what", "crash broker-1");
  t.End();
  t.Begin(Ms(5), "send").Field("from", int32_t{1}).Field("to", int32_t{2}).Field("msg", "Produce");
  t.End();
  t.Begin(Ms(7), "note").Field("text", "a \"quoted\"\nline");
  t.End();
}

const std::vector<std::string> kKnownLines = {
    R"({"i":0,"t":0,"type":"fault","what":"crash broker-1"})",
    R"({"i":1,"t":5000000,"type":"send","from":1,"to":2,"msg":"Produce"})",
    R"({"i":2,"t":7000000,"type":"note","text":"a \"quoted\"\nline"})",
};

TEST(TraceTest, OutputStreamGetsExactlyTheLines) {
  Trace t;
  std::ostringstream out;
  t.set_output(&out);
  WriteKnownLines(t);
  std::string expected;
  for (const auto& l : kKnownLines) expected += l + "\n";
  EXPECT_EQ(out.str(), expected);
  EXPECT_EQ(t.lines(), 3u);
}

TEST(TraceTest, HashIsFnv1aOverLinesEachFollowedByNewline) {
  Trace t;
  WriteKnownLines(t);
  EXPECT_EQ(t.hash(), HashOfLines(kKnownLines));
}

TEST(TraceTest, ListenerSeesEachLineAfterHashing) {
  Trace t;
  std::vector<std::string> seen;
  std::vector<uint64_t> hashes;
  t.set_listener([&](std::string_view line) {
    seen.emplace_back(line);
    hashes.push_back(t.hash());
  });
  WriteKnownLines(t);
  EXPECT_EQ(seen, kKnownLines);
  ASSERT_EQ(hashes.size(), 3u);
  EXPECT_EQ(hashes[0], HashOfLines({kKnownLines[0]}));
  EXPECT_EQ(hashes[2], HashOfLines(kKnownLines));
}

TEST(TraceTest, WithoutHashingLinesAreNumberedNotHashed) {
  Trace t;
  t.set_hashing(false);
  EXPECT_FALSE(t.recording());
  WriteKnownLines(t);
  t.Skip();
  EXPECT_EQ(t.lines(), 4u);
  EXPECT_EQ(t.hash(), 0xcbf29ce484222325ULL);
  std::ostringstream out;
  t.set_output(&out);  // someone reads the lines again: they are built
  EXPECT_TRUE(t.recording());
}

TEST(TraceTest, HashHexIsSixteenLowercaseDigitsZeroPadded) {
  EXPECT_EQ(Trace::HashHex(0), "0000000000000000");
  EXPECT_EQ(Trace::HashHex(0x0123456789abcdefULL), "0123456789abcdef");
  EXPECT_EQ(Trace::HashHex(0xfedcba9876543210ULL), "fedcba9876543210");
  EXPECT_EQ(Trace::HashHex(~0ULL), "ffffffffffffffff");
  EXPECT_EQ(Trace::HashHex(0xaULL), "000000000000000a");
}

TEST(TraceTest, SameObservationsGiveTheSameHash) {
  auto run = [] {
    Trace t;
    t.Observe(Ms(1), ObsHighWatermark{NodeId{1}, {"orders", PartitionId{0}}, Offset{3}, Offset{5}, true});
    t.Observe(Ms(2), ObsNote{NodeId{2}, "hello"});
    return t.hash();
  };
  EXPECT_EQ(run(), run());
}

TEST(TraceTest, OneDifferentFieldGivesADifferentHash) {
  auto hash_with = [](int64_t new_hw, TimeNs at, int32_t node) {
    Trace t;
    t.Observe(at, ObsHighWatermark{NodeId{node}, {"orders", PartitionId{0}}, Offset{3}, Offset{new_hw}, true});
    return t.hash();
  };
  const uint64_t base = hash_with(5, Ms(1), 1);
  EXPECT_NE(base, hash_with(6, Ms(1), 1));
  EXPECT_NE(base, hash_with(5, Ms(1) + 1, 1));
  EXPECT_NE(base, hash_with(5, Ms(1), 2));
}

TEST(TraceTest, ObserveWritesKindAsTypeAndHashesTheLine) {
  Trace t;
  std::vector<std::string> seen;
  t.set_listener([&](std::string_view line) { seen.emplace_back(line); });
  t.Observe(Ms(3), ObsHighWatermark{NodeId{1}, {"orders", PartitionId{2}}, Offset{3}, Offset{5}, true});
  const std::string expected =
      R"({"i":0,"t":3000000,"type":"hw","node":1,"tp":"orders-2","old":3,"new":5,"leader":true})";
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0], expected);
  EXPECT_EQ(t.hash(), HashOfLines({expected}));
}

TEST(TraceTest, LineOrderMatters) {
  Trace a, b;
  a.Observe(0, ObsNote{NodeId{1}, "x"});
  a.Observe(0, ObsNote{NodeId{1}, "y"});
  b.Observe(0, ObsNote{NodeId{1}, "y"});
  b.Observe(0, ObsNote{NodeId{1}, "x"});
  EXPECT_NE(a.hash(), b.hash());
}

}  // namespace
}  // namespace kafkasim::sim
