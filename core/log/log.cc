// core/log/log.cc — Log reads, truncation, flushing and lookups.
// (Appends: log_append.cc; retention: log_retention.cc; Open: log_recovery.cc.)
#include "core/log/log.h"

#include <algorithm>

#include "core/log/checkpoint_file.h"
#include "core/util/assert.h"

namespace kafkasim::log {

Log::Log(Disk& disk, std::string dir, LogSettings settings)
    : disk_(disk), dir_(std::move(dir)), settings_(settings), epoch_cache_(disk_, dir_) {}

Status Log::NewSegment(Offset base) {
  auto segment = std::make_unique<LogSegment>(disk_, dir_, base, settings_.index_interval_bytes);
  Status created = segment->CreateFiles();
  segments_.push_back(std::move(segment));
  return created;
}

// Index of the last segment with base offset <= offset (0 if none).
size_t Log::SegmentIndexFor(Offset offset) const {
  auto it = std::upper_bound(segments_.begin(), segments_.end(), offset,
                             [](Offset o, const std::unique_ptr<LogSegment>& s) { return o < s->base_offset(); });
  return it == segments_.begin() ? 0 : static_cast<size_t>(it - segments_.begin()) - 1;
}

// The file comment's invariants; O(segments), so run after the operations
// that reshape the segment list, not on every append (an append asserts its
// own offset in LogSegment::Append).
void Log::CheckInvariants() const {
  KSIM_ASSERT(!segments_.empty(), dir_ + ": a log without segments");
  for (size_t i = 1; i < segments_.size(); ++i) {
    KSIM_ASSERT(segments_[i]->base_offset() == segments_[i - 1]->next_offset(),
                dir_ + ": segment " + std::to_string(segments_[i]->base_offset().value()) +
                    " does not continue the one before it");
  }
  KSIM_ASSERT(log_start_offset_ <= log_end_offset(), dir_ + ": log start offset above the log end offset");
  KSIM_ASSERT(recovery_point_ <= log_end_offset(), dir_ + ": recovery point above the log end offset");
}

Status Log::DeleteSegment(size_t index) {
  if (Status s = segments_[index]->DeleteFiles(); !s.ok()) return s;
  segments_.erase(segments_.begin() + static_cast<std::ptrdiff_t>(index));
  return OkStatus();
}

Result<ReadInfo> Log::Read(Offset offset, int32_t max_bytes, Offset max_offset_exclusive) const {
  if (offset < log_start_offset_ || offset > log_end_offset()) {
    return MakeError(ErrorCode::OFFSET_OUT_OF_RANGE, "offset " + std::to_string(offset.value()) + " outside [" +
                                                         std::to_string(log_start_offset_.value()) + ", " +
                                                         std::to_string(log_end_offset().value()) + "]");
  }
  ReadInfo info{{}, log_start_offset_, log_end_offset()};
  int64_t total_bytes = 0;
  for (size_t s = SegmentIndexFor(offset); s < segments_.size(); ++s) {
    const auto& batches = segments_[s]->batches();
    for (size_t i = segments_[s]->FindBatch(offset); i < batches.size(); ++i) {
      const BatchRef& b = batches[i];
      const auto size = static_cast<int64_t>(b.bytes->size());
      if (b.last_offset() >= max_offset_exclusive) return info;
      if (!info.batches.empty() && total_bytes + size > max_bytes) return info;
      info.batches.push_back(b.bytes);
      total_bytes += size;
    }
  }
  return info;
}

// A failed write below stops the operation where it is: the log is offline
// (disk_ remembers the failure) and is not written again.
bool Log::TruncateTo(Offset target) {
  if (offline() || target >= log_end_offset()) return false;
  if (target < segments_.front()->base_offset()) {
    TruncateFullyAndStartAt(target);
    return true;
  }
  while (segments_.back()->base_offset() > target) {
    if (!DeleteSegment(segments_.size() - 1).ok()) return true;
  }
  LogSegment& active = *segments_.back();
  // A truncation is durable at once (see the file comment).
  if (!active.TruncateTo(target).ok() || !active.Flush().ok()) return true;
  const Offset leo = log_end_offset();
  epoch_cache_.TruncateFromEnd(leo);
  if (recovery_point_ > leo) {
    recovery_point_ = leo;
    if (!WriteRecoveryPoint().ok()) return true;
  }
  CheckInvariants();
  return true;
}

void Log::TruncateFullyAndStartAt(Offset new_start) {
  if (offline()) return;
  while (!segments_.empty()) {
    if (!DeleteSegment(segments_.size() - 1).ok()) return;  // the rest stay listed
  }
  Status created = NewSegment(new_start);
  epoch_cache_.Clear();
  log_start_offset_ = new_start;
  recovery_point_ = new_start;
  if (created.ok() && !WriteRecoveryPoint().ok()) return;
  CheckInvariants();
}

bool Log::MaybeFlush(TimeNs now) {
  if (offline()) return false;
  const int64_t unflushed = log_end_offset() - recovery_point_;
  if (unflushed <= 0) return false;
  const bool by_messages = unflushed >= settings_.flush_messages;
  const bool by_time = (now - last_flush_ns_) / kNsPerMs >= settings_.flush_ms;
  if (!by_messages && !by_time) return false;
  Flush(now);
  return true;
}

void Log::Flush(TimeNs now) {
  if (offline()) return;
  for (auto& segment : segments_) {
    if (!segment->Flush().ok()) return;  // the recovery point stays behind
  }
  last_flush_ns_ = now;
  if (recovery_point_ != log_end_offset()) {
    recovery_point_ = log_end_offset();
    if (!WriteRecoveryPoint().ok()) return;
  }
}

Status Log::WriteRecoveryPoint() { return WriteCheckpoint(disk_, RecoveryPointFile(), {{recovery_point_.value()}}); }

std::optional<TimestampAndOffset> Log::OffsetForTimestamp(int64_t ts) const {
  if (ts == kLatestTimestamp) return TimestampAndOffset{-1, log_end_offset(), LatestEpoch().value_or(kNoLeaderEpoch)};
  if (ts == kEarliestTimestamp) {
    auto epoch = epoch_cache_.EarliestEntry();
    return TimestampAndOffset{-1, log_start_offset_, epoch ? epoch->epoch : kNoLeaderEpoch};
  }
  // Kafka: the first segment whose largest timestamp reaches ts.
  for (const auto& segment : segments_) {
    if (segment->max_timestamp() < ts) continue;
    auto i = segment->FindBatchByTimestamp(ts);
    if (!i) continue;
    const BatchRef& b = segment->batches()[*i];
    return TimestampAndOffset{b.header.max_timestamp, std::max(b.base_offset(), log_start_offset_),
                              LeaderEpoch{b.header.partition_leader_epoch}};
  }
  return std::nullopt;
}

void Log::AssignEpochStartOffset(LeaderEpoch epoch, Offset start_offset) { epoch_cache_.Assign(epoch, start_offset); }

EpochEndOffset Log::EndOffsetForEpoch(LeaderEpoch epoch) const {
  return epoch_cache_.EndOffsetFor(epoch, log_end_offset());
}

void Log::ForEachBatch(const std::function<void(const record::BatchHeader&, const SharedBytes&)>& fn) const {
  for (const auto& segment : segments_) {
    for (const auto& b : segment->batches()) fn(b.header, b.bytes);
  }
}

std::vector<SegmentInfo> Log::Segments() const {
  std::vector<SegmentInfo> out;
  for (const auto& s : segments_) {
    out.push_back({s->base_offset(), s->next_offset(), s->size_bytes(), s->max_timestamp(), s->batches().size()});
  }
  return out;
}

uint64_t Log::size_bytes() const {
  uint64_t total = 0;
  for (const auto& s : segments_) total += s->size_bytes();
  return total;
}

}  // namespace kafkasim::log
