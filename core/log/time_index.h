// core/log/time_index.h — a segment's sparse time index (".timeindex").
//
// Maps max-timestamp-so-far -> offset, as Kafka's TimeIndex: an entry is
// added next to each offset index entry (and when the segment becomes
// inactive) only if its timestamp is larger than the last entry's. Entries
// are 12 bytes on disk (big-endian timestamp int64, relative offset int32).
// File, truncation and reset: AbstractIndex.
//
// INVARIANT: entries strictly increasing in timestamp (MaybeAppend skips an
//   older one), non-decreasing in offset (asserted in MaybeAppend).
#pragma once

#include <cstdint>
#include <string>

#include "core/log/abstract_index.h"

namespace kafkasim::log {

struct TimestampOffset {
  int64_t timestamp = -1;
  Offset offset;
};

class TimeIndex : public AbstractIndex<TimestampOffset, 12> {
 public:
  using AbstractIndex::AbstractIndex;

  // Appends (timestamp, offset) when timestamp > the last entry's timestamp.
  Status MaybeAppend(int64_t timestamp, Offset offset);
  // The entry with the largest timestamp <= target, or (-1, base offset).
  TimestampOffset Lookup(int64_t target) const;
  // Drops entries with offset >= target (Kafka's TimeIndex.truncateTo).
  Status TruncateTo(Offset target);
};

}  // namespace kafkasim::log
