// What Kafka refuses across config keys is refused by the loader, at the line
// of the key, in Kafka's words; kafkasim's simulator bounds are errors too.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/scenario/loader.h"

namespace kafkasim::scenario {
namespace {

using Lines = std::vector<std::string>;

// Errors as "line:column: field: message" (the display name "t.yaml:" is cut).
Lines ConfigRuleErrors(const std::string& yaml) {
  LoadResult r = LoadScenarioString(yaml, "t.yaml");
  Lines out;
  for (const LoadError& e : r.errors) {
    std::string s = e.ToString();
    EXPECT_EQ(s.rfind("t.yaml:", 0), 0u) << s;
    out.push_back(s.substr(7));
  }
  return out;
}

std::string WithProducerConfig(const std::string& config) {
  return "name: x\ntopics: [{name: t}]\nproducers:\n  - id: p\n    workload: {topic: t, messages: 1}\n"
         "    config:\n" +
         config;
}

constexpr const char* kExplicitIdempotence =
    " (enable.idempotence is set to true; left unset, Kafka disables "
    "idempotence instead)";

TEST(LoaderConfigRulesTest, ExplicitIdempotenceWithAcks1) {
  EXPECT_EQ(ConfigRuleErrors(WithProducerConfig("      enable.idempotence: true\n      acks: 1\n")),
            Lines{"8:13: producers[0].config.acks: Must set acks to all in order to use the idempotent producer. "
                  "Otherwise we cannot guarantee idempotence." +
                  std::string(kExplicitIdempotence)});
  // Left at its default, idempotence turns off instead: no error.
  EXPECT_EQ(ConfigRuleErrors(WithProducerConfig("      acks: 1\n")), Lines{});
}

TEST(LoaderConfigRulesTest, ExplicitIdempotenceWithNoRetriesOrTooManyInFlight) {
  EXPECT_EQ(ConfigRuleErrors(WithProducerConfig("      enable.idempotence: true\n      retries: 0\n"
                                                "      max.in.flight.requests.per.connection: 6\n")),
            (Lines{"8:16: producers[0].config.retries: Must set retries to non-zero when using the idempotent "
                   "producer." +
                       std::string(kExplicitIdempotence),
                   "9:46: producers[0].config.max.in.flight.requests.per.connection: Must set "
                   "max.in.flight.requests.per.connection to at most 5 to use the idempotent producer." +
                       std::string(kExplicitIdempotence)}));
  EXPECT_EQ(ConfigRuleErrors(WithProducerConfig("      enable.idempotence: false\n      retries: 0\n"
                                                "      max.in.flight.requests.per.connection: 6\n")),
            Lines{});
}

TEST(LoaderConfigRulesTest, DeliveryTimeoutSetBelowLingerPlusRequestTimeout) {
  EXPECT_EQ(ConfigRuleErrors(WithProducerConfig("      linger.ms: 10\n      delivery.timeout.ms: 20000\n"
                                                "      request.timeout.ms: 20000\n")),
            Lines{"8:28: producers[0].config.delivery.timeout.ms: delivery.timeout.ms should be equal to or larger "
                  "than linger.ms + request.timeout.ms (20000 < 10 + 20000)"});
  // Left at its default, delivery.timeout.ms is raised instead.
  EXPECT_EQ(ConfigRuleErrors(WithProducerConfig("      request.timeout.ms: 200000\n")), Lines{});
}

TEST(LoaderConfigRulesTest, HeartbeatNotBelowSessionTimeout) {
  const std::string head = "name: x\ntopics: [{name: t}]\nconsumers:\n  - id: c\n    group: g\n    topics: [t]\n";
  EXPECT_EQ(ConfigRuleErrors(head + "    config: {session.timeout.ms: 6000, heartbeat.interval.ms: 6000}\n"),
            Lines{"7:63: consumers[0].config.heartbeat.interval.ms: Heartbeat must be set lower than the session "
                  "timeout (heartbeat.interval.ms=6000, session.timeout.ms=6000)"});
  // Only the session timeout written: it is the one named.
  EXPECT_EQ(ConfigRuleErrors(head + "    config: {session.timeout.ms: 2000}\n"),
            Lines{"7:34: consumers[0].config.session.timeout.ms: Heartbeat must be set lower than the session "
                  "timeout (heartbeat.interval.ms=3000, session.timeout.ms=2000)"});
}

TEST(LoaderConfigRulesTest, ReplicaFetchWaitAboveLagTimeOrSocketTimeout) {
  EXPECT_EQ(ConfigRuleErrors("name: x\ncluster:\n  config:\n    replica.lag.time.max.ms: 1000\n"
                             "    replica.fetch.wait.max.ms: 2000\n"),
            Lines{"5:32: cluster.config.replica.fetch.wait.max.ms: replica.fetch.wait.max.ms should always be less "
                  "than or equal to replica.lag.time.max.ms to prevent frequent changes in ISR "
                  "(replica.fetch.wait.max.ms=2000, replica.lag.time.max.ms=1000)"});
  EXPECT_EQ(ConfigRuleErrors("name: x\ncluster:\n  config:\n    replica.socket.timeout.ms: 400\n"),
            Lines{"4:32: cluster.config.replica.socket.timeout.ms: replica.socket.timeout.ms should always be at "
                  "least replica.fetch.wait.max.ms to prevent unnecessary socket timeouts "
                  "(replica.fetch.wait.max.ms=500, replica.socket.timeout.ms=400)"});
}

TEST(LoaderConfigRulesTest, ABadValueIsReportedAloneNotAsACrossKeyConflict) {
  EXPECT_EQ(ConfigRuleErrors(WithProducerConfig("      enable.idempotence: true\n      acks: 2\n")),
            Lines{"8:13: producers[0].config.acks: invalid value \"2\"; expected 0 | 1 | all | -1"});
}

TEST(LoaderConfigRulesTest, SimulatorBoundsOnCounts) {
  EXPECT_EQ(ConfigRuleErrors("name: x\ncluster: {config: {offsets.topic.num.partitions: 2147483647}}\n"),
            Lines{"2:50: cluster.config.offsets.topic.num.partitions: invalid value \"2147483647\"; expected an "
                  "integer in [1, 1000] (kafkasim's bound: simulator bound on partitions per topic; Kafka accepts "
                  "[1,...])"});
  EXPECT_EQ(ConfigRuleErrors("name: x\ntopics: [{name: t, partitions: 2147483647}]\n"),
            Lines{"2:32: topics[0].partitions: expected an integer in [1, 1000], got 2147483647 (simulator bound "
                  "on partitions per topic)"});
  EXPECT_EQ(ConfigRuleErrors("name: x\ncluster: {brokers: 101}\n"),
            Lines{"2:20: cluster.brokers: expected an integer in [1, 100], got 101 (simulator bound on brokers per "
                  "cluster)"});
  EXPECT_EQ(ConfigRuleErrors("name: x\ncluster: {config: {offsets.topic.replication.factor: 101}}\n"),
            Lines{"2:54: cluster.config.offsets.topic.replication.factor: invalid value \"101\"; expected an "
                  "integer in [1, 100] (kafkasim's bound: simulator bound on brokers per cluster; Kafka accepts "
                  "[1,...,32767])"});
  EXPECT_EQ(ConfigRuleErrors(WithProducerConfig("      batch.size: 2147483647\n")).size(), 1u);
}

}  // namespace
}  // namespace kafkasim::scenario
