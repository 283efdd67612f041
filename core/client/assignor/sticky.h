// core/client/assignor/sticky.h — Kafka's StickyAssignor (KIP-54): as
// balanced as round robin, but keeps as many partitions as possible where
// they were.
//
// Algorithm (deterministic; members and partitions in sorted order):
//  1. Keep each member's previously owned partitions that still exist and it
//     still subscribes to (a partition claimed by two members goes to the
//     claim with the higher generation, then the smaller member id).
//  2. Assign the unowned partitions, those with the fewest eligible members
//     first, each to the eligible member with the fewest partitions
//     (ties: member id).
//  3. Balance: while some member A holds a partition that an eligible member
//     B could take with |B| < |A| - 1, move one (A most loaded first, B the
//     least loaded). Each move shrinks the spread, so this ends.
// This reproduces the examples in StickyAssignor's javadoc.
#pragma once

#include "core/client/assignor/assignor.h"

namespace kafkasim::client::assignor {

class StickyAssignor : public PartitionAssignor {
 public:
  std::string name() const override { return "sticky"; }
  Assignment Assign(const PartitionCounts& partitions, const std::vector<MemberSubscription>& members) const override;
};

// The sticky target assignment, shared with the cooperative assignor.
Assignment StickyTarget(const PartitionCounts& partitions, const std::vector<MemberSubscription>& members);

}  // namespace kafkasim::client::assignor
