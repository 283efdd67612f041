// viz/view_model.h — everything the partition and group windows draw, built
// once per simulated moment from the simulation's objects (read only), and
// the same facts as text lines for tests and `kafkasim-viz --state-out`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/types.h"
#include "viz/group_view.h"
#include "viz/metrics_view.h"
#include "viz/record_view.h"
#include "viz/replica_view.h"

namespace kafkasim::viz {

// The narration step on the banner (a step with `after:` shows at its event).
struct NarrationView {
  bool shown = false;
  TimeNs at = 0;      // when it was shown
  std::string after;  // its anchor ("leader_election"), "" for a plain step
  std::string text;
};

struct ViewModel {
  // The moment it was built for: (controller generation, events run).
  uint64_t generation = UINT64_MAX;
  uint64_t events_run = 0;
  TimeNs at = -1;
  std::vector<PartitionView> partitions;  // the scenario's topics, in order
  std::vector<GroupView> groups;
  std::vector<PartitionRecords> records;             // per partition, as `partitions` (record_view.h)
  std::vector<std::vector<int64_t>> partition_keys;  // PartitionViewKey of each, when built
  MetricsView metrics;                               // Kafka's broker metrics (metrics_view.h)
  NarrationView narration;
};

// `previous`: the view model of an earlier moment of the same Simulation;
// its partitions whose PartitionViewKey has not changed are moved out of it
// into the new one (so `previous` is left partly moved-from: replace it).
ViewModel BuildViewModel(const sim::Simulation& sim, ViewModel* previous = nullptr);

// One fact a line, stable words for grep:
//   narration at=5.599 s after=leader_election text=ZooKeeper expires ...
//   zk orders-0 leader=broker-2 epoch=1 isr=[2,3] controller=broker-2
//   replica orders-0 broker-1 live belief="leads, epoch 0" isr=[1,2,3] hw=150 leo=300 zk_isr=no
//   note orders-0 broker-1 still believes it leads, epoch 0; the controller says broker-2, epoch 1
//   group billing coordinator=broker-2 state=Stable generation=1 protocol=range
//   member billing c1 leader=yes assignment=[orders-0,orders-1]
//   consumer billing c1 alive=yes generation=1 stable=yes
//   offsets billing orders-0 owner=c1 committed=100 position=120 hw=130 lag=30
std::string DescribeViewModel(const ViewModel& m);

}  // namespace kafkasim::viz
