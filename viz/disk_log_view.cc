// viz/disk_log_view.cc — reading a log's segment files by their batch headers.
#include "viz/disk_log_view.h"

#include <cctype>
#include <string>

#include "core/broker/hw_checkpoint.h"
#include "core/record/batch_header.h"

namespace kafkasim::viz {

namespace {

constexpr size_t kOffsetDigits = 20;

// "<dir>00000000000000000042.log" -> 42 (as Log::Open names segments).
std::optional<int64_t> SegmentBase(const std::string& dir, const std::string& file) {
  const std::string ext = ".log";
  if (file.size() != dir.size() + kOffsetDigits + ext.size()) return std::nullopt;
  if (file.compare(file.size() - ext.size(), ext.size(), ext) != 0) return std::nullopt;
  int64_t value = 0;
  for (size_t i = dir.size(); i < dir.size() + kOffsetDigits; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(file[i])) || value > (INT64_MAX - 9) / 10) return std::nullopt;
    value = value * 10 + (file[i] - '0');
  }
  return value;
}

// Appends the whole batches of one segment; false at a torn or bad batch.
bool ScanSegment(std::span<const uint8_t> bytes, DiskLog& out) {
  size_t pos = 0;
  while (pos < bytes.size()) {
    auto h = record::ParseBatchHeader(bytes.subspan(pos));
    if (!h.ok() || h.value().total_size() > bytes.size() - pos) return false;
    out.batches.push_back(BatchSpan{h.value().base_offset, h.value().last_offset(), h.value().partition_leader_epoch});
    out.log_end = Offset{h.value().last_offset() + 1};
    pos += h.value().total_size();
  }
  return true;
}

}  // namespace

DiskLog ScanDiskLog(const Disk& disk, const TopicPartition& tp) {
  DiskLog out;
  const std::string dir = tp.ToString() + "/";
  for (const std::string& file : disk.List(dir)) {  // sorted; names zero-padded
    std::optional<int64_t> base = SegmentBase(dir, file);
    if (!base) continue;
    if (!out.exists) {
      out.exists = true;
      out.log_start = Offset{*base};
      out.log_end = Offset{*base};
    } else if (*base != out.log_end.value()) {
      break;  // a gap: recovery would delete this and later segments
    }
    if (!ScanSegment(disk.Read(file), out)) break;
  }
  auto hws = broker::ReadHighWatermarkCheckpoint(disk);
  if (auto it = hws.find(tp); it != hws.end()) out.checkpointed_hw = it->second;
  return out;
}

}  // namespace kafkasim::viz
