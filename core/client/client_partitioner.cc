// core/client/client_partitioner.cc — murmur2 + sticky, consistent_random,
// round_robin.
#include "core/client/client_partitioner.h"

#include "core/record/partitioner.h"
#include "core/util/assert.h"

namespace kafkasim::client {

int32_t ClientPartitioner::Partition(const std::string& topic, std::optional<std::span<const uint8_t>> key,
                                     int32_t num_partitions) {
  KSIM_ASSERT(num_partitions > 0, "partitioning topic " + topic + " over no partitions");
  switch (kind_) {
    case config::Partitioner::kMurmur2:
      if (key) return record::Murmur2Partition(*key, num_partitions);
      return Sticky(topic, num_partitions);
    case config::Partitioner::kConsistentRandom:
      return record::ConsistentRandomPartition(key, num_partitions, random_);
    case config::Partitioner::kRoundRobin: {
      uint32_t n = round_robin_[topic]++;
      return static_cast<int32_t>(n % static_cast<uint32_t>(num_partitions));
    }
  }
  return 0;
}

int32_t ClientPartitioner::Sticky(const std::string& topic, int32_t num_partitions) {
  auto it = sticky_.find(topic);
  if (it != sticky_.end() && it->second < num_partitions) return it->second;
  auto p = static_cast<int32_t>(random_.Below(static_cast<uint64_t>(num_partitions)));
  sticky_[topic] = p;
  return p;
}

void ClientPartitioner::OnNewBatch(const std::string& topic, int32_t previous, int32_t num_partitions) {
  auto it = sticky_.find(topic);
  if (it == sticky_.end() || it->second != previous) return;  // already moved
  if (num_partitions <= 1) return;
  // Java's StickyPartitionCache.nextPartition: a random partition other than the old one.
  auto r = static_cast<int32_t>(random_.Below(static_cast<uint64_t>(num_partitions - 1)));
  it->second = r >= previous ? r + 1 : r;
}

}  // namespace kafkasim::client
