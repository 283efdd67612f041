// core/client/assignor/range.h — Kafka's RangeAssignor: per topic, the
// partitions split into contiguous ranges over the subscribed members in
// member-id order; the first (partitions % members) members get one extra.
#pragma once

#include "core/client/assignor/assignor.h"

namespace kafkasim::client::assignor {

class RangeAssignor final : public PartitionAssignor {
 public:
  std::string name() const override { return "range"; }
  Assignment Assign(const PartitionCounts& partitions, const std::vector<MemberSubscription>& members) const override;
};

}  // namespace kafkasim::client::assignor
