// core/config/config_checks.cc — Kafka's cross-key rules, in Kafka's words.
#include "core/config/config_checks.h"

#include <algorithm>

namespace kafkasim::config {

namespace {

constexpr int32_t kMaxInFlightForIdempotence =
    5;  // ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION_FOR_IDEMPOTENCE

std::string Values(std::string_view a, int64_t va, std::string_view b, int64_t vb) {
  return " (" + std::string(a) + "=" + std::to_string(va) + ", " + std::string(b) + "=" + std::to_string(vb) + ")";
}

// The key to blame: `preferred` when the user wrote it, else `other` (one of
// the two was written, or the defaults would break the rule themselves).
std::string_view Blame(const Originals& o, std::string_view preferred, std::string_view other) {
  return o.contains(preferred) || !o.contains(other) ? preferred : other;
}

// One conflict of an idempotent producer: refused when enable.idempotence was
// written, else idempotence is disabled (ProducerConfig 3.x).
struct IdempotenceConflict {
  bool present;
  std::string_view key;
  std::string refusal;  // ConfigException
  std::string log;      // "Idempotence will be disabled because ..."
};

}  // namespace

CheckResult PostProcess(ProducerConfig& c, const Originals& originals) {
  CheckResult r;
  if (c.enable_idempotence) {
    const char* kNote = " (enable.idempotence is set to true; left unset, Kafka disables idempotence instead)";
    const IdempotenceConflict conflicts[] = {
        {c.retries == 0, "retries", "Must set retries to non-zero when using the idempotent producer.",
         "Idempotence will be disabled because retries is set to 0."},
        {c.acks != -1, "acks",
         "Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.",
         "Idempotence will be disabled because acks is set to " + std::to_string(c.acks) + ", not set to 'all'."},
        {c.max_in_flight_requests_per_connection > kMaxInFlightForIdempotence, "max.in.flight.requests.per.connection",
         "Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer.",
         "Idempotence will be disabled because max.in.flight.requests.per.connection is set to " +
             std::to_string(c.max_in_flight_requests_per_connection) + ", which is greater than 5."},
    };
    // A transactional producer cannot drop idempotence either
    // (postProcessAndValidateIdempotenceConfigs: userConfiguredTransactions).
    bool user_configured = originals.contains("enable.idempotence") || !c.transactional_id.empty();
    bool disable = false;
    for (const IdempotenceConflict& k : conflicts) {
      if (!k.present) continue;
      if (user_configured) {
        r.errors.push_back({k.key, k.refusal + kNote});
      } else {
        r.adjustments.push_back(k.log);
        disable = true;
      }
    }
    if (disable) c.enable_idempotence = false;
  } else if (!c.transactional_id.empty()) {
    r.errors.push_back({"transactional.id", "Cannot set a transactional.id without also enabling idempotence."});
  }
  // KafkaProducer.configureDeliveryTimeout
  int64_t linger_and_request = std::min<int64_t>(int64_t{c.linger_ms} + c.request_timeout_ms, INT32_MAX);
  if (c.delivery_timeout_ms < linger_and_request) {
    const std::string rule = "delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms";
    if (originals.contains("delivery.timeout.ms")) {
      r.errors.push_back({"delivery.timeout.ms", rule + " (" + std::to_string(c.delivery_timeout_ms) + " < " +
                                                     std::to_string(c.linger_ms) + " + " +
                                                     std::to_string(c.request_timeout_ms) + ")"});
    } else {
      c.delivery_timeout_ms = static_cast<int32_t>(linger_and_request);
      r.adjustments.push_back(rule + ". Setting it to " + std::to_string(linger_and_request) + ".");
    }
  }
  return r;
}

CheckResult Check(const ConsumerConfig& c, const Originals& originals) {
  CheckResult r;
  if (c.heartbeat_interval_ms >= c.session_timeout_ms) {  // Heartbeat's constructor
    r.errors.push_back(
        {Blame(originals, "heartbeat.interval.ms", "session.timeout.ms"),
         "Heartbeat must be set lower than the session timeout" +
             Values("heartbeat.interval.ms", c.heartbeat_interval_ms, "session.timeout.ms", c.session_timeout_ms)});
  }
  return r;
}

CheckResult Check(const BrokerConfig& c, const Originals& originals) {
  CheckResult r;
  // KafkaConfig.validateValues, in its order.
  if (c.replica_fetch_wait_max_ms > c.replica_socket_timeout_ms) {
    r.errors.push_back({Blame(originals, "replica.fetch.wait.max.ms", "replica.socket.timeout.ms"),
                        "replica.socket.timeout.ms should always be at least replica.fetch.wait.max.ms to prevent "
                        "unnecessary socket timeouts" +
                            Values("replica.fetch.wait.max.ms", c.replica_fetch_wait_max_ms,
                                   "replica.socket.timeout.ms", c.replica_socket_timeout_ms)});
  }
  if (c.replica_fetch_wait_max_ms > c.replica_lag_time_max_ms) {
    r.errors.push_back({Blame(originals, "replica.fetch.wait.max.ms", "replica.lag.time.max.ms"),
                        "replica.fetch.wait.max.ms should always be less than or equal to replica.lag.time.max.ms to "
                        "prevent frequent changes in ISR" +
                            Values("replica.fetch.wait.max.ms", c.replica_fetch_wait_max_ms, "replica.lag.time.max.ms",
                                   c.replica_lag_time_max_ms)});
  }
  return r;
}

}  // namespace kafkasim::config
