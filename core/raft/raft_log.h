// core/raft/raft_log.h — the replicated log of the quorum, partition
// __cluster_metadata-0 (Kafka's ReplicatedLog / KafkaMetadataLog), with its
// epoch cache (LeaderEpochFileCache) kept beside the records.
//
// A record's offset is its index; each record carries the leader epoch it
// was appended in. Every append and truncation is fsynced before it returns
// (Kafka's raft flushes before a follower fetches again and before the
// leader counts its own end offset), so a power failure loses nothing
// acknowledged.
//
// On disk: one file, records back to back as [epoch i32][control u8]
// [length u32][payload]. Load() after a restart drops a torn tail.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/env.h"
#include "core/protocol/raft.h"

namespace kafkasim::raft {

// Kafka's OffsetAndEpoch.
struct OffsetAndEpoch {
  Offset offset{0};
  LeaderEpoch epoch{0};
  auto operator<=>(const OffsetAndEpoch&) const = default;
};

// Kafka's ValidOffsetAndEpoch: VALID, or DIVERGING at `end`.
struct ValidOffsetAndEpoch {
  bool diverging = false;
  OffsetAndEpoch end;  // when diverging: where the leader's log for that epoch ends
};

class RaftLog {
 public:
  RaftLog(Disk& disk, std::string file);

  // Reads the file back (a restart); a torn last record is cut off.
  Status Load();

  Offset EndOffset() const { return Offset{static_cast<int64_t>(records_.size())}; }
  // The epoch of the last record, 0 for an empty log (Kafka's lastFetchedEpoch).
  LeaderEpoch LastFetchedEpoch() const { return records_.empty() ? LeaderEpoch{0} : records_.back().epoch; }
  OffsetAndEpoch EndOffsetAndEpoch() const { return {EndOffset(), LastFetchedEpoch()}; }
  const RaftRecord& Read(Offset offset) const;
  std::vector<RaftRecord> ReadFrom(Offset from, size_t max_records) const;

  // Appends and fsyncs. The epoch must not go down.
  Status Append(const RaftRecord& record);

  // Kafka's endOffsetForEpoch: the largest epoch <= `epoch` in the log and
  // the offset where it ends (the start of the next epoch, or the log end);
  // {0, 0} when the log holds no such epoch.
  OffsetAndEpoch EndOffsetForEpoch(LeaderEpoch epoch) const;

  // Kafka's ReplicatedLog.validateOffsetAndEpoch, run by the leader on a
  // fetch: VALID when this log holds `last_fetched_epoch` up to at least
  // `fetch_offset`, else DIVERGING at EndOffsetForEpoch(last_fetched_epoch).
  ValidOffsetAndEpoch ValidateOffsetAndEpoch(Offset fetch_offset, LeaderEpoch last_fetched_epoch) const;

  // Kafka's truncateToEndOffset, run by a follower told of a divergence:
  // cut at min(the leader's end of that epoch, this log's end of it).
  // Returns the new end offset.
  Result<Offset> TruncateToEndOffset(OffsetAndEpoch diverging);
  Status TruncateTo(Offset end);

  const std::vector<RaftRecord>& records() const { return records_; }

 private:
  Disk& disk_;
  std::string file_;
  std::vector<RaftRecord> records_;
  std::vector<uint64_t> positions_;  // byte position of each record in the file
  // The epoch cache: (epoch, start offset), ascending in both.
  std::vector<OffsetAndEpoch> epoch_starts_;
};

}  // namespace kafkasim::raft
