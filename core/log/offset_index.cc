// core/log/offset_index.cc — OffsetIndex (see header).
#include "core/log/offset_index.h"

#include <algorithm>

#include "core/record/batch_header.h"
#include "core/util/assert.h"

namespace kafkasim::log {

Status OffsetIndex::Append(Offset offset, uint32_t position) {
  KSIM_ASSERT(entries_.empty() || (offset > entries_.back().offset && position > entries_.back().position),
              "offset index " + file_ + ": entry (" + std::to_string(offset.value()) + ", " + std::to_string(position) +
                  ") does not follow the last one");
  uint8_t buf[kEntrySize];
  record::WriteBe32(buf, Relative(offset));
  record::WriteBe32(buf + 4, static_cast<int32_t>(position));
  return AppendEntry({offset, position}, buf);
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
  return TruncateEntries(static_cast<size_t>(it - entries_.begin()));
}

}  // namespace kafkasim::log
