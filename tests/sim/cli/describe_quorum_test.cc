// tests/sim/cli/describe_quorum_test.cc — `kafkasim describe` on a KRaft
// scenario prints the metadata quorum as `kafka-metadata-quorum.sh describe
// --status` and `--replication` do (Kafka 3.9's MetadataQuorumCommand):
// the status header's fields in order, the replication table's columns in
// order, the leader row first, and values that follow the run.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/cli/commands.h"

namespace kafkasim::cli {
namespace {

// controller-2 crashes at 5s (whoever leads, the others keep a majority).
constexpr const char* kKRaftScenario = R"(name: describe-quorum-test
seed: 7
duration: 10s
cluster:
  mode: kraft
  controllers: 3
  brokers: 3
  config:
    broker.heartbeat.interval.ms: 500
topics:
  - name: orders
    partitions: 1
    replication.factor: 3
producers:
  - id: p1
    config: {acks: all}
    workload: {topic: orders, messages: 50, rate: 50/s, start: 2s}
faults:
  - {at: 5s, crash: controller-2}
)";

class DescribeQuorumTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("kafkasim_describe_quorum_" +
             std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + ".yaml");
    std::ofstream(path_) << kKRaftScenario;
  }
  void TearDown() override { std::filesystem::remove(path_); }

  std::vector<std::string> Describe(const std::string& at) {
    std::ostringstream out, err;
    EXPECT_EQ(RunDescribe({path_.string(), "--at", at}, out, err), 0) << err.str();
    std::vector<std::string> lines;
    std::istringstream in(out.str());
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    return lines;
  }
  static std::string Joined(const std::vector<std::string>& lines) {
    std::string s;
    for (const auto& l : lines) s += l + "\n";
    return s;
  }
  // The lines after `header`, up to the next blank line.
  static std::vector<std::string> Section(const std::vector<std::string>& lines, const std::string& header) {
    auto it = std::find(lines.begin(), lines.end(), header);
    std::vector<std::string> out;
    if (it == lines.end()) return out;
    for (++it; it != lines.end() && !it->empty(); ++it) out.push_back(*it);
    return out;
  }
  // A table row's cells (ToolsUtils.prettyPrintTable: padded cells, each followed by a tab).
  static std::vector<std::string> Cells(const std::string& row) {
    std::vector<std::string> cells;
    std::istringstream in(row);
    for (std::string c; std::getline(in, c, '\t');) {
      while (!c.empty() && c.back() == ' ') c.pop_back();
      cells.push_back(c);
    }
    return cells;
  }
  static std::string Value(const std::string& line) {
    return line.substr(line.find_first_not_of(' ', line.find(':') + 1));
  }

  std::filesystem::path path_;
};

TEST_F(DescribeQuorumTest, StatusHasKafkasFieldsInOrder) {
  auto lines = Describe("8s");
  auto status = Section(lines, "# kafka-metadata-quorum.sh describe --status");
  ASSERT_EQ(status.size(), 8u) << Joined(lines);
  const std::vector<std::string> fields = {"ClusterId:",     "LeaderId:",        "LeaderEpoch:",
                                           "HighWatermark:", "MaxFollowerLag:",  "MaxFollowerLagTimeMs:",
                                           "CurrentVoters:", "CurrentObservers:"};
  for (size_t i = 0; i < fields.size(); ++i) {
    EXPECT_EQ(status[i].rfind(fields[i], 0), 0u) << status[i];
    EXPECT_EQ(status[i].find_first_not_of(' ', fields[i].size()), 24u) << "values start at column 24: " << status[i];
  }
  EXPECT_EQ(Value(status[0]), "kafkasim-describe-quorum-test");
  const int leader = std::stoi(Value(status[1]));
  EXPECT_TRUE(leader == 901 || leader == 903) << "controller-2 (902) crashed at 5s: " << leader;
  EXPECT_GE(std::stoi(Value(status[2])), 1);
  EXPECT_GT(std::stol(Value(status[3])), 0);  // metadata records committed
  EXPECT_GT(std::stol(Value(status[4])), 0);  // the crashed voter lags
  EXPECT_NE(Value(status[6]).find(
                "{\"id\": 902, \"directoryId\": null, \"endpoints\": [\"CONTROLLER://controller-2:9093\"]}"),
            std::string::npos)
      << status[6];
  EXPECT_EQ(Value(status[7]), "[]");
}

TEST_F(DescribeQuorumTest, ReplicationTableHasKafkasColumnsAndTheLeaderFirst) {
  auto lines = Describe("8s");
  auto table = Section(lines, "# kafka-metadata-quorum.sh describe --replication");
  ASSERT_EQ(table.size(), 4u) << Joined(lines);  // header, leader, two followers
  EXPECT_EQ(Cells(table[0]), (std::vector<std::string>{"NodeId", "DirectoryId", "LogEndOffset", "Lag",
                                                       "LastFetchTimestamp", "LastCaughtUpTimestamp", "Status"}));
  auto leader = Cells(table[1]);
  ASSERT_EQ(leader.size(), 7u);
  EXPECT_EQ(leader[6], "Leader");
  EXPECT_EQ(leader[3], "0");
  EXPECT_EQ(leader[4], "8000");  // the leader reports now for its own timestamps
  EXPECT_EQ(leader[1], "AAAAAAAAAAAAAAAAAAAAAA");
  for (size_t i = 2; i < 4; ++i) {
    auto f = Cells(table[i]);
    ASSERT_EQ(f.size(), 7u);
    EXPECT_EQ(f[6], "Follower");
    EXPECT_EQ(std::stol(f[3]), std::stol(leader[2]) - std::stol(f[2])) << "Lag = leader's LEO - this LEO";
    if (f[0] == "902") {
      EXPECT_GT(std::stol(f[3]), 0) << "controller-2 crashed at 5s";
      EXPECT_LT(std::stol(f[4]), 5000) << "its last fetch was before the crash";
    } else {
      EXPECT_GE(std::stol(f[4]), 7000) << "a live follower fetched recently";
    }
  }
  // The columns line up: every row has the same tab positions.
  for (const std::string& row : table) EXPECT_EQ(row.find('\t'), table[0].find('\t')) << row;
}

TEST(DescribeQuorumZooKeeperTest, ZooKeeperScenarioHasNoQuorumSection) {
  const auto path = std::filesystem::temp_directory_path() / "kafkasim_describe_quorum_zk.yaml";
  std::ofstream(path) << "name: zk\nduration: 3s\ncluster: {brokers: 3}\n";
  std::ostringstream out, err;
  EXPECT_EQ(RunDescribe({path.string(), "--at", "2s"}, out, err), 0) << err.str();
  EXPECT_EQ(out.str().find("kafka-metadata-quorum.sh"), std::string::npos) << out.str();
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace kafkasim::cli
