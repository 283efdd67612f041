// core/log/leader_epoch_cache.h — Kafka's LeaderEpochFileCache (KIP-101/279).
//
// Owns the map epoch -> start offset of one partition's log, and its
// checkpoint file "leader-epoch-checkpoint" in the log dir (Kafka's text
// format: "0", count, then "epoch startOffset" lines).
//
// INVARIANT: entries are strictly increasing in both epoch and start offset
// (Assign removes any entry that would break this, as Kafka does; it holds
// by construction of AssignNoFlush's loop, so it is not asserted again).
// Every change is written to the checkpoint and fsynced before returning
// (Kafka flushes assign() synchronously and truncations asynchronously; with
// one thread and run-to-completion events the difference is invisible).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/env.h"
#include "core/protocol/metadata.h"
#include "core/types.h"
#include "core/util/result.h"

namespace kafkasim::log {

constexpr Offset kUndefinedEpochOffset{-1};
constexpr LeaderEpoch kUndefinedEpoch{-1};

struct EpochEntry {
  LeaderEpoch epoch;
  Offset start_offset;
  bool operator==(const EpochEntry&) const = default;
};

// The answer to OffsetsForLeaderEpoch: (-1, -1) means UNDEFINED.
struct EpochEndOffset {
  LeaderEpoch epoch = kUndefinedEpoch;
  Offset end_offset = kUndefinedEpochOffset;
  bool operator==(const EpochEndOffset&) const = default;
};

class LeaderEpochCache {
 public:
  static constexpr const char* kCheckpointName = "leader-epoch-checkpoint";

  // `dir` is the log dir ("orders-0/"). Starts empty; call Load() to read
  // the checkpoint.
  LeaderEpochCache(Disk& disk, std::string dir);

  // Replaces the entries with the checkpoint's. A missing file is empty; a
  // corrupt one is CORRUPT_MESSAGE and leaves the cache empty.
  Status Load();

  // Records that `epoch` starts at `start_offset` when it is not already the
  // latest epoch (or when it is, with a smaller start offset). Entries with
  // epoch >= `epoch` or start offset >= `start_offset` are dropped first.
  // Negative arguments are ignored. Returns true when the cache changed.
  bool Assign(LeaderEpoch epoch, Offset start_offset);
  // Many assigns, one checkpoint write (log recovery).
  bool AssignAll(const std::vector<EpochEntry>& entries);

  // KIP-101/279 end offset of `requested`: see the .cc for the cases.
  EpochEndOffset EndOffsetFor(LeaderEpoch requested, Offset log_end_offset) const;

  // Removes entries with start offset >= `end_offset` (follower truncation).
  void TruncateFromEnd(Offset end_offset);
  // Removes entries with start offset <= `start_offset`, then re-adds the
  // last removed epoch starting at `start_offset` (retention moved the log
  // start). Exclusive: an entry at exactly `start_offset` is kept as is.
  void TruncateFromStart(Offset start_offset);
  // Drops every entry (TruncateFullyAndStartAt).
  void Clear();

  std::optional<LeaderEpoch> LatestEpoch() const;
  std::optional<EpochEntry> LatestEntry() const;
  std::optional<EpochEntry> EarliestEntry() const;
  std::vector<EpochEntry> Entries() const;
  std::string checkpoint_file() const { return dir_ + kCheckpointName; }

 private:
  bool AssignNoFlush(EpochEntry entry);
  void WriteFile();

  Disk& disk_;
  std::string dir_;
  // INVARIANT: see the class comment (by construction); keyed by epoch value.
  std::map<int32_t, EpochEntry> epochs_;
};

}  // namespace kafkasim::log
