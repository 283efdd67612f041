// core/config/broker_config.h — broker configs (server.properties), with
// Kafka 3.x defaults. Topic-level overrides live in TopicConfig.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/config/config_key.h"

namespace kafkasim::config {

// kafkasim switch: how a follower truncates when it becomes a follower.
enum class TruncationMode {
  kLeaderEpoch,    // KIP-101/279: OffsetsForLeaderEpoch (Kafka >= 2.0)
  kHighWatermark,  // legacy (< 0.11): truncate to own HW — loses/diverges data
  kLeaderEpochV0,  // legacy (0.11–1.1): KIP-101 without KIP-279 — truncate to
                   // the leader's answer alone, which can keep a diverged tail
};

// kafkasim switch: when a leader's ISR shrink takes effect.
enum class IsrUpdate {
  kMaximal,     // once the coordination service has it; until then the HW
                // counts the old, larger ISR (ZooKeeper-mode Kafka; KIP-497)
  kOptimistic,  // at once, before anyone else knows (AlterIsr's first design,
                // the "maximal ISR" race): can lose acknowledged records
};

struct BrokerConfig {
  int32_t replica_lag_time_max_ms = 30000;               // replica.lag.time.max.ms
  int32_t replica_fetch_wait_max_ms = 500;               // replica.fetch.wait.max.ms
  int32_t replica_fetch_min_bytes = 1;                   // replica.fetch.min.bytes
  int32_t replica_fetch_max_bytes = 1048576;             // replica.fetch.max.bytes
  int32_t replica_fetch_backoff_ms = 1000;               // replica.fetch.backoff.ms
  int32_t replica_socket_timeout_ms = 30000;             // replica.socket.timeout.ms
  bool unclean_leader_election_enable = false;           // unclean.leader.election.enable
  int32_t min_insync_replicas = 1;                       // min.insync.replicas (topic default)
  int32_t zookeeper_session_timeout_ms = 18000;          // zookeeper.session.timeout.ms
  int32_t broker_session_timeout_ms = 9000;              // broker.session.timeout.ms (KRaft)
  int32_t broker_heartbeat_interval_ms = 2000;           // broker.heartbeat.interval.ms (KRaft)
  int32_t controller_quorum_election_timeout_ms = 1000;  // controller.quorum.election.timeout.ms (KRaft)
  int32_t controller_quorum_fetch_timeout_ms = 2000;     // controller.quorum.fetch.timeout.ms (KRaft)
  bool eligible_leader_replicas_enable = false;          // eligible.leader.replicas.enable (KRaft, KIP-966)
  // Not a Kafka key: a behaviour of the Kafka version each mode follows. A
  // KRaft cluster's brokers (Kafka 3.7+) keep the leader's high watermark
  // still while the ISR is below min.insync.replicas (KAFKA-15583); the
  // ZooKeeper mode follows 3.4, which advances it. Set by sim/cluster_builder.cc.
  bool hw_waits_for_min_isr = false;
  bool auto_leader_rebalance_enable = true;               // auto.leader.rebalance.enable
  int32_t leader_imbalance_check_interval_seconds = 300;  // leader.imbalance.check.interval.seconds
  int32_t leader_imbalance_per_broker_percentage = 10;    // leader.imbalance.per.broker.percentage
  int64_t log_retention_ms = 604800000;                   // log.retention.ms
  int64_t log_retention_bytes = -1;                       // log.retention.bytes
  int64_t log_segment_bytes = 1073741824;                 // log.segment.bytes
  int64_t log_segment_ms = 604800000;                     // log.roll.ms
  int64_t log_retention_check_interval_ms = 300000;       // log.retention.check.interval.ms
  int64_t log_flush_interval_messages = INT64_MAX;        // log.flush.interval.messages
  int64_t log_flush_interval_ms = INT64_MAX;              // log.flush.interval.ms
  int32_t offsets_topic_replication_factor = 3;           // offsets.topic.replication.factor
  int32_t offsets_topic_num_partitions = 50;              // offsets.topic.num.partitions
  int32_t transaction_state_log_replication_factor = 3;   // transaction.state.log.replication.factor
  int32_t transaction_state_log_num_partitions = 50;      // transaction.state.log.num.partitions
  int32_t transaction_max_timeout_ms = 900000;            // transaction.max.timeout.ms
  int32_t transaction_abort_timed_out_transaction_cleanup_interval_ms = 10000;
  //                                  transaction.abort.timed.out.transaction.cleanup.interval.ms
  int32_t group_initial_rebalance_delay_ms = 3000;               // group.initial.rebalance.delay.ms
  int32_t group_min_session_timeout_ms = 6000;                   // group.min.session.timeout.ms
  int32_t group_max_session_timeout_ms = 1800000;                // group.max.session.timeout.ms
  int32_t producer_id_expiration_ms = 86400000;                  // producer.id.expiration.ms
  int32_t message_max_bytes = 1048588;                           // message.max.bytes (topic max.message.bytes default)
  TruncationMode log_truncation = TruncationMode::kLeaderEpoch;  // log.truncation (kafkasim)
  IsrUpdate isr_update = IsrUpdate::kMaximal;                    // isr.update (kafkasim)
  bool replica_fetch_leader_epoch = true;  // replica.fetch.leader.epoch (kafkasim): KIP-320 on followers

  // Sets one key from its text form; errors name the key and the bad value.
  // Both are the ConfigDef table in broker_config.cc, which also holds each
  // key's default: the member defaults above are checked against it (config_test).
  Status Set(std::string_view key, std::string_view value);
  static const std::vector<ConfigKey>& Keys();
  bool operator==(const BrokerConfig&) const = default;
};

}  // namespace kafkasim::config
