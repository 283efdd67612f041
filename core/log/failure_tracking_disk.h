// core/log/failure_tracking_disk.h — a Disk view that goes offline at its
// first failed write (Kafka's LogDirFailureChannel).
//
// In Kafka an IOException anywhere under a log directory — a segment append,
// an index, a checkpoint — goes to LogDirFailureChannel.maybeAddOfflineLogDir
// and takes the whole directory offline: every later operation on it fails
// with KafkaStorageException until the broker restarts. This view does the
// same for whatever writes through it: the first failed Append, Fsync,
// Truncate or Remove is remembered and reported once to `on_offline`; from
// then on every write is refused with that error without reaching the disk
// (so nothing half-written is added after the failure). Reads pass through.
//
// A Log keeps one over its partition directory (Log::offline()); the broker
// keeps one over its whole log directory and is told when it goes offline
// (Broker::OnLogDirFailure).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/env.h"

namespace kafkasim::log {

class FailureTrackingDisk final : public Disk {
 public:
  explicit FailureTrackingDisk(Disk& base, std::function<void(const Error&)> on_offline = {})
      : base_(base), on_offline_(std::move(on_offline)) {}

  Status Append(std::string_view file, std::span<const uint8_t> bytes) override {
    return Track(offline_ ? Status(*offline_) : base_.Append(file, bytes));
  }
  Status Fsync(std::string_view file) override { return Track(offline_ ? Status(*offline_) : base_.Fsync(file)); }
  bool Exists(std::string_view file) const override { return base_.Exists(file); }
  uint64_t Size(std::string_view file) const override { return base_.Size(file); }
  std::span<const uint8_t> Read(std::string_view file) const override { return base_.Read(file); }
  Status Truncate(std::string_view file, uint64_t size) override {
    return Track(offline_ ? Status(*offline_) : base_.Truncate(file, size));
  }
  Status Remove(std::string_view file) override { return Track(offline_ ? Status(*offline_) : base_.Remove(file)); }
  std::vector<std::string> List(std::string_view prefix) const override { return base_.List(prefix); }

  bool offline() const { return offline_.has_value(); }
  // The first failure (KAFKA_STORAGE_ERROR, naming the file and the cause).
  const std::optional<Error>& failure() const { return offline_; }

 private:
  Status Track(Status s) {
    if (!s.ok() && !offline_) {
      offline_ = s.error();
      if (on_offline_) on_offline_(*offline_);
    }
    return s;
  }

  Disk& base_;
  std::function<void(const Error&)> on_offline_;
  std::optional<Error> offline_;
};

}  // namespace kafkasim::log
