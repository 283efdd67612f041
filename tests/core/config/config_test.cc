// Kafka config keys: every key is listed once, settable to its documented
// default, and bad values are errors naming key, value and what is allowed.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/config/broker_config.h"
#include "core/config/client_config.h"
#include "core/config/topic_config.h"

namespace kafkasim::config {
namespace {

template <typename Config>
void ExpectKeysAreSelfConsistent() {
  std::set<std::string_view> names;
  for (const ConfigKey& k : Config::Keys()) {
    EXPECT_TRUE(names.insert(k.name).second) << "listed twice: " << k.name;
    EXPECT_FALSE(k.doc.empty()) << k.name;
    EXPECT_EQ(k.type == KeyType::kEnum, !k.allowed.empty()) << k.name;
    Config c;
    Status s = c.Set(k.name, k.default_value);
    EXPECT_TRUE(s.ok()) << k.name << " rejects its own default: " << (s.ok() ? "" : s.error().message);
    for (std::string_view v : k.allowed) EXPECT_TRUE(c.Set(k.name, v).ok()) << k.name << "=" << v;
  }
}

TEST(ConfigKeysTest, EveryKindListsSettableKeys) {
  ExpectKeysAreSelfConsistent<BrokerConfig>();
  ExpectKeysAreSelfConsistent<TopicConfig>();
  ExpectKeysAreSelfConsistent<ProducerConfig>();
  ExpectKeysAreSelfConsistent<ConsumerConfig>();
}

TEST(ConfigKeysTest, DefaultsOfTheStructsMatchTheDocumentedDefaults) {
  // Setting each documented default on a fresh struct changes nothing.
  ProducerConfig fresh, p;
  for (const ConfigKey& k : ProducerConfig::Keys()) ASSERT_TRUE(p.Set(k.name, k.default_value).ok());
  EXPECT_EQ(p.acks, fresh.acks);
  EXPECT_EQ(p.enable_idempotence, fresh.enable_idempotence);
  EXPECT_EQ(p.retries, fresh.retries);
  EXPECT_EQ(p.linger_ms, fresh.linger_ms);
  EXPECT_EQ(p.delivery_timeout_ms, fresh.delivery_timeout_ms);
  BrokerConfig fresh_b, b;
  for (const ConfigKey& k : BrokerConfig::Keys()) ASSERT_TRUE(b.Set(k.name, k.default_value).ok());
  EXPECT_EQ(b.replica_lag_time_max_ms, fresh_b.replica_lag_time_max_ms);
  EXPECT_EQ(b.log_flush_interval_messages, fresh_b.log_flush_interval_messages);
  EXPECT_EQ(b.zookeeper_session_timeout_ms, fresh_b.zookeeper_session_timeout_ms);
  ConsumerConfig fresh_c, c;
  for (const ConfigKey& k : ConsumerConfig::Keys()) ASSERT_TRUE(c.Set(k.name, k.default_value).ok());
  EXPECT_EQ(c.session_timeout_ms, fresh_c.session_timeout_ms);
  EXPECT_EQ(c.auto_offset_reset, fresh_c.auto_offset_reset);
  EXPECT_EQ(c.enable_auto_commit, fresh_c.enable_auto_commit);
}

TEST(ProducerConfigTest, AcksAllAndMinusOneAreTheSame) {
  ProducerConfig p;
  ASSERT_TRUE(p.Set("acks", "1").ok());
  EXPECT_EQ(p.acks, 1);
  ASSERT_TRUE(p.Set("acks", "all").ok());
  EXPECT_EQ(p.acks, -1);
  ASSERT_TRUE(p.Set("acks", "0").ok());
  ASSERT_TRUE(p.Set("acks", "-1").ok());
  EXPECT_EQ(p.acks, -1);
}

TEST(ProducerConfigTest, BadValuesNameKeyValueAndAllowed) {
  ProducerConfig p;
  Status s = p.Set("acks", "2");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message, "acks: invalid value \"2\"; expected 0 | 1 | all | -1");
  s = p.Set("compression.type", "brotli");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message,
            "compression.type: invalid value \"brotli\"; expected none | gzip | snappy | lz4 | zstd");
  s = p.Set("enable.idempotence", "yes");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message, "enable.idempotence: invalid value \"yes\"; expected true | false");
  s = p.Set("max.in.flight.requests.per.connection", "0");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message,
            "max.in.flight.requests.per.connection: invalid value \"0\"; expected an integer in [1, 2147483647]");
  EXPECT_FALSE(p.Set("linger.ms", "5ms").ok());
  EXPECT_FALSE(p.Set("retries", "2147483648").ok());
}

TEST(ProducerConfigTest, SetsTypedFields) {
  ProducerConfig p;
  ASSERT_TRUE(p.Set("compression.type", "zstd").ok());
  ASSERT_TRUE(p.Set("partitioner", "round_robin").ok());
  ASSERT_TRUE(p.Set("enable.idempotence", "false").ok());
  ASSERT_TRUE(p.Set("linger.ms", "5").ok());
  EXPECT_EQ(p.compression_type, Compression::kZstd);
  EXPECT_EQ(p.partitioner, Partitioner::kRoundRobin);
  EXPECT_FALSE(p.enable_idempotence);
  EXPECT_EQ(p.linger_ms, 5);
}

