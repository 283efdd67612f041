// core/log/log_append.cc — Log appends (leader and follower) and rolling.
#include <string>

#include "core/log/log.h"

namespace kafkasim::log {
namespace {

struct ParsedBatch {
  size_t position;  // in the input buffer
  record::BatchHeader header;
};

// Splits `bytes` into whole v2 batches, checking header, length and CRC.
Result<std::vector<ParsedBatch>> ParseBatches(std::span<const uint8_t> bytes) {
  std::vector<ParsedBatch> out;
  if (bytes.empty()) return MakeError(ErrorCode::CORRUPT_MESSAGE, "no record batches to append");
  size_t pos = 0;
  while (pos < bytes.size()) {
    auto rest = bytes.subspan(pos);
    auto header = record::ParseBatchHeader(rest);
    if (!header.ok()) return header.error();
    if (header->total_size() > rest.size()) {
      return MakeError(ErrorCode::CORRUPT_MESSAGE, "batch at byte " + std::to_string(pos) + " is truncated");
    }
    if (!record::VerifyBatchCrc(rest.first(header->total_size()))) {
      return MakeError(ErrorCode::CORRUPT_MESSAGE, "batch at byte " + std::to_string(pos) + " fails its CRC");
    }
    out.push_back({pos, *header});
    pos += header->total_size();
  }
  return out;
}

SharedBytes CopyBatch(std::span<const uint8_t> bytes, const ParsedBatch& b) {
  auto span = bytes.subspan(b.position, b.header.total_size());
  return MakeShared(Bytes(span.begin(), span.end()));
}

}  // namespace

Result<AppendInfo> Log::AppendAsLeader(Bytes& batches, LeaderEpoch epoch, TimeNs now) {
  auto parsed = ParseBatches(batches);
  if (!parsed.ok()) return parsed.error();
  Offset next = log_end_offset();
  std::vector<std::pair<SharedBytes, record::BatchHeader>> out;
  for (auto& b : *parsed) {
    // Kafka's LogValidator: the offset range must match the record count.
    if (b.header.records_count <= 0 || b.header.records_count != int64_t{b.header.last_offset_delta} + 1) {
      return MakeError(ErrorCode::CORRUPT_MESSAGE, "batch record count " + std::to_string(b.header.records_count) +
                                                       " does not match lastOffsetDelta " +
                                                       std::to_string(b.header.last_offset_delta));
    }
  }
  for (auto& b : *parsed) {
    auto span = std::span<uint8_t>(batches).subspan(b.position, b.header.total_size());
    record::SetBaseOffset(span, next.value());
    record::SetPartitionLeaderEpoch(span, epoch.value());
    b.header.base_offset = next.value();
    b.header.partition_leader_epoch = epoch.value();
    next = Offset{b.header.last_offset()} + 1;
    out.emplace_back(CopyBatch(batches, b), b.header);
  }
  return AppendValidated(std::move(out), now);
}

Result<AppendInfo> Log::AppendAsFollower(std::span<const uint8_t> batches, TimeNs now) {
  auto parsed = ParseBatches(batches);
  if (!parsed.ok()) return parsed.error();
  std::vector<SharedBytes> shared;
  for (const auto& b : *parsed) shared.push_back(CopyBatch(batches, b));
  return AppendAsFollower(shared, now);
}

Result<AppendInfo> Log::AppendAsFollower(const std::vector<SharedBytes>& batches, TimeNs now) {
  if (batches.empty()) return MakeError(ErrorCode::CORRUPT_MESSAGE, "no record batches to append");
  std::vector<std::pair<SharedBytes, record::BatchHeader>> out;
  Offset expected = log_end_offset();
  for (const auto& bytes : batches) {
    if (!bytes) return MakeError(ErrorCode::CORRUPT_MESSAGE, "null batch");
    auto header = record::ParseBatchHeader(*bytes);
    if (!header.ok()) return header.error();
    if (header->total_size() != bytes->size() || !record::VerifyBatchCrc(*bytes)) {
      return MakeError(ErrorCode::CORRUPT_MESSAGE,
                       "batch at offset " + std::to_string(header->base_offset) + " has a bad length or CRC");
    }
    if (Offset{header->base_offset} != expected) {
      return MakeError(ErrorCode::OFFSET_OUT_OF_RANGE, "follower append at offset " +
                                                           std::to_string(header->base_offset) + " but expected " +
                                                           std::to_string(expected.value()));
    }
    expected = Offset{header->last_offset()} + 1;
    out.emplace_back(bytes, *header);
  }
  return AppendValidated(std::move(out), now);
}

// REQUIRES: batches validated, contiguous, starting at the LEO (each one's
// offset asserted by LogSegment::Append).
Result<AppendInfo> Log::AppendValidated(std::vector<std::pair<SharedBytes, record::BatchHeader>> batches, TimeNs now) {
  if (offline()) return *offline_error();
  AppendInfo info;
  info.first_offset = Offset{batches.front().second.base_offset};
  for (auto& [bytes, header] : batches) {
    if (!MaybeRoll(bytes->size(), Offset{header.last_offset()}, now).ok()) return *offline_error();
    if (header.max_timestamp > info.max_timestamp) {
      info.max_timestamp = header.max_timestamp;
      info.offset_of_max_timestamp = Offset{header.last_offset()};
    }
    info.last_offset = Offset{header.last_offset()};
    info.num_batches += 1;
    info.records_count += header.records_count;
    info.valid_bytes += static_cast<int64_t>(bytes->size());
    // Kafka's maybeAssignEpochStartOffset, for leader and follower alike.
    if (header.partition_leader_epoch >= 0) {
      epoch_cache_.Assign(LeaderEpoch{header.partition_leader_epoch}, Offset{header.base_offset});
    }
    if (!segments_.back()->Append(std::move(bytes), header, now).ok()) return *offline_error();
  }
  MaybeFlush(now);
  if (offline()) return *offline_error();  // an epoch checkpoint or a flush failed
  return info;
}

// Kafka's LogSegment.shouldRoll: the batch would overflow segment.bytes,
// segment.ms has passed since the first append, or relative offsets would
// overflow int32. An empty active segment never rolls.
Status Log::MaybeRoll(uint64_t batch_bytes, Offset last_offset, TimeNs now) {
  const LogSegment& active = *segments_.back();
  if (active.empty()) return OkStatus();
  const bool full = static_cast<int64_t>(active.size_bytes() + batch_bytes) > settings_.segment_bytes;
  const bool old = active.rolling_start_ns() && (now - *active.rolling_start_ns()) / kNsPerMs >= settings_.segment_ms;
  const bool overflow = last_offset - active.base_offset() > INT32_MAX;
  if (full || old || overflow) return Roll(now);
  return OkStatus();
}

// Kafka's UnifiedLog.roll: the old active segment becomes inactive and the
// segments before the new one are flushed.
Status Log::Roll(TimeNs now) {
  if (Status s = segments_.back()->OnBecomeInactive(); !s.ok()) return s;
  Flush(now);
  if (offline()) return *offline_error();
  Status created = NewSegment(log_end_offset());
  CheckInvariants();
  return created;
}

}  // namespace kafkasim::log
