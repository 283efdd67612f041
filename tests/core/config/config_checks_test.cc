// Kafka's cross-key rules: what Kafka refuses (in its words) and what it
// silently adjusts when the user left the key unset.
#include "core/config/config_checks.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kafkasim::config {
namespace {

ProducerConfig Producer(const std::vector<std::pair<std::string, std::string>>& kv, Originals* originals) {
  ProducerConfig c;
  for (const auto& [k, v] : kv) {
    EXPECT_TRUE(c.Set(k, v).ok()) << k;
    originals->insert(k);
  }
  return c;
}

std::vector<std::string> Keys(const CheckResult& r) {
  std::vector<std::string> out;
  for (const ConfigProblem& e : r.errors) out.emplace_back(e.key);
  return out;
}

TEST(ProducerPostProcessTest, ExplicitIdempotenceWithConflictsIsRefusedInKafkasWords) {
  Originals o;
  ProducerConfig c = Producer(
      {{"enable.idempotence", "true"}, {"acks", "1"}, {"retries", "0"}, {"max.in.flight.requests.per.connection", "6"}},
      &o);
  CheckResult r = PostProcess(c, o);
  EXPECT_EQ(Keys(r), (std::vector<std::string>{"retries", "acks", "max.in.flight.requests.per.connection"}));
  ASSERT_EQ(r.errors.size(), 3u);
  EXPECT_EQ(r.errors[1].message.rfind("Must set acks to all in order to use the idempotent producer. Otherwise we "
                                      "cannot guarantee idempotence.",
                                      0),
            0u)
      << r.errors[1].message;
  EXPECT_EQ(r.errors[0].message.rfind("Must set retries to non-zero when using the idempotent producer.", 0), 0u);
  EXPECT_EQ(r.errors[2].message.rfind(
                "Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer.", 0),
            0u);
  EXPECT_TRUE(r.adjustments.empty());
}

TEST(ProducerPostProcessTest, DefaultIdempotenceTurnsOffWithAcks1AndSaysSo) {
  Originals o;
  ProducerConfig c = Producer({{"acks", "1"}}, &o);
  CheckResult r = PostProcess(c, o);
  EXPECT_TRUE(r.errors.empty());
  EXPECT_FALSE(c.enable_idempotence);
  EXPECT_EQ(r.adjustments,
            (std::vector<std::string>{"Idempotence will be disabled because acks is set to 1, not set to 'all'."}));
  Originals o0;
  ProducerConfig c0 = Producer({{"acks", "0"}, {"max.in.flight.requests.per.connection", "8"}}, &o0);
  r = PostProcess(c0, o0);
  EXPECT_FALSE(c0.enable_idempotence);
  EXPECT_EQ(r.adjustments.size(), 2u);
}

TEST(ProducerPostProcessTest, DefaultsAndExplicitFalsePassUntouched) {
  Originals none;
  ProducerConfig c;
  CheckResult r = PostProcess(c, none);
  EXPECT_TRUE(r.errors.empty());
  EXPECT_TRUE(r.adjustments.empty());
  EXPECT_TRUE(c == ProducerConfig{});
  Originals o;
  ProducerConfig off = Producer({{"enable.idempotence", "false"}, {"acks", "1"}, {"retries", "0"}}, &o);
  ProducerConfig before = off;
  r = PostProcess(off, o);
  EXPECT_TRUE(r.errors.empty());
  EXPECT_TRUE(r.adjustments.empty());
  EXPECT_TRUE(off == before);
}

TEST(ProducerPostProcessTest, DeliveryTimeoutBelowLingerPlusRequestTimeout) {
  Originals o;
  ProducerConfig c = Producer({{"delivery.timeout.ms", "1000"}, {"linger.ms", "5"}}, &o);
  CheckResult r = PostProcess(c, o);
  ASSERT_EQ(Keys(r), std::vector<std::string>{"delivery.timeout.ms"});
  EXPECT_EQ(r.errors[0].message,
            "delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms (1000 < 5 + 30000)");
  // Left unset, the default is raised to the sum (KafkaProducer.configureDeliveryTimeout).
  Originals o2;
  ProducerConfig d = Producer({{"request.timeout.ms", "150000"}, {"linger.ms", "100"}}, &o2);
  r = PostProcess(d, o2);
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(d.delivery_timeout_ms, 150100);
  EXPECT_EQ(r.adjustments, (std::vector<std::string>{"delivery.timeout.ms should be equal to or larger than "
                                                     "linger.ms + request.timeout.ms. Setting it to 150100."}));
  Originals o3;  // equal is fine
  ProducerConfig e = Producer({{"delivery.timeout.ms", "30000"}, {"linger.ms", "0"}}, &o3);
  EXPECT_TRUE(PostProcess(e, o3).errors.empty());
}

TEST(ConsumerCheckTest, HeartbeatMustBeLowerThanSessionTimeout) {
  ConsumerConfig c;
  ASSERT_TRUE(c.Set("session.timeout.ms", "3000").ok());
  EXPECT_EQ(Keys(Check(c, {"session.timeout.ms"})), std::vector<std::string>{"session.timeout.ms"});
  ASSERT_TRUE(c.Set("heartbeat.interval.ms", "4000").ok());
  CheckResult r = Check(c, {"session.timeout.ms", "heartbeat.interval.ms"});
  ASSERT_EQ(Keys(r), std::vector<std::string>{"heartbeat.interval.ms"});
  EXPECT_EQ(r.errors[0].message,
            "Heartbeat must be set lower than the session timeout (heartbeat.interval.ms=4000, "
            "session.timeout.ms=3000)");
  ASSERT_TRUE(c.Set("heartbeat.interval.ms", "2999").ok());
  EXPECT_TRUE(Check(c, {"session.timeout.ms", "heartbeat.interval.ms"}).errors.empty());
  EXPECT_TRUE(Check(ConsumerConfig{}, {}).errors.empty());
}

TEST(BrokerCheckTest, ReplicaFetchWaitWithinLagTimeAndSocketTimeout) {
  BrokerConfig b;
  EXPECT_TRUE(Check(b, {}).errors.empty());
  ASSERT_TRUE(b.Set("replica.lag.time.max.ms", "400").ok());
  CheckResult r = Check(b, {"replica.lag.time.max.ms"});
  ASSERT_EQ(Keys(r), std::vector<std::string>{"replica.lag.time.max.ms"});
  EXPECT_EQ(r.errors[0].message,
            "replica.fetch.wait.max.ms should always be less than or equal to replica.lag.time.max.ms to prevent "
            "frequent changes in ISR (replica.fetch.wait.max.ms=500, replica.lag.time.max.ms=400)");
  BrokerConfig s;
  ASSERT_TRUE(s.Set("replica.fetch.wait.max.ms", "40000").ok());
  r = Check(s, {"replica.fetch.wait.max.ms"});
  EXPECT_EQ(Keys(r), (std::vector<std::string>{"replica.fetch.wait.max.ms", "replica.fetch.wait.max.ms"}));
  EXPECT_EQ(r.errors[0].message.rfind("replica.socket.timeout.ms should always be at least replica.fetch.wait.max.ms "
                                      "to prevent unnecessary socket timeouts",
                                      0),
            0u);
  ASSERT_TRUE(s.Set("replica.fetch.wait.max.ms", "30000").ok());  // equal to both: allowed
  EXPECT_TRUE(Check(s, {"replica.fetch.wait.max.ms"}).errors.empty());
}

}  // namespace
}  // namespace kafkasim::config
