// sim/cli/describe.h — `kafkasim describe`: the cluster at one time, printed
// as Kafka 3.4's tools print it (kafka-topics.sh --describe:
// TopicCommand.TopicDescription / PartitionDescription;
// kafka-consumer-groups.sh --describe: ConsumerGroupCommand.printOffsets,
// printMembers, printStates).
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

namespace kafkasim::sim {
class Simulation;
}

namespace kafkasim::cli {

// kafka-topics.sh's report options: with any set, only the partitions that
// match one are printed, and no topic lines (TopicCommand.DescribeOptions).
struct TopicReport {
  bool under_replicated = false;  // --under-replicated-partitions
  bool unavailable = false;       // --unavailable-partitions
  bool under_min_isr = false;     // --under-min-isr-partitions
  bool any() const { return under_replicated || unavailable || under_min_isr; }
};

// kafka-consumer-groups.sh --describe's views.
enum class GroupView { kOffsets, kMembers, kState };

void DescribeTopics(const sim::Simulation& sim, const TopicReport& report, std::ostream& out);
// Every group (a scenario consumer's, or one with committed offsets), or only
// `group`. The notes Kafka prints on stderr ("has no active members", "is
// rebalancing", "does not exist") go to `err`.
void DescribeGroups(const sim::Simulation& sim, const std::optional<std::string>& group, GroupView view,
                    std::ostream& out, std::ostream& err);

// A Kafka Uuid (16 bytes, version 4 like java.util.UUID.randomUUID) drawn
// from a hash of `seed` and `name`, never from the run's random streams:
// describing does not change the run. kafkasim does not model topic ids or
// member UUIDs; these stand in for Kafka's random ones, stable per seed.
// Base64 URL-safe without padding (Uuid.toString, a TopicId), or the
// 8-4-4-4-12 hex form (java.util.UUID.toString, in a member id).
std::string KafkaUuidBase64(uint64_t seed, const std::string& name);
std::string JavaUuidString(uint64_t seed, const std::string& name);

}  // namespace kafkasim::cli
