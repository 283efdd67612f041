// core/log/offset_index.h — a segment's sparse offset index (".index").
//
// Maps offset -> byte position in the segment's .log file, one entry every
// index.interval.bytes of appended batches, as Kafka's OffsetIndex. Entries
// are 8 bytes on disk (big-endian relative offset int32, position int32).
// File, truncation and reset: AbstractIndex.
//
// INVARIANT: entries strictly increasing in offset and in position
//   (asserted by Append).
#pragma once

#include <cstdint>
#include <string>

#include "core/log/abstract_index.h"

namespace kafkasim::log {

struct OffsetPosition {
  Offset offset;
  uint32_t position = 0;
};

class OffsetIndex : public AbstractIndex<OffsetPosition, 8> {
 public:
  using AbstractIndex::AbstractIndex;

  // REQUIRES (asserted): offset > last entry's offset, position > last entry's position.
  // The entry is kept only when its bytes were written.
  Status Append(Offset offset, uint32_t position);
  // The entry with the largest offset <= target, or (base offset, 0).
  OffsetPosition Lookup(Offset target) const;
  // Drops entries with offset >= target (Kafka's OffsetIndex.truncateTo).
  Status TruncateTo(Offset target);
};

}  // namespace kafkasim::log
