// core/config/producer_config.cc — producer keys (Kafka 3.x defaults).
#include "core/config/client_config.h"
#include "core/config/set_field.h"

namespace kafkasim::config {

namespace {
using K = KeyType;
const std::vector<std::string_view> kAcks = {"0", "1", "all", "-1"};
const std::vector<std::string_view> kCompressions = {"none", "gzip", "snappy", "lz4", "zstd"};
const std::vector<std::string_view> kPartitioners = {"murmur2", "consistent_random", "round_robin"};
}  // namespace

const std::vector<ConfigKey>& ProducerConfig::Keys() {
  static const std::vector<ConfigKey> keys = {
      {"acks", K::kEnum, "all",
       "How many replicas must have the record before the leader answers: 0 (none), 1 (leader only), all/-1 (every "
       "in-sync replica).",
       kAcks},
      {"enable.idempotence", K::kBool, "true",
       "Producer id + sequence numbers let the broker drop retried duplicates and keep order.", {}},
      {"retries", K::kInt, "2147483647", "How often a failed send is retried (bounded by delivery.timeout.ms).", {}},
      {"max.in.flight.requests.per.connection", K::kInt, "5",
       "Unanswered produce requests per broker; >1 without idempotence can reorder on retry.", {}},
      {"linger.ms", K::kDurationMs, "0", "Wait this long for more records before sending a batch.", {}},
      {"batch.size", K::kInt, "16384", "Bytes per partition batch before it is sent.", {}},
      {"compression.type", K::kEnum, "none", "Codec applied to each record batch.", kCompressions},
      {"request.timeout.ms", K::kDurationMs, "30000", "Wait this long for a produce response before retrying.", {}},
      {"delivery.timeout.ms", K::kDurationMs, "120000",
       "Upper bound from send() to success or failure, retries included.", {}},
      {"retry.backoff.ms", K::kDurationMs, "100", "Pause before retrying a failed request.", {}},
      {"metadata.max.age.ms", K::kDurationMs, "300000", "Refresh metadata at least this often.", {}},
      {"partitioner", K::kEnum, "murmur2",
       "kafkasim name: how keyed records pick a partition (murmur2 = Java default; null keys use the sticky "
       "partitioner except with round_robin).",
       kPartitioners},
  };
  return keys;
}

Status ProducerConfig::Set(std::string_view key, std::string_view value) {
  if (key == "acks") {
    Result<size_t> i = ParseEnum(key, value, kAcks);
    if (!i.ok()) return i.error();
    acks = *i == 0 ? 0 : (*i == 1 ? 1 : -1);
    return OkStatus();
  }
  if (key == "enable.idempotence") return SetBool(key, value, &enable_idempotence);
  if (key == "retries") return SetInt(key, value, &retries, 0);
  if (key == "max.in.flight.requests.per.connection") {
    return SetInt(key, value, &max_in_flight_requests_per_connection, 1);
  }
  if (key == "linger.ms") return SetInt(key, value, &linger_ms, 0);
  if (key == "batch.size") return SetInt(key, value, &batch_size, 0);
  if (key == "compression.type") {
    Result<size_t> i = ParseEnum(key, value, kCompressions);
    if (!i.ok()) return i.error();
    compression_type = static_cast<Compression>(*i);
    return OkStatus();
  }
  if (key == "request.timeout.ms") return SetInt(key, value, &request_timeout_ms, 0);
  if (key == "delivery.timeout.ms") return SetInt(key, value, &delivery_timeout_ms, 0);
  if (key == "retry.backoff.ms") return SetInt(key, value, &retry_backoff_ms, 0);
  if (key == "metadata.max.age.ms") return SetInt(key, value, &metadata_max_age_ms, 0);
  if (key == "partitioner") {
    Result<size_t> i = ParseEnum(key, value, kPartitioners);
    if (!i.ok()) return i.error();
    partitioner = static_cast<Partitioner>(*i);
    return OkStatus();
  }
  return UnknownKeyError("producer", key, Keys());
}

}  // namespace kafkasim::config
