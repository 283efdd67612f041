// core/client/assignor/round_robin.h — Kafka's RoundRobinAssignor: all
// partitions in (topic, partition) order dealt one by one to the members in
// member-id order, skipping members not subscribed to the partition's topic.
#pragma once

#include "core/client/assignor/assignor.h"

namespace kafkasim::client::assignor {

class RoundRobinAssignor final : public PartitionAssignor {
 public:
  std::string name() const override { return "roundrobin"; }
  Assignment Assign(const PartitionCounts& partitions, const std::vector<MemberSubscription>& members) const override;
};

}  // namespace kafkasim::client::assignor
