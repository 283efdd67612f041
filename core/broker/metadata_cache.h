// core/broker/metadata_cache.h — what a broker knows about the cluster, as
// the controller last told it with UpdateMetadata (Kafka's MetadataCache).
// Clients' Metadata requests are answered from here, so a broker that missed
// an update serves stale leadership — exactly as in Kafka.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/protocol/controller_api.h"
#include "core/protocol/metadata.h"

namespace kafkasim::broker {

class MetadataCache {
 public:
  // Returns false (and changes nothing) for a stale controller epoch.
  bool Update(const UpdateMetadataRequest& req);
  MetadataResponse Describe(const MetadataRequest& req, const std::map<NodeId, std::string>& racks) const;
  const PartitionState* Find(const TopicPartition& tp) const;
  NodeId controller_id() const { return controller_id_; }
  ControllerEpoch controller_epoch() const { return controller_epoch_; }
  const std::vector<NodeId>& live_brokers() const { return live_brokers_; }

 private:
  ControllerEpoch controller_epoch_{0};
  NodeId controller_id_ = kNoNode;
  std::vector<NodeId> live_brokers_;
  std::map<TopicPartition, PartitionState> partitions_;
};

}  // namespace kafkasim::broker
