// core/log/log_segment.h — one segment of a partition log, as Kafka's LogSegment.
//
// Owns three files named by the base offset, "<dir>00000000000000000042.log",
// ".index" and ".timeindex", and an in-memory copy of every batch it holds
// (SharedBytes, so fetches share instead of copying). The .log file is the
// truth: recovery rebuilds the in-memory copy and both indexes from it.
//
// INVARIANT: batches_ are contiguous: batches_[0].base == base_offset_ and
//   batches_[i+1].base == batches_[i].last + 1 (asserted by Append);
//   positions are the running byte sums; size_bytes_ == the .log file size
//   (not asserted: the file size is the disk's, and a power failure may
//   legally shrink it under a crashed broker's segment object).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/env.h"
#include "core/log/offset_index.h"
#include "core/log/time_index.h"
#include "core/protocol/common.h"
#include "core/record/batch_header.h"
#include "core/types.h"

namespace kafkasim::log {

struct BatchRef {
  SharedBytes bytes;
  record::BatchHeader header;
  uint32_t position = 0;  // byte position in the .log file
  Offset base_offset() const { return Offset{header.base_offset}; }
  Offset last_offset() const { return Offset{header.last_offset()}; }
};

class LogSegment {
 public:
  LogSegment(Disk& disk, const std::string& dir, Offset base_offset, int32_t index_interval_bytes);

  // "<dir>" + 20-digit zero-padded offset + ext (".log", ".index", ".timeindex").
  static std::string FileName(const std::string& dir, Offset base_offset, const char* ext);

  // Creates the empty .log file and fsyncs it, so the segment (and with it
  // the log's base offset) survives a power failure.
  Status CreateFiles();
  // Appends one batch: to the .log file when `write_log` (recovery passes
  // false: the bytes are already there), to the indexes, and in memory.
  // REQUIRES (asserted): header.base_offset == next_offset().
  // A failed .log write changes nothing; a failed index write leaves the
  // batch appended (its bytes are in the .log) and returns the error.
  Status Append(SharedBytes bytes, const record::BatchHeader& header, TimeNs now, bool write_log = true);
  // Index of the first batch whose last offset >= target, or batches().size().
  size_t FindBatch(Offset target) const;
  // Kafka's LogSegment.truncateTo: removes every batch whose last offset is
  // >= target (a batch holding `target` goes whole).
  Status TruncateTo(Offset target);
  // Adds the final time index entry (Kafka's onBecomeInactiveSegment).
  Status OnBecomeInactive();
  Status Flush();
  Status DeleteFiles();
  // The first batch with max timestamp >= ts, found via the time index.
  std::optional<size_t> FindBatchByTimestamp(int64_t ts) const;

  Offset base_offset() const { return base_offset_; }
  Offset next_offset() const { return batches_.empty() ? base_offset_ : batches_.back().last_offset() + 1; }
  uint64_t size_bytes() const { return size_bytes_; }
  bool empty() const { return batches_.empty(); }
  int64_t max_timestamp() const { return max_timestamp_; }
  std::optional<TimeNs> rolling_start_ns() const { return rolling_start_ns_; }
  TimeNs last_modified_ns() const { return last_modified_ns_; }
  void set_last_modified_ns(TimeNs t) { last_modified_ns_ = t; }
  const std::vector<BatchRef>& batches() const { return batches_; }
  const OffsetIndex& offset_index() const { return offset_index_; }
  const TimeIndex& time_index() const { return time_index_; }
  const std::string& log_file() const { return log_file_; }

 private:
  Disk& disk_;
  Offset base_offset_;
  int32_t index_interval_bytes_;
  std::string log_file_;
  OffsetIndex offset_index_;
  TimeIndex time_index_;
  std::vector<BatchRef> batches_;
  uint64_t size_bytes_ = 0;
  uint64_t bytes_since_last_index_entry_ = 0;
  int64_t max_timestamp_ = -1;
  Offset offset_of_max_timestamp_;
  // Set by the first append; segment.ms counts from here. Cleared when the
  // segment is truncated empty (Kafka resets its `created` time then).
  std::optional<TimeNs> rolling_start_ns_;
  TimeNs last_modified_ns_ = 0;
  bool dirty_ = false;  // bytes written since the last Flush
};

}  // namespace kafkasim::log
