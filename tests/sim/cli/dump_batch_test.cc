// tests/sim/cli/dump_batch_test.cc — `kafkasim dump-batch` on batches from a
// real client (kafkajs) and on broken input; `kafkasim partition-for`.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "sim/cli/commands.h"

namespace kafkasim::cli {
namespace {

std::string DataPath(const std::string& name) {
  return std::string(KAFKASIM_SOURCE_DIR) + "/tests/data/batches/" + name;
}

std::string ReadText(const std::string& path) {
  std::ifstream f(path);
  return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

std::string StripSpace(std::string s) {
  std::erase_if(s, [](char c) { return c == '\n' || c == ' '; });
  return s;
}

struct CliRun {
  int code;
  std::string out, err;
};

CliRun DumpBatch(std::vector<std::string> args) {
  std::ostringstream out, err;
  int code = RunDumpBatch(args, out, err);
  return {code, out.str(), err.str()};
}

CliRun PartitionFor(std::vector<std::string> args) {
  std::ostringstream out, err;
  int code = RunPartitionFor(args, out, err);
  return {code, out.str(), err.str()};
}

// The uncompressed kafkajs batch, as JSON: every field checked against what
// capture.js asked kafkajs to write, except batchLength and crc, which are
// kafkajs's own bytes (0x0000008a and 0x841a27b6 in kafkajs_none.hex).
TEST(DumpBatchTest, PrintsKafkajsBatchAsJson) {
  CliRun r = DumpBatch({"--file", DataPath("kafkajs_none.hex"), "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string want =
      R"({"baseOffset":0,"batchLength":138,"partitionLeaderEpoch":0,"magic":2,"crc":2216306614,"crcValid":true,)"
      R"("compression":"none","timestampType":"CreateTime","isTransactional":false,"isControl":false,)"
      R"("lastOffsetDelta":3,"baseTimestamp":1700000000000,"maxTimestamp":1700000000010,"producerId":-1,)"
      R"("producerEpoch":0,"baseSequence":0,"records":[)"
      R"({"offset":0,"timestamp":1700000000000,"key":"6b65792d31","value":"68656c6c6f206b61666b61",)"
      R"("headers":[{"key":"trace-id","value":"616263313233"}]},)"
      R"({"offset":1,"timestamp":1700000000005,"key":null,"value":"6e6f206b65792068657265","headers":[]},)"
      R"({"offset":2,"timestamp":1700000000010,"key":"6b65792d33","value":"","headers":[{"key":"a","value":"31"},)"
      R"({"key":"b","value":"32"}]},)"
      R"({"offset":3,"timestamp":1700000000007,"key":"6b65792d34","value":null,"headers":[]}]})"
      "\n";
  EXPECT_EQ(r.out, want);
}

TEST(DumpBatchTest, HexArgumentAndFileGiveTheSameOutput) {
  std::string hex = StripSpace(ReadText(DataPath("kafkajs_gzip.hex")));
  CliRun a = DumpBatch({"--hex", hex, "--format", "json"});
  CliRun b = DumpBatch({"--file", DataPath("kafkajs_gzip.hex"), "--format", "json"});
  ASSERT_EQ(a.code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  EXPECT_NE(a.out.find(R"("compression":"gzip")"), std::string::npos);
  EXPECT_NE(a.out.find(R"("value":"68656c6c6f206b61666b61")"), std::string::npos);
}

TEST(DumpBatchTest, PrintsEachConcatenatedBatchOnItsOwnLine) {
  std::string hex =
      StripSpace(ReadText(DataPath("kafkajs_none.hex"))) + StripSpace(ReadText(DataPath("kafkajs_transactional.hex")));
  CliRun r = DumpBatch({"--hex", hex, "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  ASSERT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 2);
  EXPECT_NE(r.out.find(R"("isTransactional":true)"), std::string::npos);
  EXPECT_NE(r.out.find(R"("producerId":4242)"), std::string::npos);
}

TEST(DumpBatchTest, ReadsRawBinaryFiles) {
  std::string hex = StripSpace(ReadText(DataPath("kafkajs_none.hex")));
  std::string raw;
  for (size_t i = 0; i < hex.size(); i += 2) raw.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  std::string path = ::testing::TempDir() + "dump_batch_raw.bin";
  std::ofstream(path, std::ios::binary) << raw;
  CliRun bin = DumpBatch({"--file", path, "--format", "json"});
  CliRun txt = DumpBatch({"--file", DataPath("kafkajs_none.hex"), "--format", "json"});
  std::remove(path.c_str());
  ASSERT_EQ(bin.code, 0) << bin.err;
  EXPECT_EQ(bin.out, txt.out);
}

TEST(DumpBatchTest, TextFormatReadsLikeKafkaDumpLog) {
  CliRun r = DumpBatch({"--file", DataPath("kafkajs_transactional.hex")});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("baseOffset: 0 lastOffset: 3 count: 4 baseSequence: 17 lastSequence: 20 producerId: 4242"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("isTransactional: true"), std::string::npos);
  EXPECT_NE(r.out.find("| offset: 0 CreateTime: 1700000000000 keySize: 5 valueSize: 11 sequence: 17 "
                       "headerKeys: [trace-id] key: key-1 payload: hello kafka"),
            std::string::npos)
      << r.out;
}

TEST(DumpBatchTest, TruncatedInputExitsTwo) {
  std::string hex = StripSpace(ReadText(DataPath("kafkajs_none.hex")));
  CliRun r = DumpBatch({"--hex", hex.substr(0, hex.size() - 10)});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("truncated"), std::string::npos) << r.err;
  CliRun tiny = DumpBatch({"--hex", "0000"});
  EXPECT_EQ(tiny.code, 2);
  EXPECT_NE(tiny.err.find("truncated"), std::string::npos) << tiny.err;
}

TEST(DumpBatchTest, CrcMismatchIsReportedButDecoded) {
  std::string hex = StripSpace(ReadText(DataPath("kafkajs_none.hex")));
  size_t at = hex.find("68656c6c6f");  // "hello"
  ASSERT_NE(at, std::string::npos);
  hex.replace(at, 2, "48");  // "Hello"
  CliRun r = DumpBatch({"--hex", hex, "--format", "json"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find(R"("crcValid":false)"), std::string::npos);
  EXPECT_NE(r.out.find(R"("value":"48656c6c6f206b61666b61")"), std::string::npos);
  CliRun text = DumpBatch({"--hex", hex});
  EXPECT_NE(text.out.find("isvalid: false"), std::string::npos);
}

// Corruption inside the gzip payload stops the records from decoding: the
// exit is 2, and the message still says the CRC does not match.
TEST(DumpBatchTest, UndecodableCorruptBatchNamesTheCrc) {
  std::string hex = StripSpace(ReadText(DataPath("kafkajs_gzip.hex")));
  ASSERT_GT(hex.size(), 40u);
  hex.replace(hex.size() - 10, 2, hex.compare(hex.size() - 10, 2, "00") == 0 ? "ff" : "00");
  CliRun r = DumpBatch({"--hex", hex});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("crcValid: false"), std::string::npos) << r.err;
}

TEST(DumpBatchTest, BadArgumentsExitTwo) {
  EXPECT_EQ(DumpBatch({}).code, 2);
  EXPECT_EQ(DumpBatch({"--hex"}).code, 2);
  EXPECT_EQ(DumpBatch({"--hex", "zz"}).code, 2);
  EXPECT_EQ(DumpBatch({"--hex", "abc"}).code, 2);
  EXPECT_EQ(DumpBatch({"--hex", "00", "--format", "yaml"}).code, 2);
  EXPECT_EQ(DumpBatch({"--file", "/nonexistent/batch.hex"}).code, 2);
  EXPECT_EQ(DumpBatch({"--bogus", "1"}).code, 2);
}

TEST(PartitionForTest, Murmur2ExplainsTheArithmetic) {
  // Kafka's UtilsTest: murmur2("foobar") = -790332482; toPositive = 1357151166; % 10 = 6.
  CliRun r = PartitionFor({"--key", "foobar", "--partitions", "10"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "partition 6  (murmur2(\"foobar\") = -790332482 -> toPositive = 1357151166 % 10)\n");
}

TEST(PartitionForTest, ConsistentRandomUsesCrc32) {
  // zlib's check value: crc32("123456789") = 0xCBF43926 = 3421780262; % 7 = 5.
  CliRun r = PartitionFor({"--key", "123456789", "--partitions", "7", "--partitioner", "consistent_random"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "partition 5  (crc32(\"123456789\") = 3421780262 % 7)\n");
}

TEST(PartitionForTest, BadArgumentsExitTwo) {
  EXPECT_EQ(PartitionFor({"--key", "k"}).code, 2);
  EXPECT_EQ(PartitionFor({"--key", "k", "--partitions", "0"}).code, 2);
  EXPECT_EQ(PartitionFor({"--key", "k", "--partitions", "x3"}).code, 2);
  EXPECT_EQ(PartitionFor({"--key", "k", "--partitions", "3", "--partitioner", "sticky"}).code, 2);
  CliRun r = PartitionFor({"--partitions", "3", "--key"});
  EXPECT_EQ(r.code, 2);
  EXPECT_FALSE(r.err.empty());
}

}  // namespace
}  // namespace kafkasim::cli

namespace kafkasim::cli {
namespace {

CliRun DumpControl(const std::vector<std::string>& args) {
  std::vector<std::string> all = {"--file", DataPath("kafkajs_control_commit.hex")};
  all.insert(all.end(), args.begin(), args.end());
  return DumpBatch(all);
}

TEST(DumpBatchControlTest, CommitMarkerShowsFlagsAndMarkerType) {
  CliRun txt = DumpControl({});
  ASSERT_EQ(txt.code, 0) << txt.err;
  EXPECT_NE(txt.out.find("isTransactional: true isControl: true"), std::string::npos) << txt.out;
  EXPECT_NE(txt.out.find("| offset: 120 CreateTime: 1700000000100 keySize: 4 valueSize: 6 sequence: -1 headerKeys: [] "
                         "endTxnMarker: COMMIT coordinatorEpoch: 7"),
            std::string::npos)
      << txt.out;
  CliRun json = DumpControl({"--format", "json"});
  ASSERT_EQ(json.code, 0) << json.err;
  EXPECT_NE(json.out.find("\"isTransactional\":true,\"isControl\":true"), std::string::npos) << json.out;
  EXPECT_NE(json.out.find("\"controlType\":\"COMMIT\",\"controlTypeId\":1,\"coordinatorEpoch\":7"), std::string::npos)
      << json.out;
}

TEST(DumpBatchControlTest, CorruptControlRecordExitsTwoWithCorruptMessage) {
  // The marker batch with its key's version made negative (0xff at the
  // key's first byte) and the CRC left stale: decodes (CRC not required),
  // then the control record is CORRUPT_MESSAGE.
  std::string hex = StripSpace(ReadText(DataPath("kafkajs_control_commit.hex")));
  const size_t key_at = 61 + 5;  // record: length, attributes, tsDelta, offsetDelta, keyLength
  ASSERT_EQ(hex.substr(2 * key_at, 8), "00000001");
  hex.replace(2 * key_at, 2, "ff");
  CliRun r = DumpBatch({"--hex", hex});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("CORRUPT_MESSAGE"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("control record key version"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace kafkasim::cli
