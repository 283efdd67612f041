// core/controller/kraft/metadata_image.h — the cluster's metadata as the
// replayed records make it (Kafka's MetadataImage / the controller's
// ClusterControlManager + ReplicationControlManager state): brokers with
// their registration and fencing, topics, partitions with leader, ISR and ELR.
//
// Every node of a KRaft cluster builds one by replaying the metadata log in
// offset order: voters from their committed records, the active controller
// also from the records it appended and not yet committed, brokers from
// what MetadataFetch returned.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/controller/kraft/metadata_record.h"

namespace kafkasim::controller::kraft {

struct BrokerRegistration {
  int64_t epoch = -1;
  int64_t incarnation = 0;
  bool fenced = true;
};

// Kafka's PartitionRegistration.
struct PartitionRegistration {
  std::vector<NodeId> replicas;
  std::vector<NodeId> isr;
  NodeId leader = kNoNode;
  LeaderEpoch leader_epoch{0};
  int32_t partition_epoch = 0;
  // KIP-966 (eligible.leader.replicas.enable): replicas that left the ISR
  // while it was below min.insync.replicas and so hold every committed
  // record; and the last leader, kept when ISR and ELR are both empty.
  std::vector<NodeId> elr;
  std::vector<NodeId> last_known_elr;
};

class MetadataImage {
 public:
  // Replays one record written at `offset` (the next after the last one).
  void Apply(const MetadataRecord& record, Offset offset);
  // Replays a raw log record: control records (LeaderChange) only move the offset.
  void ApplyRaw(const std::string& payload, bool control, Offset offset);

  // The offset after the last record replayed.
  Offset next_offset() const { return next_offset_; }
  const std::map<NodeId, BrokerRegistration>& brokers() const { return brokers_; }
  const std::map<TopicPartition, PartitionRegistration>& partitions() const { return partitions_; }
  const std::set<std::string>& topics() const { return topics_; }
  const PartitionRegistration* Partition(const TopicPartition& tp) const;
  bool IsUnfenced(NodeId broker) const;
  std::vector<NodeId> UnfencedBrokers() const;

 private:
  void Replay(const PartitionChangeRecord& r);

  Offset next_offset_{0};
  std::map<NodeId, BrokerRegistration> brokers_;
  std::set<std::string> topics_;
  std::map<TopicPartition, PartitionRegistration> partitions_;
};

}  // namespace kafkasim::controller::kraft
