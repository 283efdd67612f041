// Kafka config keys: every key is listed once, settable to its documented
// default, and bad values are errors naming key, value and what is allowed.
#include <gtest/gtest.h>

#include <algorithm>
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

// The ConfigDef table holds each default; the structs' member initializers
// must say the same. Setting every documented default on a fresh struct
// changes nothing, field by field (operator== compares them all).
template <typename Config>
void ExpectDocumentedDefaultsAreTheStructDefaults() {
  Config fresh, c;
  for (const ConfigKey& k : Config::Keys()) ASSERT_TRUE(c.Set(k.name, k.default_value).ok()) << k.name;
  EXPECT_TRUE(c == fresh);
  for (const ConfigKey& k : Config::Keys()) {
    Config one;
    ASSERT_TRUE(one.Set(k.name, k.default_value).ok());
    EXPECT_TRUE(one == fresh) << k.name << ": the documented default " << k.default_value
                              << " is not the struct's default";
  }
}

TEST(ConfigKeysTest, DefaultsOfTheStructsMatchTheDocumentedDefaults) {
  ExpectDocumentedDefaultsAreTheStructDefaults<BrokerConfig>();
  ExpectDocumentedDefaultsAreTheStructDefaults<ProducerConfig>();
  ExpectDocumentedDefaultsAreTheStructDefaults<ConsumerConfig>();
  // Topic keys are unset by default and fall back to the broker's value.
  BrokerConfig broker;
  TopicConfig t;
  for (const ConfigKey& k : TopicConfig::Keys()) {
    TopicConfig one;
    ASSERT_TRUE(one.Set(k.name, k.default_value).ok());
    EXPECT_TRUE(Resolve(one, broker) == Resolve(t, broker)) << k.name << ": default differs from the broker's";
  }
}

// A value other than the default, valid for the key.
std::string OtherValue(const ConfigKey& k) {
  if (k.type == KeyType::kBool) return k.default_value == "true" ? "false" : "true";
  if (k.type == KeyType::kString) return k.default_value == "other" ? "another" : "other";
  if (k.type == KeyType::kEnum) {
    for (std::string_view v : k.allowed) {
      if (v != k.default_value && !(k.name == "acks" && v == "-1")) return std::string(v);
    }
  }
  int64_t d = *ParseLong(k.name, k.default_value);
  return std::to_string(Accepted(k).Contains(d - 1) ? d - 1 : d + 1);
}

// Each key is bound to a field of its own: setting it changes the struct,
// and no two keys change the same way.
template <typename Config>
void ExpectEveryKeyMovesItsField() {
  std::vector<Config> moved;
  for (const ConfigKey& k : Config::Keys()) {
    Config c;
    std::string v = OtherValue(k);
    ASSERT_TRUE(c.Set(k.name, v).ok()) << k.name << "=" << v;
    EXPECT_FALSE(c == Config{}) << k.name << "=" << v << " changed nothing";
    for (const Config& other : moved) EXPECT_FALSE(c == other) << k.name << " sets the field of another key";
    moved.push_back(c);
  }
}

TEST(ConfigKeysTest, EveryKeyIsBoundToItsOwnField) {
  ExpectEveryKeyMovesItsField<BrokerConfig>();
  ExpectEveryKeyMovesItsField<TopicConfig>();
  ExpectEveryKeyMovesItsField<ProducerConfig>();
  ExpectEveryKeyMovesItsField<ConsumerConfig>();
}

template <typename Config>
void ExpectRulesDocumented() {
  for (const ConfigKey& k : Config::Keys()) {
    bool int32 = k.type == KeyType::kInt || k.type == KeyType::kIntMs;
    Range kafka_and_type =
        int32 ? Range{std::max<int64_t>(k.kafka.min, INT32_MIN), std::min<int64_t>(k.kafka.max, INT32_MAX)} : k.kafka;
    bool narrowed = Accepted(k) != kafka_and_type;
    EXPECT_EQ(narrowed, !k.bound_why.empty()) << k.name << ": a kafkasim bound needs its reason, and only one";
    EXPECT_FALSE(KafkaRuleText(k).empty()) << k.name;
    if (k.origin == Origin::kKafkasim) {
      EXPECT_EQ(k.kafka, kNoRange) << k.name;
    }
  }
}

TEST(ConfigKeysTest, EveryKafkasimBoundSaysWhy) {
  ExpectRulesDocumented<BrokerConfig>();
  ExpectRulesDocumented<TopicConfig>();
  ExpectRulesDocumented<ProducerConfig>();
  ExpectRulesDocumented<ConsumerConfig>();
}

