// core/log/log_retention.cc — deleting old segments by retention.ms and
// retention.bytes (Kafka's UnifiedLog.deleteOldSegments).
#include "core/log/log.h"
#include "core/util/assert.h"

namespace kafkasim::log {

// As Kafka, segments are considered oldest first and deletion stops at the
// first segment that does not qualify. A segment qualifies only if it is not
// the active one and lies entirely below the high watermark (its end offset,
// the next segment's base, is <= HW). retention.ms compares the segment's
// largest record timestamp (ms, same virtual clock as `now`) — or, when its
// batches carry no timestamps, its last append time — with now.
int Log::DeleteRetentionSegments(TimeNs now, Offset high_watermark) {
  if (offline()) return 0;
  const int64_t now_ms = now / kNsPerMs;
  int64_t excess_bytes =
      settings_.retention_bytes < 0 ? -1 : static_cast<int64_t>(size_bytes()) - settings_.retention_bytes;
  int deleted = 0;
  while (segments_.size() > 1) {
    const LogSegment& oldest = *segments_.front();
    if (segments_[1]->base_offset() > high_watermark) break;
    const int64_t largest_ms =
        oldest.max_timestamp() >= 0 ? oldest.max_timestamp() : oldest.last_modified_ns() / kNsPerMs;
    const bool by_time = settings_.retention_ms >= 0 && now_ms - largest_ms > settings_.retention_ms;
    const auto size = static_cast<int64_t>(oldest.size_bytes());
    const bool by_size = excess_bytes >= 0 && excess_bytes - size >= 0;
    if (!by_time && !by_size) break;
    if (!DeleteSegment(0).ok()) break;  // offline: see log.h
    if (excess_bytes >= 0) excess_bytes -= size;
    ++deleted;
  }
  if (deleted > 0) {
    if (segments_.front()->base_offset() > log_start_offset_) log_start_offset_ = segments_.front()->base_offset();
    epoch_cache_.TruncateFromStart(log_start_offset_);
    CheckInvariants();
  }
  return deleted;
}

}  // namespace kafkasim::log
