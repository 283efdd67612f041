// core/config/topic_config.cc — per-topic keys and their broker fallbacks.
#include "core/config/topic_config.h"

#include "core/config/config_def.h"

namespace kafkasim::config {

namespace {
using K = KeyType;

const ConfigDef<TopicConfig>& TopicDef() {
  // Kafka 3.4's LogConfig validators.
  static const ConfigDef<TopicConfig> def(
      "topic", {
                   {{.name = "min.insync.replicas",
                     .type = K::kInt,
                     .default_value = "1",
                     .doc = "With acks=all, a write needs this many in-sync replicas or fails with NOT_ENOUGH_REPLICAS "
                            "(broker min.insync.replicas).",
                     .kafka = AtLeast(1)},
                    Field<&TopicConfig::min_insync_replicas>},
                   {{.name = "retention.ms",
                     .type = K::kDurationMs,
                     .default_value = "604800000",
                     .doc = "Delete segments older than this (broker log.retention.ms).",
                     .kafka = AtLeast(-1)},
                    Field<&TopicConfig::retention_ms>},
                   {{.name = "retention.bytes",
                     .type = K::kLong,
                     .default_value = "-1",
                     .doc = "Size limit per partition; -1 = none (broker log.retention.bytes).",
                     .bound = AtLeast(-1),
                     .bound_why = "-1 means no limit, other negatives nothing"},
                    Field<&TopicConfig::retention_bytes>},
                   {{.name = "segment.bytes",
                     .type = K::kInt,
                     .default_value = "1073741824",
                     .doc = "Roll a new segment at this size (broker log.segment.bytes).",
                     .kafka = AtLeast(14)},
                    Field<&TopicConfig::segment_bytes>},
                   {{.name = "segment.ms",
                     .type = K::kDurationMs,
                     .default_value = "604800000",
                     .doc = "Roll a new segment at this age (broker log.roll.ms).",
                     .kafka = AtLeast(1)},
                    Field<&TopicConfig::segment_ms>},
                   {{.name = "flush.messages",
                     .type = K::kLong,
                     .default_value = "9223372036854775807",
                     .doc = "fsync after this many messages (broker log.flush.interval.messages).",
                     .kafka = AtLeast(1)},
                    Field<&TopicConfig::flush_messages>},
                   {{.name = "flush.ms",
                     .type = K::kDurationMs,
                     .default_value = "9223372036854775807",
                     .doc = "fsync after a message has waited this long (broker log.flush.interval.ms).",
                     .kafka = AtLeast(0)},
                    Field<&TopicConfig::flush_ms>},
                   {{.name = "unclean.leader.election.enable",
                     .type = K::kBool,
                     .default_value = "false",
                     .doc = "Allow an out-of-sync replica to become leader (broker unclean.leader.election.enable)."},
                    Field<&TopicConfig::unclean_leader_election_enable>},
                   {{.name = "max.message.bytes",
                     .type = K::kInt,
                     .default_value = "1048588",
                     .doc = "Largest record batch accepted (broker message.max.bytes).",
                     .kafka = AtLeast(0)},
                    Field<&TopicConfig::max_message_bytes>},
               });
  return def;
}
}  // namespace

const std::vector<ConfigKey>& TopicConfig::Keys() { return TopicDef().Keys(); }

Status TopicConfig::Set(std::string_view key, std::string_view value) { return TopicDef().Set(*this, key, value); }

EffectiveTopicConfig Resolve(const TopicConfig& topic, const BrokerConfig& broker) {
  EffectiveTopicConfig e;
  e.min_insync_replicas = topic.min_insync_replicas.value_or(broker.min_insync_replicas);
  e.retention_ms = topic.retention_ms.value_or(broker.log_retention_ms);
  e.retention_bytes = topic.retention_bytes.value_or(broker.log_retention_bytes);
  e.segment_bytes = topic.segment_bytes.value_or(broker.log_segment_bytes);
  e.segment_ms = topic.segment_ms.value_or(broker.log_segment_ms);
  e.flush_messages = topic.flush_messages.value_or(broker.log_flush_interval_messages);
  e.flush_ms = topic.flush_ms.value_or(broker.log_flush_interval_ms);
  e.unclean_leader_election_enable =
      topic.unclean_leader_election_enable.value_or(broker.unclean_leader_election_enable);
  e.max_message_bytes = topic.max_message_bytes.value_or(broker.message_max_bytes);
  e.hw_waits_for_min_isr = broker.hw_waits_for_min_isr;
  return e;
}

}  // namespace kafkasim::config
