// core/log/offset_index.cc — OffsetIndex (see header).
#include "core/log/offset_index.h"

#include <algorithm>

#include "core/record/batch_header.h"
#include "core/util/assert.h"

namespace kafkasim::log {

OffsetIndex::OffsetIndex(Disk& disk, std::string file, Offset base_offset)
    : disk_(disk), file_(std::move(file)), base_offset_(base_offset) {}

Status OffsetIndex::Append(Offset offset, uint32_t position) {
  KSIM_ASSERT(entries_.empty() || (offset > entries_.back().offset && position > entries_.back().position),
              "offset index " + file_ + ": entry (" + std::to_string(offset.value()) + ", " + std::to_string(position) +
                  ") does not follow the last one");
  uint8_t buf[kEntrySize];
  record::WriteBe32(buf, static_cast<int32_t>(offset - base_offset_));
  record::WriteBe32(buf + 4, static_cast<int32_t>(position));
  Status written = disk_.Append(file_, buf);
  if (written.ok()) entries_.push_back({offset, position});
  return written;
}

OffsetPosition OffsetIndex::Lookup(Offset target) const {
  auto it = std::upper_bound(entries_.begin(), entries_.end(), target,
                             [](Offset t, const OffsetPosition& e) { return t < e.offset; });
  if (it == entries_.begin()) return {base_offset_, 0};
  return *std::prev(it);
}

Status OffsetIndex::TruncateTo(Offset target) {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), target,
                             [](const OffsetPosition& e, Offset t) { return e.offset < t; });
  entries_.erase(it, entries_.end());
  return disk_.Truncate(file_, entries_.size() * kEntrySize);
}

Status OffsetIndex::Reset() {
  entries_.clear();
  return disk_.Truncate(file_, 0);
}

}  // namespace kafkasim::log
