// core/controller/replica_state_machine.cc — the controller's replica state
// machine (Kafka's ZkReplicaStateMachine), the part that writes: a replica
// moving to OfflineReplica leaves the ISR of every partition it is in
// (removeReplicasFromIsr), and where it led, the partition loses its leader.
//
// Kafka runs it in two places, in two orders:
// - a live controller's onBrokerFailure elects first (PartitionStateMachine),
//   then takes the dead replicas offline: only partitions nobody could lead
//   lose their leader here, so a dead leader costs one leader-epoch bump;
// - onControllerFailover runs ReplicaStateMachine.startup before
//   PartitionStateMachine.startup: a partition the dead broker led goes to
//   leader -1 (epoch +1, LeaderAndIsr sent) and is elected afterwards (epoch +1
//   again). That is what happens when the controller itself dies.
#include <algorithm>
#include <memory>
#include <utility>

#include "core/controller/kafka_controller.h"
#include "core/controller/names.h"

namespace kafkasim::controller {
namespace {}  // namespace

// Kafka's doRemoveReplicasFromIsr for one replica of one partition: nothing
// if it is not in the ISR; else the leader becomes -1 if it was the replica,
// the replica leaves the ISR unless it is the last member, and the leader
// epoch goes up by one (LeaderAndIsr.newLeaderAndIsr).
std::optional<KafkaController::Decision> KafkaController::DecideReplicaOffline(
    BrokerId replica, OfflineCause cause, const TopicPartition& tp, const LeaderIsrAndControllerEpoch& cur) const {
  if (std::find(cur.isr.begin(), cur.isr.end(), replica) == cur.isr.end()) return std::nullopt;
  std::vector<NodeId> isr = cur.isr;
  if (isr.size() > 1) isr.erase(std::find(isr.begin(), isr.end(), replica));
  Decision d = NewLeaderDecision(cur, cur.leader == replica ? kNoNode : cur.leader, std::move(isr));
  d.election = d.state.leader == kNoNode;  // told as "offline", else as an ISR change
  const std::string phase = cause == OfflineCause::kControllerFailover
                                ? "controller failover: " + BrokerName(replica) +
                                      " is not alive, so its replica goes offline before any election "
                                      "(ReplicaStateMachine.startup runs before PartitionStateMachine.startup)"
                                : BrokerName(replica) + " is not alive (its ZooKeeper session ended)";
  if (!d.election) {
    d.reason = phase + "; the controller removed it from the ISR";
    return d;
  }
  const std::string why_none = WhyNoLeader(tp, d.state.isr);
  d.reason = phase + (cur.leader == replica ? "; the partition has no leader" : "; the partition still has no leader") +
             (why_none.empty() ? std::string(" until the partition state machine elects one")
                               : ": " + why_none + "; the partition is offline");
  return d;
}

// Kafka's handleStateChanges(replicas, OfflineReplica): one dead broker after
// the other (ascending ids), each a round of conditional writes on the
// partitions whose ISR holds it. `then` receives every partition changed.
void KafkaController::TakeReplicasOffline(std::vector<BrokerId> brokers, OfflineCause cause, PartitionSet changed,
                                          std::function<void(PartitionSet)> then) {
  if (brokers.empty()) {
    then(std::move(changed));
    return;
  }
  BrokerId replica = brokers.front();
  brokers.erase(brokers.begin());
  auto decide = [this, replica, cause](const TopicPartition& tp, const LeaderIsrAndControllerEpoch& cur) {
    return DecideReplicaOffline(replica, cause, tp, cur);
  };
  UpdateLeaderAndIsr(ctx_.PartitionsOn(replica), decide, 0,
                     [this, brokers, cause, changed, then](PartitionSet more) mutable {
                       changed.insert(more.begin(), more.end());
                       TakeReplicasOffline(std::move(brokers), cause, std::move(changed), then);
                     });
}

}  // namespace kafkasim::controller
