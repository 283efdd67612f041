// core/log/time_index.h — a segment's sparse time index (".timeindex").
//
// Maps max-timestamp-so-far -> offset, as Kafka's TimeIndex: an entry is
// added next to each offset index entry (and when the segment becomes
// inactive) only if its timestamp is larger than the last entry's. Entries
// are 12 bytes on disk (big-endian timestamp int64, relative offset int32).
// The file is a cache: log recovery rebuilds it from the .log file.
//
// INVARIANT: entries_ strictly increasing in timestamp (MaybeAppend skips an
//   older one), non-decreasing in offset (asserted in MaybeAppend).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/env.h"
#include "core/types.h"

namespace kafkasim::log {

struct TimestampOffset {
  int64_t timestamp = -1;
  Offset offset;
};

class TimeIndex {
 public:
  static constexpr size_t kEntrySize = 12;

  TimeIndex(Disk& disk, std::string file, Offset base_offset);

  // Appends (timestamp, offset) when timestamp > the last entry's timestamp.
  Status MaybeAppend(int64_t timestamp, Offset offset);
  // The entry with the largest timestamp <= target, or (-1, base offset).
  TimestampOffset Lookup(int64_t target) const;
  // Drops entries with offset >= target (Kafka's TimeIndex.truncateTo).
  Status TruncateTo(Offset target);
  Status Reset();
  Status Flush() { return disk_.Exists(file_) ? disk_.Fsync(file_) : OkStatus(); }
  Status DeleteFile() { return disk_.Remove(file_); }

  const std::vector<TimestampOffset>& entries() const { return entries_; }
  const std::string& file() const { return file_; }

 private:
  Disk& disk_;
  std::string file_;
  Offset base_offset_;
  std::vector<TimestampOffset> entries_;
};

}  // namespace kafkasim::log
