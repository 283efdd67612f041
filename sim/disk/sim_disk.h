// sim/disk/sim_disk.h — one node's simulated disk: page cache vs fsync.
//
// Owns the in-memory files of one node. Each file has two images:
//   current — what reads see (page cache included);
//   durable — what the platter holds, set to `current` by Fsync(file).
// The durable image is kept as a length into `current` while it is a prefix
// of it (appends since the last fsync), so the bytes are held once; only a
// truncation below the durable length makes a separate copy of them.
// Fault model (FoundationDB's non-durable file, kept simple on purpose):
//   CrashProcess()  the process dies, the OS lives: nothing is lost.
//   PowerFail()     every file returns to its durable image: unsynced appends
//                   AND unsynced truncations are undone; a file created but
//                   never fsynced vanishes.
//   PowerFailTorn() as PowerFail, but every file whose unsynced part is an
//                   append keeps a random prefix of it (possibly none, possibly
//                   all): writeback reached the platter in order and stopped
//                   somewhere, maybe mid-record (a torn write).
//   Remove(file)    is durable at once (a journaled directory): a removed file
//                   never comes back.
// Disk faults (the scenario's disk_full / disk_error; World::SetDiskFault):
//   kFull      the disk is full (ENOSPC): an Append that adds bytes or
//              creates a file fails; fsync, truncation and removal work
//              (they need no new blocks).
//   kIoError   the device fails (EIO; the file system then refuses writes,
//              as ext4's errors=remount-ro): every Append, Fsync, Truncate
//              and Remove fails. Reads keep working.
//   kNone      the operator freed space / replaced the device.
//   A refused operation changes nothing.
// Flush mode (the scenario's cluster.disk.flush): page-cache (the default)
// keeps writes in `current` until Fsync; every-write fsyncs each Append and
// Truncate as it is made (a disk mounted `sync`), so anything a broker has
// written — before it acknowledges or serves it — survives a power failure.
// Deterministic: files live in a std::map, List() is sorted, no wall clock.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/env.h"
#include "sim/disk/byte_buffer.h"

namespace kafkasim::sim {

enum class DiskFault { kNone, kFull, kIoError };

class SimDisk final : public Disk {
 public:
  // Disk
  Status Append(std::string_view file, std::span<const uint8_t> bytes) override;
  Status Fsync(std::string_view file) override;
  bool Exists(std::string_view file) const override;
  uint64_t Size(std::string_view file) const override;
  std::span<const uint8_t> Read(std::string_view file) const override;
  Status Truncate(std::string_view file, uint64_t size) override;
  Status Remove(std::string_view file) override;
  std::vector<std::string> List(std::string_view prefix) const override;

  // cluster.disk.flush: every-write (true) or page-cache (false, the default).
  void set_sync_every_write(bool on) { sync_every_write_ = on; }
  bool sync_every_write() const { return sync_every_write_; }

  // Called after every fsync (the world hangs BUGGIFY's slow_fsync here).
  void set_fsync_hook(std::function<void()> fn) { fsync_hook_ = std::move(fn); }

  // Faults.
  void set_fault(DiskFault f) { fault_ = f; }
  DiskFault fault() const { return fault_; }
  // Operations refused by a fault so far.
  uint64_t failed_writes() const { return failed_writes_; }
  void CrashProcess() {}
  void PowerFail();
  void PowerFailTorn(Random& random);
  // Flips every bit of the byte at `pos` in both images (a bad sector).
  // No-op when the file is missing or `pos` is past its end.
  void CorruptByte(std::string_view file, uint64_t pos);

  // Counters for the GUI and the trace.
  uint64_t bytes_written() const { return bytes_written_; }
  uint64_t fsyncs() const { return fsyncs_; }
  // Bytes of `file` (or of every file, when empty) not yet covered by fsync.
  uint64_t UnsyncedBytes(std::string_view file = {}) const;

 private:
  struct File {
    ByteBuffer current;
    // INVARIANT (asserted in DurableImage): the durable image is
    // current[0, durable_size) while durable_is_prefix, else durable_copy
    // (durable_size bytes).
    uint64_t durable_size = 0;
    ByteBuffer durable_copy;  // empty while durable_is_prefix
    bool durable_exists = false;
    // True while the durable image is a prefix of `current` (no truncation
    // below the durable size since the last fsync); a torn write needs it.
    bool durable_is_prefix = true;
    std::span<const uint8_t> DurableImage() const;
  };
  void ResetToDurable(bool torn, Random* random);
  // The error of a refused operation (counted in failed_writes_).
  Error Refuse(std::string_view op, std::string_view file);

  // INVARIANT: keys sorted, by construction (std::map), so every walk is deterministic.
  std::map<std::string, File, std::less<>> files_;
  std::function<void()> fsync_hook_;
  bool sync_every_write_ = false;
  DiskFault fault_ = DiskFault::kNone;
  uint64_t failed_writes_ = 0;
  uint64_t bytes_written_ = 0;
  uint64_t fsyncs_ = 0;
};

}  // namespace kafkasim::sim
