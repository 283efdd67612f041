// tests/sim/sweep_test.cc — `kafkasim sweep` / `sweep-merge`: the run order
// (product of --set values x seeds), where --set puts a key, sharded and
// unsharded sweeps giving the same lines, bad input exiting 2.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "sim/cli/commands.h"
#include "sim/search/sweep.h"

namespace kafkasim::sim::search {
namespace {

const std::string kFile = std::string(KAFKASIM_SOURCE_DIR) + "/tests/sim/search_data/acks1.yaml";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

int Cli(int (*cmd)(const std::vector<std::string>&, std::ostream&, std::ostream&), const std::vector<std::string>& a,
        std::string* err_text = nullptr) {
  std::ostringstream out, err;
  int rc = cmd(a, out, err);
  if (err_text) *err_text = err.str();
  return rc;
}

TEST(Sweep, RunsAreTheProductOfValuesFirstKeyOutermostThenSeeds) {
  std::string error;
  auto acks = ParseSweepParam("acks=0,1,all", error);
  auto mir = ParseSweepParam("min.insync.replicas=1,2", error);
  ASSERT_TRUE(acks && mir);
  auto runs = SweepRuns(5, 6, {*acks, *mir});
  ASSERT_EQ(runs.size(), 12u);
  EXPECT_EQ(runs[0].seed, 5u);
  EXPECT_EQ(runs[1].seed, 6u);
  EXPECT_EQ(runs[2].params[1].second, "2");
  EXPECT_EQ(runs[11].params[0].second, "all");
  EXPECT_EQ(runs[11].index, 11u);
  EXPECT_FALSE(ParseSweepParam("acks", error));
  EXPECT_FALSE(ParseSweepParam("acks=", error));
}

TEST(Sweep, SetPutsAKeyWhereItBelongs) {
  YAML::Node doc = YAML::LoadFile(kFile);
  std::string error;
  EXPECT_TRUE(ApplyParam(doc, "acks", "all", error));
  EXPECT_TRUE(ApplyParam(doc, "min.insync.replicas", "1", error));
  EXPECT_TRUE(ApplyParam(doc, "unclean.leader.election.enable", "true", error));  // a topic key too: topic wins
  EXPECT_TRUE(ApplyParam(doc, "zookeeper.session.timeout.ms", "4000", error));
  EXPECT_TRUE(ApplyParam(doc, "cluster.min.insync.replicas", "3", error));
  EXPECT_EQ(doc["producers"][0]["config"]["acks"].as<std::string>(), "all");
  EXPECT_EQ(doc["topics"][0]["config"]["min.insync.replicas"].as<std::string>(), "1");
  EXPECT_EQ(doc["topics"][0]["config"]["unclean.leader.election.enable"].as<std::string>(), "true");
  EXPECT_EQ(doc["cluster"]["config"]["zookeeper.session.timeout.ms"].as<std::string>(), "4000");
  EXPECT_EQ(doc["cluster"]["config"]["min.insync.replicas"].as<std::string>(), "3");
  EXPECT_FALSE(ApplyParam(doc, "acks.please", "1", error));
}

TEST(SweepCommand, ShardedAndMergedEqualsUnsharded) {
  const std::string dir = ::testing::TempDir();
  const std::vector<std::string> base = {kFile, "--seeds", "1..3", "--set", "acks=0,1", "--faults", "random"};
  auto with = [&](std::vector<std::string> extra) {
    auto a = base;
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  };
  ASSERT_EQ(Cli(cli::RunSweep, with({"--out", dir + "sweep-all.jsonl"})), 0);
  ASSERT_EQ(Cli(cli::RunSweep, with({"--shard", "0/2", "--out", dir + "sweep-0.jsonl"})), 0);
  ASSERT_EQ(Cli(cli::RunSweep, with({"--shard", "1/2", "--out", dir + "sweep-1.jsonl"})), 0);
  ASSERT_EQ(Cli(cli::RunSweepMerge, {dir + "sweep-1.jsonl", dir + "sweep-0.jsonl", "--out", dir + "sweep-m.jsonl"}), 0);
  const std::string all = ReadFile(dir + "sweep-all.jsonl");
  EXPECT_EQ(all, ReadFile(dir + "sweep-m.jsonl"));
  EXPECT_EQ(std::count(all.begin(), all.end(), '\n'), 6);
  EXPECT_NE(all.find("{\"run\":0,\"seed\":1,\"params\":{\"acks\":\"0\"},\"measured\":{\"lost_acked\":"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("\"trace_hash\":"), std::string::npos);
  EXPECT_EQ(ReadFile(dir + "sweep-0.jsonl").find("\"run\":1,"), std::string::npos);  // shard 0/2: even runs only
}

TEST(SweepCommand, BadInputExitsTwo) {
  std::string err;
  EXPECT_EQ(Cli(cli::RunSweep, {kFile, "--seeds", "3..1", "--out", "x.jsonl"}, &err), 2);
  EXPECT_NE(err.find("A <= B"), std::string::npos) << err;
  EXPECT_EQ(Cli(cli::RunSweep, {kFile, "--seeds", "1..2", "--shard", "2/2", "--out", "x.jsonl"}, &err), 2);
  EXPECT_NE(err.find("0 <= I < N"), std::string::npos) << err;
  EXPECT_EQ(Cli(cli::RunSweep, {kFile, "--seeds", "1..2", "--set", "acks=1,banana", "--out", "x.jsonl"}, &err), 2);
  EXPECT_NE(err.find("acks=banana"), std::string::npos) << err;
  EXPECT_NE(err.find("producers[0].config.acks"), std::string::npos) << err;
  EXPECT_EQ(Cli(cli::RunSweep, {kFile, "--seeds", "1..2", "--set", "no.such.key=1", "--out", "x.jsonl"}, &err), 2);
  EXPECT_NE(err.find("not a broker, topic, producer or consumer config key"), std::string::npos) << err;
  const std::string bad = ::testing::TempDir() + "sweep-bad.jsonl";
  std::ofstream(bad) << "{\"seed\":1}\n";
  EXPECT_EQ(Cli(cli::RunSweepMerge, {bad, "--out", ::testing::TempDir() + "m.jsonl"}, &err), 2);
  EXPECT_NE(err.find("sweep-bad.jsonl:1"), std::string::npos) << err;
}

}  // namespace
}  // namespace kafkasim::sim::search
