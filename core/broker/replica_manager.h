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

#include "core/broker/control_plane.h"
#include "core/broker/fetch_purgatory.h"
#include "core/broker/offsets_log.h"
#include "core/broker/partition.h"
#include "core/broker/produce_purgatory.h"
#include "core/config/broker_config.h"
#include "core/config/topic_config.h"
#include "core/log/failure_tracking_disk.h"
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
  const std::map<TopicPartition, std::unique_ptr<Partition>>& partitions() const { return partitions_; }
  ControllerEpoch controller_epoch() const { return controller_epoch_; }

  // Called when this broker's leadership of an offsets partition changes.
  void set_offsets_role_listener(std::function<void(PartitionId, bool leader)> fn) { offsets_role_ = std::move(fn); }

  // OffsetsLog (for the group coordinator).
  int32_t num_partitions() const override { return cfg_.offsets_topic_num_partitions; }
  bool IsLeader(PartitionId p) const override;
  void Append(PartitionId p, Bytes batch, std::function<void(ErrorCode)> done) override;
  void ForEachCommittedBatch(PartitionId p, const std::function<void(std::span<const uint8_t>)>& fn) const override;

  // Called by the fetcher after a follower append or HW change.
  void OnFollowerProgress(const TopicPartition& tp);
  const config::BrokerConfig& config() const { return cfg_; }

  // The broker's one log directory (log.dirs): every file the broker keeps
  // goes through it, and its first failed write takes it offline
  // (OnLogDirFailure).
  Disk& log_dir() { return log_dir_; }
  bool log_dir_offline() const { return log_dir_.offline(); }

 private:
  // KAFKA_STORAGE_ERROR when the log cannot be opened (the log dir failed).
  Result<Partition*> GetOrCreate(const TopicPartition& tp);
  void OnLogDirFailure(const Error& e);
  void HandleLogDirFailure(const Error& e);
  ProducePartitionResponse AppendOne(const ProducePartitionData& d, int16_t acks, Offset& required);
  FetchResponse ReadForFetch(const FetchRequest& req, ReadFrom read_from, size_t& bytes);
  FetchPartitionResponse ReadPartition(const FetchRequest& req, const FetchPartition& fp, ReadFrom read_from);
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
  std::map<TopicPartition, Offset> checkpointed_hw_;
  ControllerEpoch controller_epoch_{0};
  ProducePurgatory produce_purgatory_;
  FetchPurgatory fetch_purgatory_;
  std::unique_ptr<ReplicaFetcher> fetcher_;
  std::function<void(PartitionId, bool)> offsets_role_;
};

}  // namespace kafkasim::broker
