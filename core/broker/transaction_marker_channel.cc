// core/broker/transaction_marker_channel.cc — the coordinator's second
// phase: WriteTxnMarkers to the leader of every partition of a transaction
// in PrepareCommit / PrepareAbort, retried until each partition has its
// marker (Kafka's TransactionMarkerChannelManager and
// TransactionMarkerRequestCompletionHandler). Then Complete* is written.
#include <algorithm>
#include <vector>

#include "core/broker/replica_manager.h"
#include "core/broker/transaction_coordinator.h"

namespace kafkasim::broker {
namespace {

constexpr int64_t kMarkerRequestTimeoutMs = 30000;  // the channel's request.timeout.ms
constexpr int64_t kMarkerRetryBackoffMs = 100;      // retry.backoff.ms

// TransactionMarkerRequestCompletionHandler: these errors mean "find the
// leader again and retry"; anything else is not retried.
bool RetryMarker(ErrorCode e) {
  switch (e) {
    case ErrorCode::UNKNOWN_TOPIC_OR_PARTITION:
    case ErrorCode::NOT_LEADER_OR_FOLLOWER:
    case ErrorCode::NOT_ENOUGH_REPLICAS:
    case ErrorCode::NOT_ENOUGH_REPLICAS_AFTER_APPEND:
    case ErrorCode::REQUEST_TIMED_OUT:
    case ErrorCode::KAFKA_STORAGE_ERROR:
      return true;
    default:
      return false;
  }
}

}  // namespace

void TransactionCoordinator::SendMarkers(const std::string& txn_id) {
  auto it = txns_.find(txn_id);
  if (it == txns_.end()) return;
  TransactionMetadata& m = it->second;
  if (m.markers_pending.empty()) return CompleteTransaction(txn_id);
  std::set<TopicPartition> in_flight;
  for (const auto& [cid, f] : markers_in_flight_)
    if (f.txn_id == txn_id) in_flight.insert(f.partitions.begin(), f.partitions.end());
  std::map<NodeId, std::vector<TopicPartition>> by_leader;
  bool leaderless = false;
  for (const TopicPartition& tp : m.markers_pending) {
    if (in_flight.count(tp)) continue;
    NodeId leader = leader_of_(tp);
    if (leader == kNoNode) {
      leaderless = true;
      continue;
    }
    by_leader[leader].push_back(tp);
  }
  for (auto& [leader, parts] : by_leader) SendMarkerTo(txn_id, leader, std::move(parts));
  if (leaderless) RetryMarkersLater(txn_id);
}

void TransactionCoordinator::SendMarkerTo(const std::string& txn_id, NodeId leader, std::vector<TopicPartition> parts) {
  const TxnRecord& r = txns_.at(txn_id).current;
  const int32_t cid = next_correlation_id_++;
  const TopicPartition state_tp{kTransactionStateTopic, txns_.at(txn_id).state_partition};
  WritableTxnMarker marker{ProducerId{r.producer_id}, ProducerEpoch{r.producer_epoch},
                           r.state == TransactionState::kPrepareCommit, parts, owned_.at(state_tp.partition)};
  TimerId timer = env_.timers.Schedule(Ms(kMarkerRequestTimeoutMs), [this, cid] { OnMarkerResponse(cid, nullptr); });
  markers_in_flight_[cid] = InFlightMarker{txn_id, leader, r.producer_id, std::move(parts), timer};
  env_.net.Send(leader, WriteTxnMarkersRequest{cid, {std::move(marker)}});
}

void TransactionCoordinator::OnPeerUnreachable(NodeId peer) {
  std::vector<int32_t> failed;
  for (const auto& [cid, f] : markers_in_flight_)
    if (f.to == peer) failed.push_back(cid);
  for (int32_t cid : failed) OnMarkerResponse(cid, nullptr);
}

// A response, or nullptr for a timeout / an unreachable leader.
void TransactionCoordinator::OnMarkerResponse(int32_t correlation_id, const WriteTxnMarkersResponse* resp) {
  auto f = markers_in_flight_.find(correlation_id);
  if (f == markers_in_flight_.end()) return;  // late: already timed out
  InFlightMarker sent = std::move(f->second);
  markers_in_flight_.erase(f);
  env_.timers.Cancel(sent.timer);
  auto it = txns_.find(sent.txn_id);
  if (it == txns_.end() || it->second.current.producer_id != sent.producer_id) return;
  TransactionMetadata& m = it->second;
  bool retry = resp == nullptr;
  if (resp != nullptr) {
    for (const WritableTxnMarkerResult& res : resp->markers) {
      for (const TxnPartitionError& pe : res.partitions) {
        if (pe.error_code == ErrorCode::NONE) {
          m.markers_pending.erase(pe.tp);
        } else if (RetryMarker(pe.error_code)) {
          retry = true;
        } else {
          // INVALID_PRODUCER_EPOCH / TRANSACTION_COORDINATOR_FENCED: a newer
          // coordinator or epoch owns this transaction; this one stops
          // sending and never completes it ("abortSending").
          Note("marker for " + sent.txn_id + " on " + pe.tp.ToString() + " refused (" +
               std::string(ErrorName(pe.error_code)) + "): this coordinator stops sending its markers");
          m.markers_pending.clear();
          return;
        }
      }
    }
  }
  if (m.markers_pending.empty()) return CompleteTransaction(sent.txn_id);
  if (retry) RetryMarkersLater(sent.txn_id);
}

void TransactionCoordinator::RetryMarkersLater(const std::string& txn_id) {
  env_.timers.Schedule(Ms(kMarkerRetryBackoffMs), [this, txn_id] {
    auto it = txns_.find(txn_id);
    if (it == txns_.end()) return;
    TransactionState s = it->second.current.state;
    if (s == TransactionState::kPrepareCommit || s == TransactionState::kPrepareAbort) SendMarkers(txn_id);
  });
}

}  // namespace kafkasim::broker
