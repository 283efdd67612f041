// core/log/leader_epoch_cache.cc — LeaderEpochCache (see header).
#include "core/log/leader_epoch_cache.h"

#include <climits>
#include <iterator>

#include "core/log/checkpoint_file.h"

namespace kafkasim::log {

LeaderEpochCache::LeaderEpochCache(Disk& disk, std::string dir) : disk_(disk), dir_(std::move(dir)) {}

Status LeaderEpochCache::Load() {
  epochs_.clear();
  auto entries = ReadCheckpoint(disk_, checkpoint_file(), 2);
  if (!entries.ok()) return entries.error();
  for (const auto& e : *entries) {
    if (e[0] < INT32_MIN || e[0] > INT32_MAX) return MakeError(ErrorCode::CORRUPT_MESSAGE, "epoch out of range");
    AssignNoFlush(EpochEntry{LeaderEpoch{static_cast<int32_t>(e[0])}, Offset{e[1]}});
  }
  return OkStatus();
}

bool LeaderEpochCache::AssignNoFlush(EpochEntry entry) {
  if (entry.epoch.value() < 0 || entry.start_offset.value() < 0) return false;
  if (!epochs_.empty()) {
    const EpochEntry& last = epochs_.rbegin()->second;
    // Kafka's isUpdateNeeded: same epoch at an equal or later offset is a no-op.
    if (entry.epoch == last.epoch && entry.start_offset >= last.start_offset) return false;
  }
  // Kafka's maybeTruncateNonMonotonicEntries.
  while (!epochs_.empty()) {
    const EpochEntry& last = epochs_.rbegin()->second;
    if (last.epoch < entry.epoch && last.start_offset < entry.start_offset) break;
    epochs_.erase(std::prev(epochs_.end()));
  }
  epochs_[entry.epoch.value()] = entry;
  return true;
}

bool LeaderEpochCache::Assign(LeaderEpoch epoch, Offset start_offset) {
  if (!AssignNoFlush(EpochEntry{epoch, start_offset})) return false;
  WriteFile();
  return true;
}

bool LeaderEpochCache::AssignAll(const std::vector<EpochEntry>& entries) {
  bool changed = false;
  for (const auto& e : entries) changed = AssignNoFlush(e) || changed;
  if (changed) WriteFile();
  return changed;
}

// As Kafka's LeaderEpochFileCache.endOffsetFor:
// - requested UNDEFINED (-1)            -> (-1, -1)
// - requested == latest epoch           -> (requested, LEO)
// - no epoch > requested                -> (-1, -1)
// - no epoch <= requested (below all)   -> (requested, start of first epoch > requested)
// - otherwise                           -> (largest epoch <= requested,
//                                           start of first epoch > requested)
EpochEndOffset LeaderEpochCache::EndOffsetFor(LeaderEpoch requested, Offset log_end_offset) const {
  if (requested == kUndefinedEpoch) return {};
  auto latest = LatestEpoch();
  if (latest && *latest == requested) return {requested, log_end_offset};
  auto higher = epochs_.upper_bound(requested.value());
  if (higher == epochs_.end()) return {};
  if (higher == epochs_.begin()) return {requested, higher->second.start_offset};
  auto floor = std::prev(higher);
  return {floor->second.epoch, higher->second.start_offset};
}

void LeaderEpochCache::TruncateFromEnd(Offset end_offset) {
  if (end_offset.value() < 0 || epochs_.empty()) return;
  if (epochs_.rbegin()->second.start_offset < end_offset) return;
  while (!epochs_.empty() && epochs_.rbegin()->second.start_offset >= end_offset) {
    epochs_.erase(std::prev(epochs_.end()));
  }
  WriteFile();
}

void LeaderEpochCache::TruncateFromStart(Offset start_offset) {
  std::optional<EpochEntry> last_removed;
  while (!epochs_.empty() && epochs_.begin()->second.start_offset <= start_offset) {
    last_removed = epochs_.begin()->second;
    epochs_.erase(epochs_.begin());
  }
  if (!last_removed) return;
  epochs_[last_removed->epoch.value()] = EpochEntry{last_removed->epoch, start_offset};
  WriteFile();
}

void LeaderEpochCache::Clear() {
  epochs_.clear();
  WriteFile();
}

std::optional<LeaderEpoch> LeaderEpochCache::LatestEpoch() const {
  if (epochs_.empty()) return std::nullopt;
  return epochs_.rbegin()->second.epoch;
}

std::optional<EpochEntry> LeaderEpochCache::LatestEntry() const {
  if (epochs_.empty()) return std::nullopt;
  return epochs_.rbegin()->second;
}

std::optional<EpochEntry> LeaderEpochCache::EarliestEntry() const {
  if (epochs_.empty()) return std::nullopt;
  return epochs_.begin()->second;
}

std::vector<EpochEntry> LeaderEpochCache::Entries() const {
  std::vector<EpochEntry> out;
  for (const auto& [epoch, entry] : epochs_) out.push_back(entry);
  return out;
}

void LeaderEpochCache::WriteFile() {
  std::vector<CheckpointEntry> lines;
  for (const auto& [epoch, e] : epochs_) lines.push_back({e.epoch.value(), e.start_offset.value()});
  // A failed write leaves the checkpoint stale and the cache ahead of it: the
  // Log's FailureTrackingDisk has taken the log offline, and recovery
  // re-learns the epochs from the batches after a restart.
  if (!WriteCheckpoint(disk_, checkpoint_file(), lines).ok()) return;
}

}  // namespace kafkasim::log
