// core/config/sim_bounds.h — kafkasim's own limits where Kafka asks only for
// >= 1 (or nothing): a scenario file must not make the simulator allocate
// without bound, nor hand it a time it cannot schedule. Each ConfigKey that is
// narrowed says why (ConfigKey::bound_why); docs/configs.md shows it.
#pragma once

#include <cstdint>
#include <string_view>

namespace kafkasim::config {

// Brokers in one simulated cluster (node ids from 1000 up belong to other nodes).
inline constexpr int64_t kMaxBrokers = 100;
// Partitions of one topic, __consumer_offsets included: each costs a log, a
// leader, replicas and metadata in every run.
inline constexpr int64_t kMaxPartitions = 1000;
// Bytes of one producer batch: Kafka allocates each batch from buffer.memory
// (32 MiB by default; BufferPool refuses a larger allocation), and kafkasim
// reserves batch.size up front.
inline constexpr int64_t kMaxBatchBytes = 32 * 1024 * 1024;

inline constexpr std::string_view kWhyTime = "a negative time cannot be scheduled";
inline constexpr std::string_view kWhyPositiveTime = "a timeout or interval of 0 would fire forever at one instant";
inline constexpr std::string_view kWhy32Bits = "kafkasim keeps it in 32 bits, about 24 days";
inline constexpr std::string_view kWhyPartitions = "simulator bound on partitions per topic";
inline constexpr std::string_view kWhyBrokers = "simulator bound on brokers per cluster";

}  // namespace kafkasim::config
