// sim/apps/output_uid.h — the uid of a processor's output record, derived
// from its input record's uid so that the checkers can pair them
// (sim/check/output_check.h): the same input always gives the same output
// uid, so a reprocessed input's second output is recognisably a duplicate.
//
// Uid slots: producer i (0-based) hands out MakeRecordUid(i, seq); processor
// j hands out MakeRecordUid(P + j, ...) with P producers, for T = P +
// processors slots in all. An output's sequence is input_seq * T +
// input_slot: dense per processor (sim/check/uid_map.h keeps one vector per
// slot), and reversible.
#pragma once

#include <optional>

#include "core/types.h"

namespace kafkasim::sim {

struct UidSlots {
  uint32_t slot = 0;   // this processor's slot: P + its index
  uint32_t total = 1;  // T: producers + processors
};

inline RecordUid OutputUid(RecordUid input, UidSlots s) {
  return MakeRecordUid(s.slot, RecordUidSeq(input) * s.total + RecordUidProducer(input));
}

// The input uid an output uid of slot-set `total` was made from.
inline RecordUid InputUidOf(RecordUid output, uint32_t total) {
  const uint64_t seq = RecordUidSeq(output);
  return MakeRecordUid(static_cast<uint32_t>(seq % total), seq / total);
}

}  // namespace kafkasim::sim
