// Invalid scenarios: each problem is one clear error naming line, column and field.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/scenario/loader.h"

namespace kafkasim::scenario {
namespace {

// Errors as "line:column: field: message" (the display name "t.yaml:" is cut).
std::vector<std::string> LoadErrors(const std::string& yaml) {
  LoadResult r = LoadScenarioString(yaml, "t.yaml");
  std::vector<std::string> out;
  for (const LoadError& e : r.errors) {
    std::string s = e.ToString();
    EXPECT_EQ(s.rfind("t.yaml:", 0), 0u) << s;
    out.push_back(s.substr(7));
  }
  return out;
}

using Lines = std::vector<std::string>;

TEST(ScenarioLoaderErrorTest, UnknownTopLevelKeySuggestsNearest) {
  EXPECT_EQ(LoadErrors("name: x\ndurration: 5s\n"), Lines{"2:1: durration: unknown key \"durration\" (did you mean "
                                                          "'duration'?)"});
}

TEST(ScenarioLoaderErrorTest, UnknownKeyFarFromAnyListsValidKeys) {
  EXPECT_EQ(LoadErrors("name: x\ndisk:\n  flush: every-write\n").at(0),
            "2:1: disk: unknown key \"disk\"; valid keys: name, description, seed, duration, buggify, cluster, "
            "topics, producers, consumers, processors, faults, narration, expect, expect_at");
}

TEST(ScenarioLoaderErrorTest, MissingName) {
  EXPECT_EQ(LoadErrors("seed: 3\n"), Lines{"1:1: name: missing required key \"name\""});
}

TEST(ScenarioLoaderErrorTest, DuplicateYamlKey) {
  EXPECT_EQ(LoadErrors("name: x\nseed: 1\nseed: 2\n"),
            Lines{"3:1: seed: key \"seed\" is written twice (first at line 2); YAML allows each key once per map"});
}

// Maps whose keys the user chooses (partitions, groups, error names) were
// read in a loop that kept the last value: each duplicate is now an error.
TEST(ScenarioLoaderErrorTest, DuplicateKeysInEveryMapAreErrors) {
  const std::string head =
      "name: x\ncluster: {brokers: 3}\ntopics: [{name: t, replication.factor: 2}]\n"
      "consumers: [{id: c1, group: g, topics: [t]}]\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"topics: [{name: u, replication.factor: 2, assignment: {0: [1, 2], 0: [2, 3]}}]\n", "topics[0].assignment.0"},
      {"expect: {produce_errors: {NOT_ENOUGH_REPLICAS: 1, NOT_ENOUGH_REPLICAS: 0}}\n",
       "expect.produce_errors.NOT_ENOUGH_REPLICAS"},
      {"expect: {consumed: {g: 1, g: 2}}\n", "expect.consumed.g"},
      {"expect: {leader_of: {t-0: broker-1, t-0: broker-2}}\n", "expect.leader_of.t-0"},
      {"expect: {isr_of: {t-0: [1], t-0: [2]}}\n", "expect.isr_of.t-0"},
      {"expect: {leader_epoch_of: {t-0: 1, t-0: 2}}\n", "expect.leader_epoch_of.t-0"},
      {"expect: {high_watermark_of: {t-0: 1, t-0: 2}}\n", "expect.high_watermark_of.t-0"},
      {"expect_at: [{at: 1s, high_watermark_of: {t-0: 1, t-0: 2}}]\n", "expect_at[0].high_watermark_of.t-0"},
      {"cluster: {brokers: 3, config: {log.truncation: leader-epoch, log.truncation: high-watermark}}\n",
       "cluster.config.log.truncation"},
  };
  for (const auto& [yaml, field] : cases) {
    // `topics:` or `cluster:` twice would be a duplicate too: those cases stand alone.
    std::string file = yaml.rfind("expect", 0) == 0 ? head + yaml : "name: x\n" + yaml;
    Lines errors = LoadErrors(file);
    ASSERT_EQ(errors.size(), 1u) << yaml;
    EXPECT_NE(errors[0].find(": " + field + ": key \""), std::string::npos) << errors[0];
    EXPECT_NE(errors[0].find("is written twice (first at line"), std::string::npos) << errors[0];
  }
}

TEST(ScenarioLoaderErrorTest, DuplicateKeyNamesBothLinesAndStopsLoading) {
  // The unknown broker on line 5 is not reported: a file with a duplicate key
  // is ambiguous, so nothing else is read from it.
  EXPECT_EQ(LoadErrors("name: x\nexpect:\n  leader_of:\n    t-0: broker-1\n    t-0: broker-9\n"),
            Lines{"5:5: expect.leader_of.t-0: key \"t-0\" is written twice (first at line 4); YAML allows each "
                  "key once per map"});
  // Two duplicates, two errors, in file order.
  EXPECT_EQ(LoadErrors("name: x\nseed: 1\nfaults:\n  - {at: 1s, crash: broker-1, at: 2s}\nseed: 2\n").size(), 2u);
}

TEST(ScenarioLoaderErrorTest, SamePartitionWrittenTwoWaysInAssignment) {
  EXPECT_EQ(LoadErrors("name: x\ntopics: [{name: t, replication.factor: 1, assignment: {0: [1], 00: [2]}}]\n"),
            Lines{"2:64: topics[0].assignment.00: partition 0 is assigned twice"});
}

TEST(ScenarioLoaderErrorTest, SecondYamlDocumentIsAnError) {
  EXPECT_EQ(LoadErrors("name: x\nseed: 1\n---\nname: y\n"),
            Lines{"3:1: a second YAML document starts here; a scenario file holds exactly one (remove the `---` "
                  "and merge the documents, or split them into two files)"});
  // An empty second document too: the `---` says one was meant.
  EXPECT_EQ(LoadErrors("name: x\n---\n").size(), 1u);
  EXPECT_EQ(LoadErrors("name: x\n---\n").at(0).rfind("2:1: a second YAML document", 0), 0u);
  // A leading `---` and a closing `...` are one document.
  EXPECT_TRUE(LoadErrors("---\nname: x\n...\n").empty());
}

// Aliases share their node: a file of nested aliases is walked once per node,
// not once per path (2^40 paths here).
TEST(ScenarioLoaderErrorTest, NestedAliasesAreWalkedOnce) {
  std::string yaml = "name: x\nnarration: []\nexpect: {}\nx0: &a0 [1, 1]\n";
  for (int i = 1; i <= 40; ++i) {
    yaml += "x" + std::to_string(i) + ": &a" + std::to_string(i) + " [*a" + std::to_string(i - 1) + ", *a" +
            std::to_string(i - 1) + "]\n";
  }
  Lines errors = LoadErrors(yaml);
  ASSERT_FALSE(errors.empty());  // x0..x40 are unknown keys
  EXPECT_NE(errors[0].find("unknown key \"x0\""), std::string::npos) << errors[0];
}

TEST(ScenarioLoaderErrorTest, NegativeCounts) {
  EXPECT_EQ(LoadErrors("name: x\ncluster: {brokers: -1}\n"),
            Lines{"2:20: cluster.brokers: expected an integer in [1, 100], got -1"});
  EXPECT_EQ(LoadErrors("name: x\ntopics: [{name: t, partitions: 0}]\n"),
            Lines{"2:32: topics[0].partitions: expected an integer in [1, 1000], got 0"});
  EXPECT_EQ(LoadErrors("name: x\nseed: -5\n"), Lines{"2:7: seed: expected an integer >= 0, got -5"});
}

TEST(ScenarioLoaderErrorTest, AssignmentToUnknownBroker) {
  EXPECT_EQ(LoadErrors("name: x\ntopics: [{name: t, replication.factor: 2, assignment: {0: [1, 4]}}]\n"),
            Lines{"2:63: topics[0].assignment.0[1]: expected an integer in [1, 3], got 4"});
}

TEST(ScenarioLoaderErrorTest, AssignmentWithWrongReplicaCount) {
  EXPECT_EQ(LoadErrors("name: x\ntopics: [{name: t, replication.factor: 2, assignment: {0: [1]}}]\n"),
            Lines{"2:59: topics[0].assignment.0: expected 2 replica(s) (replication.factor), got 1"});
}

TEST(ScenarioLoaderErrorTest, AssignmentOfUnknownPartition) {
  EXPECT_EQ(LoadErrors("name: x\ntopics: [{name: t, assignment: {1: [1]}}]\n"),
            Lines{"2:33: topics[0].assignment.1: topic \"t\" has 1 partition(s), numbered from 0"});
}

TEST(ScenarioLoaderErrorTest, DuplicateNodeIds) {
  EXPECT_EQ(LoadErrors(R"(name: x
topics: [{name: t}]
producers: [{id: a, workload: {topic: t, messages: 1}}]
consumers: [{id: a, group: g, topics: [t]}]
)"),
            Lines{"4:18: consumers[0].id: node id \"a\" is used twice"});
}

TEST(ScenarioLoaderErrorTest, ReservedClientId) {
  EXPECT_EQ(LoadErrors("name: x\ntopics: [{name: t}]\nconsumers: [{id: broker-1, group: g, topics: [t]}]\n"),
            Lines{"3:18: consumers[0].id: \"broker-1\" is reserved for another node; pick another client id"});
}

TEST(ScenarioLoaderErrorTest, DuplicateTopic) {
  EXPECT_EQ(LoadErrors("name: x\ntopics: [{name: t}, {name: t}]\n"),
            Lines{"2:28: topics[1].name: topic \"t\" is declared twice"});
}

TEST(ScenarioLoaderErrorTest, ConsumerTopicNotDeclared) {
  EXPECT_EQ(LoadErrors("name: x\ntopics: [{name: orders}]\nconsumers: [{id: c, group: g, topics: [ordrs]}]\n"),
            Lines{"3:40: consumers[0].topics[0]: unknown topic \"ordrs\" (did you mean 'orders'?)"});
}

TEST(ScenarioLoaderErrorTest, NameNotMatchingPattern) {
  EXPECT_EQ(LoadErrors("name: My Scenario\n"),
            Lines{"1:7: name: expected a name of lower-case letters, digits and '-' ([a-z0-9-]+), got \"My "
                  "Scenario\""});
}

TEST(ScenarioLoaderErrorTest, ForOnAFaultThatDoesNotTakeIt) {
  EXPECT_EQ(LoadErrors("name: x\nfaults: [{at: 1s, restart: broker-1, for: 1s}]\n"),
            Lines{"2:43: faults[0].for: `for` does not apply to restart (only pause, partition, link, disk_full, "
                  "disk_error)"});
}

TEST(ScenarioLoaderErrorTest, DiskFaultsTakeABrokerAndAPositiveFor) {
  EXPECT_EQ(LoadErrors("name: x\nfaults: [{at: 1s, disk_error: zookeeper}]\n"),
            Lines{"2:31: faults[0].disk_error: disk_error takes a broker (broker-N, controller or leader(topic-p)); "
                  "\"zookeeper\" has no log dir"});
  EXPECT_EQ(LoadErrors("name: x\nfaults: [{at: 1s, disk_full: broker-1, for: 0s}]\n"),
            Lines{"2:45: faults[0].for: expected a duration above zero"});
  const std::vector<std::string> unknown =
      LoadErrors("name: x\ncluster: {brokers: 3}\nfaults: [{at: 1s, disk_full: broker-7}]\n");
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0].rfind("3:30: faults[0].disk_full: ", 0), 0u) << unknown[0];
  EXPECT_TRUE(LoadErrors("name: x\ncluster: {brokers: 3}\ntopics: [{name: t, replication.factor: 3}]\n"
                         "faults: [{at: 1s, disk_full: leader(t-0), for: 2s}, {at: 1s, disk_error: controller}]\n")
                  .empty());
}

