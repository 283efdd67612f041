// sim/metrics/metrics_recorder.h — `kafkasim run --metrics`: samples of
// Kafka's broker, controller, producer and consumer metrics, under their
// real MBean and metric names, every `interval` of simulated time.
//
// Observation only: the recorder reads the simulation's state and counts
// observations; it never schedules an event, so a run with --metrics has the
// trace hash of a run without. Values come from the simulation itself:
// gauges from the brokers' and controllers' state at the sample time;
// meters from counters kept where the events happen (ReplicaManager's
// appends, the producer's Sender, the controller's event queue) or from the
// observation core emits at that moment (ISR changes, elections).
//
// Where the numbers differ from a JMX reading (README "Where it differs"):
// a meter's `value` is its rate over the last interval (Count delta /
// interval), not Yammer's exponentially weighted OneMinuteRate; `count` is
// the meter's Count (since that process started: a restart resets it, as a
// JVM restart does). Client rates likewise are interval rates, not Kafka's
// 2 × 30 s sampled windows.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/observe/observation.h"
#include "core/types.h"

namespace kafkasim::sim {

class Simulation;
class World;

struct MetricSample {
  TimeNs at = 0;
  std::string node;
  std::string mbean;              // broker / controller metric: the JMX MBean name
  std::string group;              // client metric: producer-metrics, consumer-fetch-manager-metrics
  std::string metric;             // client metric: record-send-rate, records-lag-max ...
  std::optional<double> value;    // none: Kafka's NaN (no value recorded yet)
  std::optional<int64_t> count;   // meters and timers: Count; client rates: the *-total
  std::optional<double> mean_ms;  // timers: mean event time

  // One JSON line: {"t_ms","node","mbean"|"metric"+"group","value"[,"count"][,"mean_ms"]}.
  std::string ToJson() const;
};

class MetricsRecorder {
 public:
  // REQUIRES (asserted): interval_ns > 0.
  explicit MetricsRecorder(TimeNs interval_ns);

  TimeNs interval_ns() const { return interval_ns_; }
  // Counts the events kafkasim reports as observations (set as the
  // Simulation's observation listener).
  void Observe(const World& world, const Observation& obs);
  // Every metric of every live node at sim.now(). REQUIRES (asserted): time
  // has moved on since the previous sample.
  std::vector<MetricSample> Sample(const Simulation& sim);

 private:
  // Meters counted from observations, per node process.
  struct ObservedCounts {
    uint64_t incarnation = 0;
    int64_t isr_shrinks = 0;
    int64_t isr_expands = 0;
    int64_t unclean_elections = 0;
  };
  struct PreviousCount {
    uint64_t incarnation = 0;
    int64_t count = 0;
  };
  ObservedCounts& CountsOf(const World& world, NodeId node);
  const ObservedCounts& ObservedOf(const Simulation& sim, NodeId node);
  // The rate of a counter over the time since the previous sample (a new
  // process starts from zero).
  double RateOf(const Simulation& sim, NodeId node, const std::string& name, int64_t count);
  MetricSample Gauge(const Simulation& sim, NodeId node, std::string mbean, double value) const;
  MetricSample Meter(const Simulation& sim, NodeId node, std::string mbean, int64_t count);
  MetricSample ClientRate(const Simulation& sim, NodeId node, std::string group, std::string metric, int64_t total);
  void SampleBroker(const Simulation& sim, NodeId id, std::vector<MetricSample>& out);
  void SampleController(const Simulation& sim, NodeId id, std::vector<MetricSample>& out);
  void SampleProducer(const Simulation& sim, NodeId id, std::vector<MetricSample>& out);
  void SampleConsumer(const Simulation& sim, NodeId id, std::vector<MetricSample>& out);

  TimeNs interval_ns_;
  TimeNs last_sample_ = 0;
  std::map<NodeId, ObservedCounts> observed_;
  std::map<std::pair<NodeId, std::string>, PreviousCount> previous_;
};

}  // namespace kafkasim::sim
