// core/broker/group_coordinator_txn.cc — offsets committed inside a
// transaction (KIP-98 TxnOffsetCommit, KIP-447 generation fencing): written
// to __consumer_offsets as a transactional batch of the producer, kept
// pending, and made committed only by the transaction's COMMIT marker
// (Kafka's GroupCoordinator.handleTxnCommitOffsets,
// GroupMetadataManager.handleTxnCompletion).
#include "core/broker/group_coordinator.h"
#include "core/record/control_record.h"
#include "core/record/record_batch.h"
#include "core/protocol/message.h"
#include "core/observe/observation.h"
#include "core/protocol/txn.h"
#include "core/protocol/group.h"

namespace kafkasim::broker {

// KIP-447 (Kafka 3.4 GroupCoordinator.handleTxnCommitOffsets): with group
// metadata the member must still be in the group at that generation — a
// zombie whose partitions moved on is refused and its transaction aborts.
ErrorCode GroupCoordinator::CheckTxnOffsetCommit(const TxnOffsetCommitRequest& r) const {
  if (ErrorCode e = CheckCoordinator(r.group_id); e != ErrorCode::NONE) return e;
  auto git = groups_.find(r.group_id);
  if (git == groups_.end()) return ErrorCode::NONE;  // a group not (yet) known here: plain offsets
  const GroupMetadata& g = git->second;
  if (!r.member_id.empty() && !g.members.contains(r.member_id)) return ErrorCode::UNKNOWN_MEMBER_ID;
  if (r.generation_id >= 0 && r.generation_id != g.generation) return ErrorCode::ILLEGAL_GENERATION;
  return ErrorCode::NONE;
}

void GroupCoordinator::HandleTxnOffsetCommit(NodeId from, const TxnOffsetCommitRequest& r) {
  TxnOffsetCommitResponse resp{r.correlation_id, {}};
  if (ErrorCode e = CheckTxnOffsetCommit(r); e != ErrorCode::NONE) {
    for (const auto& [tp, off] : r.offsets) resp.results.push_back(TxnPartitionError{tp, e});
    env_.net.Send(from, resp);
    return;
  }
  GroupMetadata& g = GetOrCreate(r.group_id);
  std::vector<OffsetCommitPartition> parts;
  for (const auto& [tp, off] : r.offsets) parts.push_back(OffsetCommitPartition{tp, off, kNoLeaderEpoch});
  Bytes batch = EncodeOffsetCommitBatch(r.group_id, parts, env_.Now() / kNsPerMs, r.producer_id.value(),
                                        r.producer_epoch.value());
  log_.Append(g.offsets_partition, std::move(batch), [this, from, r](ErrorCode e) {
    ErrorCode mapped = MapOffsetsAppendError(e);
    auto it = groups_.find(r.group_id);
    if (mapped == ErrorCode::NONE && it == groups_.end()) mapped = ErrorCode::NOT_COORDINATOR;
    TxnOffsetCommitResponse done{r.correlation_id, {}};
    for (const auto& [tp, off] : r.offsets) {
      if (mapped == ErrorCode::NONE) it->second.pending_txn_offsets[r.producer_id.value()][tp] = {off, kNoLeaderEpoch};
      done.results.push_back(TxnPartitionError{tp, mapped});
    }
    env_.net.Send(from, done);
  });
}

void GroupCoordinator::OnTxnCompleted(int64_t producer_id, PartitionId p, bool committed) {
  for (auto& [id, g] : groups_) {
    if (g.offsets_partition != p) continue;
    auto pending = g.pending_txn_offsets.find(producer_id);
    if (pending == g.pending_txn_offsets.end()) continue;
    if (committed)
      for (const auto& [tp, c] : pending->second) g.offsets[tp] = c;
    g.pending_txn_offsets.erase(pending);
  }
}

// Loading: a transactional batch's offsets wait for its marker, which may
// come later in the log (or never, if the transaction is still open).
void GroupCoordinator::LoadTxnBatch(const record::BatchHeader& h, std::span<const uint8_t> batch, size_t& offsets) {
  auto decoded = record::DecodeBatch(batch);
  if (!decoded.ok()) return;
  if (h.is_control()) {
    auto markers = record::ParseControlBatch(*decoded);
    if (!markers.ok() || markers->empty() || !markers->front().marker) return;
    bool committed = markers->front().marker->type == record::ControlRecordType::COMMIT;
    PartitionId p{-1};
    for (auto& [id, g] : groups_) {
      if (g.pending_txn_offsets.count(h.producer_id)) p = g.offsets_partition;
    }
    if (p != PartitionId{-1}) OnTxnCompleted(h.producer_id, p, committed);
    return;
  }
  for (const record::Record& rec : decoded->records) {
    if (!rec.key || !rec.value) continue;
    std::string_view key(reinterpret_cast<const char*>(rec.key->data()), rec.key->size());
    std::string_view value(reinterpret_cast<const char*>(rec.value->data()), rec.value->size());
    auto parsed = ParseOffsetCommit(key, value);
    if (!parsed || !parsed->offset) continue;
    GetOrCreate(parsed->group).pending_txn_offsets[h.producer_id][parsed->tp] = *parsed->offset;
    ++offsets;
  }
}

}  // namespace kafkasim::broker
