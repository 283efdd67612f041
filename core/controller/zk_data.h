// core/controller/zk_data.h — Kafka's ZooKeeper layout: znode paths and the
// JSON each znode holds, as Kafka 2.x/3.x writes them (kafka/zk/ZkData.scala).
//
//   /controller                         {"version":1,"brokerid":N,"timestamp":"ms"}   ephemeral
//   /controller_epoch                   "E"
//   /brokers/ids/N                      {"version":5,"host":..,"port":9092,...}        ephemeral
//   /brokers/topics/T                   {"version":2,"partitions":{"0":[1,2,3]},...}
//   /brokers/topics/T/partitions/P/state {"controller_epoch":E,"leader":L,"version":1,
//                                        "leader_epoch":LE,"isr":[...]}  (znode version = partition epoch)
//   /isr_change_notification/isr_change_0000000007 {"version":1,"partitions":[{"topic":T,"partition":P}]}
//
// Decoding is strict about the fields it needs and ignores the rest.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.h"

namespace kafkasim::controller {

// ---- paths ----
inline constexpr std::string_view kControllerPath = "/controller";
inline constexpr std::string_view kControllerEpochPath = "/controller_epoch";
inline constexpr std::string_view kBrokersPath = "/brokers";
inline constexpr std::string_view kBrokerIdsPath = "/brokers/ids";
inline constexpr std::string_view kBrokerTopicsPath = "/brokers/topics";
inline constexpr std::string_view kIsrChangeNotificationPath = "/isr_change_notification";
inline constexpr std::string_view kIsrChangeNotificationPrefix = "/isr_change_notification/isr_change_";

std::string BrokerIdPath(BrokerId id);
std::string TopicPath(const std::string& topic);
std::string TopicPartitionsPath(const std::string& topic);
std::string TopicPartitionPath(const TopicPartition& tp);
std::string TopicPartitionStatePath(const TopicPartition& tp);

// ---- znode contents ----

// Kafka's LeaderIsrAndControllerEpoch: the partition state znode plus its
// zkVersion (which brokers call the partition epoch).
struct LeaderIsrAndControllerEpoch {
  NodeId leader = kNoNode;
  LeaderEpoch leader_epoch{0};
  std::vector<NodeId> isr;
  ControllerEpoch controller_epoch{0};
  int32_t zk_version = -1;  // not in the JSON: the znode's version
  auto operator<=>(const LeaderIsrAndControllerEpoch&) const = default;
};

std::string EncodePartitionState(const LeaderIsrAndControllerEpoch& s);
// zk_version is taken from the caller (the znode's version).
std::optional<LeaderIsrAndControllerEpoch> DecodePartitionState(std::string_view json, int32_t zk_version);

std::string EncodeController(BrokerId id, TimeNs now);
std::optional<BrokerId> DecodeController(std::string_view json);

std::string EncodeControllerEpoch(ControllerEpoch e);
std::optional<ControllerEpoch> DecodeControllerEpoch(std::string_view data);

// Registration of a broker. `broker_epoch` stands in for Kafka's broker
// epoch (the czxid of this znode, KIP-380): kafkasim writes the registering
// ZooKeeper session id, unique per registration, so the controller can tell
// a bounced broker from one that never left.
std::string EncodeBrokerRegistration(BrokerId id, int64_t broker_epoch, TimeNs now);
std::optional<int64_t> DecodeBrokerEpoch(std::string_view json);

// partition index -> replicas (preferred first)
std::string EncodeTopicAssignment(const std::vector<std::vector<NodeId>>& replicas);
std::optional<std::vector<std::vector<NodeId>>> DecodeTopicAssignment(std::string_view json);

std::string EncodeIsrChangeNotification(const std::vector<TopicPartition>& partitions);
std::optional<std::vector<TopicPartition>> DecodeIsrChangeNotification(std::string_view json);

}  // namespace kafkasim::controller
