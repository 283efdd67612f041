// core/log/log.h — one partition's log on one broker (Kafka's UnifiedLog +
// LocalLog, without tiered storage, compaction or producer state).
//
// Owns the segments of directory `dir` ("orders-0/") on a node's Disk, the
// leader-epoch cache, the log start offset, the log end offset (LEO) and the
// recovery point. Batches are opaque RecordBatch v2 bytes apart from their
// 61-byte header. The Log owns no clock: callers pass `now` (virtual ns).
//
// INVARIANT: segments_ is never empty, sorted by base offset, contiguous
//   (segments_[i+1].base == segments_[i].next_offset()); only the last one
//   (the active segment) receives appends and may be empty.
// INVARIANT: log_start_offset_ <= LEO; offsets are gap-free from the log
//   start to the LEO; recovery_point_ <= LEO.
// Both asserted by CheckInvariants after Open, Roll, truncation and
// retention; each append asserts its offset (LogSegment::Append).
//
// Durability: appends sit in the page cache until Flush (flush.messages,
// flush.ms, or a segment roll, which flushes the older segments as Kafka
// does). Segment creation, removal and truncation are made durable at once.
// (Kafka does not fsync a truncation; a power failure there may resurrect
// truncated batches until the next epoch truncation. kafkasim keeps every
// recovered log a prefix of the log's history instead.)
//
// A failing disk: every write goes through a FailureTrackingDisk. The first
// failed write (a full disk, an I/O error) takes the log offline, as Kafka's
// LogDirFailureChannel takes its directory offline: appends then fail with
// KAFKA_STORAGE_ERROR, truncation, retention and flushes do nothing, and
// Open fails with it. The broker halts before it uses the log again
// (Broker::OnLogDirFailure); a restart recovers it from what is on disk.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/env.h"
#include "core/log/failure_tracking_disk.h"
#include "core/log/leader_epoch_cache.h"
#include "core/log/log_segment.h"
#include "core/log/log_settings.h"
#include "core/protocol/common.h"
#include "core/protocol/metadata.h"
#include "core/record/batch_header.h"
#include "core/types.h"
#include "core/util/result.h"

namespace kafkasim::log {

struct AppendInfo {
  Offset first_offset;
  Offset last_offset;
  int64_t max_timestamp = -1;
  Offset offset_of_max_timestamp;
  int32_t num_batches = 0;
  int64_t records_count = 0;
  int64_t valid_bytes = 0;
};

struct ReadInfo {
  std::vector<SharedBytes> batches;  // whole batches, in offset order
  Offset log_start_offset;
  Offset log_end_offset;
};

struct TimestampAndOffset {
  int64_t timestamp = -1;
  Offset offset;
  LeaderEpoch leader_epoch = kNoLeaderEpoch;
};

struct SegmentInfo {
  Offset base_offset;
  Offset next_offset;
  uint64_t size_bytes = 0;
  int64_t max_timestamp = -1;
  size_t batch_count = 0;
};

// ListOffsets sentinel timestamps (Kafka's ListOffsetsRequest).
constexpr int64_t kLatestTimestamp = -1;
constexpr int64_t kEarliestTimestamp = -2;

// What recovery cut from a log's tail (Kafka logs "Found invalid messages in
// log segment ... truncating to ..."): the bytes after the last whole, valid
// batch of a segment, and every segment after it.
struct RecoveryCut {
  Offset at;                       // the first offset not recovered: the new LEO
  uint64_t bytes = 0;              // bytes cut from that segment's .log
  std::string reason;              // e.g. "torn batch: 37 of its 112 bytes on disk"
  int later_segments_deleted = 0;  // whole segments after it
};

class Log {
 public:
  static constexpr const char* kRecoveryPointName = "recovery-point-offset-checkpoint";

  // Opens (recovers) the log in `dir`, creating an empty log at offset 0 if
  // there is none. Scans every segment, validating each batch header and
  // CRC; a torn or corrupt tail is truncated and every later segment is
  // deleted (Kafka's recovery). Rebuilds indexes and the in-memory batches,
  // reloads the leader-epoch checkpoint and truncates it to [start, LEO].
  // Errors: KAFKA_STORAGE_ERROR when the disk refuses a write recovery needs.
  static Result<std::unique_ptr<Log>> Open(Disk& disk, std::string dir, LogSettings settings, TimeNs now);

  // Leader append: `batches` holds one or more v2 batches (CRC checked).
  // Assigns offsets from the LEO and stamps partitionLeaderEpoch = `epoch`
  // in place. Errors: CORRUPT_MESSAGE (bad header/CRC/count, trailing bytes);
  // KAFKA_STORAGE_ERROR when the log is or goes offline (a failed write).
  Result<AppendInfo> AppendAsLeader(Bytes& batches, LeaderEpoch epoch, TimeNs now);
  // Follower append: offsets already assigned. The first batch's base offset
  // must equal the LEO and batches must be contiguous, else
  // OFFSET_OUT_OF_RANGE; nothing is appended on any error. The epoch cache
  // learns each batch's partitionLeaderEpoch.
  Result<AppendInfo> AppendAsFollower(std::span<const uint8_t> batches, TimeNs now);
  Result<AppendInfo> AppendAsFollower(const std::vector<SharedBytes>& batches, TimeNs now);

