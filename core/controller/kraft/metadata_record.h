// core/controller/kraft/metadata_record.h — the records of the
// __cluster_metadata log that kafkasim's KRaft controller writes (Kafka's
// metadata/src/main/resources/common/metadata/*.json, 3.7-3.9):
//
//   RegisterBrokerRecord            a broker registered (fenced until it catches up)
//   BrokerRegistrationChangeRecord  fenced = 1 (fence) or -1 (unfence)
//   TopicRecord                     a topic exists
//   PartitionRecord                 a partition's full state at creation
//   PartitionChangeRecord           a change of leader, ISR and/or ELR
//
// Encoded as one line of text ("PartitionChangeRecord tp=orders-0 leader=2
// isr=2,3") so the trace and the GUI can show the log as it is; Kafka writes
// them as binary ApiMessages in RecordBatches. Topic ids are not modelled
// (records name the topic).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/types.h"

namespace kafkasim::controller::kraft {

struct RegisterBrokerRecord {
  NodeId broker_id = kNoNode;
  int64_t broker_epoch = -1;  // the offset the record is written at
  int64_t incarnation = 0;
  bool operator==(const RegisterBrokerRecord&) const = default;
};

struct BrokerRegistrationChangeRecord {
  NodeId broker_id = kNoNode;
  int64_t broker_epoch = -1;
  int8_t fenced = 0;  // BrokerRegistrationFencingChange: 1 fence, -1 unfence, 0 none
  bool operator==(const BrokerRegistrationChangeRecord&) const = default;
};

struct TopicRecord {
  std::string name;
  bool operator==(const TopicRecord&) const = default;
};

struct PartitionRecord {
  TopicPartition tp;
  std::vector<NodeId> replicas;
  std::vector<NodeId> isr;
  NodeId leader = kNoNode;
  LeaderEpoch leader_epoch{0};
  int32_t partition_epoch = 0;
  // KIP-966, written only with eligible.leader.replicas.enable (empty otherwise,
  // and then not in the text, as Kafka leaves the tagged fields out).
  std::vector<NodeId> elr;
  std::vector<NodeId> last_known_elr;
  bool operator==(const PartitionRecord&) const = default;
};

// Absent fields change nothing. A leader field (even the same leader) bumps
// the leader epoch; every record bumps the partition epoch
// (PartitionRegistration.merge).
struct PartitionChangeRecord {
  TopicPartition tp;
  std::optional<NodeId> leader;  // kNoNode = NO_LEADER (-1); nullopt = NO_LEADER_CHANGE (-2)
  std::optional<std::vector<NodeId>> isr;
  std::optional<std::vector<NodeId>> elr;             // EligibleLeaderReplicas (KIP-966)
  std::optional<std::vector<NodeId>> last_known_elr;  // LastKnownElr (KIP-966)
  bool operator==(const PartitionChangeRecord&) const = default;
};

using MetadataRecord = std::variant<RegisterBrokerRecord, BrokerRegistrationChangeRecord, TopicRecord, PartitionRecord,
                                    PartitionChangeRecord>;

std::string Encode(const MetadataRecord& record);
// nullopt for anything Encode did not produce (e.g. a LeaderChange control record).
std::optional<MetadataRecord> Decode(std::string_view text);

}  // namespace kafkasim::controller::kraft
