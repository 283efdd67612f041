// Kafka's silent producer adjustments are applied and told at the start of
// the run's story: idempotence left unset with acks=1 turns off (Kafka 3.x
// ProducerConfig.postProcessAndValidateIdempotenceConfigs), and a defaulted
// delivery.timeout.ms below linger.ms + request.timeout.ms is raised
// (KafkaProducer.configureDeliveryTimeout).
#include <gtest/gtest.h>

#include <string>

#include "sim/run.h"
#include "sim/scenario/loader.h"

namespace kafkasim::sim {
namespace {

RunResult RunWith(const std::string& producer_config) {
  std::string yaml =
      "name: adjust\nduration: 3s\ncluster: {brokers: 1, config: {offsets.topic.replication.factor: "
      "1}}\ntopics: [{name: t}]\nproducers:\n  - id: p1\n    config: " +
      producer_config + "\n    workload: {topic: t, messages: 20, rate: 100/s}\n";
  scenario::LoadResult loaded = scenario::LoadScenarioString(yaml, "adjust.yaml");
  EXPECT_TRUE(loaded.ok()) << (loaded.errors.empty() ? "" : loaded.errors[0].ToString());
  return RunScenario(loaded.scenario, {loaded.scenario.seed, nullptr});
}

// The index of the first story line containing `needle`, or -1.
int LineOf(const RunResult& r, const std::string& needle) {
  for (size_t i = 0; i < r.story.size(); ++i) {
    if (r.story[i].text.find(needle) != std::string::npos) return static_cast<int>(i);
  }
  return -1;
}

TEST(ProducerConfigStoryTest, DefaultIdempotenceWithAcks1TurnsOffAndTheStorySaysSoFirst) {
  RunResult r = RunWith("{acks: 1}");
  int line = LineOf(r, "p1: producer config: Idempotence will be disabled because acks is set to 1, not set to 'all'.");
  ASSERT_GE(line, 0);
  EXPECT_LT(line, 5) << "told among the first lines";
  EXPECT_EQ(r.story[static_cast<size_t>(line)].at, 0);
  EXPECT_EQ(LineOf(r, "producer id"), -1) << "a non-idempotent producer asks for no producer id";
  EXPECT_EQ(r.measurements.acked, 20);
  // Written explicitly false, nothing is adjusted and nothing told.
  EXPECT_EQ(LineOf(RunWith("{acks: 1, enable.idempotence: false}"), "producer config:"), -1);
  // The default (acks=all) keeps idempotence: the producer gets an id.
  RunResult idempotent = RunWith("{}");
  EXPECT_EQ(LineOf(idempotent, "producer config:"), -1);
  EXPECT_GE(LineOf(idempotent, "producer id"), 0);
}

TEST(ProducerConfigStoryTest, DefaultDeliveryTimeoutIsRaisedToLingerPlusRequestTimeout) {
  RunResult r = RunWith("{linger.ms: 100, request.timeout.ms: 150000}");
  int line = LineOf(r,
                    "p1: producer config: delivery.timeout.ms should be equal to or larger than linger.ms + "
                    "request.timeout.ms. Setting it to 150100.");
  ASSERT_GE(line, 0);
  EXPECT_LT(line, 5);
}

}  // namespace
}  // namespace kafkasim::sim
