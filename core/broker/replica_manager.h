// core/broker/replica_manager.h — all partition replicas on one broker and
// the requests that touch them: Produce, Fetch, ListOffsets,
// OffsetsForLeaderEpoch, LeaderAndIsr (Kafka's ReplicaManager).
//
// Where to look:
//   - acks=0/1/all:       HandleProduce (acks=all parks in ProducePurgatory)
//   - ISR shrink/expand:  CheckIsr (timer) and MaybeExpandIsr (on fetch)
//   - controller fencing: HandleLeaderAndIsr (stale controller epoch refused)
//   - consumers read below the HW only: ReadForFetch
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/broker/control_plane.h"
#include "core/broker/fetch_purgatory.h"
#include "core/broker/offsets_log.h"
#include "core/broker/partition.h"
#include "core/broker/produce_purgatory.h"
#include "core/config/broker_config.h"
#include "core/config/topic_config.h"
#include "core/log/failure_tracking_disk.h"
#include "core/protocol/txn.h"
#include "core/protocol/metadata.h"

namespace kafkasim::broker {

class ReplicaFetcher;

class ReplicaManager : public OffsetsLog {
 public:
  ReplicaManager(Env& env, const config::BrokerConfig& cfg, std::map<std::string, config::TopicConfig> topics,
                 ControlPlane& control_plane);
  ~ReplicaManager() override;

  void Start();

  void HandleProduce(NodeId from, const ProduceRequest& req);
  void HandleFetch(NodeId from, const FetchRequest& req);
  void HandleListOffsets(NodeId from, const ListOffsetsRequest& req);
  void HandleOffsetsForLeaderEpoch(NodeId from, const OffsetsForLeaderEpochRequest& req);
  void HandleLeaderAndIsr(NodeId from, const LeaderAndIsrRequest& req);
  // Follower side: responses to our own fetches.
  bool HandleFetcherMessage(NodeId from, const Message& m);
  // The process of `peer` is gone (connection refused).
  void OnPeerUnreachable(NodeId peer);

  Partition* partition(const TopicPartition& tp);
  const Partition* partition(const TopicPartition& tp) const;
  const std::map<TopicPartition, std::unique_ptr<Partition>>& partitions() const { return partitions_; }
  ControllerEpoch controller_epoch() const { return controller_epoch_; }

  // Called when this broker's leadership of a __consumer_offsets or
  // __transaction_state partition changes (the coordinators load or drop it).
  using CoordinatorRoleListener = std::function<void(const TopicPartition&, bool leader)>;
  void set_coordinator_role_listener(CoordinatorRoleListener fn) { coordinator_role_ = std::move(fn); }
  // Called when a COMMIT/ABORT marker for `producer_id` is committed on a
  // __consumer_offsets partition (the group coordinator completes the
  // transaction's offsets: GroupCoordinator.scheduleHandleTxnCompletion).
  using TxnCompletionListener = std::function<void(int64_t producer_id, PartitionId, bool committed)>;
  void set_txn_completion_listener(TxnCompletionListener fn) { txn_completion_ = std::move(fn); }

  // A coordinator's internal topics (__consumer_offsets, __transaction_state).
  bool LeadsPartition(const TopicPartition& tp) const;
  LeaderEpoch LeaderEpochOf(const TopicPartition& tp) const;
  // Appends one batch as the leader with acks=all; `done` once it is
  // committed (HW past it) or failed.
  void AppendInternal(const TopicPartition& tp, Bytes batch, AppendOrigin origin, std::function<void(ErrorCode)> done);
  // Every batch of the partition in order, below the HW or (committed_only =
  // false) to the LEO, as Kafka's coordinators load with FetchLogEnd.
  void ForEachBatchOf(const TopicPartition& tp, bool committed_only,
                      const std::function<void(std::span<const uint8_t>)>& fn) const;
  // WriteTxnMarkers from a transaction coordinator (KafkaApis.handleWriteTxnMarkersRequest).
  void HandleWriteTxnMarkers(NodeId from, const WriteTxnMarkersRequest& req);

