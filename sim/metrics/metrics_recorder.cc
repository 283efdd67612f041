// sim/metrics/metrics_recorder.cc — counting observations, rates over the
// interval, and the JSON line. The metrics themselves: broker_metrics.cc
// (brokers and controllers), client_metrics.cc (producers and consumers).
#include "sim/metrics/metrics_recorder.h"

#include <cstdio>
#include <variant>

#include "core/util/assert.h"
#include "core/util/json_writer.h"
#include "sim/simulation.h"
#include "sim/world.h"

namespace kafkasim::sim {
namespace {

// Fixed precision: the same run prints the same bytes on every machine.
std::string MetricNumber(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

}  // namespace

std::string MetricSample::ToJson() const {
  JsonWriter w;
  w.BeginObject().Field("t_ms", at / kNsPerMs).Field("node", node);
  if (!mbean.empty()) {
    w.Field("mbean", mbean);
  } else {
    w.Field("group", group).Field("metric", metric);
  }
  w.Key("value");
  if (value) {
    w.Raw(MetricNumber(*value));
  } else {
    w.Null();
  }
  if (count) w.Field("count", *count);
  if (mean_ms) w.Key("mean_ms").Raw(MetricNumber(*mean_ms));
  w.EndObject();
  return w.Take();
}

MetricsRecorder::MetricsRecorder(TimeNs interval_ns) : interval_ns_(interval_ns) {
  KSIM_ASSERT(interval_ns_ > 0, "a metrics interval must be positive");
}

MetricsRecorder::ObservedCounts& MetricsRecorder::CountsOf(const World& world, NodeId node) {
  ObservedCounts& c = observed_[node];
  const NodeSlot* slot = world.slot(node);
  uint64_t incarnation = slot ? slot->incarnation() : 0;
  if (c.incarnation != incarnation) c = ObservedCounts{incarnation};  // a new process counts from zero
  return c;
}

const MetricsRecorder::ObservedCounts& MetricsRecorder::ObservedOf(const Simulation& sim, NodeId node) {
  return CountsOf(sim.world(), node);
}

void MetricsRecorder::Observe(const World& world, const Observation& obs) {
  if (const auto* isr = std::get_if<ObsIsrChange>(&obs)) {
    // Partition.handleAlterPartitionUpdate marks the leader's
    // IsrShrinksPerSec / IsrExpandsPerSec once the controller accepted its
    // own AlterPartition; a controller-side change marks no broker's meter.
    if (!isr->by_leader) return;
    ObservedCounts& c = CountsOf(world, isr->node);
    if (isr->new_isr.size() < isr->old_isr.size()) ++c.isr_shrinks;
    if (isr->new_isr.size() > isr->old_isr.size()) ++c.isr_expands;
  } else if (const auto* e = std::get_if<ObsElection>(&obs)) {
    // PartitionLeaderElectionAlgorithms.offlinePartitionLeaderElection marks
    // UncleanLeaderElectionsPerSec for each leader chosen outside the ISR.
    if (e->unclean && e->leader != kNoNode) ++CountsOf(world, e->controller).unclean_elections;
  }
}

double MetricsRecorder::RateOf(const Simulation& sim, NodeId node, const std::string& name, int64_t count) {
  const NodeSlot* slot = sim.world().slot(node);
  const uint64_t incarnation = slot ? slot->incarnation() : 0;
  PreviousCount& prev = previous_[{node, name}];
  const int64_t before = prev.incarnation == incarnation ? prev.count : 0;
  prev = PreviousCount{incarnation, count};
  const TimeNs elapsed = sim.now() - last_sample_;
  return static_cast<double>(count - before) * static_cast<double>(kNsPerSec) / static_cast<double>(elapsed);
}

MetricSample MetricsRecorder::Gauge(const Simulation& sim, NodeId node, std::string mbean, double value) const {
  MetricSample s;
  s.at = sim.now();
  s.node = sim.world().NameOf(node);
  s.mbean = std::move(mbean);
  s.value = value;
  return s;
}

MetricSample MetricsRecorder::Meter(const Simulation& sim, NodeId node, std::string mbean, int64_t count) {
  MetricSample s = Gauge(sim, node, mbean, 0);
  s.value = RateOf(sim, node, mbean, count);
  s.count = count;
  return s;
}

MetricSample MetricsRecorder::ClientRate(const Simulation& sim, NodeId node, std::string group, std::string metric,
                                         int64_t total) {
  MetricSample s;
  s.at = sim.now();
  s.node = sim.world().NameOf(node);
  s.group = std::move(group);
  s.value = RateOf(sim, node, metric, total);
  s.metric = std::move(metric);
  s.count = total;
  return s;
}

std::vector<MetricSample> MetricsRecorder::Sample(const Simulation& sim) {
  KSIM_ASSERT(sim.now() > last_sample_, "metrics sampled twice at one time");
  std::vector<MetricSample> out;
  for (const auto& [id, slot] : sim.world().slots()) {
    // A dead process has no JMX to read, and a paused one cannot answer.
    if (!slot->alive() || slot->paused()) continue;
    switch (slot->kind()) {
      case NodeKind::kBroker:
        SampleBroker(sim, id, out);
        break;
      case NodeKind::kController:
        SampleController(sim, id, out);
        break;
      case NodeKind::kProducer:
        SampleProducer(sim, id, out);
        break;
      case NodeKind::kConsumer:
        SampleConsumer(sim, id, out);
        break;
      case NodeKind::kZooKeeper:
        break;
    }
  }
  last_sample_ = sim.now();
  return out;
}

}  // namespace kafkasim::sim
