// Each file in tests/data/bad_scenarios/ is rejected with the exact file,
// line, column, field and message a user would see from `kafkasim run`.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/scenario/loader.h"

namespace kafkasim::scenario {
namespace {

std::string BadFile(const std::string& name) {
  return std::string(KAFKASIM_SOURCE_DIR) + "/tests/data/bad_scenarios/" + name;
}

// The errors of loading `name`, as "line:column: field: message" (file prefix checked and cut).
std::vector<std::string> Errors(const std::string& name) {
  std::string path = BadFile(name);
  LoadResult r = LoadScenarioFile(path);
  EXPECT_FALSE(r.ok()) << name;
  std::vector<std::string> out;
  for (const LoadError& e : r.errors) {
    std::string s = e.ToString();
    EXPECT_EQ(s.rfind(path + ":", 0), 0u) << s;
    EXPECT_EQ(e.file, path);
    out.push_back(s.substr(path.size() + 1));
  }
  return out;
}

using Lines = std::vector<std::string>;

TEST(BadScenarioFileTest, WrongTypeNamesFileLineAndField) {
  EXPECT_EQ(Errors("wrong_type.yaml"), Lines{"5:12: cluster.brokers: expected an integer, got \"three\""});
}

TEST(BadScenarioFileTest, UnknownKeySuggestsNearestKey) {
  EXPECT_EQ(Errors("unknown_key.yaml"),
            Lines{"8:5: topics[0].replicaton.factor: unknown key \"replicaton.factor\" (did you mean "
                  "'replication.factor'?)"});
}

TEST(BadScenarioFileTest, UnknownNodeInFault) {
  EXPECT_EQ(Errors("unknown_node.yaml"),
            Lines{"7:21: faults[1].crash: unknown node \"broker-4\": the cluster has 3 broker(s), broker-1 .. "
                  "broker-3"});
}

TEST(BadScenarioFileTest, FaultAfterTheEndOfTheRun) {
  EXPECT_EQ(Errors("fault_after_end.yaml"), Lines{"6:10: faults[1].at: 6s is after the end of the run (duration 5s)"});
}

TEST(BadScenarioFileTest, BadConfigValueListsAllowedValues) {
  EXPECT_EQ(Errors("bad_config_value.yaml"),
            Lines{"8:13: producers[0].config.acks: invalid value \"2\"; expected 0 | 1 | all | -1"});
}

TEST(BadScenarioFileTest, UnknownConfigKeySuggestsNearestKey) {
  EXPECT_EQ(Errors("unknown_config_key.yaml"),
            Lines{"6:5: cluster.config.unclean.leader.election: unknown broker config key \"unclean.leader.election\" "
                  "(did you mean 'unclean.leader.election.enable'?)"});
}

TEST(BadScenarioFileTest, ReplicationFactorAboveBrokers) {
  EXPECT_EQ(Errors("replication_too_large.yaml"),
            Lines{"7:25: topics[0].replication.factor: replication.factor 3 is larger than the number of brokers (2)"});
}

TEST(BadScenarioFileTest, UnknownTopicInWorkload) {
  EXPECT_EQ(Errors("unknown_topic.yaml"),
            Lines{"8:14: producers[0].workload.topic: unknown topic \"payments\"; declared topics: orders"});
}

TEST(BadScenarioFileTest, BadDuration) {
  EXPECT_EQ(Errors("bad_duration.yaml"),
            Lines{"3:11: duration: expected a duration like 500us, 2ms, 4s or 1min, got \"5 parsecs\""});
}

TEST(BadScenarioFileTest, BadComparison) {
  EXPECT_EQ(Errors("bad_comparison.yaml"),
            Lines{"5:22: expect.duplicates_in_log: expected a number or a comparison like \">0\", \">=2\", \"<5\", "
                  "\"<=5\", \"!=0\", \"==3\", got \"=>1\""});
}

TEST(BadScenarioFileTest, YamlSyntaxErrorHasALine) {
  Lines errors = Errors("syntax_error.yaml");
  ASSERT_EQ(errors.size(), 1u);
  // yaml-cpp notices the unclosed `{` of line 3 where the next key starts.
  EXPECT_EQ(errors[0], "4:7: YAML syntax error: end of map flow not found");
}

TEST(BadScenarioFileTest, ReportsEveryErrorInFileOrder) {
  EXPECT_EQ(Errors("many_errors.yaml"),
            (Lines{
                "2:7: name: expected a name of lower-case letters, digits and '-' ([a-z0-9-]+), got \"Many_Errors\"",
                "6:17: cluster.disk.flush: expected one of page-cache | every-write, got \"sometimes\"",
                "9:25: topics[0].replication.factor: replication.factor 4 is larger than the number of brokers (3)",
                "11:43: consumers[0].processing: unknown key \"processing\" (did you mean 'processing_time'?)",
                "13:5: faults[0].for: pause needs `for:` (how long the node stays paused)",
                "14:21: faults[1].crash: unknown partition \"nosuch-0\": no topic \"nosuch\" is declared",
                "16:15: expect.leader_of.orders-3: unknown partition \"orders-3\": topic \"orders\" has 1 "
                "partition(s), numbered from 0",
            }));
}

TEST(BadScenarioFileTest, MissingFileIsNamed) {
  std::string path = BadFile("no_such_file.yaml");
  LoadResult r = LoadScenarioFile(path);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].file, path);
  EXPECT_EQ(r.errors[0].line, 0);
  EXPECT_EQ(r.errors[0].ToString(), path + ": cannot open the scenario file: No such file or directory");
}

}  // namespace
}  // namespace kafkasim::scenario
