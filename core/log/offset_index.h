// core/log/offset_index.h — a segment's sparse offset index (".index").
//
// Maps offset -> byte position in the segment's .log file, one entry every
// index.interval.bytes of appended batches, as Kafka's OffsetIndex. Entries
// are 8 bytes on disk (big-endian relative offset int32, position int32),
// appended as they are made; the in-memory copy answers lookups. The file is
// a cache: log recovery rebuilds it from the .log file.
//
// INVARIANT: entries_ strictly increasing in offset and in position
//   (asserted by Append).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/env.h"
#include "core/types.h"

namespace kafkasim::log {

struct OffsetPosition {
  Offset offset;
  uint32_t position = 0;
};

class OffsetIndex {
 public:
  static constexpr size_t kEntrySize = 8;

  OffsetIndex(Disk& disk, std::string file, Offset base_offset);

  // REQUIRES (asserted): offset > last entry's offset, position > last entry's position.
  // The entry is kept only when its bytes were written.
  Status Append(Offset offset, uint32_t position);
  // The entry with the largest offset <= target, or (base offset, 0).
  OffsetPosition Lookup(Offset target) const;
  // Drops entries with offset >= target (Kafka's OffsetIndex.truncateTo).
  Status TruncateTo(Offset target);
  // Drops every entry and rewrites the file empty.
  Status Reset();
  Status Flush() { return disk_.Exists(file_) ? disk_.Fsync(file_) : OkStatus(); }
  Status DeleteFile() { return disk_.Remove(file_); }

  const std::vector<OffsetPosition>& entries() const { return entries_; }
  const std::string& file() const { return file_; }

 private:
  Disk& disk_;
  std::string file_;
  Offset base_offset_;
  std::vector<OffsetPosition> entries_;
};

}  // namespace kafkasim::log