  // Whole batches from the one holding `offset`: at least one batch (even
  // above max_bytes), then more while the total stays <= max_bytes; never a
  // batch whose last offset is >= max_offset_exclusive (pass the HW for
  // consumers, the LEO for followers). OFFSET_OUT_OF_RANGE when offset is
  // below the log start offset or above the LEO.
  Result<ReadInfo> Read(Offset offset, int32_t max_bytes, Offset max_offset_exclusive) const;

  // Follower truncation (Kafka's UnifiedLog.truncateTo): removes every batch
  // whose last offset >= target. A target inside a batch removes that whole
  // batch, and the LEO becomes its base offset (kafkasim keeps the LEO at
  // the end of the data; Kafka would set LEO = target). A target below the
  // first segment truncates fully and starts at target. Returns false when
  // target >= LEO (nothing to do).
  bool TruncateTo(Offset target);
  // Deletes everything; the log restarts empty at `new_start`.
  void TruncateFullyAndStartAt(Offset new_start);

  // Deletes whole non-active segments, oldest first, while they breach
  // retention.ms (max timestamp < now - retention.ms) or retention.bytes, and
  // only those entirely below `high_watermark`. Advances the log start
  // offset. Returns the number of segments deleted.
  int DeleteRetentionSegments(TimeNs now, Offset high_watermark);

  // Flushes when flush.messages or flush.ms is due. Returns true if it did.
  bool MaybeFlush(TimeNs now);
  // Fsyncs every dirty segment; recovery point = LEO.
  void Flush(TimeNs now);

  // ListOffsets: kLatestTimestamp -> LEO, kEarliestTimestamp -> log start;
  // otherwise the first batch with max timestamp >= ts (its base offset and
  // max timestamp; batches are opaque, so not the exact record), or nullopt.
  std::optional<TimestampAndOffset> OffsetForTimestamp(int64_t ts) const;

  // A leader that takes over assigns its epoch at the LEO before any append
  // (Kafka's Partition.makeLeader); appends assign epochs too.
  void AssignEpochStartOffset(LeaderEpoch epoch, Offset start_offset);
  EpochEndOffset EndOffsetForEpoch(LeaderEpoch epoch) const;
  std::optional<LeaderEpoch> LatestEpoch() const { return epoch_cache_.LatestEpoch(); }
  const LeaderEpochCache& leader_epoch_cache() const { return epoch_cache_; }

  // Visits every batch from the log start, in offset order.
  void ForEachBatch(const std::function<void(const record::BatchHeader&, const SharedBytes&)>& fn) const;
  std::vector<SegmentInfo> Segments() const;

  // A write failed: the log refuses appends (see the file comment).
  bool offline() const { return disk_.offline(); }
  const std::optional<Error>& offline_error() const { return disk_.failure(); }

  // Set by Open when recovery cut anything; otherwise nullopt.
  const std::optional<RecoveryCut>& recovery_cut() const { return recovery_cut_; }
  Offset log_start_offset() const { return log_start_offset_; }
  Offset log_end_offset() const { return segments_.back()->next_offset(); }
  Offset recovery_point() const { return recovery_point_; }
  uint64_t size_bytes() const;
  const std::string& dir() const { return dir_; }
  const LogSettings& settings() const { return settings_; }

 private:
  Log(Disk& disk, std::string dir, LogSettings settings);

  // log_recovery.cc
  Status Recover(TimeNs now);
  std::vector<Offset> ListSegmentBases() const;
  // Scans one segment's .log file; returns false when it stopped early (the
  // tail was cut) so later segments must go.
  bool RecoverSegment(LogSegment& segment, std::vector<EpochEntry>& epochs, TimeNs now);

  // log_append.cc
  Result<AppendInfo> AppendValidated(std::vector<std::pair<SharedBytes, record::BatchHeader>> batches, TimeNs now);
  Status MaybeRoll(uint64_t batch_bytes, Offset last_offset, TimeNs now);
  Status Roll(TimeNs now);

  // log.cc
  // Adds the segment even when its file cannot be made (the list stays
  // contiguous; the log is offline then).
  Status NewSegment(Offset base);
  void CheckInvariants() const;
  size_t SegmentIndexFor(Offset offset) const;
  // Removes the segment from the list only when its files are gone.
  Status DeleteSegment(size_t index);
  Status WriteRecoveryPoint();
  std::string RecoveryPointFile() const { return dir_ + kRecoveryPointName; }

  FailureTrackingDisk disk_;  // every file of this log goes through it
  std::string dir_;
  LogSettings settings_;
  // INVARIANT: see the file comment (asserted by CheckInvariants).
  std::vector<std::unique_ptr<LogSegment>> segments_;
  LeaderEpochCache epoch_cache_;
  Offset log_start_offset_;
  Offset recovery_point_;
  std::optional<RecoveryCut> recovery_cut_;
  TimeNs last_flush_ns_ = 0;
};

}  // namespace kafkasim::log
