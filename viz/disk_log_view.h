// viz/disk_log_view.h — what a partition's log files on a disk hold, read
// without opening (and so without recovering or changing) the log: for a
// crashed broker, whose Partition object is gone but whose disk is not.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/env.h"
#include "core/types.h"

namespace kafkasim::viz {

// One record batch of a log, as the views draw it.
struct BatchSpan {
  int64_t base_offset = 0;
  int64_t last_offset = 0;
  int32_t leader_epoch = -1;
  auto operator<=>(const BatchSpan&) const = default;
};

struct DiskLog {
  bool exists = false;  // at least one segment file
  Offset log_start{0};
  Offset log_end{0};  // after the last whole batch (a torn tail is not counted)
  std::vector<BatchSpan> batches;
  std::optional<Offset> checkpointed_hw;  // replication-offset-checkpoint
};

// Scans "<tp>/<20-digit base>.log" files in order, batch header by batch
// header, stopping at the first torn or unparsable batch or a gap between
// segments (where Log::Open's recovery would cut).
DiskLog ScanDiskLog(const Disk& disk, const TopicPartition& tp);

}  // namespace kafkasim::viz
