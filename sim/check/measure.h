// sim/check/measure.h — the numbers a scenario's expectations are checked
// against, computed from the run's history and the final state of the logs.
//
//   acked               records acknowledged to their producer
//   lost_acked          acknowledged records that no replica which may serve
//                       the partition holds (final_log.h: the live leader's
//                       log below its HW; for an offline partition, what the
//                       disks of its down ISR members will recover — a
//                       crashed broker is not a loss) and that are not at
//                       risk; a record acknowledged at an offset below the
//                       log start offset was deleted by retention and is not
//                       counted
//   at_risk_acked       acknowledged records not yet replicated (not below
//                       the HW) that a replica which may still lead holds
//                       (final_log.h HeldAtRisk): not lost until an election
//                       or a truncation decides (loss_ledger.h says which)
//   duplicates_in_log   extra copies of a producer record in committed logs
//   reordered           records appearing in the log after a record with the
//                       same producer and key that was sent later
//   duplicates_consumed extra times a group processed the same record
//   redelivered         per group: deliveries of a record the group had
//                       already processed — repeat processings plus the
//                       records a dedup store recognised and skipped
//                       (ObsRedelivered); with `dedup: store` a redelivery
//                       is skipped, so it counts here and not in
//                       duplicates_consumed
//   consumer_lost       records below a group's committed offset that it
//                       never processed
//   consumed            per group: distinct records it processed
//   replica_divergence  offsets below the HW where an in-sync replica's batch
//                       differs from the leader's
//   aborted_read        per group: records of aborted transactions (an ABORT
//                       marker follows them in the log) that it processed;
//                       aborted_read_committed sums the read_committed groups
//   transactions_*      transactions their coordinators completed
//                       (CompleteCommit / CompleteAbort written)
//   duplicates_output,  what processors made of their input (output_check.h)
//   lost_output
// Records of aborted transactions were never committed: they count in
// neither lost_acked nor consumer_lost.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/protocol/errors.h"

namespace kafkasim::sim {

class Simulation;

struct Measurements {
  int64_t acked = 0;
  int64_t lost_acked = 0;
  int64_t lost_acked_all = 0;  // of those, acknowledged with acks=all
  int64_t at_risk_acked = 0;
  int64_t duplicates_in_log = 0;
  int64_t reordered = 0;
  int64_t duplicates_consumed = 0;
  int64_t consumer_lost = 0;
  int64_t replica_divergence = 0;
  std::map<ErrorCode, int64_t> produce_errors;
  std::map<std::string, int64_t> consumed;               // group -> distinct records processed
  std::map<std::string, int64_t> consumed_out_of_order;  // group -> processed after a later-sent record
  std::map<std::string, int64_t> redelivered;            // group -> delivered again after it was processed
  std::map<std::string, int64_t> aborted_read;           // group -> aborted records it processed
  int64_t aborted_read_committed = 0;                    // of those, by read_committed groups
  int64_t transactions_committed = 0;
  int64_t transactions_aborted = 0;
  int64_t duplicates_output = 0;  // output_check.h
  int64_t lost_output = 0;
  std::vector<std::string> examples;  // a few sentences showing what went wrong
};

Measurements Measure(const Simulation& sim);

}  // namespace kafkasim::sim
