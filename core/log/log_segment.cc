// core/log/log_segment.cc — LogSegment (see header).
#include "core/log/log_segment.h"
#include "core/util/assert.h"

#include <algorithm>
#include <cstdio>

namespace kafkasim::log {

std::string LogSegment::FileName(const std::string& dir, Offset base_offset, const char* ext) {
  char name[32];
  std::snprintf(name, sizeof name, "%020lld", static_cast<long long>(base_offset.value()));
  return dir + name + ext;
}

LogSegment::LogSegment(Disk& disk, const std::string& dir, Offset base_offset, int32_t index_interval_bytes)
    : disk_(disk),
      base_offset_(base_offset),
      index_interval_bytes_(index_interval_bytes),
      log_file_(FileName(dir, base_offset, ".log")),
      offset_index_(disk, FileName(dir, base_offset, ".index"), base_offset),
      time_index_(disk, FileName(dir, base_offset, ".timeindex"), base_offset),
      offset_of_max_timestamp_(base_offset) {}

Status LogSegment::CreateFiles() {
  if (Status created = disk_.Append(log_file_, {}); !created.ok()) return created;
  return disk_.Fsync(log_file_);
}

Status LogSegment::Append(SharedBytes bytes, const record::BatchHeader& header, TimeNs now, bool write_log) {
  KSIM_ASSERT(Offset{header.base_offset} == next_offset(), log_file_ + ": batch at offset " +
                                                               std::to_string(header.base_offset) + " appended where " +
                                                               std::to_string(next_offset().value()) + " is next");
  const auto position = static_cast<uint32_t>(size_bytes_);
  if (write_log) {
    if (Status written = disk_.Append(log_file_, *bytes); !written.ok()) return written;
  }
  Status indexed = OkStatus();
  // Recovered bytes may sit only in the page cache (after a process crash),
  // so they count as unflushed too.
  dirty_ = true;
  if (!rolling_start_ns_) rolling_start_ns_ = now;
  last_modified_ns_ = now;
  if (header.max_timestamp > max_timestamp_) {
    max_timestamp_ = header.max_timestamp;
    offset_of_max_timestamp_ = Offset{header.last_offset()};
  }
  // As Kafka: index the append that starts after index.interval.bytes.
  if (bytes_since_last_index_entry_ > static_cast<uint64_t>(index_interval_bytes_)) {
    indexed = offset_index_.Append(Offset{header.last_offset()}, position);
    if (indexed.ok()) indexed = time_index_.MaybeAppend(max_timestamp_, offset_of_max_timestamp_);
    bytes_since_last_index_entry_ = 0;
  }
  size_bytes_ += bytes->size();
  bytes_since_last_index_entry_ += bytes->size();
  batches_.push_back(BatchRef{std::move(bytes), header, position});
  return indexed;
}

size_t LogSegment::FindBatch(Offset target) const {
  const uint32_t start_position = offset_index_.Lookup(target).position;
  auto it = std::lower_bound(batches_.begin(), batches_.end(), start_position,
                             [](const BatchRef& b, uint32_t pos) { return b.position < pos; });
  while (it != batches_.end() && it->last_offset() < target) ++it;
  return static_cast<size_t>(it - batches_.begin());
}

Status LogSegment::TruncateTo(Offset target) {
  const size_t keep = FindBatch(target);
  if (Status s = offset_index_.TruncateTo(target); !s.ok()) return s;
  if (Status s = time_index_.TruncateTo(target); !s.ok()) return s;
  if (keep == batches_.size()) return OkStatus();
  const uint64_t new_size = batches_[keep].position;
  if (Status s = disk_.Truncate(log_file_, new_size); !s.ok()) return s;
  batches_.resize(keep);
  size_bytes_ = new_size;
  dirty_ = true;
  bytes_since_last_index_entry_ = 0;
  max_timestamp_ = -1;
  offset_of_max_timestamp_ = base_offset_;
  for (const auto& b : batches_) {
    if (b.header.max_timestamp > max_timestamp_) {
      max_timestamp_ = b.header.max_timestamp;
      offset_of_max_timestamp_ = b.last_offset();
    }
  }
  if (batches_.empty()) rolling_start_ns_.reset();
  return OkStatus();
}

Status LogSegment::OnBecomeInactive() { return time_index_.MaybeAppend(max_timestamp_, offset_of_max_timestamp_); }

Status LogSegment::Flush() {
  if (!dirty_) return OkStatus();
  if (Status s = disk_.Fsync(log_file_); !s.ok()) return s;
  if (Status s = offset_index_.Flush(); !s.ok()) return s;
  if (Status s = time_index_.Flush(); !s.ok()) return s;
  dirty_ = false;
  return OkStatus();
}

Status LogSegment::DeleteFiles() {
  if (Status s = disk_.Remove(log_file_); !s.ok()) return s;
  if (Status s = offset_index_.DeleteFile(); !s.ok()) return s;
  return time_index_.DeleteFile();
}

std::optional<size_t> LogSegment::FindBatchByTimestamp(int64_t ts) const {
  const TimestampOffset floor = time_index_.Lookup(ts);
  size_t i = FindBatch(floor.offset);
  for (; i < batches_.size(); ++i) {
    if (batches_[i].header.max_timestamp >= ts) return i;
  }
  return std::nullopt;
}

}  // namespace kafkasim::log
