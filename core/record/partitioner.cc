// core/record/partitioner.cc — Kafka's murmur2 and librdkafka's
// consistent_random partitioners.
#include "core/record/partitioner.h"
#include "core/util/assert.h"

#include <zlib.h>

namespace kafkasim::record {

int32_t Murmur2(std::span<const uint8_t> data) {
  // Unsigned arithmetic gives Java's wrapping int semantics without UB;
  // Java's >>> is the unsigned shift used here.
  const uint32_t length = static_cast<uint32_t>(data.size());
  const uint32_t seed = 0x9747b28cu;
  const uint32_t m = 0x5bd1e995u;
  const int r = 24;
  uint32_t h = seed ^ length;
  const uint32_t length4 = length / 4;
  for (uint32_t i = 0; i < length4; ++i) {
    const uint32_t i4 = i * 4;
    uint32_t k = uint32_t{data[i4 + 0]} | (uint32_t{data[i4 + 1]} << 8) | (uint32_t{data[i4 + 2]} << 16) |
                 (uint32_t{data[i4 + 3]} << 24);
    k *= m;
    k ^= k >> r;
    k *= m;
    h *= m;
    h ^= k;
  }
  const uint32_t tail = length & ~3u;
  switch (length % 4) {
    case 3:
      h ^= uint32_t{data[tail + 2]} << 16;
      [[fallthrough]];
    case 2:
      h ^= uint32_t{data[tail + 1]} << 8;
      [[fallthrough]];
    case 1:
      h ^= uint32_t{data[tail]};
      h *= m;
  }
  h ^= h >> 13;
  h *= m;
  h ^= h >> 15;
  return static_cast<int32_t>(h);
}

int32_t Murmur2Partition(std::span<const uint8_t> key, int32_t num_partitions) {
  KSIM_ASSERT(num_partitions > 0, "partitioning over no partitions");
  return ToPositive(Murmur2(key)) % num_partitions;
}

uint32_t Crc32(std::span<const uint8_t> data) {
  uLong crc = crc32(0L, Z_NULL, 0);
  return static_cast<uint32_t>(crc32(crc, data.data(), static_cast<uInt>(data.size())));
}

int32_t ConsistentRandomPartition(std::optional<std::span<const uint8_t>> key, int32_t num_partitions, Random& random) {
  KSIM_ASSERT(num_partitions > 0, "partitioning over no partitions");
  if (!key || key->empty()) return static_cast<int32_t>(random.Below(static_cast<uint64_t>(num_partitions)));
  return static_cast<int32_t>(Crc32(*key) % static_cast<uint32_t>(num_partitions));
}

}  // namespace kafkasim::record
