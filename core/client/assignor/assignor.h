// core/client/assignor/assignor.h — partition assignment strategies
// (partition.assignment.strategy), run by the group leader.
//
// Every assignor is a pure, deterministic function of the members (sorted
// by member id) and the topics' partition counts: the same group state
// always yields the same assignment.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/config/client_config.h"
#include "core/types.h"

namespace kafkasim::client::assignor {

struct MemberSubscription {
  std::string member_id;
  std::vector<std::string> topics;
  std::vector<TopicPartition> owned;  // from the previous generation (sticky, cooperative)
  int32_t generation = -1;
};

// member id -> partitions, each list sorted. Every member appears.
using Assignment = std::map<std::string, std::vector<TopicPartition>>;
// topic -> partition count (topics nobody knows are absent).
using PartitionCounts = std::map<std::string, int32_t>;

class PartitionAssignor {
 public:
  virtual ~PartitionAssignor() = default;
  // Kafka's protocol name: "range", "roundrobin", "sticky", "cooperative-sticky".
  virtual std::string name() const = 0;
  // True for the COOPERATIVE rebalance protocol (KIP-429).
  virtual bool cooperative() const { return false; }
  virtual Assignment Assign(const PartitionCounts& partitions,
                            const std::vector<MemberSubscription>& members) const = 0;
};

std::unique_ptr<PartitionAssignor> MakeAssignor(config::AssignmentStrategy s);
std::unique_ptr<PartitionAssignor> MakeAssignor(const std::string& protocol_name);  // null if unknown
std::string StrategyName(config::AssignmentStrategy s);

// Helpers shared by the assignors.
Assignment EmptyAssignment(const std::vector<MemberSubscription>& members);
void SortAssignment(Assignment& a);
bool Subscribes(const MemberSubscription& m, const std::string& topic);

}  // namespace kafkasim::client::assignor
