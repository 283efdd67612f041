// core/broker/partition.h — one replica of one partition on this broker, and,
// when it leads, the replication state of its followers.
//
// Where to look:
//   - high watermark:   MaybeIncrementHighWatermark — the minimum LEO over the
//                       leader and every follower in the maximal ISR (the ISR
//                       plus a pending expansion, KIP-497) or caught up
//                       (FollowerState::IsCaughtUp); such followers hold the
//                       HW back, never push it forward (Kafka 3.4
//                       Partition.maybeIncrementLeaderHW)
//   - follower state:   UpdateFollowerFetchState, called once per fetch
//                       request when it arrives — never when a parked fetch is
//                       woken or expires (ReplicaManager::ReadPartition)
//   - ISR shrink:       OutOfSyncReplicas — a follower whose LEO equals the
//                       leader's is never out of sync, however long since it
//                       fetched (an idle partition keeps its ISR; Kafka's
//                       Partition.isFollowerOutOfSync)
//   - ISR expand:       UpdateFollowerFetchState -> CanExpandIsrWith
//   - acks/min ISR:     AppendAsLeader (NOT_ENOUGH_REPLICAS before append)
//   - last stable offset: last_stable_offset — min(first offset of the oldest
//                       transaction not yet decided and replicated, HW)
//                       (Kafka's UnifiedLog.lastStableOffset); aborted
//                       transactions in transaction_index()
//   - become leader / follower: MakeLeader / MakeFollower
//
// INVARIANTS (KSIM_ASSERT in partition.cc; sim/check re-checks them from outside):
//   - log start offset <= high_watermark() <= log end offset, and the HW
//     never decreases while leader (SetHighWatermark);
//   - the leader epoch never decreases (ApplyState);
//   - the leader is always in its own ISR, proposed or committed;
//   - a follower's HW is min(leader's HW it was told, its own LEO) — set in
//     UpdateFollowerHighWatermark; not asserted (the "told" value is not kept).
#pragma once

#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "core/broker/producer_state.h"
#include "core/broker/transaction_index.h"
#include "core/config/topic_config.h"
#include "core/env.h"
#include "core/log/log.h"
#include "core/protocol/controller_api.h"
#include "core/protocol/fetch.h"

namespace kafkasim::broker {

// A time before any simulated time: "never" (Kafka's 0 ms, the Unix epoch —
// simulated time itself starts at 0, so 0 would be "just now").
inline constexpr TimeNs kNever = std::numeric_limits<TimeNs>::min();

// What the leader knows about one follower (Kafka's Replica / ReplicaState).
struct FollowerState {
  Offset log_end_offset{-1};
  TimeNs last_caught_up_time = kNever;
  TimeNs last_fetch_time = kNever;
  Offset last_fetch_leader_leo{-1};

  // Kafka's ReplicaState.isCaughtUp: it has the leader's LEO, or it caught up
  // within the last `max_lag` (last_caught_up_time >= now - max_lag).
  bool IsCaughtUp(Offset leader_leo, TimeNs now, TimeNs max_lag) const {
    return log_end_offset == leader_leo || last_caught_up_time >= now - max_lag;
  }
};

// Kafka's FetchIsolation: how far a fetch may read.
enum class FetchIsolation {
  kLogEnd,         // followers: to the LEO
  kHighWatermark,  // read_uncommitted consumers: to the HW
  kTxnCommitted,   // read_committed consumers: to the LSO, with the aborted transactions
};

// Kafka's FetchDataInfo.
struct FetchDataInfo {
  std::vector<SharedBytes> records;                      // whole batches, in offset order
  std::vector<AbortedTransaction> aborted_transactions;  // kTxnCommitted only
};

struct LeaderAppendResult {
  ErrorCode error = ErrorCode::NONE;
  Offset base_offset{-1};
  Offset last_offset{-1};
  std::string message;
};

class Partition {
 public:
  // `replica_lag_time_max_ms` is the broker's replica.lag.time.max.ms.
  Partition(Env& env, TopicPartition tp, std::unique_ptr<log::Log> log, config::EffectiveTopicConfig cfg,
            int64_t replica_lag_time_max_ms);

  const TopicPartition& tp() const { return tp_; }
  log::Log& log() { return *log_; }
  const log::Log& log() const { return *log_; }
  bool is_leader() const { return leader_ == env_.self; }
  NodeId leader() const { return leader_; }
  LeaderEpoch leader_epoch() const { return leader_epoch_; }
  const std::vector<NodeId>& isr() const { return isr_; }
  const std::vector<NodeId>& replicas() const { return replicas_; }
  int32_t partition_epoch() const { return partition_epoch_; }
  Offset high_watermark() const { return high_watermark_; }
  // Kafka's UnifiedLog.lastStableOffset: the first unstable offset if it is
  // below the HW, else the HW. read_committed consumers read below it.
  Offset last_stable_offset() const;
  Offset log_end_offset() const { return log_->log_end_offset(); }
  const config::EffectiveTopicConfig& config() const { return cfg_; }
  const std::map<NodeId, FollowerState>& followers() const { return followers_; }
  bool isr_change_in_flight() const { return !proposed_isr_.empty(); }
  // KIP-497's maximal ISR: the ISR plus a pending expansion's new member; a
  // pending shrink still counts the committed ISR. Sorted.
  std::vector<NodeId> maximal_isr() const;