  // OffsetsLog (for the group coordinator).
  int32_t num_partitions() const override { return cfg_.offsets_topic_num_partitions; }
  bool IsLeader(PartitionId p) const override;
  void Append(PartitionId p, Bytes batch, std::function<void(ErrorCode)> done) override;
  void ForEachBatchToLogEnd(PartitionId p, const std::function<void(std::span<const uint8_t>)>& fn) const override;

  // Called by the fetcher after a follower append or HW change.
  void OnFollowerProgress(const TopicPartition& tp);
  const config::BrokerConfig& config() const { return cfg_; }
  // Fetches waiting for data (DelayedFetch), read-only for the GUI.
  const FetchPurgatory& fetch_purgatory() const { return fetch_purgatory_; }
  // FailedProduceRequestsPerSec's count since this process started.
  int64_t failed_produce_requests() const { return failed_produce_requests_; }
  // MessagesInPerSec's and BytesInPerSec's counts since this process started
  // (Kafka 3.4 ReplicaManager.appendToLocalLog marks them, all topics, for
  // each leader append that succeeded: its records and its batch bytes).
  int64_t messages_in() const { return messages_in_; }
  int64_t bytes_in() const { return bytes_in_; }

  // The broker's one log directory (log.dirs): every file the broker keeps
  // goes through it, and its first failed write takes it offline
  // (OnLogDirFailure).
  Disk& log_dir() { return log_dir_; }
  bool log_dir_offline() const { return log_dir_.offline(); }

 private:
  static bool CountsAsFailedProduce(ErrorCode e);
  // KAFKA_STORAGE_ERROR when the log cannot be opened (the log dir failed).
  Result<Partition*> GetOrCreate(const TopicPartition& tp);
  void OnLogDirFailure(const Error& e);
  void HandleLogDirFailure(const Error& e);
  ProducePartitionResponse AppendOne(const ProducePartitionData& d, int16_t acks, Offset& required,
                                     AppendOrigin origin = AppendOrigin::kClient);
  FetchResponse ReadForFetch(const FetchRequest& req, ReadFrom read_from, size_t& bytes);
  FetchPartitionResponse ReadPartition(const FetchRequest& req, const FetchPartition& fp, ReadFrom read_from);
  bool NothingNewToFetch(const FetchRequest& req);
  void MaybeExpandIsr(Partition& p, NodeId follower);
  void CheckIsr();
  void AlterIsr(Partition& p, std::vector<NodeId> new_isr, std::string reason);
  void ApplyPartitionState(const PartitionState& st);
  void CheckpointHighWatermarks();
  void LoadHighWatermarks();
  void RunRetention();
  void Every(int64_t period_ms, std::function<void()> fn);
  void OnHighWatermarkMaybeMoved(const TopicPartition& tp);

  Env& env_;
  log::FailureTrackingDisk log_dir_;
  config::BrokerConfig cfg_;
  std::map<std::string, config::TopicConfig> topic_configs_;
  ControlPlane& control_plane_;
  std::map<TopicPartition, std::unique_ptr<Partition>> partitions_;
  // The same partitions for partition(tp), which every fetched partition of
  // every fetch asks (the ordered map's lookups compared topic strings).
  // Hashed by the interned name's address: never iterated, so no order leaks.
  struct TopicPartitionIdentityHash {
    size_t operator()(const TopicPartition& tp) const noexcept {
      return std::hash<const void*>{}(tp.topic.data()) * 31 + static_cast<size_t>(tp.partition.value());
    }
  };
  std::unordered_map<TopicPartition, Partition*, TopicPartitionIdentityHash> partition_index_;  // lookup only
  std::map<TopicPartition, Offset> checkpointed_hw_;
  ControllerEpoch controller_epoch_{0};
  ProducePurgatory produce_purgatory_;
  FetchPurgatory fetch_purgatory_;
  int64_t failed_produce_requests_ = 0;
  int64_t messages_in_ = 0;
  int64_t bytes_in_ = 0;
  std::unique_ptr<ReplicaFetcher> fetcher_;
  CoordinatorRoleListener coordinator_role_;
  TxnCompletionListener txn_completion_;
};

}  // namespace kafkasim::broker
