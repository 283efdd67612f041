// core/controller/kraft/controller_node.h — a dedicated KRaft controller
// (process.roles=controller): one voter of the metadata quorum
// (raft::KafkaRaftClient), its replay of the committed metadata log, and —
// while it is the quorum leader and has replayed everything committed — the
// active controller (QuorumController).
//
// Brokers' requests (BrokerRegistration, BrokerHeartbeat, AlterPartition) go
// to the active controller; any other controller answers NOT_CONTROLLER and
// names the quorum leader it knows. MetadataFetch (kafkasim's stand-in for a
// broker observing the quorum, see core/protocol/kraft.h) is served by any
// controller from its committed records; an empty one waits up to 500 ms
// for new records.
#pragma once

#include <map>
#include <memory>

#include "core/controller/kraft/metadata_image.h"
#include "core/controller/kraft/quorum_controller.h"
#include "core/env.h"
#include "core/raft/kafka_raft_client.h"

namespace kafkasim::controller::kraft {

class ControllerNode final : public Node {
 public:
  ControllerNode(Env& env, raft::QuorumConfig quorum, ControllerSettings settings);
  ~ControllerNode() override;

  void Start() override;
  void OnMessage(NodeId from, const Message& message) override;

  const raft::KafkaRaftClient& raft() const { return raft_; }
  // Replayed from the records below this voter's quorum HW.
  const MetadataImage& committed() const { return committed_; }
  // Null unless this node is the active controller.
  const QuorumController* active() const { return active_.get(); }

 private:
  // After anything that may have moved the HW or the role.
  void OnRaftChange();
  void ReplayCommitted();
  void MaybeClaimOrRenounce();
  void HandleMetadataFetch(NodeId from, const MetadataFetchRequest& req);
  MetadataFetchResponse BuildFetchResponse(Offset from) const;
  void AnswerParkedFetches(bool all);
  // NOT_CONTROLLER to a broker request this node cannot serve.
  void Redirect(NodeId from, const Message& message);

  Env& env_;
  raft::KafkaRaftClient raft_;
  ControllerSettings settings_;
  MetadataImage committed_;
  std::unique_ptr<QuorumController> active_;
  struct ParkedFetch {
    Offset fetch_offset{0};
    TimerId timer = 0;
  };
  std::map<NodeId, ParkedFetch> parked_;
  bool in_change_ = false;
};

}  // namespace kafkasim::controller::kraft
