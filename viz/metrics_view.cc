// viz/metrics_view.cc — BuildMetricsView (see the header for definitions).
#include "viz/metrics_view.h"

#include <algorithm>
#include <map>

#include "core/broker/broker.h"
#include "core/controller/kafka_controller.h"
#include "core/controller/zk_control_plane.h"
#include "sim/simulation.h"
#include "viz/group_view.h"

namespace kafkasim::viz {

namespace {

// The broker's own leader partitions (ReplicaManager.leaderPartitionsIterator).
void AddReplicaManagerGauges(const broker::Broker& b, const std::string& name, MetricsView& out) {
  int64_t urp = 0, under_min = 0;
  for (const auto& [tp, p] : b.replicas().partitions()) {
    if (!p->is_leader()) continue;
    const int64_t isr = static_cast<int64_t>(p->isr().size());
    if (static_cast<int64_t>(p->replicas().size()) - isr > 0) ++urp;  // Partition.isUnderReplicated
    if (isr < p->config().min_insync_replicas) ++under_min;           // Partition.isUnderMinIsr
  }
  out.values.push_back({"UnderReplicatedPartitions", name, urp});
  out.values.push_back({"UnderMinIsrPartitionCount", name, under_min});
  // kafka.server:type=BrokerTopicStats,name=FailedProduceRequestsPerSec (its count since the process started)
  out.values.push_back({"FailedProduceRequestsPerSec", name, b.replicas().failed_produce_requests()});
}

// KafkaController's gauges: only the active controller reports them non-zero.
void AddControllerGauges(const broker::Broker& b, const std::string& name, MetricsView& out) {
  const auto* zk = dynamic_cast<const controller::ZkControlPlane*>(&b.control_plane());
  const bool active = b.control_plane().is_controller();
  int64_t offline = 0;
  if (active && zk != nullptr && zk->controller() != nullptr) {
    const controller::ControllerContext& ctx = zk->controller()->context();
    for (const auto& [tp, st] : ctx.partition_states)
      offline += st.leader == kNoNode || !ctx.IsLive(st.leader);  // ControllerContext.offlinePartitionCount
  }
  out.values.push_back({"ActiveControllerCount", name, active ? 1 : 0});
  out.values.push_back({"OfflinePartitionsCount", name, offline});
}

}  // namespace

const std::vector<std::string>& MetricNames() {
  static const std::vector<std::string> names = {"UnderReplicatedPartitions",
                                                 "UnderMinIsrPartitionCount",
                                                 "ActiveControllerCount",
                                                 "OfflinePartitionsCount",
                                                 "IsrShrinksPerSec",
                                                 "IsrExpandsPerSec",
                                                 "LeaderElectionRateAndTimeMs",
                                                 "UncleanLeaderElectionsPerSec",
                                                 "FailedProduceRequestsPerSec",
                                                 "records-lag-max"};
  return names;
}

MetricsView BuildMetricsView(const sim::Simulation& sim, const std::vector<GroupView>& groups) {
  MetricsView out;
  const auto& meters = sim.history().meters();
  for (NodeId id : sim.broker_ids()) {
    const std::string name = sim.world().NameOf(id);
    const broker::Broker* b = sim.broker(id);
    if (b != nullptr) {  // a crashed broker reports nothing (its JMX is gone)
      AddReplicaManagerGauges(*b, name, out);
      AddControllerGauges(*b, name, out);
    }
    auto m = meters.find(id);
    const sim::NodeMeters counts = m == meters.end() ? sim::NodeMeters{} : m->second;
    out.values.push_back({"IsrShrinksPerSec", name, counts.isr_shrinks});
    out.values.push_back({"IsrExpandsPerSec", name, counts.isr_expands});
    out.values.push_back({"LeaderElectionRateAndTimeMs", name, counts.leader_elections});
    out.values.push_back({"UncleanLeaderElectionsPerSec", name, counts.unclean_elections});
  }
  std::map<std::string, int64_t> lag_max;  // consumer -> records-lag-max
  for (const GroupView& g : groups) {
    for (const ConsumerView& c : g.consumers) lag_max.emplace(c.client, 0);
    for (const GroupPartitionView& p : g.partitions) {
      if (p.position_client.empty() || !p.position || !p.high_watermark) continue;
      int64_t& v = lag_max[p.position_client];
      v = std::max(v, p.high_watermark->value() - p.position->value());
    }
  }
  for (const auto& [client, v] : lag_max) out.values.push_back({"records-lag-max", client, v});
  return out;
}

MetricsView BuildMetricsView(const sim::Simulation& sim) { return BuildMetricsView(sim, BuildGroupViews(sim)); }

void DescribeMetrics(const MetricsView& m, std::string& out) {
  for (const MetricValue& v : m.values)
    out += "metric " + v.name + " " + v.source + " " + std::to_string(v.value) + "\n";
}

}  // namespace kafkasim::viz
