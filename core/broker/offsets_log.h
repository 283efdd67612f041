// core/broker/offsets_log.h — the group coordinator's window onto the
// replicated internal topic __consumer_offsets.
//
// The broker's ReplicaManager implements it: appends are replicated like any
// produce with acks=all (so a committed offset survives a coordinator
// failover), and a new coordinator replays the partition's committed log.
#pragma once

#include <functional>
#include <span>
#include <string>

#include "core/protocol/common.h"

namespace kafkasim {

constexpr const char* kOffsetsTopic = "__consumer_offsets";

class OffsetsLog {
 public:
  virtual ~OffsetsLog() = default;
  virtual int32_t num_partitions() const = 0;
  virtual bool IsLeader(PartitionId p) const = 0;
  // Appends one RecordBatch v2 (offsets assigned by the log) and calls `done`
  // once it is committed (HW passed it) or failed.
  virtual void Append(PartitionId p, Bytes batch, std::function<void(ErrorCode)> done) = 0;
  // Calls `fn` with every batch of partition p up to its log end, in order:
  // a new coordinator loads its whole log, not only what is below the HW
  // (GroupMetadataManager.doLoadGroupsAndOffsets reads with FetchLogEnd) —
  // a leader restarted before its HW checkpoint caught up would otherwise
  // start with groups and offsets missing.
  virtual void ForEachBatchToLogEnd(PartitionId p, const std::function<void(std::span<const uint8_t>)>& fn) const = 0;
};

// Kafka's partitionFor(groupId): Utils.abs(groupId.hashCode) % partitions,
// with Java's String.hashCode.
int32_t OffsetsPartitionFor(const std::string& group_id, int32_t num_partitions);

}  // namespace kafkasim
