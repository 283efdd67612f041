// core/log/log_recovery.cc — Log::Open: rebuilding a log from its files
// (Kafka's LogLoader). Disk bytes are untrusted: every problem becomes a
// truncation or an error value, never a crash.
//
// kafkasim scans every segment (Kafka scans only those after the recovery
// point); the recovery point is still read back, so it reports what is known
// to be flushed.
#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "core/log/checkpoint_file.h"
#include "core/log/log.h"

namespace kafkasim::log {
namespace {

constexpr size_t kOffsetDigits = 20;

// "<dir>00000000000000000042.log" -> 42; nullopt for any other name.
std::optional<Offset> ParseSegmentName(const std::string& dir, const std::string& file) {
  const std::string ext = ".log";
  if (file.size() != dir.size() + kOffsetDigits + ext.size()) return std::nullopt;
  if (file.compare(file.size() - ext.size(), ext.size(), ext) != 0) return std::nullopt;
  int64_t value = 0;
  for (size_t i = dir.size(); i < dir.size() + kOffsetDigits; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(file[i]))) return std::nullopt;
    if (value > (INT64_MAX - 9) / 10) return std::nullopt;
    value = value * 10 + (file[i] - '0');
  }
  return Offset{value};
}

}  // namespace

Result<std::unique_ptr<Log>> Log::Open(Disk& disk, std::string dir, LogSettings settings, TimeNs now) {
  std::unique_ptr<Log> log(new Log(disk, std::move(dir), settings));
  auto status = log->Recover(now);
  if (!status.ok()) return status.error();
  return log;
}

std::vector<Offset> Log::ListSegmentBases() const {
  std::vector<Offset> bases;
  for (const auto& file : disk_.List(dir_)) {
    if (auto base = ParseSegmentName(dir_, file)) bases.push_back(*base);
  }
  return bases;  // List() is sorted and names are zero-padded: sorted by offset
}

Status Log::Recover(TimeNs now) {
  // A corrupt checkpoint is not fatal: the batches rebuild the cache below.
  (void)epoch_cache_.Load();
  std::vector<EpochEntry> epochs;
  bool cut = false;
  for (Offset base : ListSegmentBases()) {
    auto segment = std::make_unique<LogSegment>(disk_, dir_, base, settings_.index_interval_bytes);
    // Kafka's segments are contiguous here; a gap or overlap means the files
    // after a lost tail are stale, so they go (Kafka deletes the segments
    // after a corrupt one).
    if (cut || (!segments_.empty() && base != log_end_offset())) {
      if (Status s = segment->DeleteFiles(); !s.ok()) return s;
      if (!recovery_cut_) recovery_cut_ = RecoveryCut{log_end_offset(), 0, "segment files do not continue the log"};
      ++recovery_cut_->later_segments_deleted;
      cut = true;
      continue;
    }
    cut = !RecoverSegment(*segment, epochs, now);
    if (disk_.offline()) return *disk_.failure();
    if (!segments_.empty()) {
      if (Status s = segments_.back()->OnBecomeInactive(); !s.ok()) return s;
    }
    segments_.push_back(std::move(segment));
  }
  if (segments_.empty()) {
    if (Status s = NewSegment(Offset{0}); !s.ok()) return s;
  }
  log_start_offset_ = segments_.front()->base_offset();
  // Re-learn epochs from the batches, as Kafka's segment recovery does, then
  // trim the cache to what the log holds.
  epoch_cache_.AssignAll(epochs);
  epoch_cache_.TruncateFromEnd(log_end_offset());
  epoch_cache_.TruncateFromStart(log_start_offset_);
  auto rp = ReadCheckpoint(disk_, RecoveryPointFile(), 1);
  recovery_point_ = log_start_offset_;
  if (rp.ok() && rp->size() == 1) {
    recovery_point_ = std::clamp(Offset{(*rp)[0][0]}, log_start_offset_, log_end_offset());
  }
  last_flush_ns_ = now;
  if (disk_.offline()) return *disk_.failure();  // an epoch checkpoint write failed
  CheckInvariants();
  return OkStatus();
}

// Walks the .log bytes batch by batch; the first batch that is short, has a
// bad header or CRC, or does not continue the offsets, ends the segment: the
// file is truncated there (and fsynced) and false is returned. A failed
// write returns at once; the caller sees disk_.offline().
bool Log::RecoverSegment(LogSegment& segment, std::vector<EpochEntry>& epochs, TimeNs now) {
  // Stale index files are rebuilt from scratch.
  if (!disk_.Truncate(segment.offset_index().file(), 0).ok()) return false;
  if (!disk_.Truncate(segment.time_index().file(), 0).ok()) return false;
  const std::span<const uint8_t> file = disk_.Read(segment.log_file());
  const uint64_t file_size = file.size();
  std::vector<std::pair<SharedBytes, record::BatchHeader>> valid;
  uint64_t pos = 0;
  Offset expected = segment.base_offset();
  std::string why;
  while (pos < file_size) {
    auto rest = file.subspan(pos);
    auto header = record::ParseBatchHeader(rest);
    if (!header.ok()) {
      why = rest.size() < record::kBatchHeaderSize ? "torn batch header (" + std::to_string(rest.size()) + " bytes)"
                                                   : "unreadable batch header: " + header.error().message;
      break;
    }
    if (header->total_size() > rest.size()) {
      why = "torn batch: " + std::to_string(rest.size()) + " of its " + std::to_string(header->total_size()) +
            " bytes on disk";
      break;
    }
    if (Offset{header->base_offset} != expected) {
      why = "batch at offset " + std::to_string(header->base_offset) + " where " + std::to_string(expected.value()) +
            " was expected";
      break;
    }
    auto batch = rest.first(header->total_size());
    if (!record::VerifyBatchCrc(batch)) {
      why = "CRC mismatch in the batch at offset " + std::to_string(expected.value());
      break;
    }
    valid.emplace_back(MakeShared(Bytes(batch.begin(), batch.end())), *header);
    pos += header->total_size();
    expected = Offset{header->last_offset()} + 1;
  }
  // `file` is invalid from here on (the disk may be mutated).
  for (auto& [bytes, header] : valid) {
    if (header.partition_leader_epoch >= 0) {
      epochs.push_back({LeaderEpoch{header.partition_leader_epoch}, Offset{header.base_offset}});
    }
    if (!segment.Append(std::move(bytes), header, now, /*write_log=*/false).ok()) return false;
  }
  if (pos == file_size) return true;
  recovery_cut_ = RecoveryCut{expected, file_size - pos, std::move(why)};
  if (!disk_.Truncate(segment.log_file(), pos).ok()) return false;
  (void)disk_.Fsync(segment.log_file());  // a failure is in disk_.failure(); the caller returns it
  return false;
}

}  // namespace kafkasim::log