TEST(ScenarioLoaderErrorTest, TornWriteOnlyOnAPowerFailureAndOnlyABool) {
  EXPECT_EQ(LoadErrors("name: x\nfaults: [{at: 1s, crash: broker-1, torn_write: true}]\n"),
            Lines{"2:48: faults[0].torn_write: `torn_write` applies only to power_fail (a process crash loses "
                  "nothing on disk)"});
  EXPECT_EQ(LoadErrors("name: x\nfaults: [{at: 1s, power_fail: broker-1, torn_write: maybe}]\n").size(), 1u);
  EXPECT_NE(LoadErrors("name: x\nfaults: [{at: 1s, power_fail: broker-1, torn_write: maybe}]\n")
                .at(0)
                .find("faults[0].torn_write"),
            std::string::npos);
  EXPECT_TRUE(LoadErrors("name: x\nfaults: [{at: 1s, power_fail: broker-1, torn_write: true}]\n").empty());
}

TEST(ScenarioLoaderErrorTest, OneActionPerFault) {
  EXPECT_EQ(LoadErrors("name: x\nfaults: [{at: 1s, crash: broker-1, restart: broker-2}]\n"),
            Lines{"2:10: faults[0]: one action per fault, found crash and restart; write two entries with the same "
                  "`at`"});
  EXPECT_EQ(LoadErrors("name: x\nfaults: [{at: 1s}]\n"),
            Lines{"2:10: faults[0]: expected one action: crash, power_fail, restart, pause, partition, link, heal, "
                  "disk_full or disk_error"});
}

