// core/config/client_config.h — producer and consumer configs, Kafka 3.x
// defaults (acks=all and enable.idempotence=true since 3.0).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/config_key.h"

namespace kafkasim::config {

enum class Partitioner { kMurmur2, kConsistentRandom, kRoundRobin };
enum class Compression { kNone = 0, kGzip = 1, kSnappy = 2, kLz4 = 3, kZstd = 4 };
enum class OffsetReset { kEarliest, kLatest, kNone };
enum class AssignmentStrategy { kRange, kRoundRobin, kSticky, kCooperativeSticky };

struct ProducerConfig {
  int16_t acks = -1;                                  // acks: 0 | 1 | all (-1)
  bool enable_idempotence = true;                     // enable.idempotence
  int32_t retries = 2147483647;                       // retries
  int32_t max_in_flight_requests_per_connection = 5;  // max.in.flight.requests.per.connection
  int32_t linger_ms = 0;                              // linger.ms (Kafka 3.x; 4.0 made it 5)
  int32_t batch_size = 16384;                         // batch.size
  Compression compression_type = Compression::kNone;  // compression.type
  int32_t request_timeout_ms = 30000;                 // request.timeout.ms
  int32_t delivery_timeout_ms = 120000;               // delivery.timeout.ms
  int32_t retry_backoff_ms = 100;                     // retry.backoff.ms
  int32_t metadata_max_age_ms = 300000;               // metadata.max.age.ms
  Partitioner partitioner = Partitioner::kMurmur2;    // partitioner (kafkasim name)
  std::string transactional_id;                       // transactional.id ("" = none, Kafka's null)
  int32_t transaction_timeout_ms = 60000;             // transaction.timeout.ms

  Status Set(std::string_view key, std::string_view value);
  static const std::vector<ConfigKey>& Keys();
  bool operator==(const ProducerConfig&) const = default;
};

struct ConsumerConfig {
  bool enable_auto_commit = true;                                                 // enable.auto.commit
  int32_t auto_commit_interval_ms = 5000;                                         // auto.commit.interval.ms
  OffsetReset auto_offset_reset = OffsetReset::kLatest;                           // auto.offset.reset
  int32_t session_timeout_ms = 45000;                                             // session.timeout.ms
  int32_t heartbeat_interval_ms = 3000;                                           // heartbeat.interval.ms
  int32_t max_poll_interval_ms = 300000;                                          // max.poll.interval.ms
  int32_t max_poll_records = 500;                                                 // max.poll.records
  int32_t fetch_min_bytes = 1;                                                    // fetch.min.bytes
  int32_t fetch_max_wait_ms = 500;                                                // fetch.max.wait.ms
  int32_t max_partition_fetch_bytes = 1048576;                                    // max.partition.fetch.bytes
  int32_t request_timeout_ms = 30000;                                             // request.timeout.ms
  int32_t retry_backoff_ms = 100;                                                 // retry.backoff.ms
  AssignmentStrategy partition_assignment_strategy = AssignmentStrategy::kRange;  // partition.assignment.strategy
  bool read_committed = false;                                                    // isolation.level
  bool validate_positions = true;  // position.validation (kafkasim): KIP-320

  Status Set(std::string_view key, std::string_view value);
  static const std::vector<ConfigKey>& Keys();
  bool operator==(const ConsumerConfig&) const = default;
};

}  // namespace kafkasim::config
