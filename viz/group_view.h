// viz/group_view.h — the view model of the consumer groups: each group as
// its coordinator holds it (state, generation, members by client id, their
// assignment, committed offsets) beside what each consumer holds (its own
// generation and member id, its positions), and the lag per partition.
//
// Built from the group coordinator of the live broker that leads the group's
// __consumer_offsets partition, the consumers' KafkaConsumer objects and the
// partition leaders' high watermarks — the same objects `kafkasim describe`
// reads — never from the checkers' history.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/types.h"

namespace kafkasim::sim {
class Simulation;
}

namespace kafkasim::viz {

// A member as the coordinator has it.
struct GroupMemberView {
  std::string client;     // the consumer's client id ("c1")
  std::string member_id;  // Kafka's member id ("consumer-3001-1")
  bool leader = false;    // the group leader (runs the assignor)
  std::vector<TopicPartition> assignment;
};

// A consumer process of the group, as it sees itself — a plain consumer or a
// stream processor (`processors:`), which consumes its input topics and
// produces to its output topic (Kafka Streams' read-process-write loop).
struct ConsumerView {
  std::string client;
  bool processor = false;
  std::vector<std::string> input;  // processor: the topics it reads
  std::string output;              // processor: the topic it writes
  std::string guarantee;           // processor: "at_least_once" | "exactly_once_v2"
  bool alive = false;
  std::string member_id;    // "" before it joined
  int32_t generation = -1;  // the generation it last synced
  bool stable = false;      // it holds an assignment of that generation
  std::vector<TopicPartition> assignment;
};

struct GroupPartitionView {
  TopicPartition tp;
  std::string owner;                     // client assigned it by the coordinator; "" none
  std::optional<Offset> committed;       // the coordinator's committed offset
  std::optional<Offset> position;        // the consuming client's next offset to read
  std::string position_client;           // who holds that position
  std::optional<Offset> high_watermark;  // the partition leader's (what can be read)
  // kafka-consumer-groups.sh's LAG: high watermark - committed offset.
  std::optional<int64_t> lag;
};

struct GroupView {
  std::string group;
  NodeId coordinator = kNoNode;  // kNoNode: no live broker coordinates it now
  std::string coordinator_name;  // "none" when kNoNode
  std::string state;             // Kafka's GroupState name, "" without a coordinator
  int32_t generation = 0;
  std::string protocol;  // the assignor chosen ("range")
  std::vector<GroupMemberView> members;
  std::vector<ConsumerView> consumers;
  std::vector<GroupPartitionView> partitions;
};

// Every group named by the scenario's consumers or held by a coordinator, by name.
std::vector<GroupView> BuildGroupViews(const sim::Simulation& sim);

}  // namespace kafkasim::viz
