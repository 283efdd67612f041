// core/types.h — strong ID and quantity types shared by every module.
//
// A BrokerId can never be passed where an Offset is expected: each is its own
// type (as Redpanda's model::node_id / model::offset). Values are plain
// integers underneath, so they are free to copy and compare.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <string>

#include "core/util/topic_name.h"

namespace kafkasim {

template <typename Tag, typename Rep>
class StrongId {
 public:
  using rep = Rep;
  constexpr StrongId() = default;
  constexpr explicit StrongId(Rep v) : v_(v) {}
  constexpr Rep value() const { return v_; }
  constexpr auto operator<=>(const StrongId&) const = default;

 private:
  Rep v_{};
};

// Cluster nodes: brokers, the coordination service, clients. Brokers keep
// their broker.id as NodeId (1..N); other nodes are numbered from 1000 up.
using NodeId = StrongId<struct NodeIdTag, int32_t>;
using BrokerId = NodeId;  // a broker is addressed by its broker.id
using PartitionId = StrongId<struct PartitionIdTag, int32_t>;
using Offset = StrongId<struct OffsetTag, int64_t>;
using LeaderEpoch = StrongId<struct LeaderEpochTag, int32_t>;
using ControllerEpoch = StrongId<struct ControllerEpochTag, int32_t>;
using ProducerId = StrongId<struct ProducerIdTag, int64_t>;
using ProducerEpoch = StrongId<struct ProducerEpochTag, int16_t>;

constexpr NodeId kNoNode{-1};
// Node numbering: brokers 1..N (their broker.id), the coordination service
// 1000, producers 2001.., consumers 3001.. (in scenario order).
constexpr NodeId kZooKeeperNode{1000};
constexpr int32_t kFirstProducerNode = 2001;
constexpr int32_t kFirstConsumerNode = 3001;
constexpr int32_t kFirstProcessorNode = 4001;
constexpr LeaderEpoch kNoLeaderEpoch{-1};
constexpr ProducerId kNoProducerId{-1};

// Offsets are compared and stepped often; keep the arithmetic explicit.
constexpr Offset operator+(Offset o, int64_t d) { return Offset{o.value() + d}; }
constexpr int64_t operator-(Offset a, Offset b) { return a.value() - b.value(); }

// Virtual time in nanoseconds since the start of the run.
using TimeNs = int64_t;
constexpr TimeNs kNsPerMs = 1'000'000;
constexpr TimeNs kNsPerSec = 1'000'000'000;
constexpr TimeNs Ms(int64_t ms) { return ms * kNsPerMs; }

struct TopicPartition {
  TopicName topic;  // interned: copies and equality are a pointer's
  PartitionId partition;
  auto operator<=>(const TopicPartition&) const = default;
  std::string ToString() const { return topic + "-" + std::to_string(partition.value()); }
};

// Identifies one record a simulated producer sent, end to end: it travels in
// the record header "ksim.id" so checkers can find it in logs and consumers.
// High 16 bits: producer index; low 48 bits: per-producer send sequence.
using RecordUid = uint64_t;
constexpr RecordUid MakeRecordUid(uint32_t producer_index, uint64_t seq) {
  return (uint64_t{producer_index} << 48) | (seq & ((uint64_t{1} << 48) - 1));
}
constexpr uint32_t RecordUidProducer(RecordUid u) { return static_cast<uint32_t>(u >> 48); }
constexpr uint64_t RecordUidSeq(RecordUid u) { return u & ((uint64_t{1} << 48) - 1); }

}  // namespace kafkasim

template <typename Tag, typename Rep>
struct std::hash<kafkasim::StrongId<Tag, Rep>> {
  size_t operator()(const kafkasim::StrongId<Tag, Rep>& id) const noexcept { return std::hash<Rep>{}(id.value()); }
};