  // Applies a LeaderAndIsr partition state naming this broker the leader.
  void MakeLeader(const PartitionState& st);
  // Applies a state naming another broker the leader. Truncation is the
  // fetcher's job (it knows the truncation mode).
  void MakeFollower(const PartitionState& st);

  // Appends a producer batch (acks already validated). Stamps offsets and
  // the leader epoch; checks idempotent sequences and transactions. Only
  // AppendOrigin::kCoordinator may write control batches (markers).
  LeaderAppendResult AppendAsLeader(Bytes& batch, int16_t acks, AppendOrigin origin = AppendOrigin::kClient);
  // Appends one batch fetched from the leader, kept as the shared bytes it
  // arrived in (no copy: a stored batch is immutable).
  Status AppendAsFollower(const SharedBytes& batch);

  // Reads whole batches from `fetch_offset` up to the isolation's bound
  // (Kafka's Partition.readRecords → UnifiedLog.read). At kTxnCommitted also
  // the aborted transactions overlapping what was read
  // (LocalLog.addAbortedTransactions). Errors as Log::Read.
  Result<FetchDataInfo> ReadRecords(Offset fetch_offset, int32_t max_bytes, FetchIsolation isolation) const;

  // Leader: a follower fetched at `fetch_offset` (its LEO). Returns true when
  // the HW moved.
  bool UpdateFollowerFetchState(NodeId follower, Offset fetch_offset);
  // Leader: may the follower rejoin the ISR?
  bool CanExpandIsrWith(NodeId follower) const;
  // Leader: followers in the ISR that are not caught up — LEO below the
  // leader's and not caught up within replica.lag.time.max.ms.
  std::vector<NodeId> OutOfSyncReplicas() const;
  // Leader: HW = min LEO over the leader and the followers in the maximal ISR
  // or caught up; moved forward only. Returns true when moved.
  bool MaybeIncrementHighWatermark();
  // The ISR is below min(min.insync.replicas, replication factor) (Kafka's isUnderMinIsr).
  bool UnderMinIsr() const;
  // Follower: the leader told us its HW.
  void UpdateFollowerHighWatermark(Offset leader_hw);
  // Restores the HW read from the checkpoint at startup.
  void RestoreHighWatermark(Offset hw);

  // ISR changes go through the control plane; these bracket that. `proposed`
  // is the ISR asked for (its additions join the maximal ISR at once).
  void BeginIsrChange(const std::vector<NodeId>& proposed);
  void CompleteIsrChange(const std::vector<NodeId>& isr, int32_t partition_epoch, const char* reason);
  // isr.update=optimistic only: the leader uses `isr` at once, before the
  // coordination service has it (the partition epoch is unchanged).
  void ApplyIsrBeforeCommit(const std::vector<NodeId>& isr, const std::string& reason);
  void AbortIsrChange();

  // Follower truncation; rebuilds producer state and clamps the HW.
  void TruncateTo(Offset offset, const std::string& reason);

  ProducerStateManager& producer_state() { return producer_state_; }
  const ProducerStateManager& producer_state() const { return producer_state_; }
  const TransactionIndex& transaction_index() const { return txn_index_; }

 private:
  // The controller's decision (leader, epochs, ISR, replicas) as given.
  void ApplyState(const PartitionState& st);
  void SetHighWatermark(Offset hw);
  void RebuildProducerState();
  // Producer state and the aborted index learn one appended batch (Kafka's
  // UnifiedLog.updateProducers + LogSegment.updateTxnIndex + completeTxn).
  void UpdateProducerState(const record::BatchHeader& h, std::span<const uint8_t> batch);

  Env& env_;
  TopicPartition tp_;
  std::unique_ptr<log::Log> log_;
  config::EffectiveTopicConfig cfg_;
  NodeId leader_ = kNoNode;
  LeaderEpoch leader_epoch_ = kNoLeaderEpoch;
  ControllerEpoch controller_epoch_{0};
  std::vector<NodeId> replicas_;
  std::vector<NodeId> isr_;
  int32_t partition_epoch_ = 0;
  Offset high_watermark_{0};
  Offset leader_epoch_start_offset_{0};
  std::map<NodeId, FollowerState> followers_;
  std::vector<NodeId> proposed_isr_;  // the ISR asked for; empty when no change is in flight
  TimeNs replica_lag_time_max_;
  ProducerStateManager producer_state_;
  TransactionIndex txn_index_;
};

}  // namespace kafkasim::broker
