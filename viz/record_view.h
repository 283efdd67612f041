// viz/record_view.h — records, not only batches: the view model of one
// partition at record granularity, and what happened to individual records.
//
//   records     the serving replica's log, one entry per record (offset, key,
//               producer, Kafka's producer sequence, leader epoch)
//   ghosts      acknowledged records that are lost (sim::LossLedger): where
//               they were acknowledged, when and why they vanished
//   at_risk     acknowledged records not yet replicated (measure.h)
//   duplicates  a producer record twice in the log, each linked to its twin
//   anomalies   a record a consumer processed twice, or that its group
//               committed past without processing (skipped)
// Every item carries the simulated time it happened at, for "jump there".
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/types.h"
#include "viz/disk_log_view.h"

namespace kafkasim::sim {
class Simulation;
}

namespace kafkasim::viz {

struct RecordCell {
  int64_t offset = 0;
  std::string key;        // "" null key
  std::string producer;   // the scenario's producer id ("p1"); "" unknown
  uint64_t app_seq = 0;   // the producer's n-th send (kafkasim's record id)
  int32_t sequence = -1;  // Kafka's producer sequence (idempotence), -1 none
  int32_t leader_epoch = -1;
  bool committed = false;  // below the HW
  // Transactions: a COMMIT / ABORT marker (kCommit / kAbort, a control
  // record), or data whose transaction aborted (read_committed skips it; not
  // counted as a duplicate or as skipped).
  BatchKind kind = BatchKind::kData;
  bool aborted = false;
};

struct GhostRecord {
  int64_t offset = -1;  // where it was acknowledged (-1: acks=0)
  std::string key, producer;
  uint64_t app_seq = 0;
  int16_t acks = -1;
  TimeNs acked_at = 0;
  TimeNs lost_at = 0;
  uint64_t lost_event = 0;
  std::string cause;
};

struct DuplicateLink {
  int64_t offset = 0, twin_offset = 0;  // the later copy, the first one
  std::string producer;
  uint64_t app_seq = 0;
  TimeNs acked_at = -1;  // when the producer was told (the retry's ack), -1 unknown
};

struct ConsumerAnomaly {
  std::string group, consumer;  // client ids
  int64_t offset = 0;
  bool skipped = false;  // else processed again
  int times = 0;         // processed again: the n-th time
  TimeNs at = 0;         // when processed again / the commit that passed it
};

struct PartitionRecords {
  TopicPartition tp;
  bool detailed = false;  // records decoded (`cells`); else ghosts only
  std::string replica;    // whose log `records` is ("broker-2")
  std::vector<RecordCell> records;
  std::vector<GhostRecord> ghosts;
  int64_t at_risk = 0;
  std::vector<DuplicateLink> duplicates;
  std::vector<ConsumerAnomaly> anomalies;
};

// `cells` false: ghosts only (no log decoding) — for large clusters, where
// BuildViewModel skips the per-record detail to keep frames fast.
PartitionRecords BuildPartitionRecords(const sim::Simulation& sim, const TopicPartition& tp, bool cells);
// BuildViewModel decodes records only up to this many partitions.
inline constexpr size_t kRecordDetailMaxPartitions = 8;

// Text lines for --state-out:
//   ghost orders-0 offset=212 p1#530 acks=1 acked=3.104s lost=5.012s event=1234 cause="..."
//   duplicate orders-0 offset=88 twin=80 p1#77
//   consumed_twice billing c2 orders-0 offset=40 times=2 at=6.000s
//   skipped billing c1 orders-0 offset=41 at=7.100s
//   records orders-0 replica=broker-2 count=350 at_risk=0 ghosts=12
void DescribePartitionRecords(const PartitionRecords& r, std::string& out);

}  // namespace kafkasim::viz
