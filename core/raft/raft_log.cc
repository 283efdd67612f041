// core/raft/raft_log.cc — RaftLog: records, the epoch cache, the file.
#include "core/raft/raft_log.h"

#include <algorithm>
#include <utility>

#include "core/util/assert.h"

namespace kafkasim::raft {
namespace {

constexpr size_t kHeaderBytes = 4 + 1 + 4;

void PutU32(std::vector<uint8_t>& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

uint32_t GetU32(std::span<const uint8_t> in, size_t at) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(in[at + i]) << (8 * i);
  return v;
}

std::vector<uint8_t> Encode(const RaftRecord& r) {
  std::vector<uint8_t> out;
  out.reserve(kHeaderBytes + r.payload.size());
  PutU32(out, static_cast<uint32_t>(r.epoch.value()));
  out.push_back(r.control ? 1 : 0);
  PutU32(out, static_cast<uint32_t>(r.payload.size()));
  out.insert(out.end(), r.payload.begin(), r.payload.end());
  return out;
}

}  // namespace

RaftLog::RaftLog(Disk& disk, std::string file) : disk_(disk), file_(std::move(file)) {}

Status RaftLog::Load() {
  records_.clear();
  positions_.clear();
  epoch_starts_.clear();
  if (!disk_.Exists(file_)) return Unit{};
  std::span<const uint8_t> bytes = disk_.Read(file_);
  size_t at = 0;
  std::vector<RaftRecord> loaded;
  std::vector<uint64_t> positions;
  while (at + kHeaderBytes <= bytes.size()) {
    const uint32_t len = GetU32(bytes, at + 5);
    if (at + kHeaderBytes + len > bytes.size()) break;  // torn tail
    RaftRecord r;
    r.epoch = LeaderEpoch{static_cast<int32_t>(GetU32(bytes, at))};
    r.control = bytes[at + 4] != 0;
    r.payload.assign(bytes.begin() + static_cast<std::ptrdiff_t>(at + kHeaderBytes),
                     bytes.begin() + static_cast<std::ptrdiff_t>(at + kHeaderBytes + len));
    positions.push_back(at);
    loaded.push_back(std::move(r));
    at += kHeaderBytes + len;
  }
  const size_t valid = at;
  const bool torn = valid != bytes.size();
  for (size_t i = 0; i < loaded.size(); ++i) {
    if (epoch_starts_.empty() || epoch_starts_.back().epoch != loaded[i].epoch) {
      epoch_starts_.push_back({Offset{static_cast<int64_t>(i)}, loaded[i].epoch});
    }
  }
  records_ = std::move(loaded);
  positions_ = std::move(positions);
  if (torn) {
    if (auto s = disk_.Truncate(file_, valid); !s.ok()) return s;
    return disk_.Fsync(file_);
  }
  return Unit{};
}

const RaftRecord& RaftLog::Read(Offset offset) const {
  KSIM_ASSERT(offset.value() >= 0 && offset < EndOffset(), "read of metadata log offset outside the log");
  return records_[static_cast<size_t>(offset.value())];
}

std::vector<RaftRecord> RaftLog::ReadFrom(Offset from, size_t max_records) const {
  std::vector<RaftRecord> out;
  for (int64_t o = from.value(); o < EndOffset().value() && out.size() < max_records; ++o) {
    out.push_back(records_[static_cast<size_t>(o)]);
  }
  return out;
}

Status RaftLog::Append(const RaftRecord& record) {
  KSIM_ASSERT(record.epoch >= LastFetchedEpoch(), "metadata log epoch going down on append");
  const uint64_t position = disk_.Size(file_);
  const std::vector<uint8_t> bytes = Encode(record);
  if (auto s = disk_.Append(file_, bytes); !s.ok()) return s;
  if (auto s = disk_.Fsync(file_); !s.ok()) return s;
  if (epoch_starts_.empty() || epoch_starts_.back().epoch != record.epoch) {
    epoch_starts_.push_back({EndOffset(), record.epoch});
  }
  records_.push_back(record);
  positions_.push_back(position);
  return Unit{};
}

OffsetAndEpoch RaftLog::EndOffsetForEpoch(LeaderEpoch epoch) const {
  // The first cache entry with an epoch above `epoch`; the one before is the floor.
  auto above = std::upper_bound(epoch_starts_.begin(), epoch_starts_.end(), epoch,
                                [](LeaderEpoch e, const OffsetAndEpoch& entry) { return e < entry.epoch; });
  if (above == epoch_starts_.begin()) return {Offset{0}, LeaderEpoch{0}};
  const LeaderEpoch floor = std::prev(above)->epoch;
  const Offset end = above == epoch_starts_.end() ? EndOffset() : above->offset;
  return {end, floor};
}

ValidOffsetAndEpoch RaftLog::ValidateOffsetAndEpoch(Offset fetch_offset, LeaderEpoch last_fetched_epoch) const {
  if (fetch_offset == Offset{0}) return {};  // an empty prefix agrees with every log
  const OffsetAndEpoch end = EndOffsetForEpoch(last_fetched_epoch);
  if (end.epoch != last_fetched_epoch || end.offset < fetch_offset) return {true, end};
  return {};
}

Result<Offset> RaftLog::TruncateToEndOffset(OffsetAndEpoch diverging) {
  const OffsetAndEpoch local = EndOffsetForEpoch(diverging.epoch);
  const Offset cut = std::min(local.offset, diverging.offset);
  if (auto s = TruncateTo(cut); !s.ok()) return s.error();
  return cut;
}

Status RaftLog::TruncateTo(Offset end) {
  if (end >= EndOffset()) return Unit{};
  KSIM_ASSERT(end.value() >= 0, "metadata log truncated to a negative offset");
  const size_t keep = static_cast<size_t>(end.value());
  if (auto s = disk_.Truncate(file_, positions_[keep]); !s.ok()) return s;
  if (auto s = disk_.Fsync(file_); !s.ok()) return s;
  records_.resize(keep);
  positions_.resize(keep);
  while (!epoch_starts_.empty() && epoch_starts_.back().offset >= end) epoch_starts_.pop_back();
  return Unit{};
}

}  // namespace kafkasim::raft
