// viz/disk_log_view.cc — reading a log's segment files by their batch headers.
#include "viz/disk_log_view.h"

#include <cctype>
#include <string>

#include "core/broker/hw_checkpoint.h"
#include "core/record/batch_header.h"
#include "core/record/control_record.h"

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
    out.batches.push_back(SpanOfBatch(h.value(), bytes.subspan(pos, h.value().total_size())));
    out.log_end = Offset{h.value().last_offset() + 1};
    pos += h.value().total_size();
  }
  return true;
}

}  // namespace

BatchSpan SpanOfBatch(const record::BatchHeader& h, std::span<const uint8_t> batch) {
  BatchSpan s{h.base_offset, h.last_offset(), h.partition_leader_epoch, h.producer_id, BatchKind::kData, false};
  if (!h.is_control()) {
    if (h.is_transactional()) s.kind = BatchKind::kTxnData;
    return s;
  }
  s.kind = BatchKind::kControl;
  auto decoded = record::DecodeBatch(batch);
  if (!decoded.ok()) return s;
  auto records = record::ParseControlBatch(*decoded);
  if (!records.ok() || records->empty()) return s;
  if (records->front().type == record::ControlRecordType::COMMIT) s.kind = BatchKind::kCommit;
  if (records->front().type == record::ControlRecordType::ABORT) s.kind = BatchKind::kAbort;
  return s;
}

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
