// sim/metrics/client_metrics.cc — the producer's and the consumer's metrics
// (Kafka 3.4: Sender.SenderMetrics in group producer-metrics;
// FetchManagerMetrics in group consumer-fetch-manager-metrics).
#include <algorithm>
#include <string>

#include "core/broker/partition.h"
#include "sim/apps/consumer_app.h"
#include "sim/apps/processor_app.h"
#include "sim/apps/producer_app.h"
#include "sim/metrics/metrics_recorder.h"
#include "sim/simulation.h"

namespace kafkasim::sim {
namespace {

constexpr const char* kProducerGroup = "producer-metrics";
constexpr const char* kConsumerGroup = "consumer-fetch-manager-metrics";

const client::KafkaConsumer* ConsumerOf(const Node* node) {
  if (const auto* c = dynamic_cast<const ConsumerApp*>(node)) return c->consumer();
  if (const auto* p = dynamic_cast<const ProcessorApp*>(node)) return p->consumer();
  return nullptr;
}

// records-lag-max: Kafka records, for each partition a fetch returns,
// SubscriptionState.partitionLag (the fetched high watermark − the position)
// and reports the max over its window. kafkasim reads the same difference
// at the sample time, against the leader's current high watermark; none
// (Kafka's NaN) while no assigned partition has a position and a leader.
std::optional<double> LagMax(const Simulation& sim, const client::KafkaConsumer& c) {
  std::optional<double> max;
  for (const auto& [tp, position] : c.positions()) {
    const broker::Partition* leader = sim.Replica(sim.LeaderOf(tp), tp);
    if (leader == nullptr) continue;
    const double lag = static_cast<double>(leader->high_watermark().value() - position.value());
    max = std::max(max.value_or(lag), lag);
  }
  return max;
}

}  // namespace

void MetricsRecorder::SampleProducer(const Simulation& sim, NodeId id, std::vector<MetricSample>& out) {
  const auto* app = dynamic_cast<const ProducerApp*>(sim.world().slot(id)->node());
  if (app == nullptr) return;
  const client::Sender::RecordCounts& n = app->producer().record_counts();
  out.push_back(ClientRate(sim, id, kProducerGroup, "record-send-rate", n.sent));
  out.push_back(ClientRate(sim, id, kProducerGroup, "record-retry-rate", n.retried));
  out.push_back(ClientRate(sim, id, kProducerGroup, "record-error-rate", n.errored));
}

void MetricsRecorder::SampleConsumer(const Simulation& sim, NodeId id, std::vector<MetricSample>& out) {
  const client::KafkaConsumer* c = ConsumerOf(sim.world().slot(id)->node());
  if (c == nullptr) return;
  MetricSample lag;
  lag.at = sim.now();
  lag.node = sim.world().NameOf(id);
  lag.group = kConsumerGroup;
  lag.metric = "records-lag-max";
  lag.value = LagMax(sim, *c);
  out.push_back(std::move(lag));
  // records-consumed-rate: the records poll handed over (FetchManagerMetrics.recordsFetched).
  out.push_back(ClientRate(sim, id, kConsumerGroup, "records-consumed-rate", c->records_consumed()));
}

}  // namespace kafkasim::sim
