// core/record/partitioner.h — how a record's key picks its partition.
//
//   murmur2            the Java client's default for keyed records:
//                      toPositive(Utils.murmur2(key)) % numPartitions
//   consistent_random  librdkafka's default: crc32(key) % partitions, and a
//                      random partition for a null or empty key
// Both are pure functions of the key (randomness comes from the caller's
// Random, never from a global).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "core/env.h"

namespace kafkasim::record {

// Java's org.apache.kafka.common.utils.Utils.murmur2 (seed 0x9747b28c).
int32_t Murmur2(std::span<const uint8_t> data);
inline int32_t Murmur2(std::string_view s) {
  return Murmur2(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(s.data()), s.size()));
}

// Utils.toPositive: clears the sign bit (not abs: MIN_VALUE maps to 0).
constexpr int32_t ToPositive(int32_t v) { return v & 0x7fffffff; }

// REQUIRES (asserted): num_partitions > 0.
int32_t Murmur2Partition(std::span<const uint8_t> key, int32_t num_partitions);

// zlib's crc32 (IEEE), which librdkafka's rd_crc32 computes.
uint32_t Crc32(std::span<const uint8_t> data);

// librdkafka's rd_kafka_msg_partitioner_consistent_random.
// REQUIRES (asserted): num_partitions > 0.
int32_t ConsistentRandomPartition(std::optional<std::span<const uint8_t>> key, int32_t num_partitions, Random& random);

}  // namespace kafkasim::record
