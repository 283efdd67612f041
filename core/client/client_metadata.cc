// core/client/client_metadata.cc — MetadataRequest/Response handling.
#include "core/client/client_metadata.h"

#include "core/protocol/message.h"

namespace kafkasim::client {

ClientMetadata::ClientMetadata(Env& env, RequestTracker& tracker, std::vector<NodeId> bootstrap, MetadataTimeouts t)
    : env_(env), tracker_(tracker), bootstrap_(std::move(bootstrap)), brokers_(bootstrap_), t_(t) {
  // Java picks a random bootstrap broker first; ours comes from env.random.
  if (!brokers_.empty()) next_broker_ = env_.random.Below(brokers_.size());
}

ClientMetadata::~ClientMetadata() {
  env_.timers.Cancel(retry_timer_);
  env_.timers.Cancel(refresh_timer_);
}

void ClientMetadata::Start() {
  RequestUpdate();
  ScheduleRefresh();
}

void ClientMetadata::ScheduleRefresh() {
  env_.timers.Cancel(refresh_timer_);
  refresh_timer_ = env_.timers.Schedule(Ms(t_.max_age_ms), [this] {
    refresh_timer_ = 0;
    RequestUpdate();
    ScheduleRefresh();
  });
}

void ClientMetadata::AddTopic(const std::string& topic) {
  if (topics_.insert(topic).second) RequestUpdate();
}

void ClientMetadata::RequestUpdate() {
  stale_ = true;
  if (in_flight_ || retry_timer_ != 0) return;
  SendRequest();
}

NodeId ClientMetadata::AnyBroker() {
  if (brokers_.empty()) return kNoNode;
  NodeId n = brokers_[next_broker_ % brokers_.size()];
  next_broker_ = (next_broker_ + 1) % brokers_.size();
  return n;
}

void ClientMetadata::SendRequest() {
  NodeId to = AnyBroker();
  if (to == kNoNode) return;
  stale_ = false;
  in_flight_ = true;
  MetadataRequest req;
  req.topics.assign(topics_.begin(), topics_.end());
  tracker_.Send(to, req, t_.request_timeout_ms, [this](const Message* m, ErrorCode err) { OnResponse(m, err); });
}

void ClientMetadata::ScheduleRetry() {
  if (retry_timer_ != 0) return;
  retry_timer_ = env_.timers.Schedule(Ms(t_.retry_backoff_ms), [this] {
    retry_timer_ = 0;
    if (stale_ && !in_flight_) SendRequest();
  });
}

void ClientMetadata::OnResponse(const Message* m, ErrorCode err) {
  in_flight_ = false;
  const auto* resp = ResponseAs<MetadataResponse>(m);
  if (err != ErrorCode::NONE || resp == nullptr) {
    stale_ = true;  // try the next broker after the backoff
    ScheduleRetry();
    return;
  }
  if (!resp->brokers.empty()) {
    brokers_.clear();
    for (const auto& b : resp->brokers) brokers_.push_back(b.node_id);
  }
  bool incomplete = false;
  for (const auto& t : resp->topics) {
    if (t.error_code != ErrorCode::NONE) {
      incomplete = true;
      continue;
    }
    std::vector<PartitionLeader> parts(t.partitions.size());
    for (const auto& p : t.partitions) {
      auto idx = static_cast<size_t>(p.partition_index.value());
      if (idx >= parts.size()) parts.resize(idx + 1);
      bool ok = p.error_code == ErrorCode::NONE || p.error_code == ErrorCode::REPLICA_NOT_AVAILABLE;
      parts[idx] = ok ? PartitionLeader{p.leader_id, p.leader_epoch} : PartitionLeader{kNoNode, p.leader_epoch};
      if (parts[idx].leader == kNoNode) incomplete = true;
    }
    partitions_[t.name] = std::move(parts);
  }
  ++version_;
  // A partition without a leader (election in progress) is asked for again.
  if (incomplete) stale_ = true;
  if (stale_) ScheduleRetry();
  for (auto& fn : listeners_) fn();
}

std::optional<int32_t> ClientMetadata::PartitionCount(const std::string& topic) const {
  auto it = partitions_.find(topic);
  if (it == partitions_.end() || it->second.empty()) return std::nullopt;
  return static_cast<int32_t>(it->second.size());
}

PartitionLeader ClientMetadata::LeaderOf(const TopicPartition& tp) const {
  auto it = partitions_.find(tp.topic);
  if (it == partitions_.end()) return {};
  auto idx = static_cast<size_t>(tp.partition.value());
  return idx < it->second.size() ? it->second[idx] : PartitionLeader{};
}

}  // namespace kafkasim::client
