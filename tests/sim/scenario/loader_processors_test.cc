// `processors:` as ../shared/SCENARIO_FORMAT.md ("Transactions and
// processors") writes it, and the errors bad processor input gets.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/scenario/loader.h"

namespace kafkasim::scenario {
namespace {

const std::string kHead = "name: x\ntopics: [{name: orders}, {name: invoices}]\n";

std::vector<std::string> ProcessorErrors(const std::string& yaml) {
  std::vector<std::string> out;
  for (const LoadError& e : LoadScenarioString(yaml, "x.yaml").errors) out.push_back(e.ToString());
  return out;
}

TEST(LoaderProcessorsTest, TheFormatPagesProcessorLoads) {
  LoadResult r =
      LoadScenarioString(kHead +
                             "processors:\n"
                             "  - id: app\n"
                             "    group: app-group\n"
                             "    input: [orders]\n"
                             "    output: invoices\n"
                             "    config:\n"
                             "      processing.guarantee: exactly_once_v2\n"
                             "      commit.interval.ms: 100\n"
                             "      request.timeout.ms: 5000\n"
                             "      max.poll.records: 10\n"
                             "      linger.ms: 5\n"
                             "    processing_time: 2ms\n"
                             "    dedup: store\n"
                             "faults: [{at: 1s, crash: app}, {at: 2s, restart: app}, {at: 3s, pause: app, for: 1s}]\n"
                             "expect: {duplicates_output: 0, lost_output: 0, consumed: {app-group: \">0\"}}\n",
                         "x.yaml");
  for (const LoadError& e : r.errors) ADD_FAILURE() << e.ToString();
  ASSERT_EQ(r.scenario.processors.size(), 1u);
  const ProcessorSpec& p = r.scenario.processors[0];
  EXPECT_EQ(p.group, "app-group");
  EXPECT_EQ(p.input, std::vector<std::string>{"orders"});
  EXPECT_EQ(p.output, "invoices");
  EXPECT_EQ(p.guarantee, ProcessingGuarantee::kExactlyOnceV2);
  EXPECT_EQ(p.commit_interval_ns, Ms(100));
  // A key both clients know goes to both; the others to their own.
  EXPECT_EQ(p.consumer_config, (ConfigMap{{"max.poll.records", "10"}, {"request.timeout.ms", "5000"}}));
  EXPECT_EQ(p.producer_config, (ConfigMap{{"linger.ms", "5"}, {"request.timeout.ms", "5000"}}));
  EXPECT_EQ(p.processing_time_ns, Ms(2));
  EXPECT_EQ(p.dedup, DedupMode::kStore);
  EXPECT_EQ(r.scenario.faults.size(), 3u);
  EXPECT_EQ(r.scenario.expect.duplicates_output->ToString(), "==0");
  EXPECT_EQ(r.scenario.expect.lost_output->ToString(), "==0");
}

TEST(LoaderProcessorsTest, BadProcessorInputIsNamedByLineAndField) {
  const std::string p = kHead + "processors:\n  - {id: app, group: g, input: [orders], output: ";
  EXPECT_EQ(
      ProcessorErrors(p + "orders}\n"),
      std::vector<std::string>{"x.yaml:4:50: processors[0].output: the output topic is also an input topic: a loop"});
  EXPECT_EQ(ProcessorErrors(p + "invoices, config: {processing.guarantee: exactly_once}}\n"),
            std::vector<std::string>{"x.yaml:4:91: processors[0].config.processing.guarantee: expected one of "
                                     "at_least_once | exactly_once_v2, got \"exactly_once\""});
  std::vector<std::string> e = ProcessorErrors(p + "invoices, config: {transactional.id: t}}\n");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_NE(e[0].find("processors[0].config.transactional.id: Kafka Streams sets transactional.id itself"),
            std::string::npos)
      << e[0];
  e = ProcessorErrors(p + "invoices, config: {lingr.ms: 5}}\n");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_NE(e[0].find("unknown processor config key \"lingr.ms\""), std::string::npos) << e[0];
  EXPECT_NE(e[0].find("did you mean 'linger.ms'"), std::string::npos) << e[0];
  e = ProcessorErrors(p + "invoices}\nfaults: [{at: 1s, crash: ap}]\n");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_NE(e[0].find("unknown node \"ap\" (did you mean 'app'?)"), std::string::npos) << e[0];
}

}  // namespace
}  // namespace kafkasim::scenario
