// core/controller/kraft/metadata_image.cc — replaying records.
#include "core/controller/kraft/metadata_image.h"

#include "core/controller/kraft/partition_change_builder.h"
#include "core/util/assert.h"

namespace kafkasim::controller::kraft {

void MetadataImage::Apply(const MetadataRecord& record, Offset offset) {
  KSIM_ASSERT(offset >= next_offset_, "a metadata record replayed out of order");
  next_offset_ = offset + 1;
  if (const auto* r = std::get_if<RegisterBrokerRecord>(&record)) {
    brokers_[r->broker_id] = BrokerRegistration{r->broker_epoch, r->incarnation, true};
  } else if (const auto* r = std::get_if<BrokerRegistrationChangeRecord>(&record)) {
    auto it = brokers_.find(r->broker_id);
    // ClusterControlManager.replay: a change for another registration epoch is an error in Kafka.
    KSIM_ASSERT(it != brokers_.end() && it->second.epoch == r->broker_epoch,
                "BrokerRegistrationChangeRecord for an unknown broker registration");
    if (r->fenced != 0) it->second.fenced = r->fenced > 0;
  } else if (const auto* r = std::get_if<TopicRecord>(&record)) {
    topics_.insert(r->name);
  } else if (const auto* r = std::get_if<PartitionRecord>(&record)) {
    partitions_[r->tp] = PartitionRegistration{r->replicas,        r->isr, r->leader,        r->leader_epoch,
                                               r->partition_epoch, r->elr, r->last_known_elr};
  } else if (const auto* r = std::get_if<PartitionChangeRecord>(&record)) {
    Replay(*r);
  }
}

// PartitionRegistration.merge: a leader field bumps the leader epoch; any
// change bumps the partition epoch.
void MetadataImage::Replay(const PartitionChangeRecord& r) {
  auto it = partitions_.find(r.tp);
  KSIM_ASSERT(it != partitions_.end(), "PartitionChangeRecord for an unknown partition");
  it->second = Merge(std::move(it->second), r);
}

void MetadataImage::ApplyRaw(const std::string& payload, bool control, Offset offset) {
  if (control) {
    KSIM_ASSERT(offset >= next_offset_, "a metadata record replayed out of order");
    next_offset_ = offset + 1;
    return;
  }
  auto record = Decode(payload);
  KSIM_ASSERT(record.has_value(), "an undecodable metadata record");
  Apply(*record, offset);
}

const PartitionRegistration* MetadataImage::Partition(const TopicPartition& tp) const {
  auto it = partitions_.find(tp);
  return it == partitions_.end() ? nullptr : &it->second;
}

bool MetadataImage::IsUnfenced(NodeId broker) const {
  auto it = brokers_.find(broker);
  return it != brokers_.end() && !it->second.fenced;
}

std::vector<NodeId> MetadataImage::UnfencedBrokers() const {
  std::vector<NodeId> out;
  for (const auto& [id, b] : brokers_)
    if (!b.fenced) out.push_back(id);
  return out;
}

}  // namespace kafkasim::controller::kraft
