// core/log/log_settings.h — the topic configs one partition's Log obeys.
//
// Times are milliseconds (Kafka's units); a negative retention means
// "unlimited"; INT64_MAX flush settings mean "never" (Kafka's defaults,
// which rely on replication rather than fsync for durability).
#pragma once

#include <cstdint>

#include "core/config/topic_config.h"

namespace kafkasim::log {

struct LogSettings {
  int64_t segment_bytes = 1073741824;   // segment.bytes
  int64_t segment_ms = 604800000;       // segment.ms
  int64_t retention_ms = 604800000;     // retention.ms
  int64_t retention_bytes = -1;         // retention.bytes
  int64_t flush_messages = INT64_MAX;   // flush.messages
  int64_t flush_ms = INT64_MAX;         // flush.ms
  int32_t index_interval_bytes = 4096;  // index.interval.bytes

  static LogSettings From(const config::EffectiveTopicConfig& c) {
    LogSettings s;
    s.segment_bytes = c.segment_bytes;
    s.segment_ms = c.segment_ms;
    s.retention_ms = c.retention_ms;
    s.retention_bytes = c.retention_bytes;
    s.flush_messages = c.flush_messages;
    s.flush_ms = c.flush_ms;
    return s;
  }
};

}  // namespace kafkasim::log
