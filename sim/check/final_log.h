// sim/check/final_log.h — where a partition's records can still be served
// from, at the end of a run or at an `expect_at` moment: the log that
// lost_acked, duplicates_in_log, reordered and consumer_lost are measured on.
//
// Kafka loses an acknowledged record only when no replica that may lead the
// partition again holds it:
//   - a live leader: its log below the high watermark is the partition;
//   - no live leader, but a live replica the controller may elect (one in the
//     ISR it recorded in ZooKeeper — every live replica when that cannot be
//     read): the one with the highest HW, whole log (whichever is elected
//     keeps its whole log);
//   - no live leader and no live electable replica (offline: every ISR member
//     is down): the partition waits for an ISR member to come back, and each
//     comes back with what its disk holds — all of it after a process crash
//     (the page cache survives), what was fsynced after a power failure. A
//     record any of their disks holds is not lost; the longest of those logs
//     is the partition's. Each is read by the broker's own recovery
//     (log::Log::Open) on a scratch view that leaves the disk untouched.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "core/protocol/common.h"
#include "core/record/record_uid.h"
#include "core/types.h"

namespace kafkasim::broker {
class Partition;
}

namespace kafkasim::sim {

class Simulation;

// Where a record stands in its producer's transaction, as the log says.
enum class TxnOutcome : uint8_t {
  kNone,       // not transactional
  kOpen,       // no marker below the log's end yet
  kCommitted,  // a COMMIT marker follows it
  kAborted,    // an ABORT marker follows it: never committed, not lost
};

struct LogEntry {
  Offset offset;
  RecordUid uid;
  TxnOutcome txn = TxnOutcome::kNone;
};

struct FinalLog {
  std::vector<LogEntry> entries;  // the partition's committed log
  Offset log_start{0};            // its log start offset (retention)
  Offset end{0};                  // `entries` are the records below this offset
  // Every record some replica that may serve the partition holds: `entries`,
  // plus the other recovered disks of an offline partition's ISR. Sorted,
  // no duplicates.
  std::vector<RecordUid> servable;
  // The live replica `entries` come from; null when read from a disk.
  const broker::Partition* live = nullptr;
};

// nullopt when no replica of tp, live or on disk, can serve it.
std::optional<FinalLog> FinalLogOf(const Simulation& sim, const TopicPartition& tp);

// Records that a replica which may still lead tp with its log intact holds,
// beyond what FinalLogOf serves, at offsets past its last committed one:
// acknowledged but not yet replicated. Such a
// record is AT RISK, not lost — until an election picks a leader without it,
// or a truncation (or a power failure) removes it. The holders:
//   - the live leader: its whole log (above its HW too);
//   - the leader recorded in ZooKeeper while it is down and no election has
//     replaced it: what its disk will recover;
//   - live replicas in the ISR recorded in ZooKeeper: their whole logs.
// When ZooKeeper cannot be read, only the live leader counts.
std::set<RecordUid> HeldAtRisk(const Simulation& sim, const TopicPartition& tp);
// The same, given FinalLogOf(sim, tp) already read.
std::set<RecordUid> HeldAtRisk(const Simulation& sim, const TopicPartition& tp, const std::optional<FinalLog>& f);

// Each batch's records (offset, uid), decoded once, by the batch's shared
// bytes: a follower keeps the very bytes it fetched from the leader, so the
// replicas of one partition mostly hold the same batches. Keeps the bytes
// alive, so an address is never reused while it is a key; use one cache only
// while the logs do not change (within one event).
using DecodedBatches = std::map<const void*, std::pair<SharedBytes, std::vector<std::pair<int64_t, RecordUid>>>>;

// The records the live replica `id` of tp holds at offsets [from, to], in
// offset order: the batches found through the segment index, for fresh
// acknowledgements (empty when it holds none there).
std::vector<std::pair<int64_t, RecordUid>> ReplicaRecordsBetween(const Simulation& sim, NodeId id,
                                                                 const TopicPartition& tp, Offset from, Offset to,
                                                                 DecodedBatches& decoded);

// The replicas HeldAtRisk reads (leader first); `down_leader` is the recorded
// leader when it is down (kNoNode otherwise).
struct AtRiskHolders {
  std::vector<NodeId> live;
  NodeId down_leader = kNoNode;
  bool zk_known = false;  // ZooKeeper's partition state was read
};
AtRiskHolders AtRiskHoldersOf(const Simulation& sim, const TopicPartition& tp);

}  // namespace kafkasim::sim
