// core/config/topic_config.cc — per-topic keys and their broker fallbacks.
#include "core/config/topic_config.h"

#include "core/config/set_field.h"

namespace kafkasim::config {

namespace {
using K = KeyType;

template <typename T>
Status SetOptional(std::string_view key, std::string_view value, std::optional<T>* out, int64_t min, int64_t max) {
  int64_t v = 0;
  Status s = SetLong(key, value, &v, min, max);
  if (s.ok()) *out = static_cast<T>(v);
  return s;
}
}  // namespace

const std::vector<ConfigKey>& TopicConfig::Keys() {
  static const std::vector<ConfigKey> keys = {
      {"min.insync.replicas", K::kInt, "1",
       "With acks=all, a write needs this many in-sync replicas or fails with NOT_ENOUGH_REPLICAS "
       "(broker min.insync.replicas).",
       {}},
      {"retention.ms", K::kDurationMs, "604800000", "Delete segments older than this (broker log.retention.ms).", {}},
      {"retention.bytes", K::kLong, "-1", "Size limit per partition; -1 = none (broker log.retention.bytes).", {}},
      {"segment.bytes", K::kInt, "1073741824", "Roll a new segment at this size (broker log.segment.bytes).", {}},
      {"segment.ms", K::kDurationMs, "604800000", "Roll a new segment at this age (broker log.roll.ms).", {}},
      {"flush.messages", K::kLong, "9223372036854775807",
       "fsync after this many messages (broker log.flush.interval.messages).", {}},
      {"flush.ms", K::kDurationMs, "9223372036854775807",
       "fsync after a message has waited this long (broker log.flush.interval.ms).", {}},
      {"unclean.leader.election.enable", K::kBool, "false",
       "Allow an out-of-sync replica to become leader (broker unclean.leader.election.enable).", {}},
      {"max.message.bytes", K::kInt, "1048588", "Largest record batch accepted (broker message.max.bytes).", {}},
  };
  return keys;
}

Status TopicConfig::Set(std::string_view key, std::string_view value) {
  if (key == "min.insync.replicas") return SetOptional(key, value, &min_insync_replicas, 1, INT32_MAX);
  if (key == "retention.ms") return SetOptional(key, value, &retention_ms, -1, INT64_MAX);
  if (key == "retention.bytes") return SetOptional(key, value, &retention_bytes, -1, INT64_MAX);
  if (key == "segment.bytes") return SetOptional(key, value, &segment_bytes, 14, INT32_MAX);
  if (key == "segment.ms") return SetOptional(key, value, &segment_ms, 1, INT64_MAX);
  if (key == "flush.messages") return SetOptional(key, value, &flush_messages, 1, INT64_MAX);
  if (key == "flush.ms") return SetOptional(key, value, &flush_ms, 0, INT64_MAX);
  if (key == "max.message.bytes") return SetOptional(key, value, &max_message_bytes, 0, INT32_MAX);
  if (key == "unclean.leader.election.enable") {
    bool b = false;
    Status s = SetBool(key, value, &b);
    if (s.ok()) unclean_leader_election_enable = b;
    return s;
  }
  return UnknownKeyError("topic", key, Keys());
}

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
  return e;
}

}  // namespace kafkasim::config
