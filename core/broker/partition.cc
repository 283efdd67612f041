#include "core/broker/partition.h"

#include "core/record/control_record.h"
#include "core/observe/observation.h"
#include "core/util/assert.h"

#include <algorithm>
#include <iterator>

namespace kafkasim::broker {
namespace {

bool Contains(const std::vector<NodeId>& v, NodeId id) { return std::find(v.begin(), v.end(), id) != v.end(); }

// The end-transaction marker of a control batch (ProducerAppendInfo.append
// reads its first record); nullopt for data batches, empty control batches
// and control records that are not markers.
std::optional<record::EndTransactionMarker> MarkerOf(const record::BatchHeader& h, std::span<const uint8_t> batch) {
  if (!h.is_control()) return std::nullopt;
  auto decoded = record::DecodeBatch(batch);
  if (!decoded.ok()) return std::nullopt;
  auto records = record::ParseControlBatch(*decoded);
  if (!records.ok() || records->empty()) return std::nullopt;
  return records->front().marker;
}

}  // namespace

Partition::Partition(Env& env, TopicPartition tp, std::unique_ptr<log::Log> log, config::EffectiveTopicConfig cfg,
                     int64_t replica_lag_time_max_ms)
    : env_(env), tp_(tp), log_(std::move(log)), cfg_(cfg), replica_lag_time_max_(Ms(replica_lag_time_max_ms)) {
  RebuildProducerState();
}

void Partition::ApplyState(const PartitionState& st) {
  // ReplicaManager::BecomeLeaderOrFollower drops a request with an older
  // leader epoch (Kafka: STALE_CONTROLLER_EPOCH / FENCED_LEADER_EPOCH).
  KSIM_ASSERT(st.leader_epoch >= leader_epoch_, "leader epoch of " + tp_.ToString() + " went backwards from " +
                                                    std::to_string(leader_epoch_.value()) + " to " +
                                                    std::to_string(st.leader_epoch.value()));
  KSIM_ASSERT(st.leader != env_.self || Contains(st.isr, env_.self),
              "this broker leads " + tp_.ToString() + " but is not in its ISR");
  leader_ = st.leader;
  leader_epoch_ = st.leader_epoch;
  controller_epoch_ = st.controller_epoch;
  replicas_ = st.replicas;
  isr_ = st.isr;
  partition_epoch_ = st.partition_epoch;
  proposed_isr_.clear();
}

void Partition::MakeLeader(const PartitionState& st) {
  bool new_epoch = st.leader_epoch != leader_epoch_;
  ApplyState(st);
  if (new_epoch) {
    // Kafka: the new leader records where its epoch starts (KIP-101).
    log_->AssignEpochStartOffset(leader_epoch_, log_->log_end_offset());
    leader_epoch_start_offset_ = log_->log_end_offset();
    // Kafka's Partition.makeLeader resets its followers only on a new leader
    // epoch (Replica.resetReplicaState): ISR members are caught up as of now,
    // the others never, so they cannot hold the HW back before they fetch.
    // (kafkasim forgets their LEOs as a newly elected leader does.)
    followers_.clear();
    const TimeNs now = env_.Now();
    for (NodeId r : replicas_)
      if (r != env_.self) followers_[r].last_caught_up_time = Contains(isr_, r) ? now : kNever;
  } else {
    // Same epoch: keep what is known, follow the replica set (Kafka's
    // remoteReplicasMap tracks the assignment).
    for (auto it = followers_.begin(); it != followers_.end();)
      it = Contains(replicas_, it->first) ? std::next(it) : followers_.erase(it);
    for (NodeId r : replicas_)
      if (r != env_.self) followers_.try_emplace(r);
  }
  env_.observer.Observe(ObsBecomeRole{env_.self, tp_, true, env_.self, leader_epoch_});
  MaybeIncrementHighWatermark();
}

void Partition::MakeFollower(const PartitionState& st) {
  ApplyState(st);
  followers_.clear();
  env_.observer.Observe(ObsBecomeRole{env_.self, tp_, false, leader_, leader_epoch_});
}

LeaderAppendResult Partition::AppendAsLeader(Bytes& batch, int16_t acks, AppendOrigin origin) {
  LeaderAppendResult r;
  if (!is_leader()) {
    r.error = ErrorCode::NOT_LEADER_OR_FOLLOWER;
    return r;
  }
  if (acks == -1 && static_cast<int32_t>(isr_.size()) < cfg_.min_insync_replicas) {
    r.error = ErrorCode::NOT_ENOUGH_REPLICAS;
    r.message = "ISR size " + std::to_string(isr_.size()) + " < min.insync.replicas " +
                std::to_string(cfg_.min_insync_replicas);
    return r;
  }
  auto header = record::ParseBatchHeader(batch);
  if (!header.ok() || !record::VerifyBatchCrc(batch)) {
    r.error = ErrorCode::CORRUPT_MESSAGE;
    r.message = header.ok() ? "CRC mismatch" : header.error().message;
    return r;
  }
  if (header->is_control() && origin == AppendOrigin::kClient) {
    // Kafka 3.4 LogValidator.validateBatch, for AppendOrigin.Client: only the
    // transaction coordinator writes COMMIT/ABORT markers.
    r.error = ErrorCode::INVALID_RECORD;
    r.message = "Clients are not allowed to write control records in topic partition " + tp_.ToString() + ".";
    return r;
  }
  if (static_cast<int64_t>(batch.size()) > cfg_.max_message_bytes) {
    // Kafka's LogValidator: RecordTooLargeException. (A Java producer would
    // split a multi-record batch and retry; kafkasim's fails it.)
    r.error = ErrorCode::MESSAGE_TOO_LARGE;
    r.message = "batch of " + std::to_string(batch.size()) + " bytes > max.message.bytes " +
                std::to_string(cfg_.max_message_bytes);
    return r;
  }
  SequenceCheck seq = producer_state_.Check(*header, origin, MarkerOf(*header, batch));
  if (seq.error != ErrorCode::NONE) {
    r.error = seq.error;
    r.base_offset = seq.duplicate_of.first_offset;
    r.last_offset = seq.duplicate_of.last_offset;
    return r;
  }
  auto info = log_->AppendAsLeader(batch, leader_epoch_, env_.Now());
  if (!info.ok()) {
    r.error = info.error().code;
    r.message = info.error().message;
    return r;
  }
  r.base_offset = info->first_offset;
  r.last_offset = info->last_offset;
  auto stamped = record::ParseBatchHeader(batch);
  if (stamped.ok()) UpdateProducerState(*stamped, batch);
  env_.observer.Observe(ObsAppend{env_.self, tp_, r.base_offset, r.last_offset, leader_epoch_, true});
  MaybeIncrementHighWatermark();
  return r;
}

Status Partition::AppendAsFollower(const SharedBytes& batch) {
  Offset before = log_->log_end_offset();
  auto info = log_->AppendAsFollower(std::vector<SharedBytes>{batch}, env_.Now());
  if (!info.ok()) return info.error();
  if (auto h = record::ParseBatchHeader(*batch); h.ok()) UpdateProducerState(*h, *batch);  // validated by the log
  Offset after = log_->log_end_offset();
  if (after > before) {
    env_.observer.Observe(
        ObsAppend{env_.self, tp_, before, after + (-1), log_->LatestEpoch().value_or(kNoLeaderEpoch), false});
  }
  return OkStatus();
}

Result<FetchDataInfo> Partition::ReadRecords(Offset fetch_offset, int32_t max_bytes, FetchIsolation isolation) const {
  Offset max_offset = log_end_offset();
  if (isolation == FetchIsolation::kHighWatermark) max_offset = high_watermark_;
  if (isolation == FetchIsolation::kTxnCommitted) max_offset = last_stable_offset();
  auto read = log_->Read(fetch_offset, max_bytes, max_offset);
  if (!read.ok()) return read.error();
  FetchDataInfo out;
  out.records = std::move(read->batches);
  if (isolation != FetchIsolation::kTxnCommitted || out.records.empty()) return out;
  // The upper bound is the offset after the last batch returned (Kafka:
  // LogSegment.fetchUpperBoundOffset, the next batch's base offset).
  auto last = record::ParseBatchHeader(*out.records.back());
  Offset upper_bound = last.ok() ? Offset{last->last_offset() + 1} : log_end_offset();
  for (const AbortedTxn& t : txn_index_.Collect(fetch_offset, upper_bound))
    out.aborted_transactions.push_back(AbortedTransaction{t.producer_id, t.first_offset});
  return out;
}

bool Partition::UpdateFollowerFetchState(NodeId follower, Offset fetch_offset) {
  auto it = followers_.find(follower);
  if (it == followers_.end()) return false;
  FollowerState& f = it->second;
  const TimeNs now = env_.Now();
  const Offset leader_leo = log_->log_end_offset();
  // Kafka's Replica.updateFetchState: caught up if it reached the leader's
  // LEO now, or the LEO the leader had at its previous fetch.
  if (fetch_offset >= leader_leo) {
    f.last_caught_up_time = std::max(f.last_caught_up_time, now);
  } else if (fetch_offset >= f.last_fetch_leader_leo) {
    f.last_caught_up_time = std::max(f.last_caught_up_time, f.last_fetch_time);
  }
  f.log_end_offset = fetch_offset;
  f.last_fetch_leader_leo = leader_leo;
  f.last_fetch_time = now;
  return MaybeIncrementHighWatermark();
}

bool Partition::CanExpandIsrWith(NodeId follower) const {
  if (!is_leader() || isr_change_in_flight() || Contains(isr_, follower)) return false;
  auto it = followers_.find(follower);
  if (it == followers_.end()) return false;
  // Caught up to the HW and to the start of the current leader epoch.
  return it->second.log_end_offset >= high_watermark_ && it->second.log_end_offset >= leader_epoch_start_offset_;
}

std::vector<NodeId> Partition::OutOfSyncReplicas() const {
  std::vector<NodeId> out;
  if (!is_leader()) return out;
  const TimeNs now = env_.Now();
  const Offset leader_leo = log_->log_end_offset();
  for (NodeId r : isr_) {
    if (r == env_.self) continue;
    auto it = followers_.find(r);
    // Kafka's Partition.isFollowerOutOfSync: an unknown replica is out of sync.
    if (it == followers_.end() || !it->second.IsCaughtUp(leader_leo, now, replica_lag_time_max_)) out.push_back(r);
  }
  return out;
}

std::vector<NodeId> Partition::maximal_isr() const {
  std::vector<NodeId> out = isr_;
  for (NodeId r : proposed_isr_)
    if (!Contains(out, r)) out.push_back(r);
  std::sort(out.begin(), out.end());
  return out;
}

bool Partition::MaybeIncrementHighWatermark() {
  if (!is_leader()) return false;
  // Kafka 3.7+ (KAFKA-15583, Partition.maybeIncrementLeaderHW): "Not
  // increasing HWM because partition is under min ISR" — the ISR, not the
  // maximal ISR, against min(min.insync.replicas, replication factor).
  if (cfg_.hw_waits_for_min_isr && UnderMinIsr()) return false;
  const Offset leader_leo = log_->log_end_offset();
  const TimeNs now = env_.Now();
  const std::vector<NodeId> maximal = maximal_isr();
  Offset new_hw = leader_leo;
  for (const auto& [id, f] : followers_) {
    if (f.log_end_offset >= new_hw) continue;
    if (Contains(maximal, id) || f.IsCaughtUp(leader_leo, now, replica_lag_time_max_)) new_hw = f.log_end_offset;
  }
  // An ISR member the leader has no state for (not among the replicas) has
  // fetched nothing: it holds the HW where it is.
  for (NodeId r : maximal)
    if (r != env_.self && followers_.find(r) == followers_.end()) new_hw = std::min(new_hw, Offset{-1});
  if (new_hw > high_watermark_) {
    SetHighWatermark(new_hw);
    return true;
  }
  return false;
}

bool Partition::UnderMinIsr() const {
  const auto effective_min_isr = std::min<size_t>(static_cast<size_t>(std::max(cfg_.min_insync_replicas, 1)),
                                                  std::max<size_t>(replicas_.size(), 1));
  return isr_.size() < effective_min_isr;
}

void Partition::UpdateFollowerHighWatermark(Offset leader_hw) {
  Offset hw = std::min(leader_hw, log_->log_end_offset());
  if (hw != high_watermark_ && hw >= Offset{0}) SetHighWatermark(hw);
}

void Partition::RestoreHighWatermark(Offset hw) {
  high_watermark_ = std::clamp(hw, log_->log_start_offset(), log_->log_end_offset());
  producer_state_.OnHighWatermarkUpdated(high_watermark_);
}

Offset Partition::last_stable_offset() const {
  std::optional<Offset> first_unstable = producer_state_.FirstUnstableOffset();
  return first_unstable && *first_unstable < high_watermark_ ? *first_unstable : high_watermark_;
}

void Partition::SetHighWatermark(Offset hw) {
  Offset old = high_watermark_;
  KSIM_ASSERT(hw <= log_->log_end_offset(), "high watermark " + std::to_string(hw.value()) + " of " + tp_.ToString() +
                                                " above the log end offset " +
                                                std::to_string(log_->log_end_offset().value()));
  KSIM_ASSERT(hw >= log_->log_start_offset(), "high watermark " + std::to_string(hw.value()) + " of " + tp_.ToString() +
                                                  " below the log start offset " +
                                                  std::to_string(log_->log_start_offset().value()));
  KSIM_ASSERT(!is_leader() || hw >= old, "leader moved the high watermark of " + tp_.ToString() + " backwards");
  high_watermark_ = hw;
  producer_state_.OnHighWatermarkUpdated(hw);
  env_.observer.Observe(ObsHighWatermark{env_.self, tp_, old, hw, is_leader()});
}

void Partition::BeginIsrChange(const std::vector<NodeId>& proposed) {
  // A proposed ISR always holds its leader, so "in flight" is "proposed non-empty".
  KSIM_ASSERT(Contains(proposed, env_.self), "a proposed ISR of " + tp_.ToString() + " lacks its leader");
  proposed_isr_ = proposed;
}

void Partition::AbortIsrChange() { proposed_isr_.clear(); }

void Partition::CompleteIsrChange(const std::vector<NodeId>& isr, int32_t partition_epoch, const char* reason) {
  KSIM_ASSERT(!is_leader() || Contains(isr, env_.self), "the ISR of " + tp_.ToString() + " lost its leader");
  std::vector<NodeId> old = isr_;
  isr_ = isr;
  partition_epoch_ = partition_epoch;
  proposed_isr_.clear();
  // (Already told when isr.update=optimistic applied it early.)
  if (old != isr_) env_.observer.Observe(ObsIsrChange{env_.self, tp_, old, isr_, partition_epoch_, reason, true});
  MaybeIncrementHighWatermark();
}

void Partition::ApplyIsrBeforeCommit(const std::vector<NodeId>& isr, const std::string& reason) {
  KSIM_ASSERT(!is_leader() || Contains(isr, env_.self), "the ISR of " + tp_.ToString() + " lost its leader");
  std::vector<NodeId> old = isr_;
  isr_ = isr;
  env_.observer.Observe(ObsIsrChange{env_.self, tp_, old, isr_, partition_epoch_, reason, true});
  MaybeIncrementHighWatermark();
}

void Partition::TruncateTo(Offset offset, const std::string& reason) {
  Offset old_leo = log_->log_end_offset();
  if (offset >= old_leo) return;
  log_->TruncateTo(offset);
  Offset new_leo = log_->log_end_offset();
  // A follower truncates; a leader never cuts below its own HW (the
  // invariant checker reads this replica's HW directly to catch it).
  if (high_watermark_ > new_leo) high_watermark_ = new_leo;
  RebuildProducerState();
  env_.observer.Observe(ObsTruncate{env_.self, tp_, old_leo, new_leo, reason});
}

void Partition::RebuildProducerState() {
  producer_state_.Clear();
  txn_index_.Clear();
  log_->ForEachBatch(
      [this](const record::BatchHeader& h, const SharedBytes& bytes) { UpdateProducerState(h, *bytes); });
  producer_state_.OnHighWatermarkUpdated(high_watermark_);
}

void Partition::UpdateProducerState(const record::BatchHeader& h, std::span<const uint8_t> batch) {
  std::optional<CompletedTxn> done = producer_state_.Update(h, MarkerOf(h, batch));
  if (!done) return;
  // Kafka's UnifiedLog.append: the aborted transaction goes into the index
  // with the LSO computed before the transaction is marked complete.
  if (done->is_aborted) {
    txn_index_.Append(
        AbortedTxn{done->producer_id, done->first_offset, done->last_offset, producer_state_.LastStableOffset(*done)});
  }
  producer_state_.CompleteTxn(*done);
}

}  // namespace kafkasim::broker
