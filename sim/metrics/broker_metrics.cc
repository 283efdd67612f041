// sim/metrics/broker_metrics.cc — the broker's and the controller's MBeans
// (Kafka 3.4: ReplicaManager, BrokerTopicStats' all-topics meters,
// KafkaController's gauges, ControllerStats).
#include <string>

#include "core/broker/broker.h"
#include "core/controller/kraft/controller_node.h"
#include "core/controller/zk_control_plane.h"
#include "sim/metrics/metrics_recorder.h"
#include "sim/simulation.h"

namespace kafkasim::sim {
namespace {

constexpr const char* kUnderReplicated = "kafka.server:type=ReplicaManager,name=UnderReplicatedPartitions";
constexpr const char* kUnderMinIsr = "kafka.server:type=ReplicaManager,name=UnderMinIsrPartitionCount";
constexpr const char* kIsrShrinks = "kafka.server:type=ReplicaManager,name=IsrShrinksPerSec";
constexpr const char* kIsrExpands = "kafka.server:type=ReplicaManager,name=IsrExpandsPerSec";
constexpr const char* kMessagesIn = "kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec";
constexpr const char* kBytesIn = "kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec";
constexpr const char* kFailedProduce = "kafka.server:type=BrokerTopicMetrics,name=FailedProduceRequestsPerSec";
constexpr const char* kActiveController = "kafka.controller:type=KafkaController,name=ActiveControllerCount";
constexpr const char* kOfflinePartitions = "kafka.controller:type=KafkaController,name=OfflinePartitionsCount";
constexpr const char* kLeaderElection = "kafka.controller:type=ControllerStats,name=LeaderElectionRateAndTimeMs";
constexpr const char* kUnclean = "kafka.controller:type=ControllerStats,name=UncleanLeaderElectionsPerSec";

// ReplicaManager's gauges over the partitions this broker leads:
// UnderReplicatedPartitions counts those whose ISR is smaller than the
// replica set (Partition.isUnderReplicated), UnderMinIsrPartitionCount those
// whose ISR is below min.insync.replicas (Partition.isUnderMinIsr).
struct LeaderCounts {
  int under_replicated = 0;
  int under_min_isr = 0;
};

LeaderCounts LeaderCountsOf(const broker::Broker& b) {
  LeaderCounts n;
  for (const auto& [tp, p] : b.replicas().partitions()) {
    if (!p->is_leader()) continue;
    if (p->isr().size() < p->replicas().size()) ++n.under_replicated;
    if (static_cast<int32_t>(p->isr().size()) < p->config().min_insync_replicas) ++n.under_min_isr;
  }
  return n;
}

// ControllerContext.offlinePartitionCount counts the partitions in
// OfflinePartition state: those whose leader is none or not a live broker
// (kafkasim reads it from the controller's cached states; Kafka keeps a
// counter the state machine updates — the same number between events).
int OfflinePartitionsOf(const controller::KafkaController& c) {
  int n = 0;
  for (const auto& [tp, st] : c.context().partition_states)
    if (st.leader == kNoNode || !c.context().IsLive(st.leader)) ++n;
  return n;
}

}  // namespace

void MetricsRecorder::SampleBroker(const Simulation& sim, NodeId id, std::vector<MetricSample>& out) {
  const broker::Broker* b = sim.broker(id);
  if (b == nullptr) return;
  const ObservedCounts observed = ObservedOf(sim, id);
  const LeaderCounts leaders = LeaderCountsOf(*b);
  out.push_back(Gauge(sim, id, kUnderReplicated, leaders.under_replicated));
  out.push_back(Gauge(sim, id, kUnderMinIsr, leaders.under_min_isr));
  out.push_back(Meter(sim, id, kIsrShrinks, observed.isr_shrinks));
  out.push_back(Meter(sim, id, kIsrExpands, observed.isr_expands));
  out.push_back(Meter(sim, id, kMessagesIn, b->replicas().messages_in()));
  out.push_back(Meter(sim, id, kBytesIn, b->replicas().bytes_in()));
  out.push_back(Meter(sim, id, kFailedProduce, b->replicas().failed_produce_requests()));
  // ZooKeeper mode: every broker runs a KafkaController (active or not) and
  // registers its gauges and ControllerStats. KRaft: the controllers do
  // (SampleController).
  const auto* zk = dynamic_cast<const controller::ZkControlPlane*>(&b->control_plane());
  if (zk == nullptr) return;
  const bool active = zk->is_controller();
  out.push_back(Gauge(sim, id, kActiveController, active ? 1 : 0));
  out.push_back(Gauge(sim, id, kOfflinePartitions, active ? OfflinePartitionsOf(*zk->controller()) : 0));
  const controller::EventTimer& t = zk->controller_stats().broker_change;
  MetricSample elections = Meter(sim, id, kLeaderElection, t.count);
  if (t.count > 0) elections.mean_ms = static_cast<double>(t.total_ns) / static_cast<double>(t.count) / kNsPerMs;
  out.push_back(std::move(elections));
  out.push_back(Meter(sim, id, kUnclean, observed.unclean_elections));
}

// KRaft: QuorumControllerMetrics registers ActiveControllerCount on every
// controller (1 on the active one). Its other gauges are not sampled yet.
void MetricsRecorder::SampleController(const Simulation& sim, NodeId id, std::vector<MetricSample>& out) {
  const NodeSlot* slot = sim.world().slot(id);
  const auto* c = dynamic_cast<const controller::kraft::ControllerNode*>(slot->node());
  if (c == nullptr) return;
  out.push_back(Gauge(sim, id, kActiveController, c->active() != nullptr ? 1 : 0));
}

}  // namespace kafkasim::sim
