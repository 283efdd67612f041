// core/controller/kraft/kraft_control_plane.h — a broker's KRaft-mode
// control plane (Kafka's BrokerLifecycleManager, BrokerMetadataListener /
// MetadataLoader and AlterPartitionManager, 3.7-3.9).
//
//   Start        BrokerRegistration to the active controller (any voter
//                answers NOT_CONTROLLER naming the leader it knows); then
//                BrokerHeartbeat every broker.heartbeat.interval.ms, with
//                the broker's metadata offset. The broker is fenced until
//                the controller sees it caught up with its own
//                RegisterBrokerRecord; a heartbeat goes out at once when it
//                gets there.
//   metadata     MetadataFetch, again and again, from the controller it
//                talks to: committed records only. Each batch is replayed
//                into the broker's MetadataImage and handed to the broker as
//                the LeaderAndIsr (partitions it hosts) and UpdateMetadata
//                (all changed partitions, unfenced brokers) a ZooKeeper-mode
//                controller would send, so ReplicaManager is the same in
//                both modes. The "controller epoch" of those is the raft
//                epoch of the last record applied (monotonic in log order).
//   AlterIsr     AlterPartition with the broker epoch and partition epoch;
//                done() runs exactly once: the new state, the controller's
//                error, NOT_CONTROLLER or REQUEST_TIMED_OUT (the leader
//                aborts and proposes again).
//
// registered() = registered and unfenced.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <vector>

#include "core/broker/control_plane.h"
#include "core/controller/kraft/metadata_image.h"
#include "core/protocol/kraft.h"

namespace kafkasim::controller::kraft {

struct KRaftBrokerSettings {
  std::vector<NodeId> voters;            // controller.quorum.voters
  int32_t heartbeat_interval_ms = 2000;  // broker.heartbeat.interval.ms
  int32_t request_timeout_ms = 2000;     // controller.quorum.request.timeout.ms
  static constexpr int32_t kRetryBackoffMs = 100;
};

class KRaftControlPlane final : public ControlPlane {
 public:
  KRaftControlPlane(Env& env, KRaftBrokerSettings settings);
  ~KRaftControlPlane() override;

  void Start() override;
  bool OnMessage(NodeId from, const Message& message) override;
  void AlterIsr(const TopicPartition& tp, LeaderEpoch leader_epoch, const std::vector<NodeId>& new_isr,
                int32_t partition_epoch, AlterIsrCallback done) override;
  bool registered() const override { return broker_epoch_ >= 0 && !fenced_; }
  bool is_controller() const override { return false; }
  void SetLocalDelivery(LocalDelivery deliver) override { deliver_ = std::move(deliver); }

  const MetadataImage& image() const { return image_; }
  int64_t broker_epoch() const { return broker_epoch_; }
  bool fenced() const { return fenced_; }

 private:
  // Timers that die with this object.
  TimerId After(TimeNs delay, std::function<void()> fn);
  void Retarget(NodeId hint);
  void SendRegistration();
  void OnRegistration(const BrokerRegistrationResponse& r);
  void SendHeartbeat();
  void OnHeartbeat(const BrokerHeartbeatResponse& r);
  void SendMetadataFetch();
  void OnMetadataFetch(const MetadataFetchResponse& r);
  void Deliver(const std::set<TopicPartition>& changed, bool brokers_changed);
  void OnAlterPartition(const AlterPartitionResponse& r);
  Offset CurrentMetadataOffset() const { return Offset{image_.next_offset().value() - 1}; }
  void Note(const std::string& text);

  Env& env_;
  KRaftBrokerSettings settings_;
  LocalDelivery deliver_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
  size_t target_index_ = 0;
  NodeId controller_ = kNoNode;  // the controller this broker talks to
  int64_t incarnation_ = 0;
  int64_t broker_epoch_ = -1;
  bool fenced_ = true;
  uint64_t registration_attempt_ = 0;
  bool heartbeat_in_flight_ = false;
  uint64_t fetch_attempt_ = 0;
  MetadataImage image_;
  LeaderEpoch last_record_epoch_{0};
  int32_t next_correlation_id_ = 1;
  struct PendingAlter {
    AlterIsrCallback done;
    TimerId timer = 0;
  };
  std::map<int32_t, PendingAlter> alters_;
};

}  // namespace kafkasim::controller::kraft
