// viz/disk_log_view.h — what a partition's log files on a disk hold, read
// without opening (and so without recovering or changing) the log: for a
// crashed broker, whose Partition object is gone but whose disk is not.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/env.h"
#include "core/record/batch_header.h"
#include "core/types.h"

namespace kafkasim::viz {

// What a batch holds, for drawing transactions (KIP-98): plain data, a
// transactional producer's data, or a control batch — the COMMIT or ABORT
// marker the transaction coordinator writes (kControl: another control record).
enum class BatchKind : uint8_t { kData, kTxnData, kCommit, kAbort, kControl };

// One record batch of a log, as the views draw it.
struct BatchSpan {
  int64_t base_offset = 0;
  int64_t last_offset = 0;
  int32_t leader_epoch = -1;
  int64_t producer_id = -1;
  BatchKind kind = BatchKind::kData;
  // kTxnData only: its transaction ended with an ABORT marker in this log
  // (txn_view.h MarkTransactions) — a read_committed consumer drops it.
  bool aborted = false;
  auto operator<=>(const BatchSpan&) const = default;
};

// The span of one stored batch; a control batch's records are decoded to
// tell a COMMIT marker from an ABORT (Kafka's ControlRecordType).
BatchSpan SpanOfBatch(const record::BatchHeader& h, std::span<const uint8_t> batch);

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
