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
    // One file per test: ctest runs the tests of this fixture in parallel
    // processes, and a shared name let one test read another's scenario.
    path_ = std::filesystem::temp_directory_path() /
            ("kafkasim_describe_test_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) +
             ".yaml");
    std::ofstream(path_) << kScenario;
  }
  void TearDown() override { std::filesystem::remove(path_); }

  std::vector<std::string> Describe(const std::string& at, const char* scenario = nullptr,
                                    std::vector<std::string> flags = {}, std::string* err_text = nullptr) {
    if (scenario) std::ofstream(path_) << scenario;
    std::ostringstream out, err;
    std::vector<std::string> args = {path_.string(), "--at", at};
    args.insert(args.end(), flags.begin(), flags.end());
    EXPECT_EQ(RunDescribe(args, out, err), 0) << err.str();
    if (err_text) *err_text = err.str();
    return Lines(out.str());
  }
  static std::vector<std::string> Lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    return lines;
  }
  static std::vector<std::string> Words(const std::string& line) {
    std::vector<std::string> words;
    std::istringstream in(line);
    for (std::string w; in >> w;) words.push_back(w);
    return words;
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
  // TopicCommand.TopicDescription: TopicId is a Kafka Uuid (22 base64url
  // characters); Configs lists the non-default topic configs (none here).
  const std::regex topic(
      R"(Topic: orders\tTopicId: [A-Za-z0-9_][A-Za-z0-9_-]{21}\tPartitionCount: 1\tReplicationFactor: 3\tConfigs: )");
  EXPECT_TRUE(std::any_of(lines.begin(), lines.end(), [&](const auto& l) { return std::regex_match(l, topic); }))
      << Joined(lines);
  EXPECT_TRUE(Has(lines, "\tTopic: orders\tPartition: 0\tLeader: 1\tReplicas: 1,2,3\tIsr: 1,2,3")) << Joined(lines);
  EXPECT_TRUE(Has(lines, "\tTopic: solo\tPartition: 0\tLeader: 3\tReplicas: 3\tIsr: 3")) << Joined(lines);
  // ConsumerGroupCommand.printOffsets: the columns in Kafka's order, then
  // g1's partition owned by c1 (CONSUMER-ID `<client.id>-<uuid>`).
  auto header = std::find_if(lines.begin(), lines.end(), [](const auto& l) { return l.rfind("GROUP ", 0) == 0; });
  ASSERT_NE(header, lines.end()) << Joined(lines);
  EXPECT_EQ(Words(*header), (std::vector<std::string>{"GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET",
                                                      "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID"}));
  // Kafka's widths: GROUP and TOPIC at least 15, PARTITION 10, the offsets 15,
  // CONSUMER-ID and HOST as wide as their widest value.
  const std::string widths = "GROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  ";
  EXPECT_EQ(header->substr(0, widths.size()), widths);
  ASSERT_NE(header + 1, lines.end());
  const std::regex row(
      R"(g1 +orders +0 +100 +100 +0 +c1-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12} +/c1 +c1)");
  EXPECT_TRUE(std::regex_match(*(header + 1), row)) << *(header + 1);
  EXPECT_EQ(header->find("CONSUMER-ID"), (header + 1)->find("c1-")) << "columns line up";
}

TEST_F(DescribeTest, GroupMembersAndStateInKafkasFormats) {
  auto members = Describe("4500ms", nullptr, {"--group", "g1", "--members"});
  ASSERT_GE(members.size(), 4u) << Joined(members);
  EXPECT_EQ(members[1], "");  // Kafka prints a blank line before the header
  EXPECT_EQ(Words(members[2]), (std::vector<std::string>{"GROUP", "CONSUMER-ID", "HOST", "CLIENT-ID", "#PARTITIONS"}));
  auto w = Words(members[3]);
  ASSERT_EQ(w.size(), 5u) << members[3];
  EXPECT_EQ(w[0], "g1");
  EXPECT_EQ(w[1].rfind("c1-", 0), 0u);
  EXPECT_EQ(w[2], "/c1");
  EXPECT_EQ(w[3], "c1");
  EXPECT_EQ(w[4], "1");
  EXPECT_FALSE(Has(members, "\tTopic: orders\tPartition: 0\tLeader: 1\tReplicas: 1,2,3\tIsr: 1,2,3"))
      << "--group: no topics";

  auto state = Describe("4500ms", nullptr, {"--group", "g1", "--state"});
  ASSERT_GE(state.size(), 4u) << Joined(state);
  EXPECT_EQ(Words(state[2]),
            (std::vector<std::string>{"GROUP", "COORDINATOR", "(ID)", "ASSIGNMENT-STRATEGY", "STATE", "#MEMBERS"}));
  const std::regex row(R"(g1 +broker-(\d):9092 \((\d)\) +range +Stable +1)");
  std::smatch m;
  ASSERT_TRUE(std::regex_match(state[3], m, row)) << state[3];
  EXPECT_EQ(m[1], m[2]);

  std::string err;
  auto none = Describe("4500ms", nullptr, {"--group", "nope"}, &err);
  EXPECT_TRUE(Has(none, "Error: Consumer group 'nope' does not exist.")) << Joined(none);
}

TEST_F(DescribeTest, ReportOptionsPrintOnlyTheMatchingPartitions) {
  // 9s: broker-3 is gone; orders-0 lost a follower, solo-0 its only replica.
  auto urp = Describe("9s", nullptr, {"--under-replicated-partitions"});
  EXPECT_EQ(urp, (std::vector<std::string>{"# describe-test at 9.000s (seed 9)",
                                           "\tTopic: orders\tPartition: 0\tLeader: 1\tReplicas: 1,2,3\tIsr: 1,2"}));
  auto unavailable = Describe("9s", nullptr, {"--unavailable-partitions"});
  EXPECT_EQ(unavailable, (std::vector<std::string>{"# describe-test at 9.000s (seed 9)",
                                                   "\tTopic: solo\tPartition: 0\tLeader: none\tReplicas: 3\tIsr: 3"}));
  auto min_isr = Describe("9s", nullptr, {"--under-min-isr-partitions"});
  EXPECT_EQ(min_isr, unavailable) << "no leader counts as under min ISR; orders has min.insync.replicas=1";
  auto healthy = Describe("4500ms", nullptr, {"--under-replicated-partitions", "--unavailable-partitions"});
  EXPECT_EQ(healthy.size(), 1u) << Joined(healthy);
}

TEST_F(DescribeTest, AtPastTheDurationIsAnError) {
  std::ofstream(path_) << kScenario;
  std::ostringstream out, err;
  EXPECT_EQ(RunDescribe({path_.string(), "--at", "11s"}, out, err), 2);
  EXPECT_NE(err.str().find("past"), std::string::npos) << err.str();
  EXPECT_EQ(RunDescribe({path_.string(), "--at", "5s", "--members"}, out, err), 2) << "--members needs --group";
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

// Configs: the topic's own overrides and what the brokers' config sets
// through a synonym (STATIC_BROKER_CONFIG is not a default), by name.
TEST_F(DescribeTest, ConfigsListTopicOverridesAndBrokerSetSynonyms) {
  auto lines = Describe("1s", kUncleanScenario);
  ASSERT_GE(lines.size(), 2u);
  const std::string& t = lines[1];
  EXPECT_EQ(
      t.substr(t.find("\tPartitionCount")),
      "\tPartitionCount: 1\tReplicationFactor: 2\tConfigs: min.insync.replicas=1,unclean.leader.election.enable=true")
      << t;
}

}  // namespace
}  // namespace kafkasim::cli
