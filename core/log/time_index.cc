// core/log/time_index.cc — TimeIndex (see header).
#include "core/log/time_index.h"

#include <algorithm>

#include "core/record/batch_header.h"
#include "core/util/assert.h"

namespace kafkasim::log {

Status TimeIndex::MaybeAppend(int64_t timestamp, Offset offset) {
  if (!entries_.empty() && timestamp <= entries_.back().timestamp) return OkStatus();
  if (timestamp < 0) return OkStatus();
  KSIM_ASSERT(entries_.empty() || offset >= entries_.back().offset,
              "time index " + file_ + ": offset " + std::to_string(offset.value()) + " below the last entry's");
  uint8_t buf[kEntrySize];
  record::WriteBe64(buf, timestamp);
  record::WriteBe32(buf + 8, Relative(offset));
  return AppendEntry({timestamp, offset}, buf);
}

TimestampOffset TimeIndex::Lookup(int64_t target) const {
  auto it = std::upper_bound(entries_.begin(), entries_.end(), target,
                             [](int64_t t, const TimestampOffset& e) { return t < e.timestamp; });
  if (it == entries_.begin()) return {-1, base_offset_};
  return *std::prev(it);
}

Status TimeIndex::TruncateTo(Offset target) {
  auto it =
      std::find_if(entries_.begin(), entries_.end(), [&](const TimestampOffset& e) { return e.offset >= target; });
  return TruncateEntries(static_cast<size_t>(it - entries_.begin()));
}

}  // namespace kafkasim::log