TEST(ScenarioLoaderErrorTest, FaultNamingUnknownPartition) {
  EXPECT_EQ(LoadErrors("name: x\nfaults: [{at: 1s, crash: leader(nosuch-0)}]\n"),
            Lines{"2:26: faults[0].crash: unknown partition \"nosuch-0\": no topic \"nosuch\" is declared"});
  EXPECT_EQ(LoadErrors("name: x\nfaults: [{at: 1s, crash: leader(orders)}]\n"),
            Lines{"2:26: faults[0].crash: in \"leader(orders)\": expected a partition name like orders-0 (topic, "
                  "'-', partition number), got \"orders\""});
}

TEST(ScenarioLoaderErrorTest, UnknownClientNodeSuggestsNearest) {
  EXPECT_EQ(LoadErrors(R"(name: x
topics: [{name: t}]
producers: [{id: p1, workload: {topic: t, messages: 1}}]
faults: [{at: 1s, crash: p2}]
)"),
            Lines{"4:26: faults[0].crash: unknown node \"p2\" (did you mean 'p1'?); nodes: broker-1, broker-2, "
                  "broker-3, zookeeper, p1, controller, leader(topic-p)"});
}

TEST(ScenarioLoaderErrorTest, AllOnlyForHeal) {
  EXPECT_EQ(LoadErrors("name: x\nfaults: [{at: 1s, pause: all, for: 1s}]\n"),
            Lines{"2:26: faults[0].pause: \"all\" is only valid in `heal: all`; name one node"});
}

