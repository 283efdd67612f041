// tests/sim/cli/dump_batch_fuzz_test.cc — `kafkasim dump-batch` on hostile
// input: offset and timestamp sums that overflow wrap as Java's longs do,
// `--format json` is valid UTF-8 JSON whatever the header keys hold, and
// random or mutated bytes never crash it. Build with -fsanitize=undefined to
// have the sanitizer judge the arithmetic (see docs/cli.md).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "core/record/record_batch.h"
#include "sim/cli/commands.h"
#include "tests/core/util/json_validator.h"

namespace kafkasim::cli {
namespace {

std::string Hex(const Bytes& b) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s;
  for (uint8_t x : b) s += {kDigits[x >> 4], kDigits[x & 0xf]};
  return s;
}

struct Dump {
  int code;
  std::string out, err;
};

Dump DumpBytes(const Bytes& bytes, const char* format) {
  std::ostringstream out, err;
  int code = RunDumpBatch({"--hex", Hex(bytes), "--format", format}, out, err);
  return {code, out.str(), err.str()};
}

// Every output line of a JSON dump is one valid JSON document.
std::string JsonLinesError(const std::string& out) {
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    if (std::string e = testing::JsonError(line); !e.empty()) return e + " in " + line;
  }
  return "";
}

record::Record MakeRecord(int64_t offset_delta, int64_t timestamp_delta, std::string header_key) {
  record::Record r;
  r.offset_delta = offset_delta;
  r.timestamp_delta = timestamp_delta;
  r.value = Bytes{'v'};
  r.headers.push_back(record::RecordHeader{std::move(header_key), Bytes{0xff}});
  return r;
}

TEST(DumpBatchFuzzTest, OffsetAndTimestampSumsWrapAsJavaLongs) {
  record::RecordBatch b;
  b.base_offset = std::numeric_limits<int64_t>::max();
  b.base_timestamp = std::numeric_limits<int64_t>::max() - 1;
  b.max_timestamp = b.base_timestamp;
  b.records = {MakeRecord(0, 0, "h"), MakeRecord(1, 5, "h")};
  Dump d = DumpBytes(record::EncodeBatch(b), "json");
  ASSERT_EQ(d.code, 0) << d.err;
  EXPECT_NE(d.out.find(R"("offset":-9223372036854775808,"timestamp":-9223372036854775805)"), std::string::npos)
      << d.out;
  Dump t = DumpBytes(record::EncodeBatch(b), "text");
  ASSERT_EQ(t.code, 0) << t.err;
  EXPECT_NE(t.out.find("| offset: -9223372036854775808 CreateTime: -9223372036854775805"), std::string::npos) << t.out;
  EXPECT_NE(t.out.find("lastOffset: -9223372036854775808"), std::string::npos) << t.out;
}

TEST(DumpBatchFuzzTest, HeaderKeysThatAreNotUtf8StayValidJsonWithTheirBytesInHex) {
  record::RecordBatch b;
  b.records = {MakeRecord(0, 0, std::string("k\xff\xc3", 3)), MakeRecord(1, 0, "caf\xc3\xa9")};
  Dump d = DumpBytes(record::EncodeBatch(b), "json");
  ASSERT_EQ(d.code, 0) << d.err;
  EXPECT_EQ(JsonLinesError(d.out), "");
  // Java decodes 6b ff c3 as "k\uFFFD\uFFFD"; the exact bytes follow in keyHex.
  EXPECT_NE(d.out.find("{\"key\":\"k\xEF\xBF\xBD\xEF\xBF\xBD\",\"keyHex\":\"6bffc3\",\"value\":\"ff\"}"),
            std::string::npos)
      << d.out;
  EXPECT_NE(d.out.find("{\"key\":\"caf\xc3\xa9\",\"value\":\"ff\"}"), std::string::npos) << d.out;  // no keyHex
}

// Any base, any deltas, any header key bytes: exit 0 and valid JSON.
RC_GTEST_PROP(DumpBatchFuzz, AnyWellFramedBatchDumpsToValidJson,
              (int64_t base_offset, int64_t base_timestamp, int32_t offset_delta, int64_t timestamp_delta,
               std::string header_key, bool log_append_time)) {
  record::RecordBatch b;
  b.base_offset = base_offset;
  b.base_timestamp = base_timestamp;
  b.max_timestamp = *rc::gen::arbitrary<int64_t>();
  if (log_append_time) b.attributes = record::kTimestampTypeMask;
  b.records = {MakeRecord(offset_delta, timestamp_delta, header_key)};
  b.last_offset_delta = *rc::gen::inRange(0, std::numeric_limits<int32_t>::max());
  for (const char* format : {"json", "text"}) {
    Dump d = DumpBytes(record::EncodeBatch(b), format);
    RC_ASSERT(d.code == 0);
    if (std::string(format) == "json") RC_ASSERT(JsonLinesError(d.out) == "");
  }
}

// Random bytes, and real batches with random bytes overwritten: decoded or
// refused with exit 2, never a crash or undefined behaviour.
RC_GTEST_PROP(DumpBatchFuzz, RandomAndMutatedBytesNeverCrash, (std::vector<uint8_t> noise, bool mutate)) {
  Bytes bytes(noise.begin(), noise.end());
  if (mutate) {
    record::RecordBatch b;
    b.base_offset = *rc::gen::arbitrary<int64_t>();
    b.base_timestamp = *rc::gen::arbitrary<int64_t>();
    b.records = {MakeRecord(0, *rc::gen::arbitrary<int64_t>(), "k"), MakeRecord(1, 0, "\xfe")};
    bytes = record::EncodeBatch(b);
    for (size_t i = 0; i < noise.size() && !bytes.empty(); ++i) bytes[noise[i] % bytes.size()] ^= noise[i] | 1;
  }
  if (bytes.empty()) bytes.push_back(0);
  for (const char* format : {"json", "text"}) {
    Dump d = DumpBytes(bytes, format);
    RC_ASSERT(d.code == 0 || d.code == 2);
    if (std::string(format) == "json") RC_ASSERT(JsonLinesError(d.out) == "");
  }
}

}  // namespace
}  // namespace kafkasim::cli
