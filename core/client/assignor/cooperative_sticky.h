// core/client/assignor/cooperative_sticky.h — Kafka's
// CooperativeStickyAssignor (KIP-429): the sticky target, reached in two
// rebalances. A partition moving from member A to member B is withheld from
// B in this generation; A sees it missing from its assignment, revokes it
// and rejoins, and the follow-up rebalance hands it to B. Partitions that do
// not move are never revoked, so members keep consuming them throughout.
#pragma once

#include "core/client/assignor/sticky.h"

namespace kafkasim::client::assignor {

class CooperativeStickyAssignor final : public PartitionAssignor {
 public:
  std::string name() const override { return "cooperative-sticky"; }
  bool cooperative() const override { return true; }
  Assignment Assign(const PartitionCounts& partitions, const std::vector<MemberSubscription>& members) const override;
};

}  // namespace kafkasim::client::assignor