TEST(ScenarioLoaderErrorTest, BadPartitionFaults) {
  EXPECT_EQ(LoadErrors("name: x\nfaults: [{at: 1s, partition: [[broker-1, broker-2]]}]\n"),
            Lines{"2:30: faults[0].partition: expected at least two groups, e.g. [[broker-1], [broker-2, broker-3]]"});
  EXPECT_EQ(LoadErrors("name: x\nfaults: [{at: 1s, partition: [broker-1, broker-2]}]\n"),
            (Lines{"2:31: faults[0].partition[0]: expected a list, got \"broker-1\"",
                   "2:41: faults[0].partition[1]: expected a list, got \"broker-2\""}));
}

TEST(ScenarioLoaderErrorTest, BadLinkFaults) {
  EXPECT_EQ(LoadErrors("name: x\nfaults: [{at: 1s, link: {from: broker-1, between: [broker-1, broker-2], drop: 1}}]\n"),
            Lines{"2:25: faults[0].link: expected either {from: a, to: b} (one way) or {between: [a, b]} (both "
                  "ways)"});
  EXPECT_EQ(LoadErrors("name: x\nfaults: [{at: 1s, link: {from: broker-1, to: broker-1, drop: 1}}]\n"),
            Lines{"2:25: faults[0].link: a link needs two different nodes, got \"broker-1\" twice"});
  EXPECT_EQ(LoadErrors("name: x\nfaults: [{at: 1s, link: {from: broker-1, to: broker-2, loss: 1}}]\n"),
            (Lines{"2:25: faults[0].link: a link fault needs at least one of drop, duplicate, latency",
                   "2:56: faults[0].link.loss: unknown key \"loss\"; valid keys: from, to, between, drop, duplicate, "
                   "latency"}));
}

TEST(ScenarioLoaderErrorTest, UnknownProduceErrorName) {
  EXPECT_EQ(LoadErrors("name: x\nexpect: {produce_errors: {NOT_ENOUGH_REPLICA: \">0\"}}\n"),
            Lines{"2:27: expect.produce_errors.NOT_ENOUGH_REPLICA: unknown Kafka error name \"NOT_ENOUGH_REPLICA\" "
                  "(did you mean 'NOT_ENOUGH_REPLICAS'?)"});
}

