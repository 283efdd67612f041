// core/config/broker_config.cc — broker keys: names, defaults, docs, setters.
#include "core/config/broker_config.h"

#include "core/config/config_def.h"
#include "core/config/sim_bounds.h"
#include "core/protocol/common.h"

namespace kafkasim::config {

namespace {
using K = KeyType;
// Same order as IsrUpdate.
const std::vector<std::string_view> kIsrUpdates = {"maximal", "optimistic"};
// Same order as TruncationMode.
const std::vector<std::string_view> kTruncationModes = {"leader-epoch", "high-watermark", "leader-epoch-v0"};

Status SetLogRetentionMs(BrokerConfig& c, const ConfigKey& key, std::string_view value) {
  Result<int64_t> v = ParseInRange(key, value);
  if (!v.ok()) return v.error();
  // KafkaConfig.validateValues; the topic's retention.ms accepts 0.
  if (*v == 0) {
    return MakeError(ErrorCode::UNKNOWN_SERVER_ERROR,
                     "log.retention.ms: invalid value \"0\"; log.retention.ms must be unlimited (-1) or, greater than "
                     "or equal to 1");
  }
  c.log_retention_ms = *v;
  return OkStatus();
}

const ConfigDef<BrokerConfig>& BrokerDef() {
  static const ConfigDef<BrokerConfig> def(
      "broker",
      {
          {{.name = "replica.lag.time.max.ms",
            .type = K::kDurationMs,
            .default_value = "30000",
            .doc = "A follower that has not caught up to the leader's log end for this long is removed from the ISR.",
            .bound = Between(0, INT32_MAX),
            .bound_why = "a negative time cannot be scheduled; kept in 32 bits",
            .rule = "at least replica.fetch.wait.max.ms (see there)"},
           Field<&BrokerConfig::replica_lag_time_max_ms>},
          {{.name = "replica.fetch.wait.max.ms",
            .type = K::kIntMs,
            .default_value = "500",
            .doc = "Longest a follower's fetch request waits at the leader for data.",
            .bound = AtLeast(0),
            .bound_why = kWhyTime,
            .rule = "replica.fetch.wait.max.ms should always be less than or equal to replica.lag.time.max.ms to "
                    "prevent frequent changes in ISR"},
           Field<&BrokerConfig::replica_fetch_wait_max_ms>},
          {{.name = "replica.fetch.min.bytes",
            .type = K::kInt,
            .default_value = "1",
            .doc = "Minimum bytes a follower fetch waits for before the leader answers.",
            .bound = AtLeast(0),
            .bound_why = "a negative byte count is refused"},
           Field<&BrokerConfig::replica_fetch_min_bytes>},
          {{.name = "replica.fetch.max.bytes",
            .type = K::kInt,
            .default_value = "1048576",
            .doc = "Bytes a follower tries to fetch per partition per request.",
            .kafka = AtLeast(0)},
           Field<&BrokerConfig::replica_fetch_max_bytes>},
          {{.name = "replica.fetch.backoff.ms",
            .type = K::kIntMs,
            .default_value = "1000",
            .doc = "Pause after a follower fetch fails before retrying.",
            .kafka = AtLeast(0)},
           Field<&BrokerConfig::replica_fetch_backoff_ms>},
          {{.name = "replica.socket.timeout.ms",
            .type = K::kIntMs,
            .default_value = "30000",
            .doc = "Timeout of a follower's fetch request.",
            .bound = AtLeast(1),
            .bound_why = kWhyPositiveTime,
            .rule = "replica.socket.timeout.ms should always be at least replica.fetch.wait.max.ms to prevent "
                    "unnecessary socket timeouts"},
           Field<&BrokerConfig::replica_socket_timeout_ms>},
          {{.name = "unclean.leader.election.enable",
            .type = K::kBool,
            .default_value = "false",
            .doc = "Allow a replica outside the ISR to become leader when no ISR member is alive (may lose data)."},
           Field<&BrokerConfig::unclean_leader_election_enable>},
          {{.name = "min.insync.replicas",
            .type = K::kInt,
            .default_value = "1",
            .doc = "Default for topics: with acks=all, a write needs this many in-sync replicas or fails with "
                   "NOT_ENOUGH_REPLICAS.",
            .kafka = AtLeast(1)},
           Field<&BrokerConfig::min_insync_replicas>},
          {{.name = "zookeeper.session.timeout.ms",
            .type = K::kIntMs,
            .default_value = "18000",
            .doc = "A broker whose coordination session is silent this long is considered dead by the controller.",
            .bound = AtLeast(1),
            .bound_why = kWhyPositiveTime},
           Field<&BrokerConfig::zookeeper_session_timeout_ms>},
          {{.name = "broker.session.timeout.ms",
            .type = K::kIntMs,
            .default_value = "9000",
            .doc = "KRaft mode: the active controller fences a broker that has not heartbeated this long.",
            .bound = AtLeast(1),
            .bound_why = kWhyPositiveTime},
           Field<&BrokerConfig::broker_session_timeout_ms>},
          {{.name = "broker.heartbeat.interval.ms",
            .type = K::kIntMs,
            .default_value = "2000",
            .doc = "KRaft mode: how often a broker sends BrokerHeartbeat to the active controller.",
            .bound = AtLeast(1),
            .bound_why = kWhyPositiveTime},
           Field<&BrokerConfig::broker_heartbeat_interval_ms>},
          {{.name = "controller.quorum.election.timeout.ms",
            .type = K::kIntMs,
            .default_value = "1000",
            .doc = "KRaft mode: a voter that knows no leader waits this long (plus a random share) before it "
                   "stands for election.",
            .bound = AtLeast(1),
            .bound_why = kWhyPositiveTime},
           Field<&BrokerConfig::controller_quorum_election_timeout_ms>},
          {{.name = "controller.quorum.fetch.timeout.ms",
            .type = K::kIntMs,
            .default_value = "2000",
            .doc = "KRaft mode: a voter that has not heard from the quorum leader this long stands for election; "
                   "a leader not fetched from by a majority for 1.5x this long resigns.",
            .bound = AtLeast(1),
            .bound_why = kWhyPositiveTime},
           Field<&BrokerConfig::controller_quorum_fetch_timeout_ms>},
          {{.name = "eligible.leader.replicas.enable",
            .type = K::kBool,
            .default_value = "false",
            .doc = "KRaft mode (KIP-966): replicas that leave the ISR while it is below min.insync.replicas stay "
                   "eligible to lead; a broker that restarts leaves ISR and ELR, so it cannot come back as the "
                   "last replica standing with a lost tail."},
           Field<&BrokerConfig::eligible_leader_replicas_enable>},
          {{.name = "auto.leader.rebalance.enable",
            .type = K::kBool,
            .default_value = "true",
            .doc = "Periodically move leadership back to the preferred (first assigned) replica."},
           Field<&BrokerConfig::auto_leader_rebalance_enable>},
          {{.name = "leader.imbalance.check.interval.seconds",
            .type = K::kLong,
            .default_value = "300",
            .doc = "How often the controller checks leader balance.",
            .kafka = AtLeast(1),
            .bound = Between(1, INT32_MAX),
            .bound_why = "kept as a 32-bit count of seconds"},
           Field<&BrokerConfig::leader_imbalance_check_interval_seconds>},
          {{.name = "leader.imbalance.per.broker.percentage",
            .type = K::kInt,
            .default_value = "10",
            .doc = "Percentage of non-preferred leaders per broker that triggers a rebalance.",
            .bound = Between(0, 100),
            .bound_why = "a percentage"},
           Field<&BrokerConfig::leader_imbalance_per_broker_percentage>},
          {{.name = "log.retention.ms",
            .type = K::kDurationMs,
            .default_value = "604800000",
            .doc = "Delete segments older than this (log.retention.hours=168).",
            .kafka = AtLeast(-1),
            .rule = "log.retention.ms must be unlimited (-1) or, greater than or equal to 1"},
           SetLogRetentionMs},
          {{.name = "log.retention.bytes",
            .type = K::kLong,
            .default_value = "-1",
            .doc = "Delete old segments when a partition's log exceeds this; -1 = no limit.",
            .bound = AtLeast(-1),
            .bound_why = "-1 means no limit, other negatives nothing"},
           Field<&BrokerConfig::log_retention_bytes>},
          {{.name = "log.segment.bytes",
            .type = K::kInt,
            .default_value = "1073741824",
            .doc = "Size at which a log segment is rolled.",
            .kafka = AtLeast(14)},
           Field<&BrokerConfig::log_segment_bytes>},
          {{.name = "log.roll.ms",
            .type = K::kDurationMs,
            .default_value = "604800000",
            .doc = "Age at which a log segment is rolled (log.roll.hours=168).",
            .kafka = AtLeast(1)},
           Field<&BrokerConfig::log_segment_ms>},
          {{.name = "log.retention.check.interval.ms",
            .type = K::kDurationMs,
            .default_value = "300000",
            .doc = "How often retention is enforced.",
            .kafka = AtLeast(1)},
           Field<&BrokerConfig::log_retention_check_interval_ms>},
          {{.name = "log.flush.interval.messages",
            .type = K::kLong,
            .default_value = "9223372036854775807",
            .doc = "fsync the log after this many messages (default: never, rely on replication).",
            .kafka = AtLeast(1)},
           Field<&BrokerConfig::log_flush_interval_messages>},
          {{.name = "log.flush.interval.ms",
            .type = K::kDurationMs,
            .default_value = "9223372036854775807",
            .doc = "fsync the log after a message has waited this long (default: never).",
            .bound = AtLeast(0),
            .bound_why = kWhyTime},
           Field<&BrokerConfig::log_flush_interval_ms>},
          {{.name = "offsets.topic.replication.factor",
            .type = K::kInt,
            .default_value = "3",
            .doc = "Replication factor of __consumer_offsets, never lowered: with fewer brokers the topic cannot be "
                   "created (INVALID_REPLICATION_FACTOR), FindCoordinator answers COORDINATOR_NOT_AVAILABLE and no "
                   "consumer group forms.",
            .kafka = Between(1, INT16_MAX),
            .valid_values = "[1,...] (a short)",
            .bound = Between(1, kMaxBrokers),
            .bound_why = kWhyBrokers},
           Field<&BrokerConfig::offsets_topic_replication_factor>},
          {{.name = "offsets.topic.num.partitions",
            .type = K::kInt,
            .default_value = "50",
            .doc = "Partitions of __consumer_offsets.",
            .kafka = AtLeast(1),
            .bound = Between(1, kMaxPartitions),
            .bound_why = kWhyPartitions},
           Field<&BrokerConfig::offsets_topic_num_partitions>},
          {{.name = "transaction.state.log.replication.factor",
            .type = K::kInt,
            .default_value = "3",
            .doc = "Replication factor of __transaction_state, never lowered: with fewer brokers the topic is not "
                   "created and FindCoordinator(TRANSACTION) answers COORDINATOR_NOT_AVAILABLE.",
            .kafka = Between(1, INT16_MAX),
            .valid_values = "[1,...] (a short)",
            .bound = Between(1, kMaxBrokers),
            .bound_why = kWhyBrokers},
           Field<&BrokerConfig::transaction_state_log_replication_factor>},
          {{.name = "transaction.state.log.num.partitions",
            .type = K::kInt,
            .default_value = "50",
            .doc = "Partitions of __transaction_state; a transactional id's coordinator leads partition "
                   "abs(hash(transactional.id)) % this.",
            .kafka = AtLeast(1),
            .bound = Between(1, kMaxPartitions),
            .bound_why = kWhyPartitions},
           Field<&BrokerConfig::transaction_state_log_num_partitions>},
          {{.name = "transaction.max.timeout.ms",
            .type = K::kIntMs,
            .default_value = "900000",
            .doc = "The largest transaction.timeout.ms a producer may ask for (InitProducerId answers "
                   "INVALID_TRANSACTION_TIMEOUT above it).",
            .kafka = AtLeast(1)},
           Field<&BrokerConfig::transaction_max_timeout_ms>},
          {{.name = "transaction.abort.timed.out.transaction.cleanup.interval.ms",
            .type = K::kIntMs,
            .default_value = "10000",
            .doc = "How often the transaction coordinator aborts transactions open longer than their "
                   "transaction.timeout.ms (fencing their producer's epoch).",
            .kafka = AtLeast(1)},
           Field<&BrokerConfig::transaction_abort_timed_out_transaction_cleanup_interval_ms>},
          {{.name = "group.initial.rebalance.delay.ms",
            .type = K::kIntMs,
            .default_value = "3000",
            .doc = "Delay of the first rebalance of an empty group, to let more members join.",
            .bound = AtLeast(0),
            .bound_why = kWhyTime},
           Field<&BrokerConfig::group_initial_rebalance_delay_ms>},
          {{.name = "group.min.session.timeout.ms",
            .type = K::kIntMs,
            .default_value = "6000",
            .doc = "Smallest session.timeout.ms a consumer may ask for; a JoinGroup below it is refused with "
                   "INVALID_SESSION_TIMEOUT (fatal to the consumer).",
            .bound = AtLeast(0),
            .bound_why = kWhyTime},
           Field<&BrokerConfig::group_min_session_timeout_ms>},
          {{.name = "group.max.session.timeout.ms",
            .type = K::kIntMs,
            .default_value = "1800000",
            .doc = "Largest session.timeout.ms a consumer may ask for; a JoinGroup above it is refused with "
                   "INVALID_SESSION_TIMEOUT (fatal to the consumer).",
            .bound = AtLeast(0),
            .bound_why = kWhyTime},
           Field<&BrokerConfig::group_max_session_timeout_ms>},
          {{.name = "producer.id.expiration.ms",
            .type = K::kIntMs,
            .default_value = "86400000",
            .doc = "Idempotent producer state is dropped after the producer is silent this long; kafkasim keeps it for "
                   "the whole run (runs are far shorter than the default day).",
            .simulated = false,
            .kafka = AtLeast(1)},
           Field<&BrokerConfig::producer_id_expiration_ms>},
          {{.name = "message.max.bytes",
            .type = K::kInt,
            .default_value = "1048588",
            .doc = "Largest record batch the broker accepts (topic max.message.bytes); a larger one is refused with "
                   "MESSAGE_TOO_LARGE.",
            .kafka = AtLeast(0)},
           Field<&BrokerConfig::message_max_bytes>},
          {{.name = "log.truncation",
            .type = K::kEnum,
            .default_value = "leader-epoch",
            .doc = "kafkasim switch: follower truncation by leader epoch (KIP-101/279), by its own high watermark "
                   "(legacy, pre-0.11; can lose or diverge data), or by the leader's epoch end offset alone "
                   "(leader-epoch-v0: 0.11-1.1, before KIP-279; can diverge after leadership flips back and forth).",
            .allowed = kTruncationModes,
            .origin = Origin::kKafkasim},
           Field<&BrokerConfig::log_truncation>},
          {{.name = "replica.fetch.leader.epoch",
            .type = K::kBool,
            .default_value = "true",
            .doc =
                "kafkasim switch: a follower's Fetch carries the leader epoch it knows, so a leader fences a follower "
                "that missed leader changes (KIP-320, Kafka 2.1+); false: legacy, such a follower keeps fetching from "
                "where it was and can keep a stale stretch of log.",
            .origin = Origin::kKafkasim},
           Field<&BrokerConfig::replica_fetch_leader_epoch>},
          {{.name = "isr.update",
            .type = K::kEnum,
            .default_value = "maximal",
            .doc = "kafkasim switch: a leader's ISR shrink takes effect once the coordination service has it, the HW "
                   "counting the larger ISR meanwhile (maximal, KIP-497), or at once (optimistic: AlterIsr's first "
                   "design; a replica the controller still counts in the ISR can be elected without records "
                   "acknowledged meanwhile).",
            .allowed = kIsrUpdates,
            .origin = Origin::kKafkasim},
           Field<&BrokerConfig::isr_update>},
      });
  return def;
}

}  // namespace

const std::vector<ConfigKey>& BrokerConfig::Keys() { return BrokerDef().Keys(); }

Status BrokerConfig::Set(std::string_view key, std::string_view value) { return BrokerDef().Set(*this, key, value); }

}  // namespace kafkasim::config
