// core/controller/partition_state_machine.cc — the controller's partition
// state machine (Kafka's ZkPartitionStateMachine): initialising new
// partitions, electing leaders (offline and preferred) and writing the state
// znodes conditionally. Telling brokers is in controller_requests.cc;
// replicas going offline in replica_state_machine.cc.
#include <memory>
#include <utility>

#include "core/controller/kafka_controller.h"
#include "core/controller/names.h"
#include "core/controller/partition_leader_election.h"
#include "core/controller/zk_fan_out.h"
#include "core/observe/observation.h"
#include "core/protocol/message.h"
#include "core/util/strings.h"

namespace kafkasim::controller {
namespace {}  // namespace

void KafkaController::InitializeNewPartitions(std::function<void(PartitionSet)> then) {
  std::vector<std::pair<TopicPartition, LeaderElectionResult>> todo;
  for (const auto& [tp, replicas] : ctx_.assignments) {
    if (ctx_.partition_states.count(tp)) continue;
    auto r = InitialPartitionLeaderElection(replicas, ctx_.live_brokers);
    if (r) {
      todo.emplace_back(tp, *r);
    } else if (reported_unplaceable_.insert(tp).second) {
      env_.observer.Observe(ObsElection{id_,
                                        tp,
                                        kNoNode,
                                        LeaderEpoch{0},
                                        {},
                                        false,
                                        "new partition: none of its replicas " + IdList(replicas) +
                                            " is alive (live brokers " + IdList(ctx_.LiveBrokerList()) + ")"});
    }
  }
  auto created = std::make_shared<PartitionSet>();
  if (todo.empty()) {
    then(*created);
    return;
  }
  auto issue = [this, &todo](size_t i, ZkClient::ResponseCallback cb) {
    const auto& [tp, r] = todo[i];
    LeaderIsrAndControllerEpoch s{r.leader, LeaderEpoch{0}, r.isr, ctx_.epoch, 0};
    zk_.Create(TopicPartitionsPath(tp.topic), "", false, nullptr);  // parents; ZNODEEXISTS is fine
    zk_.Create(TopicPartitionPath(tp), "", false, nullptr);
    zk_.Create(TopicPartitionStatePath(tp), EncodePartitionState(s), false, Guard(std::move(cb)));
  };
  auto each = [this, todo, created](size_t i, const ZkResponse& resp) {
    if (resp.code != ZkCode::ZOK) return;
    const auto& [tp, r] = todo[i];
    LeaderIsrAndControllerEpoch s{r.leader, LeaderEpoch{0}, r.isr, ctx_.epoch, 0};
    ctx_.partition_states[tp] = s;
    created->insert(tp);
    std::string reason =
        "new partition: " + BrokerName(r.leader) + " is the first live replica of " + IdList(ctx_.assignments.at(tp));
    env_.observer.Observe(ObsElection{id_, tp, s.leader, s.leader_epoch, s.isr, false, reason});
  };
  auto after = [this, created, then] {
    // Lost races (ZNODEEXISTS): read what the other writer left.
    PartitionSet racing;
    for (const auto& [p, replicas] : ctx_.assignments)
      if (!ctx_.partition_states.count(p)) racing.insert(p);
    RereadPartitionStates(racing, [created, then] { then(*created); });
  };
  FanOut(todo.size(), issue, each, after);
}

// Writes each decided change with expected_version = the cached version.
// ZBADVERSION => re-read and decide again, up to kMaxStateUpdateAttempts.
void KafkaController::UpdateLeaderAndIsr(std::vector<TopicPartition> tps, Decide decide, int attempt,
                                         std::function<void(PartitionSet)> then) {
  std::vector<std::pair<TopicPartition, Decision>> writes;
  for (const TopicPartition& tp : tps) {
    auto it = ctx_.partition_states.find(tp);
    if (it == ctx_.partition_states.end()) continue;
    if (auto d = decide(tp, it->second)) writes.emplace_back(tp, std::move(*d));
  }
  if (writes.empty()) {
    then({});
    return;
  }
  struct Batch {
    PartitionSet changed, retry;
  };
  auto batch = std::make_shared<Batch>();
  auto issue = [this, &writes](size_t i, ZkClient::ResponseCallback cb) {
    const auto& [tp, d] = writes[i];
    const int32_t expected = ctx_.partition_states.at(tp).zk_version;
    zk_.SetData(TopicPartitionStatePath(tp), EncodePartitionState(d.state), expected, Guard(std::move(cb)));
  };
  auto each = [this, writes, batch](size_t i, const ZkResponse& r) {
    const auto& [tp, d] = writes[i];
    if (r.code == ZkCode::ZOK) {
      Decision done = d;
      done.state.zk_version = r.version;
      ctx_.partition_states[tp] = done.state;
      batch->changed.insert(tp);
      EmitDecision(tp, done);
    } else if (r.code == ZkCode::ZBADVERSION) {
      batch->retry.insert(tp);
    }
  };
  auto finish = [this, batch, decide, attempt, then] {
    if (batch->retry.empty() || attempt + 1 >= kMaxStateUpdateAttempts) {
      then(batch->changed);
      return;
    }
    RereadPartitionStates(batch->retry, [this, batch, decide, attempt, then] {
      std::vector<TopicPartition> again(batch->retry.begin(), batch->retry.end());
      UpdateLeaderAndIsr(again, decide, attempt + 1, [batch, then](PartitionSet more) {
        batch->changed.insert(more.begin(), more.end());
        then(batch->changed);
      });
    });
  };
  FanOut(writes.size(), issue, each, finish);
}

// Kafka's triggerOnlinePartitionStateChange: NewPartition -> OnlinePartition
// (first live replica), then OfflinePartition -> OnlinePartition for every
// partition whose leader is not alive (OfflinePartitionLeaderElectionStrategy).
// A partition no replica can lead stays as it is: no write.
void KafkaController::ElectOfflinePartitions(std::function<void(PartitionSet)> then) {
  InitializeNewPartitions([this, then](PartitionSet created) {
    std::vector<TopicPartition> all;
    for (const auto& [tp, s] : ctx_.partition_states) all.push_back(tp);
    auto decide = [this](const TopicPartition& tp, const LeaderIsrAndControllerEpoch& cur) {
      return DecideOfflineElection(tp, cur);
    };
    UpdateLeaderAndIsr(all, decide, 0, [created, then](PartitionSet elected) {
      elected.insert(created.begin(), created.end());
      then(std::move(elected));
    });
  });
}

// Elections, then LeaderAndIsr to the replicas of every changed partition
// (and, with everything they host, to `full_leader_and_isr_to`) and
// UpdateMetadata to every live broker (all partitions if `full_metadata`).
void KafkaController::ElectAndPropagate(std::set<BrokerId> full_leader_and_isr_to, bool full_metadata, Done done) {
  ElectOfflinePartitions([this, full_leader_and_isr_to, full_metadata, done](PartitionSet elected) {
    SendLeaderAndIsr(elected, full_leader_and_isr_to);
    PartitionSet metadata = elected;
    if (full_metadata)
      for (const auto& [tp, s] : ctx_.partition_states) metadata.insert(tp);
    SendUpdateMetadata(metadata);
    done();
  });
}

// Why no replica can lead `tp` with this ISR, or "" when one can.
std::string KafkaController::WhyNoLeader(const TopicPartition& tp, const std::vector<NodeId>& isr) const {
  const std::vector<NodeId>& replicas = ctx_.assignments.at(tp);
  const bool unclean = ctx_.Unclean(tp.topic);
  if (OfflinePartitionLeaderElection(replicas, isr, ctx_.live_brokers, unclean)) return "";
  const std::string live = IdList(ctx_.LiveBrokerList());
  return unclean ? "no replica of " + IdList(replicas) + " is alive (live brokers " + live + ")"
                 : "no live replica in ISR " + IdList(isr) + " (live brokers " + live +
                       ") and unclean.leader.election.enable=false";
}

KafkaController::Decision KafkaController::NewLeaderDecision(const LeaderIsrAndControllerEpoch& cur, NodeId leader,
                                                             std::vector<NodeId> isr) const {
  Decision d;
  d.state = cur;
  d.state.controller_epoch = ctx_.epoch;
  d.state.leader_epoch = LeaderEpoch{cur.leader_epoch.value() + 1};
  d.state.leader = leader;
  d.state.isr = std::move(isr);
  d.old_isr = cur.isr;
  return d;
}

// OfflinePartition -> OnlinePartition (Kafka's leaderForOffline): the first
// live ISR member in assignment order, else (unclean) the first live replica.
std::optional<KafkaController::Decision> KafkaController::DecideOfflineElection(
    const TopicPartition& tp, const LeaderIsrAndControllerEpoch& cur) const {
  if (cur.leader != kNoNode && ctx_.IsLive(cur.leader)) return std::nullopt;  // OnlinePartition
  const std::vector<NodeId>& replicas = ctx_.assignments.at(tp);
  auto r = OfflinePartitionLeaderElection(replicas, cur.isr, ctx_.live_brokers, ctx_.Unclean(tp.topic));
  if (!r) return std::nullopt;
  Decision d = NewLeaderDecision(cur, r->leader, r->isr);
  d.unclean = r->unclean;
  const std::string why =
      cur.leader == kNoNode ? "partition was offline; " : "leader " + BrokerName(cur.leader) + " is not alive; ";
  d.reason = why + (r->unclean ? "no replica in ISR " + IdList(cur.isr) +
                                     " is alive and unclean.leader.election.enable=true, so out-of-sync " +
                                     BrokerName(r->leader) + " leads (records it lacks are lost)"
                               : BrokerName(r->leader) + " is the first replica of " + IdList(replicas) +
                                     " that is alive and in ISR " + IdList(cur.isr));
  return d;
}

std::optional<KafkaController::Decision> KafkaController::DecidePreferred(
    const TopicPartition& tp, const LeaderIsrAndControllerEpoch& cur) const {
  const std::vector<NodeId>& replicas = ctx_.assignments.at(tp);
  auto r = PreferredReplicaPartitionLeaderElection(replicas, cur.isr, ctx_.live_brokers);
  if (!r || r->leader == cur.leader) return std::nullopt;
  Decision d = NewLeaderDecision(cur, r->leader, r->isr);
  d.reason = "preferred replica leader election (auto.leader.rebalance.enable): " + BrokerName(r->leader) +
             " is alive and in ISR " + IdList(cur.isr) + ", so leadership moves back from " +
             (cur.leader == kNoNode ? std::string("none") : BrokerName(cur.leader));
  return d;
}

void KafkaController::EmitDecision(const TopicPartition& tp, const Decision& d) {
  if (!d.election) {
    env_.observer.Observe(ObsIsrChange{id_, tp, d.old_isr, d.state.isr, d.state.zk_version, d.reason});
    return;
  }
  env_.observer.Observe(ObsElection{id_, tp, d.state.leader, d.state.leader_epoch, d.state.isr, d.unclean, d.reason});
}

}  // namespace kafkasim::controller
