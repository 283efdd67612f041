// tests/sim/cli/describe_test.cc — `kafkasim describe FILE --at T`: topics
// in kafka-topics.sh --describe format, groups in kafka-consumer-groups.sh
// --describe format, on small scenarios run for real.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "sim/cli/commands.h"

namespace kafkasim::cli {
namespace {

// Brokers 1..3; "orders" (RF 3, preferred leader 1) and "solo" (RF 1 on
// broker-3, which crashes at 5s and does not come back); one producer, one
// consumer group (it forms after group.initial.rebalance.delay.ms, 3s).
constexpr const char* kScenario = R"(name: describe-test
seed: 9
duration: 10s
cluster:
  brokers: 3
  config:
    zookeeper.session.timeout.ms: 2000
topics:
  - name: orders
    partitions: 1
    replication.factor: 3
    assignment: {0: [1, 2, 3]}
  - name: solo
    partitions: 1
    replication.factor: 1
    assignment: {0: [3]}
producers:
  - id: p1
    config: {acks: all}
    workload: {topic: orders, messages: 100, rate: 100/s, start: 1s}
consumers:
  - id: c1
    group: g1
    topics: [orders]
    config: {auto.offset.reset: earliest, enable.auto.commit: false}
faults:
  - {at: 5s, crash: broker-3}
)";

class DescribeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("kafkasim_describe_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + ".yaml");
    std::ofstream(path_) << kScenario;
  }
  void TearDown() override { std::filesystem::remove(path_); }

  std::vector<std::string> Describe(const std::string& at, const char* scenario = nullptr) {
    if (scenario) std::ofstream(path_) << scenario;
    std::ostringstream out, err;
    EXPECT_EQ(RunDescribe({path_.string(), "--at", at}, out, err), 0) << err.str();
    std::vector<std::string> lines;
    std::istringstream in(out.str());
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    return lines;
  }
  static bool Has(const std::vector<std::string>& lines, const std::string& line) {
    return std::find(lines.begin(), lines.end(), line) != lines.end();
  }
  static std::string Joined(const std::vector<std::string>& lines) {
    std::string s;
    for (const auto& l : lines) s += l + "\n";
    return s;
  }

  std::filesystem::path path_;
};

TEST_F(DescribeTest, HealthyClusterShowsLeadersReplicasIsrAndGroupMembers) {
  auto lines = Describe("4500ms");
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0], "# describe-test at 4.500s (seed 9)");
  EXPECT_TRUE(Has(lines, "Topic: orders\tPartitionCount: 1\tReplicationFactor: 3")) << Joined(lines);
  EXPECT_TRUE(Has(lines, "\tTopic: orders\tPartition: 0\tLeader: 1\tReplicas: 1,2,3\tIsr: 1,2,3")) << Joined(lines);
  EXPECT_TRUE(Has(lines, "\tTopic: solo\tPartition: 0\tLeader: 3\tReplicas: 3\tIsr: 3")) << Joined(lines);
  // The consumer-groups header, then g1's partition owned by c1's member id.
  const std::regex header(R"(GROUP +TOPIC +PARTITION +CURRENT-OFFSET +LOG-END-OFFSET +LAG +CONSUMER-ID)");
  const std::regex row(R"(g1 +orders +0 +100 +100 +0 +consumer-\d+-\d+)");
  bool saw_header = false, saw_row = false;
  for (const auto& l : lines) {
    saw_header |= std::regex_match(l, header);
    saw_row |= std::regex_match(l, row);
  }
  EXPECT_TRUE(saw_header) << Joined(lines);
  EXPECT_TRUE(saw_row) << Joined(lines);
}

TEST_F(DescribeTest, DeadLeaderIsShownUntilTheControllerNotices) {
  // broker-3 crashed at 5s; its ZooKeeper session lives until ~7s, and until
  // then the metadata (what kafka-topics.sh reads) still names it.
  auto lines = Describe("6s");
  EXPECT_TRUE(Has(lines, "\tTopic: solo\tPartition: 0\tLeader: 3\tReplicas: 3\tIsr: 3")) << Joined(lines);
}

TEST_F(DescribeTest, OfflinePartitionPrintsLeaderNoneWithItsAssignment) {
  // broker-3's session expired at ~7s and the controller found no live
  // replica for solo-0. orders-0 just lost a follower.
  auto lines = Describe("9s");
  EXPECT_TRUE(Has(lines, "\tTopic: solo\tPartition: 0\tLeader: none\tReplicas: 3\tIsr: 3")) << Joined(lines);
  EXPECT_TRUE(Has(lines, "\tTopic: orders\tPartition: 0\tLeader: 1\tReplicas: 1,2,3\tIsr: 1,2")) << Joined(lines);
}

// scenarios/unclean-election.yaml: the leader (broker-1) shrinks the ISR to
// itself at ~5s (a ZooKeeper write), crashes at 7s; its session ends at ~9s and
// the controller elects out-of-sync broker-2.
constexpr const char* kUncleanScenario = R"(name: describe-unclean
seed: 13
duration: 12s
cluster:
  brokers: 3
  config:
    zookeeper.session.timeout.ms: 2000
    replica.lag.time.max.ms: 2000
    unclean.leader.election.enable: true
topics:
  - name: orders
    partitions: 1
    replication.factor: 2
    assignment: {0: [1, 2]}
    config: {min.insync.replicas: 1}
producers:
  - id: p1
    config: {acks: all, enable.idempotence: false}
    workload: {topic: orders, messages: 1000, rate: 100/s, keys: 4, start: 2.5s}
faults:
  - {at: 3s, partition: [[broker-1], [broker-2]]}
  - {at: 7s, crash: broker-1}
  - {at: 7s, heal: all}
)";

TEST_F(DescribeTest, ShowsTheControllersViewNotTheBrokersMetadataCaches) {
  // The shrunk ISR is in ZooKeeper from ~5s on: it never grows back while the
  // leader is down (the brokers' metadata caches may still say 1,2).
  auto at6 = Describe("6500ms", kUncleanScenario);
  EXPECT_TRUE(Has(at6, "\tTopic: orders\tPartition: 0\tLeader: 1\tReplicas: 1,2\tIsr: 1")) << Joined(at6);
  // broker-1 is down, but its session lives until ~9s: the controller (and
  // kafka-topics.sh) still names it.
  auto at7 = Describe("7500ms", kUncleanScenario);
  EXPECT_TRUE(Has(at7, "\tTopic: orders\tPartition: 0\tLeader: 1\tReplicas: 1,2\tIsr: 1")) << Joined(at7);
  // The unclean election made broker-2 the leader and the whole ISR.
  auto at10 = Describe("10s", kUncleanScenario);
  EXPECT_TRUE(Has(at10, "\tTopic: orders\tPartition: 0\tLeader: 2\tReplicas: 1,2\tIsr: 2")) << Joined(at10);
}

}  // namespace
}  // namespace kafkasim::cli