TEST(ConfigKeysTest, UnknownKeySuggestsNearest) {
  ProducerConfig p;
  Status s = p.Set("linger_ms", "5");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message, "unknown producer config key \"linger_ms\" (did you mean 'linger.ms'?)");
  EXPECT_EQ(NearestKey("min.insync.replica", TopicConfig::Keys()), "min.insync.replicas");
  EXPECT_EQ(NearestKey("completely.different", TopicConfig::Keys()), "");
  EXPECT_NE(FindKey("acks", ProducerConfig::Keys()), nullptr);
  EXPECT_EQ(FindKey("acks", TopicConfig::Keys()), nullptr);
}

TEST(ConsumerConfigTest, PositionValidationSwitch) {
  ConsumerConfig c;
  EXPECT_TRUE(c.validate_positions);  // KIP-320 on by default, as in Kafka 2.1+
  ASSERT_TRUE(c.Set("position.validation", "none").ok());
  EXPECT_FALSE(c.validate_positions);
  ASSERT_TRUE(c.Set("position.validation", "leader-epoch").ok());
  EXPECT_TRUE(c.validate_positions);
  EXPECT_FALSE(c.Set("position.validation", "true").ok());
}

TEST(ConsumerConfigTest, EnumsAndKafkaClassNames) {
  ConsumerConfig c;
  ASSERT_TRUE(c.Set("auto.offset.reset", "earliest").ok());
  EXPECT_EQ(c.auto_offset_reset, OffsetReset::kEarliest);
  ASSERT_TRUE(c.Set("partition.assignment.strategy", "cooperative-sticky").ok());
  EXPECT_EQ(c.partition_assignment_strategy, AssignmentStrategy::kCooperativeSticky);
  ASSERT_TRUE(c.Set("partition.assignment.strategy", "org.apache.kafka.clients.consumer.RoundRobinAssignor").ok());
  EXPECT_EQ(c.partition_assignment_strategy, AssignmentStrategy::kRoundRobin);
  Status s = c.Set("partition.assignment.strategy", "random");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("range | roundrobin | sticky | cooperative-sticky"), std::string::npos);
  ASSERT_TRUE(c.Set("isolation.level", "read_committed").ok());
  EXPECT_TRUE(c.read_committed);
  EXPECT_FALSE(FindKey("isolation.level", ConsumerConfig::Keys())->simulated);
}

TEST(BrokerConfigTest, TruncationSwitchAndRanges) {
  BrokerConfig b;
  ASSERT_TRUE(b.Set("log.truncation", "high-watermark").ok());
  EXPECT_EQ(b.log_truncation, TruncationMode::kHighWatermark);
  ASSERT_TRUE(b.Set("log.truncation", "leader-epoch-v0").ok());
  EXPECT_EQ(b.log_truncation, TruncationMode::kLeaderEpochV0);
  ASSERT_TRUE(b.Set("log.truncation", "leader-epoch").ok());
  EXPECT_EQ(b.log_truncation, TruncationMode::kLeaderEpoch);
  EXPECT_EQ(b.isr_update, IsrUpdate::kMaximal);
  ASSERT_TRUE(b.Set("isr.update", "optimistic").ok());
  EXPECT_EQ(b.isr_update, IsrUpdate::kOptimistic);
  EXPECT_FALSE(b.Set("isr.update", "eager").ok());
  EXPECT_TRUE(b.replica_fetch_leader_epoch);
  ASSERT_TRUE(b.Set("replica.fetch.leader.epoch", "false").ok());
  EXPECT_FALSE(b.replica_fetch_leader_epoch);
  ASSERT_TRUE(b.Set("unclean.leader.election.enable", "true").ok());
  EXPECT_TRUE(b.unclean_leader_election_enable);
  EXPECT_FALSE(b.Set("min.insync.replicas", "0").ok());
  EXPECT_FALSE(b.Set("log.truncation", "epoch").ok());
}

TEST(TopicConfigTest, ResolveFallsBackToBrokerDefaults) {
  BrokerConfig b;
  ASSERT_TRUE(b.Set("min.insync.replicas", "2").ok());
  ASSERT_TRUE(b.Set("unclean.leader.election.enable", "true").ok());
  TopicConfig t;
  EffectiveTopicConfig e = Resolve(t, b);
  EXPECT_EQ(e.min_insync_replicas, 2);
  EXPECT_TRUE(e.unclean_leader_election_enable);
  EXPECT_EQ(e.retention_ms, 604800000);
  EXPECT_EQ(e.max_message_bytes, 1048588);
  ASSERT_TRUE(t.Set("min.insync.replicas", "3").ok());
  ASSERT_TRUE(t.Set("unclean.leader.election.enable", "false").ok());
  ASSERT_TRUE(t.Set("retention.ms", "1000").ok());
  e = Resolve(t, b);
  EXPECT_EQ(e.min_insync_replicas, 3);
  EXPECT_FALSE(e.unclean_leader_election_enable);
  EXPECT_EQ(e.retention_ms, 1000);
}

TEST(ParseTest, Numbers) {
  EXPECT_EQ(*ParseLong("k", "-5"), -5);
  EXPECT_EQ(*ParseLong("k", "+5"), 5);
  EXPECT_FALSE(ParseLong("k", "5.0").ok());
  EXPECT_FALSE(ParseLong("k", "").ok());
  EXPECT_EQ(*ParseDouble("k", "0.25"), 0.25);
  EXPECT_FALSE(ParseDouble("k", "nan").ok());
  EXPECT_TRUE(*ParseBool("k", "true"));
  EXPECT_FALSE(ParseBool("k", "True").ok());
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
}

}  // namespace
}  // namespace kafkasim::config
