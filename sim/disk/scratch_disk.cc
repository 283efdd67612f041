// sim/disk/scratch_disk.cc — copy-on-write view of a disk (see the header).
#include "sim/disk/scratch_disk.h"

#include <set>

namespace kafkasim::sim {

std::vector<uint8_t>& ScratchDisk::Own(std::string_view file) {
  auto it = own_.find(file);
  if (it == own_.end()) {
    std::optional<std::vector<uint8_t>> copy;
    if (base_.Exists(file)) {
      std::span<const uint8_t> bytes = base_.Read(file);
      copy.emplace(bytes.begin(), bytes.end());
    }
    it = own_.emplace(std::string(file), std::move(copy)).first;
  }
  if (!it->second) it->second.emplace();  // written after a removal: a new, empty file
  return *it->second;
}

Status ScratchDisk::Append(std::string_view file, std::span<const uint8_t> bytes) {
  std::vector<uint8_t>& f = Own(file);
  f.insert(f.end(), bytes.begin(), bytes.end());
  return OkStatus();
}

Status ScratchDisk::Truncate(std::string_view file, uint64_t size) {
  if (!Exists(file)) return OkStatus();  // as SimDisk: truncating no file creates none
  std::vector<uint8_t>& f = Own(file);
  if (size < f.size()) f.resize(size);
  return OkStatus();
}

bool ScratchDisk::Exists(std::string_view file) const {
  auto it = own_.find(file);
  return it != own_.end() ? it->second.has_value() : base_.Exists(file);
}

std::span<const uint8_t> ScratchDisk::Read(std::string_view file) const {
  auto it = own_.find(file);
  if (it == own_.end()) return base_.Read(file);
  if (!it->second) return {};
  return {it->second->data(), it->second->size()};
}

std::vector<std::string> ScratchDisk::List(std::string_view prefix) const {
  std::set<std::string> names;
  for (std::string& name : base_.List(prefix)) names.insert(std::move(name));
  for (auto it = own_.lower_bound(prefix); it != own_.end(); ++it) {
    if (it->first.compare(0, prefix.size(), prefix) != 0) break;
    if (it->second)
      names.insert(it->first);
    else
      names.erase(it->first);
  }
  return {names.begin(), names.end()};
}

}  // namespace kafkasim::sim
