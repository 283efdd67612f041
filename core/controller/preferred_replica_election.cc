// core/controller/preferred_replica_election.cc — the
// AutoPreferredReplicaLeaderElection event (Kafka's
// checkAndTriggerAutoLeaderRebalance), on a timer while
// auto.leader.rebalance.enable: first kFirstLeaderImbalanceCheckMs after
// failover, then every leader.imbalance.check.interval.seconds.
#include <utility>

#include "core/controller/kafka_controller.h"

namespace kafkasim::controller {

// For each preferred broker, the share of its preferred partitions led by
// someone else; above leader.imbalance.per.broker.percentage, elect it back
// where it is alive and in the ISR.
void KafkaController::ProcessAutoPreferredReplicaLeaderElection(Done done) {
  std::map<BrokerId, std::pair<int, std::vector<TopicPartition>>> by_preferred;  // total, not led by it
  for (const auto& [tp, replicas] : ctx_.assignments) {
    auto st = ctx_.partition_states.find(tp);
    if (replicas.empty() || st == ctx_.partition_states.end()) continue;
    auto& entry = by_preferred[replicas.front()];
    entry.first++;
    if (st->second.leader != replicas.front()) entry.second.push_back(tp);
  }
  std::vector<TopicPartition> elect;
  for (const auto& [broker, entry] : by_preferred) {
    const auto& [total, not_led] = entry;
    bool imbalanced = static_cast<int64_t>(not_led.size()) * 100 >
                      static_cast<int64_t>(config_.leader_imbalance_per_broker_percentage) * total;
    if (imbalanced && ctx_.IsLive(broker)) elect.insert(elect.end(), not_led.begin(), not_led.end());
  }
  auto decide = [this](const TopicPartition& tp, const LeaderIsrAndControllerEpoch& cur) {
    return DecidePreferred(tp, cur);
  };
  UpdateLeaderAndIsr(elect, decide, 0, [this, done](PartitionSet changed) {
    if (!changed.empty()) {
      SendLeaderAndIsr(changed, {});
      SendUpdateMetadata(changed);
    }
    ScheduleAutoLeaderRebalance(Ms(int64_t{config_.leader_imbalance_check_interval_seconds} * 1000));
    done();
  });
}

void KafkaController::ScheduleAutoLeaderRebalance(TimeNs delay) {
  if (!config_.auto_leader_rebalance_enable || !*alive_) return;
  if (rebalance_armed_) env_.timers.Cancel(rebalance_timer_);
  rebalance_armed_ = true;
  rebalance_timer_ = env_.timers.Schedule(delay, [this, alive = alive_] {
    if (!*alive) return;
    rebalance_armed_ = false;
    Enqueue("AutoPreferredReplicaLeaderElection", [this](Done d) { ProcessAutoPreferredReplicaLeaderElection(d); });
  });
}

}  // namespace kafkasim::controller
