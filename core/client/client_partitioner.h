// core/client/client_partitioner.h — the producer's partitioner choice.
//
//   murmur2            Java's DefaultPartitioner: keyed records →
//                      toPositive(murmur2(key)) % n; null keys → a "sticky"
//                      partition that changes when a new batch is created
//                      for it (KIP-480, Kafka 2.4).
//   consistent_random  librdkafka's default (crc32 of the key; random for null).
//   round_robin        Java's RoundRobinPartitioner: every record, keyed or
//                      not, goes to the next partition of its topic.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>

#include "core/config/client_config.h"
#include "core/env.h"

namespace kafkasim::client {

class ClientPartitioner {
 public:
  ClientPartitioner(config::Partitioner kind, Random& random) : kind_(kind), random_(random) {}

  // REQUIRES (asserted): num_partitions > 0.
  int32_t Partition(const std::string& topic, std::optional<std::span<const uint8_t>> key, int32_t num_partitions);
  // A new batch was created for (topic, partition) by a record that was
  // placed there stickily: move the sticky partition (KIP-480).
  void OnNewBatch(const std::string& topic, int32_t previous, int32_t num_partitions);
  // True when records with this key are placed by the sticky cache.
  bool IsSticky(std::optional<std::span<const uint8_t>> key) const {
    return kind_ == config::Partitioner::kMurmur2 && !key.has_value();
  }

 private:
  int32_t Sticky(const std::string& topic, int32_t num_partitions);

  config::Partitioner kind_;
  Random& random_;
  std::map<std::string, int32_t> sticky_;        // topic -> current sticky partition
  std::map<std::string, uint32_t> round_robin_;  // topic -> next counter
};

}  // namespace kafkasim::client
