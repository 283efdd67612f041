// core/config/producer_config.cc — producer keys (Kafka 3.x defaults).
#include "core/config/client_config.h"
#include "core/config/config_def.h"
#include "core/config/sim_bounds.h"
#include "core/protocol/common.h"

namespace kafkasim::config {

namespace {
using K = KeyType;
const std::vector<std::string_view> kAcks = {"0", "1", "all", "-1"};
// Same order as Compression.
const std::vector<std::string_view> kCompressions = {"none", "gzip", "snappy", "lz4", "zstd"};
// Same order as Partitioner.
const std::vector<std::string_view> kPartitioners = {"murmur2", "consistent_random", "round_robin"};

Status SetAcks(ProducerConfig& c, const ConfigKey& key, std::string_view value) {
  Result<size_t> i = ParseEnum(key.name, value, key.allowed);
  if (!i.ok()) return i.error();
  c.acks = *i == 0 ? 0 : (*i == 1 ? 1 : -1);
  return OkStatus();
}

constexpr std::string_view kIdempotenceRule =
    "with enable.idempotence set to true: ConfigException unless acks=all, retries > 0 and "
    "max.in.flight.requests.per.connection <= 5; left unset, idempotence is disabled instead";

Status SetTransactionalId(ProducerConfig& c, const ConfigKey&, std::string_view value) {
  c.transactional_id = value == "null" ? std::string() : std::string(value);
  return OkStatus();
}

const ConfigDef<ProducerConfig>& ProducerDef() {
  // Kafka 3.4's ProducerConfig validators; the cross-key rules are
  // ProducerConfig.postProcessAndValidateIdempotenceConfigs and
  // KafkaProducer.configureDeliveryTimeout (config_checks.cc).
  static const ConfigDef<ProducerConfig> def(
      "producer",
      {
          {{.name = "acks",
            .type = K::kEnum,
            .default_value = "all",
            .doc = "How many replicas must have the record before the leader answers: 0 (none), 1 (leader only), "
                   "all/-1 (every in-sync replica).",
            .allowed = kAcks,
            .rule = "Must set acks to all in order to use the idempotent producer (if enable.idempotence is set to "
                    "true; left unset, idempotence is disabled)"},
           SetAcks},
          {{.name = "enable.idempotence",
            .type = K::kBool,
            .default_value = "true",
            .doc = "Producer id + sequence numbers let the broker drop retried duplicates and keep order.",
            .rule = kIdempotenceRule},
           Field<&ProducerConfig::enable_idempotence>},
          {{.name = "retries",
            .type = K::kInt,
            .default_value = "2147483647",
            .doc = "How often a failed send is retried (bounded by delivery.timeout.ms).",
            .kafka = Between(0, INT32_MAX),
            .rule = "Must set retries to non-zero when using the idempotent producer (as acks)"},
           Field<&ProducerConfig::retries>},
          {{.name = "max.in.flight.requests.per.connection",
            .type = K::kInt,
            .default_value = "5",
            .doc = "Unanswered produce requests per broker; >1 without idempotence can reorder on retry.",
            .kafka = AtLeast(1),
            .rule = "Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer (as "
                    "acks)"},
           Field<&ProducerConfig::max_in_flight_requests_per_connection>},
          {{.name = "linger.ms",
            .type = K::kDurationMs,
            .default_value = "0",
            .doc = "Wait this long for more records before sending a batch.",
            .kafka = AtLeast(0),
            .bound = Between(0, INT32_MAX),
            .bound_why = "KafkaProducer itself caps it at 2147483647",
            .rule = "see delivery.timeout.ms"},
           Field<&ProducerConfig::linger_ms>},
          {{.name = "batch.size",
            .type = K::kInt,
            .default_value = "16384",
            .doc = "Bytes per partition batch before it is sent.",
            .kafka = AtLeast(0),
            .bound = Between(0, kMaxBatchBytes),
            .bound_why = "at most buffer.memory's default, 32 MiB, from which Kafka allocates each batch"},
           Field<&ProducerConfig::batch_size>},
          {{.name = "compression.type",
            .type = K::kEnum,
            .default_value = "none",
            .doc = "Codec applied to each record batch.",
            .allowed = kCompressions},
           Field<&ProducerConfig::compression_type>},
          {{.name = "request.timeout.ms",
            .type = K::kIntMs,
            .default_value = "30000",
            .doc = "Wait this long for a produce response before retrying.",
            .kafka = AtLeast(0),
            .rule = "see delivery.timeout.ms"},
           Field<&ProducerConfig::request_timeout_ms>},
          {{.name = "delivery.timeout.ms",
            .type = K::kIntMs,
            .default_value = "120000",
            .doc = "Upper bound from send() to success or failure, retries included.",
            .kafka = AtLeast(0),
            .rule = "delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms "
                    "(ConfigException if set; left unset, it is raised to that sum)"},
           Field<&ProducerConfig::delivery_timeout_ms>},
          {{.name = "retry.backoff.ms",
            .type = K::kDurationMs,
            .default_value = "100",
            .doc = "Pause before retrying a failed request.",
            .kafka = AtLeast(0),
            .bound = Between(0, INT32_MAX),
            .bound_why = kWhy32Bits},
           Field<&ProducerConfig::retry_backoff_ms>},
          {{.name = "metadata.max.age.ms",
            .type = K::kDurationMs,
            .default_value = "300000",
            .doc = "Refresh metadata at least this often.",
            .kafka = AtLeast(0),
            .bound = Between(0, INT32_MAX),
            .bound_why = kWhy32Bits},
           Field<&ProducerConfig::metadata_max_age_ms>},
          {{.name = "transactional.id",
            .type = K::kString,
            .default_value = "null",
            .doc = "Makes the producer transactional (KIP-98): its coordinator fences older instances with the same "
                   "id, and records are committed or aborted together. Requires enable.idempotence.",
            .rule = "Cannot set a transactional.id without also enabling idempotence"},
           SetTransactionalId},
          {{.name = "transaction.timeout.ms",
            .type = K::kIntMs,
            .default_value = "60000",
            .doc = "The coordinator aborts a transaction open longer than this (and fences the producer's epoch); "
                   "above the broker's transaction.max.timeout.ms InitProducerId fails.",
            .kafka = AtLeast(1)},
           Field<&ProducerConfig::transaction_timeout_ms>},
          {{.name = "partitioner",
            .type = K::kEnum,
            .default_value = "murmur2",
            .doc =
                "kafkasim name: how keyed records pick a partition (murmur2 = Java default; null keys use the sticky "
                "partitioner except with round_robin).",
            .allowed = kPartitioners,
            .origin = Origin::kKafkasim},
           Field<&ProducerConfig::partitioner>},
      });
  return def;
}
}  // namespace

const std::vector<ConfigKey>& ProducerConfig::Keys() { return ProducerDef().Keys(); }

Status ProducerConfig::Set(std::string_view key, std::string_view value) {
  return ProducerDef().Set(*this, key, value);
}

}  // namespace kafkasim::config
