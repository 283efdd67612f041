// core/config/topic_config.h — per-topic configs; unset keys fall back to the
// broker's defaults (min.insync.replicas, retention.ms, ...).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/config/broker_config.h"
#include "core/config/config_key.h"

namespace kafkasim::config {

struct TopicConfig {
  std::optional<int32_t> min_insync_replicas;          // min.insync.replicas
  std::optional<int64_t> retention_ms;                 // retention.ms
  std::optional<int64_t> retention_bytes;              // retention.bytes
  std::optional<int64_t> segment_bytes;                // segment.bytes
  std::optional<int64_t> segment_ms;                   // segment.ms
  std::optional<int64_t> flush_messages;               // flush.messages
  std::optional<int64_t> flush_ms;                     // flush.ms
  std::optional<bool> unclean_leader_election_enable;  // unclean.leader.election.enable
  std::optional<int32_t> max_message_bytes;            // max.message.bytes

  Status Set(std::string_view key, std::string_view value);
  static const std::vector<ConfigKey>& Keys();
  bool operator==(const TopicConfig&) const = default;
};

// Topic values with the broker's defaults filled in. Each field starts at
// Kafka's default (the same as BrokerConfig's), so a config built field by
// field (tests, the controller's context) is never uninitialised.
struct EffectiveTopicConfig {
  int32_t min_insync_replicas = 1;
  int64_t retention_ms = 604800000;
  int64_t retention_bytes = -1;
  int64_t segment_bytes = 1073741824;
  int64_t segment_ms = 604800000;
  int64_t flush_messages = INT64_MAX;
  int64_t flush_ms = INT64_MAX;
  bool unclean_leader_election_enable = false;
  int32_t max_message_bytes = 1048588;
  bool hw_waits_for_min_isr = false;  // BrokerConfig::hw_waits_for_min_isr
  bool operator==(const EffectiveTopicConfig&) const = default;
};
EffectiveTopicConfig Resolve(const TopicConfig& topic, const BrokerConfig& broker);

}  // namespace kafkasim::config
