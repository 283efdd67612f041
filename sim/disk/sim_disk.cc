// sim/disk/sim_disk.cc — SimDisk: durable vs current image per file.
#include "sim/disk/sim_disk.h"

#include <algorithm>
#include <utility>

#include "core/util/assert.h"

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
  // The durable image becomes all of `current`: a length, no copy.
  f.durable_size = f.current.size();
  f.durable_copy = ByteBuffer();
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
  if (f.durable_is_prefix && size < f.durable_size) {
    // The bytes cut are still on the platter: keep them apart before the cut.
    f.durable_copy.Append(f.current.span().first(f.durable_size));
    f.durable_is_prefix = false;
  }
  f.current.Truncate(size);
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

std::span<const uint8_t> SimDisk::File::DurableImage() const {
  if (!durable_is_prefix) {
    KSIM_ASSERT(durable_copy.size() == durable_size, "a separate durable image holds durable_size bytes");
    return durable_copy.span();
  }
  KSIM_ASSERT(durable_size <= current.size(), "a prefix durable image lies within current");
  return current.span().first(durable_size);
}

void SimDisk::PowerFail() { ResetToDurable(false, nullptr); }

void SimDisk::PowerFailTorn(Random& random) { ResetToDurable(true, &random); }

void SimDisk::ResetToDurable(bool torn, Random* random) {
  for (auto it = files_.begin(); it != files_.end();) {
    File& f = it->second;
    const bool is_torn_file = torn && f.durable_is_prefix && f.current.size() > f.durable_size;
    if (is_torn_file) {
      // Keep a random prefix (possibly empty, possibly all) of the unsynced tail.
      uint64_t tail = f.current.size() - f.durable_size;
      uint64_t keep = random->Below(tail + 1);
      f.current.Truncate(f.durable_size + keep);
      f.durable_size = f.current.size();
      f.durable_exists = f.durable_exists || keep > 0;
    }
    if (!f.durable_exists) {
      it = files_.erase(it);
      continue;
    }
    // Back to the durable image: a prefix needs no copy.
    const size_t durable_bytes = f.DurableImage().size();
    if (f.durable_is_prefix) {
      f.current.Truncate(durable_bytes);
    } else {
      f.current = std::move(f.durable_copy);
      f.durable_copy = ByteBuffer();
    }
    f.durable_is_prefix = true;
    ++it;
  }
}

void SimDisk::CorruptByte(std::string_view file, uint64_t pos) {
  auto it = files_.find(file);
  if (it == files_.end()) return;
  File& f = it->second;
  // A prefix durable image shares current's bytes: one flip changes both.
  if (pos < f.current.size()) f.current[pos] = static_cast<uint8_t>(~f.current[pos]);
  if (!f.durable_is_prefix && pos < f.durable_copy.size())
    f.durable_copy[pos] = static_cast<uint8_t>(~f.durable_copy[pos]);
}

uint64_t SimDisk::UnsyncedBytes(std::string_view file) const {
  uint64_t total = 0;
  for (const auto& [name, f] : files_) {
    if (!file.empty() && name != file) continue;
    size_t common = 0;
    if (f.durable_is_prefix) common = std::min<uint64_t>(f.current.size(), f.durable_size);
    total += f.current.size() - common;
  }
  return total;
}

}  // namespace kafkasim::sim
