// core/controller/kraft/quorum_controller.h — the active controller of KRaft
// mode (Kafka's QuorumController with its ClusterControlManager,
// BrokerHeartbeatManager and ReplicationControlManager, 3.7-3.9).
//
// Exists only on the quorum leader, from the moment it has replayed every
// committed record of earlier epochs (KafkaRaftClient fires
// handleLeaderChange to the controller only then; QuorumController.claim)
// until it stops being leader (renounce: the object is dropped, with its
// uncommitted view — Kafka reverts to the last committed snapshot).
//
// Every decision is a write of metadata records to the quorum: the records
// are replayed into this controller's image at once (Kafka replays them on
// write), and the broker gets its answer only once they are committed (the
// quorum HW passed them; Kafka's deferred event queue / purgatory).
//
// Files:
//   quorum_controller.cc             writes, commits, the stale-broker timer
//   quorum_controller_brokers.cc     BrokerRegistration, BrokerHeartbeat, fencing
//   quorum_controller_partitions.cc  AlterPartition, topic creation, elections
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/broker/control_plane.h"
#include "core/controller/kraft/metadata_image.h"
#include "core/controller/kraft/partition_change_builder.h"
#include "core/env.h"
#include "core/protocol/kraft.h"
#include "core/raft/kafka_raft_client.h"

namespace kafkasim::controller::kraft {

struct ControllerSettings {
  int32_t broker_session_timeout_ms = 9000;  // broker.session.timeout.ms
  bool unclean_leader_election_enable = false;
  std::vector<TopicAssignment> topics;           // created once their brokers are unfenced
  bool eligible_leader_replicas_enable = false;  // eligible.leader.replicas.enable (KIP-966)
  int32_t min_insync_replicas = 1;               // the broker default; topics may override it
};

class QuorumController {
 public:
  QuorumController(Env& env, raft::KafkaRaftClient& raft, const MetadataImage& committed,
                   const ControllerSettings& settings);
  ~QuorumController();
  QuorumController(const QuorumController&) = delete;
  QuorumController& operator=(const QuorumController&) = delete;

  void HandleRegistration(NodeId from, const BrokerRegistrationRequest& req);
  void HandleHeartbeat(NodeId from, const BrokerHeartbeatRequest& req);
  void HandleAlterPartition(NodeId from, const AlterPartitionRequest& req);
  // The quorum HW is now `hw`: answer the requests whose records are committed.
  void OnCommitted(Offset hw);

  LeaderEpoch epoch() const { return epoch_; }
  const MetadataImage& image() const { return image_; }

 private:
  // quorum_controller.cc
  // Appends `records` (replayed into image_ at once); `on_commit` runs when
  // the last one is committed. False if the raft client refused (no longer leader).
  bool Write(const std::vector<MetadataRecord>& records, std::function<void()> on_commit);
  void ArmStaleBrokerTimer();
  void FenceStaleBrokers();
  void Note(const std::string& text);

  // quorum_controller_brokers.cc
  void FenceBroker(NodeId broker, const std::string& why);
  std::vector<MetadataRecord> UnfenceRecords(NodeId broker);

  // quorum_controller_partitions.cc
  // generateLeaderAndIsrUpdates: partitions touched by `broker` leaving
  // (fenced) or becoming acceptable (unfenced).
  // `unclean_shutdown` (ELR only): a broker registering a new incarnation
  // leaves every ISR and ELR it is in (handleBrokerUncleanShutdown).
  std::vector<MetadataRecord> LeaderAndIsrUpdates(NodeId removed, NodeId added, const std::string& why,
                                                  NodeId unclean_shutdown = kNoNode);
  // The builder's options for a partition of `topic`.
  PartitionChangeOptions ChangeOptions(const std::string& topic) const;
  std::vector<MetadataRecord> MaybeCreateTopics();
  bool UncleanAllowed(const std::string& topic) const;
  void AnswerAlterPartition(NodeId from, const AlterPartitionRequest& req, ErrorCode error);

  Env& env_;
  raft::KafkaRaftClient& raft_;
  ControllerSettings settings_;
  LeaderEpoch epoch_;
  MetadataImage image_;  // committed records + this controller's uncommitted writes
  // BrokerHeartbeatManager: when each registered broker was last heard from.
  std::map<NodeId, TimeNs> last_contact_;
  std::multimap<Offset, std::function<void()>> on_commit_;  // by the offset that must be committed
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
  TimerId stale_timer_ = 0;
  bool stale_timer_armed_ = false;
};

}  // namespace kafkasim::controller::kraft