// The documented range is exactly what Set() takes: its ends are settable
// and one past them is not (no field silently narrower than its key).
template <typename Config>
void ExpectAcceptedRangeIsExact() {
  for (const ConfigKey& k : Config::Keys()) {
    if (k.type == KeyType::kBool || k.type == KeyType::kEnum || k.type == KeyType::kString) continue;
    Range a = Accepted(k);
    Config c;
    if (a.min != INT64_MIN) {
      EXPECT_TRUE(c.Set(k.name, std::to_string(a.min)).ok()) << k.name << "=" << a.min;
      EXPECT_FALSE(c.Set(k.name, std::to_string(a.min - 1)).ok()) << k.name << "=" << a.min - 1;
    }
    if (a.max != INT64_MAX) {
      EXPECT_TRUE(c.Set(k.name, std::to_string(a.max)).ok()) << k.name << "=" << a.max;
      EXPECT_FALSE(c.Set(k.name, std::to_string(a.max + 1)).ok()) << k.name << "=" << a.max + 1;
    } else {
      EXPECT_TRUE(c.Set(k.name, std::to_string(INT64_MAX)).ok()) << k.name << " is documented as a long";
    }
  }
}

TEST(ConfigKeysTest, AcceptedRangeIsWhatSetTakes) {
  ExpectAcceptedRangeIsExact<BrokerConfig>();
  ExpectAcceptedRangeIsExact<TopicConfig>();
  ExpectAcceptedRangeIsExact<ProducerConfig>();
  ExpectAcceptedRangeIsExact<ConsumerConfig>();
}

TEST(ConfigKeysTest, KafkaRuleAndEnforcementText) {
  const ConfigKey* k = FindKey("offsets.topic.num.partitions", BrokerConfig::Keys());
  ASSERT_NE(k, nullptr);
  EXPECT_EQ(KafkaRuleText(*k), "[1,...]");
  EXPECT_EQ(EnforcedText(*k), "yes; kafkasim accepts [1,...,1000] (simulator bound on partitions per topic)");
  k = FindKey("max.in.flight.requests.per.connection", ProducerConfig::Keys());
  EXPECT_EQ(KafkaRuleText(*k),
            "[1,...]; Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer "
            "(as acks)");
  EXPECT_EQ(EnforcedText(*k), "yes");
  EXPECT_EQ(KafkaRuleText(*FindKey("compression.type", ProducerConfig::Keys())), "[none, gzip, snappy, lz4, zstd]");
  EXPECT_EQ(KafkaRuleText(*FindKey("log.truncation", BrokerConfig::Keys())), "none (kafkasim switch)");
  EXPECT_EQ(KafkaRuleText(*FindKey("replica.lag.time.max.ms", BrokerConfig::Keys())),
            "any; at least replica.fetch.wait.max.ms (see there)");
}

TEST(ConfigKeysTest, SimulatorBoundIsNamedInTheError) {
  BrokerConfig b;
  Status s = b.Set("offsets.topic.num.partitions", "2147483647");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message,
            "offsets.topic.num.partitions: invalid value \"2147483647\"; expected an integer in [1, 1000] "
            "(kafkasim's bound: simulator bound on partitions per topic; Kafka accepts [1,...])");
  ProducerConfig p;
  s = p.Set("batch.size", "2147483647");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("expected an integer in [0, 33554432] (kafkasim's bound: at most buffer.memory"),
            std::string::npos)
      << s.error().message;
  s = p.Set("linger.ms", "3000000000");  // Kafka's linger.ms is a long; kafkasim keeps 32 bits
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("caps it at 2147483647; Kafka accepts [0,...])"), std::string::npos)
      << s.error().message;
  s = b.Set("log.retention.ms", "0");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message,
            "log.retention.ms: invalid value \"0\"; log.retention.ms must be unlimited (-1) or, greater than or "
            "equal to 1");
  EXPECT_TRUE(b.Set("log.retention.ms", "-1").ok());
  TopicConfig t;
  EXPECT_TRUE(t.Set("retention.ms", "0").ok());  // LogConfig's atLeast(-1): the topic key takes 0
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
  EXPECT_TRUE(FindKey("isolation.level", ConsumerConfig::Keys())->simulated);
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

// The field defaults of EffectiveTopicConfig are Kafka's, the same as
// BrokerConfig's: a default-built one equals the broker defaults resolved.
TEST(TopicConfigTest, DefaultEffectiveConfigIsTheBrokerDefaultsResolved) {
  EXPECT_TRUE(EffectiveTopicConfig{} == Resolve(TopicConfig{}, BrokerConfig{}));
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
