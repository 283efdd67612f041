// sim/apps/dedup_store.cc — the processed-ids file: load, look up, append.
#include "sim/apps/dedup_store.h"

#include <array>

#include "core/util/assert.h"

namespace kafkasim::sim {

namespace {
constexpr size_t kIdBytes = 8;

// Disk faults (disk_full, disk_error) target brokers only, so a consumer's
// disk never refuses a write; if that ever changes, the store must decide
// what a failed write means (the effect happened, its id was not kept).
void MustWrite(const Status& s) { KSIM_ASSERT(s.ok(), "a consumer's dedup store write failed"); }
}  // namespace

std::string DedupStoreFile(std::string_view consumer_id) { return "dedup-store/" + std::string(consumer_id) + ".ids"; }

DedupStore::DedupStore(Disk& disk, std::string file, bool fsync_each)
    : disk_(disk), file_(std::move(file)), fsync_each_(fsync_each) {
  if (!disk_.Exists(file_)) return;
  const uint64_t whole = disk_.Size(file_) / kIdBytes * kIdBytes;
  if (whole != disk_.Size(file_)) {
    MustWrite(disk_.Truncate(file_, whole));  // a torn last id
    if (fsync_each_) MustWrite(disk_.Fsync(file_));
  }
  std::span<const uint8_t> bytes = disk_.Read(file_);
  for (size_t at = 0; at + kIdBytes <= bytes.size(); at += kIdBytes) {
    RecordUid uid = 0;
    for (size_t i = 0; i < kIdBytes; ++i) uid = (uid << 8) | bytes[at + i];
    ids_.insert(uid);
  }
}

void DedupStore::Add(RecordUid uid) {
  if (!ids_.insert(uid).second) return;
  std::array<uint8_t, kIdBytes> b{};
  for (size_t i = kIdBytes; i-- > 0; uid >>= 8) b[i] = static_cast<uint8_t>(uid & 0xff);
  MustWrite(disk_.Append(file_, b));
  if (fsync_each_) MustWrite(disk_.Fsync(file_));
}

}  // namespace kafkasim::sim
