// core/client/client_metadata.h — a client's view of the cluster: which
// broker leads each partition, refreshed by MetadataRequest.
//
// Bootstraps from a broker list (asks one, tries the next on an error or a
// timeout, after retry.backoff.ms), refreshes when a caller reports a stale
// leader (NOT_LEADER_OR_FOLLOWER, FENCED_LEADER_EPOCH,
// UNKNOWN_TOPIC_OR_PARTITION, timeouts) and every metadata.max.age.ms.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/client/request_tracker.h"

namespace kafkasim::client {

struct PartitionLeader {
  NodeId leader = kNoNode;
  LeaderEpoch epoch = kNoLeaderEpoch;
};

struct MetadataTimeouts {
  int32_t request_timeout_ms = 30000;
  int32_t max_age_ms = 300000;
  int32_t retry_backoff_ms = 100;
};

class ClientMetadata {
 public:
  ClientMetadata(Env& env, RequestTracker& tracker, std::vector<NodeId> bootstrap, MetadataTimeouts t);
  ~ClientMetadata();
  ClientMetadata(const ClientMetadata&) = delete;
  ClientMetadata& operator=(const ClientMetadata&) = delete;

  // Starts the first fetch and the metadata.max.age.ms refresh.
  void Start();
  // Adds a topic of interest; fetches metadata when it is new.
  void AddTopic(const std::string& topic);
  // Marks the view stale: a fetch goes out now (or after the backoff).
  void RequestUpdate();

  // Partitions of `topic`, or nullopt while unknown.
  std::optional<int32_t> PartitionCount(const std::string& topic) const;
  PartitionLeader LeaderOf(const TopicPartition& tp) const;
  // A broker to send cluster-wide requests to (rotates on every call).
  NodeId AnyBroker();
  uint64_t version() const { return version_; }
  // Called after every successful update.
  void AddListener(std::function<void()> fn) { listeners_.push_back(std::move(fn)); }

 private:
  void SendRequest();
  void OnResponse(const Message* m, ErrorCode err);
  void ScheduleRetry();
  void ScheduleRefresh();

  Env& env_;
  RequestTracker& tracker_;
  std::vector<NodeId> bootstrap_;
  std::vector<NodeId> brokers_;  // from the last response (else bootstrap)
  MetadataTimeouts t_;
  size_t next_broker_ = 0;
  std::set<std::string> topics_;
  std::map<std::string, std::vector<PartitionLeader>> partitions_;
  bool in_flight_ = false;
  bool stale_ = false;
  TimerId retry_timer_ = 0;
  TimerId refresh_timer_ = 0;
  uint64_t version_ = 0;
  std::vector<std::function<void()>> listeners_;
};

}  // namespace kafkasim::client
