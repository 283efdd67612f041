// core/config/consumer_config.cc — consumer keys (Kafka 3.x defaults).
#include "core/config/client_config.h"
#include "core/config/set_field.h"

namespace kafkasim::config {

namespace {
using K = KeyType;
const std::vector<std::string_view> kOffsetResets = {"earliest", "latest", "none"};
const std::vector<std::string_view> kStrategies = {"range", "roundrobin", "sticky", "cooperative-sticky"};
// Kafka's own class names, same order as kStrategies.
const std::vector<std::string_view> kStrategyClasses = {
    "org.apache.kafka.clients.consumer.RangeAssignor", "org.apache.kafka.clients.consumer.RoundRobinAssignor",
    "org.apache.kafka.clients.consumer.StickyAssignor", "org.apache.kafka.clients.consumer.CooperativeStickyAssignor"};
const std::vector<std::string_view> kIsolationLevels = {"read_uncommitted", "read_committed"};
const std::vector<std::string_view> kPositionValidations = {"leader-epoch", "none"};

Status SetStrategy(std::string_view key, std::string_view value, AssignmentStrategy* out) {
  for (size_t i = 0; i < kStrategyClasses.size(); ++i) {
    if (value == kStrategyClasses[i]) {
      *out = static_cast<AssignmentStrategy>(i);
      return OkStatus();
    }
  }
  Result<size_t> i = ParseEnum(key, value, kStrategies);
  if (!i.ok()) {
    Error e = i.error();
    e.message += " (or Kafka's class name, e.g. org.apache.kafka.clients.consumer.RangeAssignor)";
    return e;
  }
  *out = static_cast<AssignmentStrategy>(*i);
  return OkStatus();
}
}  // namespace

const std::vector<ConfigKey>& ConsumerConfig::Keys() {
  static const std::vector<ConfigKey> keys = {
      {"enable.auto.commit", K::kBool, "true", "Commit the polled offsets in the background every interval.", {}},
      {"auto.commit.interval.ms", K::kDurationMs, "5000", "Interval of automatic offset commits.", {}},
      {"auto.offset.reset", K::kEnum, "latest",
       "Where to start when the group has no committed offset (or it is out of range).", kOffsetResets},
      {"session.timeout.ms", K::kDurationMs, "45000",
       "The coordinator removes a member whose heartbeats stop for this long. Must lie within the brokers' "
       "group.min.session.timeout.ms and group.max.session.timeout.ms, or JoinGroup fails with "
       "INVALID_SESSION_TIMEOUT (fatal: poll() throws).",
       {}},
      {"heartbeat.interval.ms", K::kDurationMs, "3000", "Interval of heartbeats to the group coordinator.", {}},
      {"max.poll.interval.ms", K::kDurationMs, "300000",
       "A member that does not poll for this long leaves the group.", {}},
      {"max.poll.records", K::kInt, "500", "Most records one poll returns.", {}},
      {"fetch.min.bytes", K::kInt, "1", "Minimum bytes a fetch waits for at the broker.", {}},
      {"fetch.max.wait.ms", K::kDurationMs, "500", "Longest a fetch waits at the broker for fetch.min.bytes.", {}},
      {"max.partition.fetch.bytes", K::kInt, "1048576", "Bytes fetched per partition per request.", {}},
      {"request.timeout.ms", K::kDurationMs, "30000", "Wait this long for a response before retrying.", {}},
      {"retry.backoff.ms", K::kDurationMs, "100", "Pause before retrying a failed request.", {}},
      {"partition.assignment.strategy", K::kEnum, "range",
       "How the group leader splits partitions among members (Kafka's class names are accepted too).", kStrategies},
      {"isolation.level", K::kEnum, "read_uncommitted",
       "read_committed hides aborted transactional records; transactions are not simulated, so both levels read "
       "the same records.",
       kIsolationLevels, /*simulated=*/false},
      {"position.validation", K::kEnum, "leader-epoch",
       "kafkasim switch: after a leader change the consumer checks its position with OffsetsForLeaderEpoch and "
       "rewinds to where the log diverged (KIP-320, Kafka 2.1+), or trusts it (none: legacy; after an unclean "
       "election it can silently skip records).",
       kPositionValidations},
  };
  return keys;
}

Status ConsumerConfig::Set(std::string_view key, std::string_view value) {
  if (key == "enable.auto.commit") return SetBool(key, value, &enable_auto_commit);
  if (key == "auto.commit.interval.ms") return SetInt(key, value, &auto_commit_interval_ms, 0);
  if (key == "auto.offset.reset") {
    Result<size_t> i = ParseEnum(key, value, kOffsetResets);
    if (!i.ok()) return i.error();
    auto_offset_reset = static_cast<OffsetReset>(*i);
    return OkStatus();
  }
  if (key == "session.timeout.ms") return SetInt(key, value, &session_timeout_ms, 1);
  if (key == "heartbeat.interval.ms") return SetInt(key, value, &heartbeat_interval_ms, 1);
  if (key == "max.poll.interval.ms") return SetInt(key, value, &max_poll_interval_ms, 1);
  if (key == "max.poll.records") return SetInt(key, value, &max_poll_records, 1);
  if (key == "fetch.min.bytes") return SetInt(key, value, &fetch_min_bytes, 0);
  if (key == "fetch.max.wait.ms") return SetInt(key, value, &fetch_max_wait_ms, 0);
  if (key == "max.partition.fetch.bytes") return SetInt(key, value, &max_partition_fetch_bytes, 0);
  if (key == "request.timeout.ms") return SetInt(key, value, &request_timeout_ms, 0);
  if (key == "retry.backoff.ms") return SetInt(key, value, &retry_backoff_ms, 0);
  if (key == "partition.assignment.strategy") return SetStrategy(key, value, &partition_assignment_strategy);
  if (key == "isolation.level") {
    Result<size_t> i = ParseEnum(key, value, kIsolationLevels);
    if (!i.ok()) return i.error();
    read_committed = *i == 1;
    return OkStatus();
  }
  if (key == "position.validation") {
    Result<size_t> i = ParseEnum(key, value, kPositionValidations);
    if (!i.ok()) return i.error();
    validate_positions = *i == 0;
    return OkStatus();
  }
  return UnknownKeyError("consumer", key, Keys());
}

}  // namespace kafkasim::config
