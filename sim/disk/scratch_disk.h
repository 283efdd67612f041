// sim/disk/scratch_disk.h — a copy-on-write view of another disk.
//
// Reads see the base disk until a file is written through the view; writes
// (appends, truncations, removals) stay in the view and never reach the
// base. The checkers use it to run a down broker's own log recovery over its
// disk — recovery rebuilds indexes and may cut a torn tail — without
// changing what the broker will find when it restarts.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/env.h"

namespace kafkasim::sim {

class ScratchDisk final : public Disk {
 public:
  // REQUIRES: `base` outlives the view and is not written meanwhile (not
  // asserted: a reference cannot tell; the checkers make and drop a view
  // within one call).
  explicit ScratchDisk(const Disk& base) : base_(base) {}

  // Writes through the view never fail (they reach no device).
  Status Append(std::string_view file, std::span<const uint8_t> bytes) override;
  Status Fsync(std::string_view) override { return OkStatus(); }
  bool Exists(std::string_view file) const override;
  uint64_t Size(std::string_view file) const override { return Read(file).size(); }
  std::span<const uint8_t> Read(std::string_view file) const override;
  Status Truncate(std::string_view file, uint64_t size) override;
  Status Remove(std::string_view file) override {
    own_[std::string(file)].reset();
    return OkStatus();
  }
  std::vector<std::string> List(std::string_view prefix) const override;

 private:
  // The view's own copy of `file`, made from the base on its first write.
  std::vector<uint8_t>& Own(std::string_view file);

  const Disk& base_;
  // Files written through the view; nullopt: removed here.
  std::map<std::string, std::optional<std::vector<uint8_t>>, std::less<>> own_;
};

}  // namespace kafkasim::sim