TEST(ScenarioLoaderErrorTest, ConsumedNamesAnUnknownGroup) {
  EXPECT_EQ(
      LoadErrors("name: x\ntopics: [{name: t}]\nconsumers: [{id: c1, group: g1, topics: [t]}]\n"
                 "expect: {consumed: {g2: 5, g1: \"many\"}}\n"),
      (Lines{
          "4:21: expect.consumed.g2: unknown consumer group \"g2\": no consumer or processor declares it (did you mean "
          "'g1'?)",
          "4:32: expect.consumed.g1: expected a number or a comparison like \">0\", \">=2\", \"<5\", "
          "\"<=5\", \"!=0\", \"==3\", got \"many\""}));
}

TEST(ScenarioLoaderErrorTest, ExpectationsNamingUnknownBrokers) {
  EXPECT_EQ(LoadErrors("name: x\nexpect: {controller: broker-5}\n"),
            Lines{"2:22: expect.controller: expected a broker name broker-1 .. broker-3, got \"broker-5\""});
  EXPECT_EQ(LoadErrors("name: x\ntopics: [{name: t}]\nexpect: {isr_of: {t-0: [1, 9]}}\n"),
            Lines{"3:28: expect.isr_of.t-0[1]: expected an integer in [1, 3], got 9"});
}

TEST(ScenarioLoaderErrorTest, BadValuesInClusterSection) {
  EXPECT_EQ(LoadErrors("name: x\ncluster: {racks: [a, b]}\n"),
            Lines{"2:18: cluster.racks: expected one rack per broker (3), got 2"});
  EXPECT_EQ(LoadErrors("name: x\ncluster: {network: {latency: {min: 5ms, max: 1ms}}}\n"),
            Lines{"2:30: cluster.network.latency: min (5ms) is above max (1ms)"});
  EXPECT_EQ(LoadErrors("name: x\ncluster: {network: {loss: 1.5}}\n"),
            Lines{"2:27: cluster.network.loss: expected a number in [0, 1], got \"1.5\""});
  EXPECT_EQ(LoadErrors("name: x\ncluster: {network: {bandwidth: 10 MB}}\n"),
            Lines{"2:32: cluster.network.bandwidth: expected a bandwidth like 10MB/s, 512KiB/s or 1GB/s, got \"10 "
                  "MB\""});
  EXPECT_EQ(LoadErrors("name: x\nbuggify: yes\n"), Lines{"2:10: buggify: expected true or false, got \"yes\""});
}

TEST(ScenarioLoaderErrorTest, TimesBeyondDuration) {
  EXPECT_EQ(LoadErrors("name: x\nduration: 1s\nnarration: [{at: 2s, text: hi}]\nexpect_at: [{at: 1001ms, acked: 1}]\n"),
            (Lines{"3:18: narration[0].at: 2s is after the end of the run (duration 1s)",
                   "4:18: expect_at[0].at: 1001ms is after the end of the run (duration 1s)"}));
}

TEST(ScenarioLoaderErrorTest, ConfigValueThatIsAList) {
  EXPECT_EQ(LoadErrors("name: x\ncluster: {config: {min.insync.replicas: [2]}}\n"),
            Lines{"2:41: cluster.config.min.insync.replicas: expected a string, got a list"});
}

TEST(ScenarioLoaderErrorTest, ConfigKeyOfAnotherKindSaysWhereItBelongs) {
  EXPECT_EQ(LoadErrors("name: x\ncluster: {config: {acks: all}}\n"),
            Lines{"2:20: cluster.config.acks: unknown broker config key \"acks\" (it is a producer config)"});
}

TEST(ScenarioLoaderErrorTest, NotAMap) {
  EXPECT_EQ(LoadErrors("- name: x\n"), Lines{"1:1: expected a map, got a list"});
  EXPECT_EQ(LoadErrors(""), Lines{" the file is empty; a scenario needs at least `name:`"});
}

TEST(ScenarioLoaderErrorTest, SyntaxErrorIsAnErrorNotAnException) {
  EXPECT_EQ(LoadErrors("name: x\ncluster:\n  brokers: [1\n"),
            Lines{"4:1: YAML syntax error: end of sequence flow not found"});
  EXPECT_EQ(LoadErrors("name: x\n  bad: indent\n"), Lines{"2:6: YAML syntax error: illegal map value"});
}

}  // namespace
}  // namespace kafkasim::scenario
