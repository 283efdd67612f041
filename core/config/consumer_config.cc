// core/config/consumer_config.cc — consumer keys (Kafka 3.x defaults).
#include "core/config/client_config.h"
#include "core/config/config_def.h"
#include "core/config/sim_bounds.h"
#include "core/protocol/common.h"

namespace kafkasim::config {

namespace {
using K = KeyType;
// Same order as OffsetReset.
const std::vector<std::string_view> kOffsetResets = {"earliest", "latest", "none"};
// Same order as AssignmentStrategy.
const std::vector<std::string_view> kStrategies = {"range", "roundrobin", "sticky", "cooperative-sticky"};
// Kafka's own class names, same order as kStrategies.
const std::vector<std::string_view> kStrategyClasses = {
    "org.apache.kafka.clients.consumer.RangeAssignor", "org.apache.kafka.clients.consumer.RoundRobinAssignor",
    "org.apache.kafka.clients.consumer.StickyAssignor", "org.apache.kafka.clients.consumer.CooperativeStickyAssignor"};
const std::vector<std::string_view> kIsolationLevels = {"read_uncommitted", "read_committed"};
const std::vector<std::string_view> kPositionValidations = {"leader-epoch", "none"};

Status SetStrategy(ConsumerConfig& c, const ConfigKey& key, std::string_view value) {
  for (size_t i = 0; i < kStrategyClasses.size(); ++i) {
    if (value == kStrategyClasses[i]) {
      c.partition_assignment_strategy = static_cast<AssignmentStrategy>(i);
      return OkStatus();
    }
  }
  Result<size_t> i = ParseEnum(key.name, value, key.allowed);
  if (!i.ok()) {
    Error e = i.error();
    e.message += " (or Kafka's class name, e.g. org.apache.kafka.clients.consumer.RangeAssignor)";
    return e;
  }
  c.partition_assignment_strategy = static_cast<AssignmentStrategy>(*i);
  return OkStatus();
}

Status SetIsolationLevel(ConsumerConfig& c, const ConfigKey& key, std::string_view value) {
  Result<size_t> i = ParseEnum(key.name, value, key.allowed);
  if (!i.ok()) return i.error();
  c.read_committed = *i == 1;
  return OkStatus();
}

Status SetPositionValidation(ConsumerConfig& c, const ConfigKey& key, std::string_view value) {
  Result<size_t> i = ParseEnum(key.name, value, key.allowed);
  if (!i.ok()) return i.error();
  c.validate_positions = *i == 0;
  return OkStatus();
}

const ConfigDef<ConsumerConfig>& ConsumerDef() {
  // Kafka 3.4's ConsumerConfig validators; the cross-key rule is Heartbeat's
  // constructor (config_checks.cc).
  static const ConfigDef<ConsumerConfig> def(
      "consumer",
      {
          {{.name = "enable.auto.commit",
            .type = K::kBool,
            .default_value = "true",
            .doc = "Commit the polled offsets in the background every interval."},
           Field<&ConsumerConfig::enable_auto_commit>},
          {{.name = "auto.commit.interval.ms",
            .type = K::kIntMs,
            .default_value = "5000",
            .doc = "Interval of automatic offset commits.",
            .kafka = AtLeast(0)},
           Field<&ConsumerConfig::auto_commit_interval_ms>},
          {{.name = "auto.offset.reset",
            .type = K::kEnum,
            .default_value = "latest",
            .doc = "Where to start when the group has no committed offset (or it is out of range).",
            .allowed = kOffsetResets},
           Field<&ConsumerConfig::auto_offset_reset>},
          {{.name = "session.timeout.ms",
            .type = K::kIntMs,
            .default_value = "45000",
            .doc = "The coordinator removes a member whose heartbeats stop for this long. Must lie within the brokers' "
                   "group.min.session.timeout.ms and group.max.session.timeout.ms, or JoinGroup fails with "
                   "INVALID_SESSION_TIMEOUT (fatal: poll() throws).",
            .bound = AtLeast(1),
            .bound_why = kWhyPositiveTime,
            .rule = "above heartbeat.interval.ms (see there); within the brokers' group.min/max.session.timeout.ms "
                    "(GroupCoordinator: INVALID_SESSION_TIMEOUT)"},
           Field<&ConsumerConfig::session_timeout_ms>},
          {{.name = "heartbeat.interval.ms",
            .type = K::kIntMs,
            .default_value = "3000",
            .doc = "Interval of heartbeats to the group coordinator.",
            .bound = AtLeast(1),
            .bound_why = kWhyPositiveTime,
            .rule = "Heartbeat must be set lower than the session timeout (a consumer with a group.id)"},
           Field<&ConsumerConfig::heartbeat_interval_ms>},
          {{.name = "max.poll.interval.ms",
            .type = K::kIntMs,
            .default_value = "300000",
            .doc = "A member that does not poll for this long leaves the group.",
            .kafka = AtLeast(1)},
           Field<&ConsumerConfig::max_poll_interval_ms>},
          {{.name = "max.poll.records",
            .type = K::kInt,
            .default_value = "500",
            .doc = "Most records one poll returns.",
            .kafka = AtLeast(1)},
           Field<&ConsumerConfig::max_poll_records>},
          {{.name = "fetch.min.bytes",
            .type = K::kInt,
            .default_value = "1",
            .doc = "Minimum bytes a fetch waits for at the broker.",
            .kafka = AtLeast(0)},
           Field<&ConsumerConfig::fetch_min_bytes>},
          {{.name = "fetch.max.wait.ms",
            .type = K::kIntMs,
            .default_value = "500",
            .doc = "Longest a fetch waits at the broker for fetch.min.bytes.",
            .kafka = AtLeast(0)},
           Field<&ConsumerConfig::fetch_max_wait_ms>},
          {{.name = "max.partition.fetch.bytes",
            .type = K::kInt,
            .default_value = "1048576",
            .doc = "Bytes fetched per partition per request.",
            .kafka = AtLeast(0)},
           Field<&ConsumerConfig::max_partition_fetch_bytes>},
          {{.name = "request.timeout.ms",
            .type = K::kIntMs,
            .default_value = "30000",
            .doc = "Wait this long for a response before retrying.",
            .kafka = AtLeast(0)},
           Field<&ConsumerConfig::request_timeout_ms>},
          {{.name = "retry.backoff.ms",
            .type = K::kDurationMs,
            .default_value = "100",
            .doc = "Pause before retrying a failed request.",
            .kafka = AtLeast(0),
            .bound = Between(0, INT32_MAX),
            .bound_why = kWhy32Bits},
           Field<&ConsumerConfig::retry_backoff_ms>},
          {{.name = "partition.assignment.strategy",
            .type = K::kEnum,
            .default_value = "range",
            .doc = "How the group leader splits partitions among members (Kafka's class names are accepted too).",
            .allowed = kStrategies,
            .valid_values = "non-null string (a list of assignor classes)"},
           SetStrategy},
          {{.name = "isolation.level",
            .type = K::kEnum,
            .default_value = "read_uncommitted",
            .doc = "read_committed reads only below the last stable offset and drops the records of aborted "
                   "transactions; read_uncommitted reads everything below the high watermark.",
            .allowed = kIsolationLevels},
           SetIsolationLevel},
          {{.name = "position.validation",
            .type = K::kEnum,
            .default_value = "leader-epoch",
            .doc = "kafkasim switch: after a leader change the consumer checks its position with OffsetsForLeaderEpoch "
                   "and rewinds to where the log diverged (KIP-320, Kafka 2.1+), or trusts it (none: legacy; after an "
                   "unclean election it can silently skip records).",
            .allowed = kPositionValidations,
            .origin = Origin::kKafkasim},
           SetPositionValidation},
      });
  return def;
}
}  // namespace

const std::vector<ConfigKey>& ConsumerConfig::Keys() { return ConsumerDef().Keys(); }

Status ConsumerConfig::Set(std::string_view key, std::string_view value) {
  return ConsumerDef().Set(*this, key, value);
}

}  // namespace kafkasim::config
