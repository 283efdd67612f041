// core/client/subscription_state.h — what a consumer is assigned and where
// it stands in each partition (Java's SubscriptionState).
//
// position = the offset of the next record Poll() will return. A partition
// without a position first asks the coordinator for its committed offset
// (OffsetFetch); without one it resets by auto.offset.reset (ListOffsets).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/types.h"

namespace kafkasim::client {

struct ConsumerPartitionState {
  std::optional<Offset> position;
  bool awaiting_committed = true;  // OffsetFetch not answered yet
  bool awaiting_reset = false;     // ListOffsets by auto.offset.reset pending
  bool reset_failed = false;       // auto.offset.reset=none and no offset: stuck (Java throws)
};

class SubscriptionState {
 public:
  std::vector<std::string> topics;
  std::map<TopicPartition, ConsumerPartitionState> assigned;

  bool IsAssigned(const TopicPartition& tp) const { return assigned.contains(tp); }
  std::vector<TopicPartition> AssignedPartitions() const {
    std::vector<TopicPartition> out;
    for (const auto& [tp, st] : assigned) out.push_back(tp);
    return out;
  }
  // Positions of every partition that has one (what auto commit commits).
  std::map<TopicPartition, Offset> Positions() const {
    std::map<TopicPartition, Offset> out;
    for (const auto& [tp, st] : assigned)
      if (st.position) out[tp] = *st.position;
    return out;
  }
  ConsumerPartitionState* Find(const TopicPartition& tp) {
    auto it = assigned.find(tp);
    return it == assigned.end() ? nullptr : &it->second;
  }
};

}  // namespace kafkasim::client
