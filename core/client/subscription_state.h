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
  // KIP-320. position_epoch: the leader epoch of the record just before
  // `position` (Java's FetchPosition.offsetEpoch); none when the position
  // came from a commit, a reset or a seek. validated_leader_epoch: the leader
  // epoch under which the position is known to lie on the leader's log
  // (FetchPosition.currentLeader). A newer leader epoch in the metadata means
  // the log may have been truncated under the position: validate it with
  // OffsetsForLeaderEpoch before fetching again.
  LeaderEpoch position_epoch = kNoLeaderEpoch;
  LeaderEpoch validated_leader_epoch = kNoLeaderEpoch;
  bool awaiting_validation = false;  // OffsetsForLeaderEpoch in flight
  bool awaiting_committed = true;    // OffsetFetch not answered yet
  bool awaiting_reset = false;       // ListOffsets by auto.offset.reset pending
  bool reset_failed = false;         // auto.offset.reset=none and no offset: stuck (Java throws)

  void SetPosition(Offset offset, LeaderEpoch epoch = kNoLeaderEpoch) {
    position = offset;
    position_epoch = epoch;
  }
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
