// sim/disk/sim_disk.cc — SimDisk: durable vs current image per file.
#include "sim/disk/sim_disk.h"

#include <algorithm>

namespace kafkasim::sim {

Error SimDisk::Refuse(std::string_view op, std::string_view file) {
  ++failed_writes_;
  const char* cause = fault_ == DiskFault::kFull ? "No space left on device" : "Input/output error";
  return MakeError(ErrorCode::KAFKA_STORAGE_ERROR, std::string(op) + " " + std::string(file) + ": " + cause);
}

Status SimDisk::Append(std::string_view file, std::span<const uint8_t> bytes) {
  auto it = files_.find(file);
  if (fault_ == DiskFault::kIoError || (fault_ == DiskFault::kFull && (!bytes.empty() || it == files_.end()))) {
    return Refuse("write", file);
  }
  if (it == files_.end()) it = files_.emplace(std::string(file), File{}).first;
  it->second.current.Append(bytes);
  bytes_written_ += bytes.size();
  if (sync_every_write_) return Fsync(file);
  return OkStatus();
}

Status SimDisk::Fsync(std::string_view file) {
  if (fault_ == DiskFault::kIoError) return Refuse("fsync", file);
  auto it = files_.find(file);
  if (it == files_.end()) return OkStatus();
  File& f = it->second;
  if (f.durable_is_prefix && f.durable.size() <= f.current.size()) {
    f.durable.Append(f.current.subspan(f.durable.size()));  // only what is new since the last fsync
  } else {
    f.durable = f.current;
  }
  f.durable_exists = true;
  f.durable_is_prefix = true;
  ++fsyncs_;
  if (fsync_hook_) fsync_hook_();
  return OkStatus();
}

bool SimDisk::Exists(std::string_view file) const { return files_.find(file) != files_.end(); }

uint64_t SimDisk::Size(std::string_view file) const {
  auto it = files_.find(file);
  return it == files_.end() ? 0 : it->second.current.size();
}

std::span<const uint8_t> SimDisk::Read(std::string_view file) const {
  auto it = files_.find(file);
  if (it == files_.end()) return {};
  return it->second.current.span();
}

Status SimDisk::Truncate(std::string_view file, uint64_t size) {
  if (fault_ == DiskFault::kIoError) return Refuse("truncate", file);
  auto it = files_.find(file);
  if (it == files_.end()) return OkStatus();
  File& f = it->second;
  if (size >= f.current.size()) return OkStatus();
  f.current.Truncate(size);
  if (size < f.durable.size()) f.durable_is_prefix = false;
  if (sync_every_write_) return Fsync(file);
  return OkStatus();
}

Status SimDisk::Remove(std::string_view file) {
  if (fault_ == DiskFault::kIoError) return Refuse("remove", file);
  auto it = files_.find(file);
  if (it != files_.end()) files_.erase(it);
  return OkStatus();
}

std::vector<std::string> SimDisk::List(std::string_view prefix) const {
  std::vector<std::string> out;
  for (auto it = files_.lower_bound(prefix); it != files_.end(); ++it) {
    if (it->first.compare(0, prefix.size(), prefix) != 0) break;
    out.push_back(it->first);
  }
  return out;
}

void SimDisk::PowerFail() { ResetToDurable(false, nullptr); }

void SimDisk::PowerFailTorn(Random& random) { ResetToDurable(true, &random); }

void SimDisk::ResetToDurable(bool torn, Random* random) {
  for (auto it = files_.begin(); it != files_.end();) {
    File& f = it->second;
    const bool is_torn_file = torn && f.durable_is_prefix && f.current.size() > f.durable.size();
    if (is_torn_file) {
      // Keep a random prefix (possibly empty, possibly all) of the unsynced tail.
      uint64_t tail = f.current.size() - f.durable.size();
      uint64_t keep = random->Below(tail + 1);
      f.current.Truncate(f.durable.size() + keep);
      f.durable.Append(f.current.subspan(f.durable.size()));
      f.durable_exists = f.durable_exists || keep > 0;
    }
    if (!f.durable_exists) {
      it = files_.erase(it);
      continue;
    }
    // Back to the durable image: a prefix needs no copy.
    if (f.durable_is_prefix) {
      f.current.Truncate(f.durable.size());
    } else {
      f.current = f.durable;
    }
    f.durable_is_prefix = true;
    ++it;
  }
}

void SimDisk::CorruptByte(std::string_view file, uint64_t pos) {
  auto it = files_.find(file);
  if (it == files_.end()) return;
  File& f = it->second;
  if (pos < f.current.size()) f.current[pos] = static_cast<uint8_t>(~f.current[pos]);
  if (pos < f.durable.size()) f.durable[pos] = static_cast<uint8_t>(~f.durable[pos]);
}

uint64_t SimDisk::UnsyncedBytes(std::string_view file) const {
  uint64_t total = 0;
  for (const auto& [name, f] : files_) {
    if (!file.empty() && name != file) continue;
    size_t common = 0;
    size_t limit = std::min(f.current.size(), f.durable.size());
    if (f.durable_is_prefix) common = limit;
    total += f.current.size() - common;
  }
  return total;
}

}  // namespace kafkasim::sim
