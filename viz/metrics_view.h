// viz/metrics_view.h — Kafka's broker metrics under their JMX names, each
// computed from the state of the node that reports it, as Kafka's own
// gauges and meters are (Kafka 3.4):
//
//   kafka.server:type=ReplicaManager (per broker, ReplicaManager.scala)
//     UnderReplicatedPartitions   partitions it leads whose ISR is smaller than
//                                 the replica set (Partition.isUnderReplicated)
//     UnderMinIsrPartitionCount   partitions it leads with ISR < min.insync.replicas
//     IsrShrinksPerSec / IsrExpandsPerSec   the meters' counts: ISR changes it
//                                 made as leader (Partition's AlterPartition
//                                 listener marks them); the controller removing
//                                 a dead broker from an ISR marks none
//   kafka.controller:type=KafkaController (per broker, KafkaController.scala)
//     ActiveControllerCount       1 on the active controller, 0 elsewhere
//     OfflinePartitionsCount      the active controller's count of partitions
//                                 without a live leader in its context; 0 elsewhere
//   kafka.controller:type=ControllerStats (the controller)
//     LeaderElectionRateAndTimeMs the count of leader elections the
//                                 controller made (Kafka times BrokerChange
//                                 events under this name; kafkasim counts the
//                                 elections themselves)
//     UncleanLeaderElectionsPerSec the count of unclean ones
//   kafka.server:type=BrokerTopicStats (per broker, ReplicaManager.appendToLocalLog)
//     FailedProduceRequestsPerSec partition appends refused with an error other
//                                 than the known ones Kafka leaves out (not leader,
//                                 unknown partition, too large, corrupt, storage):
//                                 NOT_ENOUGH_REPLICAS, sequence and epoch errors
//   consumer-fetch-manager-metrics (per consumer)
//     records-lag-max             the largest lag (HW - position) over the
//                                 partitions it is assigned
// Meters are shown as their cumulative counts (JMX "Count").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/types.h"

namespace kafkasim::sim {
class Simulation;
}

namespace kafkasim::viz {

struct GroupView;

struct MetricValue {
  std::string name;    // "UnderReplicatedPartitions"
  std::string source;  // "broker-1", "c1"
  int64_t value = 0;
};

struct MetricsView {
  std::vector<MetricValue> values;  // by source, then in the order above
};

MetricsView BuildMetricsView(const sim::Simulation& sim, const std::vector<GroupView>& groups);
// The same, with the group views built here.
MetricsView BuildMetricsView(const sim::Simulation& sim);

// "metric UnderReplicatedPartitions broker-1 1" lines.
void DescribeMetrics(const MetricsView& m, std::string& out);

// The metric names in display order.
const std::vector<std::string>& MetricNames();

}  // namespace kafkasim::viz
