// core/log/abstract_index.h — what a segment's offset and time indexes share
// (Kafka's AbstractIndex): a file of fixed-size entries next to the segment's
// .log, appended as entries are made, truncated or reset with the segment,
// and an in-memory copy that answers lookups. The file is a cache: log
// recovery rebuilds it from the .log file.
//
// Entry is the in-memory entry type; the subclass (OffsetIndex, TimeIndex)
// decides when to append and how an entry is laid out on disk.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/env.h"
#include "core/types.h"

namespace kafkasim::log {

template <typename Entry, size_t EntrySize>
class AbstractIndex {
 public:
  static constexpr size_t kEntrySize = EntrySize;

  AbstractIndex(Disk& disk, std::string file, Offset base_offset)
      : disk_(disk), file_(std::move(file)), base_offset_(base_offset) {}

  // Drops every entry and rewrites the file empty.
  Status Reset() { return TruncateEntries(0); }
  Status Flush() { return disk_.Exists(file_) ? disk_.Fsync(file_) : OkStatus(); }
  Status DeleteFile() { return disk_.Remove(file_); }

  const std::vector<Entry>& entries() const { return entries_; }
  const std::string& file() const { return file_; }

 protected:
  // Writes the entry's bytes; the entry is kept only when they were written.
  Status AppendEntry(const Entry& entry, std::span<const uint8_t, EntrySize> bytes) {
    Status written = disk_.Append(file_, bytes);
    if (written.ok()) entries_.push_back(entry);
    return written;
  }
  // Keeps the first `count` entries, in memory and in the file.
  Status TruncateEntries(size_t count) {
    if (count < entries_.size()) entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(count), entries_.end());
    return disk_.Truncate(file_, entries_.size() * EntrySize);
  }
  // An entry's offset as stored: relative to the segment's base offset.
  int32_t Relative(Offset offset) const { return static_cast<int32_t>(offset - base_offset_); }

  Disk& disk_;
  std::string file_;
  Offset base_offset_;
  std::vector<Entry> entries_;
};

}  // namespace kafkasim::log
