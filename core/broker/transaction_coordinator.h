// core/broker/transaction_coordinator.h — the broker-side transaction
// coordinator (Kafka's TransactionCoordinator + TransactionStateManager +
// TransactionMarkerChannelManager), KIP-98.
//
// A broker coordinates the transactional ids whose __transaction_state
// partition (TransactionStatePartitionFor) it leads. Every state change of a
// transactional id is first written to that partition with acks=all and
// applied only once committed, so a new coordinator — the next leader of the
// partition — reloads the same state from its log (OnBecomeLeader, reading
// to the log end as Kafka's loadTransactionsForTxnTopicPartition does) and
// finishes whatever was half done: a transaction in PrepareCommit or
// PrepareAbort has its markers sent again and then completes.
//
// Where to look:
//   - InitProducerId: HandleInitProducerId — a new producer id, or the epoch
//     bumped; an Ongoing transaction of an older instance is aborted first
//     with a fenced (bumped) epoch and the caller told CONCURRENT_TRANSACTIONS
//     until it is (handleInitProducerId + prepareFenceProducerEpoch)
//   - fencing: ValidateProducer — a request with another epoch gets
//     PRODUCER_FENCED
//   - two-phase commit: EndTransaction (Prepare* written, the client
//     answered) → SendMarkers (WriteTxnMarkers to every partition's leader) →
//     OnMarkersWritten → Complete* written
//   - transaction.timeout.ms: AbortTimedOutTransactions, every
//     transaction.abort.timed.out.transaction.cleanup.interval.ms
//   - coordinator epoch: the leader epoch of the __transaction_state
//     partition; markers carry it and a partition refuses an older one
//     (TRANSACTION_COORDINATOR_FENCED)
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>

#include "core/broker/producer_id_manager.h"
#include "core/broker/transaction_metadata.h"
#include "core/config/broker_config.h"
#include "core/env.h"
#include "core/protocol/message.h"

namespace kafkasim::broker {

class ReplicaManager;

class TransactionCoordinator {
 public:
  using LeaderOf = std::function<NodeId(const TopicPartition&)>;
  TransactionCoordinator(Env& env, ReplicaManager& replicas, ProducerIdManager& pids, const config::BrokerConfig& cfg,
                         LeaderOf leader_of);
  ~TransactionCoordinator();
  TransactionCoordinator(const TransactionCoordinator&) = delete;
  TransactionCoordinator& operator=(const TransactionCoordinator&) = delete;

  void Start();
  // Handles the transaction APIs and its own WriteTxnMarkers responses;
  // false for any other message.
  bool OnMessage(NodeId from, const Message& m);
  void OnPeerUnreachable(NodeId peer);
  // This broker now leads __transaction_state partition p: load it.
  void OnBecomeLeader(PartitionId p);
  // It no longer does: drop its transactional ids.
  void OnResign(PartitionId p);

  // Read-only view (GUI, checkers, tests).
  const std::map<std::string, TransactionMetadata>& transactions() const { return txns_; }

 private:
  using Done = std::function<void(ErrorCode)>;

  // transaction_coordinator.cc — the client APIs.
  void HandleFindCoordinator(NodeId from, const FindCoordinatorRequest& r);
  void HandleInitProducerId(NodeId from, const InitProducerIdRequest& r);
  void InitProducerIdTransit(NodeId from, const InitProducerIdRequest& r, TransactionMetadata& m);
  void IncrementProducerEpoch(NodeId from, const InitProducerIdRequest& r, TransactionMetadata& m);
  void HandleAddPartitions(NodeId from, const AddPartitionsToTxnRequest& r);
  void AddPartitions(const std::string& txn_id, ProducerId pid, ProducerEpoch epoch,
                     const std::vector<TopicPartition>& parts, Done done);
  void HandleAddOffsets(NodeId from, const AddOffsetsToTxnRequest& r);
  void HandleEndTxn(NodeId from, const EndTxnRequest& r);
  // `from_client` false: the coordinator aborting with a fenced epoch.
  void EndTransaction(const std::string& txn_id, ProducerId pid, ProducerEpoch epoch, bool commit, bool from_client,
                      Done done);
  ErrorCode CheckCoordinator(const std::string& txn_id) const;
  ErrorCode ValidateProducer(const TransactionMetadata& m, ProducerId pid, ProducerEpoch epoch) const;

  // transaction_coordinator_state.cc — the log, loading, timeouts.
  PartitionId PartitionFor(const std::string& txn_id) const;
  // Writes `next` as the pending state; on commit it becomes current.
  void AppendTransition(const std::string& txn_id, TxnRecord next, Done done);
  void AbortTimedOutTransactions();
  // Kafka's prepareFenceProducerEpoch: the epoch a coordinator-side abort
  // writes with, so the old instance is fenced.
  static int16_t FencedEpoch(const TxnRecord& r);
  void Note(const std::string& text);

  // transaction_marker_channel.cc — WriteTxnMarkers.
  void SendMarkers(const std::string& txn_id);
  void SendMarkerTo(const std::string& txn_id, NodeId leader, std::vector<TopicPartition> parts);
  void OnMarkerResponse(int32_t correlation_id, const WriteTxnMarkersResponse* resp);
  void RetryMarkersLater(const std::string& txn_id);
  void CompleteTransaction(const std::string& txn_id);

  struct InFlightMarker {
    std::string txn_id;
    NodeId to;
    int64_t producer_id;
    std::vector<TopicPartition> partitions;
    TimerId timer;
  };

  Env& env_;
  ReplicaManager& replicas_;
  ProducerIdManager& pids_;
  const config::BrokerConfig& cfg_;
  LeaderOf leader_of_;
  // __transaction_state partitions loaded here → their coordinator epoch:
  // the leader epoch when this broker became their leader (onElection).
  // A later leader epoch with the same leader (the controller shrinking the
  // ISR in ZooKeeper mode) is not a new election and changes nothing.
  std::map<PartitionId, int32_t> owned_;
  std::map<std::string, TransactionMetadata> txns_;
  std::map<int32_t, InFlightMarker> markers_in_flight_;
  int32_t next_correlation_id_ = 1;
};

}  // namespace kafkasim::broker
