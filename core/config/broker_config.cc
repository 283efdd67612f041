// core/config/broker_config.cc — broker keys: names, defaults, docs, setters.
#include "core/config/broker_config.h"

#include "core/config/set_field.h"

namespace kafkasim::config {

namespace {
using K = KeyType;
// Same order as IsrUpdate.
const std::vector<std::string_view> kIsrUpdates = {"maximal", "optimistic"};
// Same order as TruncationMode.
const std::vector<std::string_view> kTruncationModes = {"leader-epoch", "high-watermark", "leader-epoch-v0"};
}  // namespace

const std::vector<ConfigKey>& BrokerConfig::Keys() {
  static const std::vector<ConfigKey> keys = {
      {"replica.lag.time.max.ms", K::kDurationMs, "30000",
       "A follower that has not caught up to the leader's log end for this long is removed from the ISR.", {}},
      {"replica.fetch.wait.max.ms", K::kDurationMs, "500",
       "Longest a follower's fetch request waits at the leader for data (must be < replica.lag.time.max.ms).", {}},
      {"replica.fetch.min.bytes", K::kInt, "1", "Minimum bytes a follower fetch waits for before the leader answers.",
       {}},
      {"replica.fetch.max.bytes", K::kInt, "1048576", "Bytes a follower tries to fetch per partition per request.", {}},
      {"replica.fetch.backoff.ms", K::kDurationMs, "1000", "Pause after a follower fetch fails before retrying.", {}},
      {"replica.socket.timeout.ms", K::kDurationMs, "30000", "Timeout of a follower's fetch request.", {}},
      {"unclean.leader.election.enable", K::kBool, "false",
       "Allow a replica outside the ISR to become leader when no ISR member is alive (may lose data).", {}},
      {"min.insync.replicas", K::kInt, "1",
       "Default for topics: with acks=all, a write needs this many in-sync replicas or fails with NOT_ENOUGH_REPLICAS.",
       {}},
      {"zookeeper.session.timeout.ms", K::kDurationMs, "18000",
       "A broker whose coordination session is silent this long is considered dead by the controller.", {}},
      {"auto.leader.rebalance.enable", K::kBool, "true",
       "Periodically move leadership back to the preferred (first assigned) replica.", {}},
      {"leader.imbalance.check.interval.seconds", K::kLong, "300", "How often the controller checks leader balance.",
       {}},
      {"leader.imbalance.per.broker.percentage", K::kInt, "10",
       "Percentage of non-preferred leaders per broker that triggers a rebalance.", {}},
      {"log.retention.ms", K::kDurationMs, "604800000", "Delete segments older than this (log.retention.hours=168).",
       {}},
      {"log.retention.bytes", K::kLong, "-1", "Delete old segments when a partition's log exceeds this; -1 = no limit.",
       {}},
      {"log.segment.bytes", K::kInt, "1073741824", "Size at which a log segment is rolled.", {}},
      {"log.roll.ms", K::kDurationMs, "604800000", "Age at which a log segment is rolled (log.roll.hours=168).", {}},
      {"log.retention.check.interval.ms", K::kDurationMs, "300000", "How often retention is enforced.", {}},
      {"log.flush.interval.messages", K::kLong, "9223372036854775807",
       "fsync the log after this many messages (default: never, rely on replication).", {}},
      {"log.flush.interval.ms", K::kDurationMs, "9223372036854775807",
       "fsync the log after a message has waited this long (default: never).", {}},
      {"offsets.topic.replication.factor", K::kInt, "3",
       "Replication factor of __consumer_offsets, never lowered: with fewer brokers the topic cannot be created "
       "(INVALID_REPLICATION_FACTOR), FindCoordinator answers COORDINATOR_NOT_AVAILABLE and no consumer group forms.",
       {}},
      {"offsets.topic.num.partitions", K::kInt, "50", "Partitions of __consumer_offsets.", {}},
      {"group.initial.rebalance.delay.ms", K::kDurationMs, "3000",
       "Delay of the first rebalance of an empty group, to let more members join.", {}},
      {"group.min.session.timeout.ms", K::kDurationMs, "6000",
       "Smallest session.timeout.ms a consumer may ask for; a JoinGroup below it is refused with "
       "INVALID_SESSION_TIMEOUT (fatal to the consumer).",
       {}},
      {"group.max.session.timeout.ms", K::kDurationMs, "1800000",
       "Largest session.timeout.ms a consumer may ask for; a JoinGroup above it is refused with "
       "INVALID_SESSION_TIMEOUT (fatal to the consumer).",
       {}},
      {"producer.id.expiration.ms", K::kDurationMs, "86400000",
       "Idempotent producer state is dropped after the producer is silent this long; kafkasim keeps it for the "
       "whole run (runs are far shorter than the default day).",
       {}, /*simulated=*/false},
      {"message.max.bytes", K::kInt, "1048588", "Largest record batch the broker accepts (topic max.message.bytes); a larger one is refused with "
       "MESSAGE_TOO_LARGE.",
       {}},
      {"log.truncation", K::kEnum, "leader-epoch",
       "kafkasim switch: follower truncation by leader epoch (KIP-101/279), by its own high watermark (legacy, "
       "pre-0.11; can lose or diverge data), or by the leader's epoch end offset alone (leader-epoch-v0: 0.11-1.1, "
       "before KIP-279; can diverge after leadership flips back and forth).",
       {"leader-epoch", "high-watermark", "leader-epoch-v0"}},
      {"replica.fetch.leader.epoch", K::kBool, "true",
       "kafkasim switch: a follower's Fetch carries the leader epoch it knows, so a leader fences a follower that "
       "missed leader changes (KIP-320, Kafka 2.1+); false: legacy, such a follower keeps fetching from where it was "
       "and can keep a stale stretch of log.",
       {}},
      {"isr.update", K::kEnum, "maximal",
       "kafkasim switch: a leader's ISR shrink takes effect once the coordination service has it, the HW counting "
       "the larger ISR meanwhile (maximal, KIP-497), or at once (optimistic: AlterIsr's first design; a replica "
       "the controller still counts in the ISR can be elected without records acknowledged meanwhile).",
       kIsrUpdates},
  };
  return keys;
}

Status BrokerConfig::Set(std::string_view key, std::string_view value) {
  if (key == "replica.lag.time.max.ms") return SetInt(key, value, &replica_lag_time_max_ms, 0);
  if (key == "replica.fetch.wait.max.ms") return SetInt(key, value, &replica_fetch_wait_max_ms, 0);
  if (key == "replica.fetch.min.bytes") return SetInt(key, value, &replica_fetch_min_bytes, 1);
  if (key == "replica.fetch.max.bytes") return SetInt(key, value, &replica_fetch_max_bytes, 0);
  if (key == "replica.fetch.backoff.ms") return SetInt(key, value, &replica_fetch_backoff_ms, 0);
  if (key == "replica.socket.timeout.ms") return SetInt(key, value, &replica_socket_timeout_ms, 1);
  if (key == "unclean.leader.election.enable") return SetBool(key, value, &unclean_leader_election_enable);
  if (key == "min.insync.replicas") return SetInt(key, value, &min_insync_replicas, 1);
  if (key == "zookeeper.session.timeout.ms") return SetInt(key, value, &zookeeper_session_timeout_ms, 1);
  if (key == "auto.leader.rebalance.enable") return SetBool(key, value, &auto_leader_rebalance_enable);
  if (key == "leader.imbalance.check.interval.seconds") {
    return SetInt(key, value, &leader_imbalance_check_interval_seconds, 1);
  }
  if (key == "leader.imbalance.per.broker.percentage") {
    return SetInt(key, value, &leader_imbalance_per_broker_percentage, 0, 100);
  }
  if (key == "log.retention.ms") return SetLong(key, value, &log_retention_ms, -1);
  if (key == "log.retention.bytes") return SetLong(key, value, &log_retention_bytes, -1);
  if (key == "log.segment.bytes") return SetLong(key, value, &log_segment_bytes, 14, INT32_MAX);
  if (key == "log.roll.ms") return SetLong(key, value, &log_segment_ms, 1);
  if (key == "log.retention.check.interval.ms") return SetLong(key, value, &log_retention_check_interval_ms, 1);
  if (key == "log.flush.interval.messages") return SetLong(key, value, &log_flush_interval_messages, 1);
  if (key == "log.flush.interval.ms") return SetLong(key, value, &log_flush_interval_ms, 0);
  if (key == "offsets.topic.replication.factor") return SetInt(key, value, &offsets_topic_replication_factor, 1);
  if (key == "offsets.topic.num.partitions") return SetInt(key, value, &offsets_topic_num_partitions, 1);
  if (key == "group.initial.rebalance.delay.ms") return SetInt(key, value, &group_initial_rebalance_delay_ms, 0);
  if (key == "group.min.session.timeout.ms") return SetInt(key, value, &group_min_session_timeout_ms, 0);
  if (key == "group.max.session.timeout.ms") return SetInt(key, value, &group_max_session_timeout_ms, 0);
  if (key == "producer.id.expiration.ms") return SetInt(key, value, &producer_id_expiration_ms, 1);
  if (key == "message.max.bytes") return SetInt(key, value, &message_max_bytes, 0);
  if (key == "replica.fetch.leader.epoch") return SetBool(key, value, &replica_fetch_leader_epoch);
  if (key == "isr.update") {
    Result<size_t> i = ParseEnum(key, value, kIsrUpdates);
    if (!i.ok()) return i.error();
    isr_update = static_cast<IsrUpdate>(*i);
    return OkStatus();
  }
  if (key == "log.truncation") {
    Result<size_t> i = ParseEnum(key, value, kTruncationModes);
    if (!i.ok()) return i.error();
    log_truncation = static_cast<TruncationMode>(*i);
    return OkStatus();
  }
  return UnknownKeyError("broker", key, Keys());
}

}  // namespace kafkasim::config
