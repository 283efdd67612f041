// core/broker/producer_state.h — idempotent and transactional producer state
// per partition (Kafka's ProducerStateManager, KIP-98).
//
// For each producer id the broker keeps its epoch and the metadata of its
// last kMaxCachedBatches batches. A retried batch whose sequence range is
// cached is a duplicate (answered with DUPLICATE_SEQUENCE_NUMBER and the
// original offset, and not appended again); a gap in sequence numbers under
// the same epoch, or a new epoch that does not start at sequence 0, is
// OUT_OF_ORDER_SEQUENCE_NUMBER; an older epoch is INVALID_PRODUCER_EPOCH. A
// producer the partition has no state for is accepted at any sequence
// (KIP-360). Leaders and followers both update it on every append, so a new
// leader deduplicates too.
//
// Transactions: a producer's first transactional batch opens its transaction
// on this partition at that batch's base offset (currentTxnFirstOffset); the
// COMMIT or ABORT marker the coordinator writes closes it (a CompletedTxn).
// Open transactions are `ongoing`; a closed one stays `unreplicated` until the
// high watermark passes its marker. The first offset of the oldest of either
// is the first unstable offset, and the last stable offset (LSO) is
// min(first unstable offset, HW) — Partition::last_stable_offset.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>

#include "core/protocol/errors.h"
#include "core/record/batch_header.h"
#include "core/record/control_record.h"
#include "core/types.h"

namespace kafkasim::broker {

constexpr size_t kMaxCachedBatches = 5;  // Kafka's NUM_BATCHES_TO_RETAIN

// Who writes a batch (Kafka's AppendOrigin): a producer's sequences are
// checked only for Client; only the Coordinator may write control batches;
// Replication (a follower copying its leader) checks nothing.
enum class AppendOrigin { kClient, kCoordinator, kReplication };

struct BatchMetadata {
  int32_t first_seq = 0;
  int32_t last_seq = 0;
  Offset first_offset{0};
  Offset last_offset{0};
};

struct ProducerEntry {
  int16_t epoch = -1;
  std::deque<BatchMetadata> batches;               // oldest first, at most kMaxCachedBatches
  std::optional<Offset> current_txn_first_offset;  // set while its transaction is open here
  int32_t coordinator_epoch = -1;                  // of the last marker written for it
};

// A transaction ended on this partition by a marker at `last_offset`
// (Kafka's CompletedTxn).
struct CompletedTxn {
  int64_t producer_id = -1;
  Offset first_offset{0};
  Offset last_offset{0};
  bool is_aborted = false;
};

struct SequenceCheck {
  ErrorCode error = ErrorCode::NONE;  // NONE: append; DUPLICATE_SEQUENCE_NUMBER: answer `duplicate_of`
  BatchMetadata duplicate_of;
};

class ProducerStateManager {
 public:
  // Validates a batch about to be appended by the leader. Non-idempotent
  // batches (producer id -1) always pass. `marker` is the end-transaction
  // marker of a control batch (nullopt for data batches).
  SequenceCheck Check(const record::BatchHeader& h, AppendOrigin origin = AppendOrigin::kClient,
                      const std::optional<record::EndTransactionMarker>& marker = std::nullopt) const;
  // Records an appended batch (leader or follower). Returns the transaction
  // a marker completed; the caller indexes it if aborted and then calls
  // CompleteTxn (Kafka's UnifiedLog.append → updateProducers).
  std::optional<CompletedTxn> Update(const record::BatchHeader& h,
                                     const std::optional<record::EndTransactionMarker>& marker = std::nullopt);
  // The LSO recorded with an aborted transaction in the index: the first
  // offset of the oldest other open transaction, or just past the marker
  // (Kafka's ProducerStateManager.lastStableOffset(completedTxn)).
  Offset LastStableOffset(const CompletedTxn& txn) const;
  // Moves the transaction from ongoing to unreplicated (completeTxn).
  void CompleteTxn(const CompletedTxn& txn);
  // Forgets completed transactions whose marker is below the HW
  // (onHighWatermarkUpdated).
  void OnHighWatermarkUpdated(Offset high_watermark);
  // The first offset of the oldest transaction that is open, or closed by a
  // marker the HW has not passed yet (firstUnstableOffset).
  std::optional<Offset> FirstUnstableOffset() const;

  void Clear();
  const std::map<int64_t, ProducerEntry>& producers() const { return producers_; }
  // Open transactions: first offset -> producer id.
  const std::map<Offset, int64_t>& ongoing_txns() const { return ongoing_txns_; }

 private:
  SequenceCheck CheckDataBatch(const ProducerEntry& e, const record::BatchHeader& h, AppendOrigin origin) const;
  std::optional<CompletedTxn> AppendEndTxnMarker(ProducerEntry& e, const record::BatchHeader& h,
                                                 const record::EndTransactionMarker& marker);

  std::map<int64_t, ProducerEntry> producers_;
  std::map<Offset, int64_t> ongoing_txns_;       // first offset -> producer id
  std::map<Offset, CompletedTxn> unreplicated_;  // first offset -> the completed transaction
};

}  // namespace kafkasim::broker
