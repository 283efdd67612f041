#include "core/broker/metadata_cache.h"

#include <algorithm>

namespace kafkasim::broker {

bool MetadataCache::Update(const UpdateMetadataRequest& req) {
  if (req.controller_epoch < controller_epoch_) return false;
  controller_epoch_ = req.controller_epoch;
  controller_id_ = req.controller_id;
  live_brokers_ = req.live_brokers;
  std::sort(live_brokers_.begin(), live_brokers_.end());
  for (const PartitionState& st : req.partition_states) partitions_[st.tp] = st;
  return true;
}

const PartitionState* MetadataCache::Find(const TopicPartition& tp) const {
  auto it = partitions_.find(tp);
  return it == partitions_.end() ? nullptr : &it->second;
}

MetadataResponse MetadataCache::Describe(const MetadataRequest& req, const std::map<NodeId, std::string>& racks) const {
  MetadataResponse resp;
  resp.correlation_id = req.correlation_id;
  resp.controller_id = controller_id_;
  for (NodeId b : live_brokers_) {
    auto r = racks.find(b);
    resp.brokers.push_back(MetadataBroker{b, r == racks.end() ? "" : r->second});
  }
  std::map<std::string, MetadataTopic> topics;
  for (const auto& [tp, st] : partitions_) {
    bool wanted = req.topics.empty() || std::find(req.topics.begin(), req.topics.end(), tp.topic) != req.topics.end();
    if (!wanted) continue;
    MetadataTopic& t = topics[tp.topic];
    t.name = tp.topic;
    bool leader_live = std::find(live_brokers_.begin(), live_brokers_.end(), st.leader) != live_brokers_.end();
    MetadataPartition mp{leader_live ? ErrorCode::NONE : ErrorCode::LEADER_NOT_AVAILABLE,
                         tp.partition,
                         leader_live ? st.leader : kNoNode,
                         st.leader_epoch,
                         st.replicas,
                         st.isr};
    t.partitions.push_back(mp);
  }
  for (const std::string& name : req.topics) {
    if (!topics.count(name)) resp.topics.push_back(MetadataTopic{ErrorCode::UNKNOWN_TOPIC_OR_PARTITION, name, {}});
  }
  for (auto& [name, t] : topics) resp.topics.push_back(std::move(t));
  return resp;
}

}  // namespace kafkasim::broker
