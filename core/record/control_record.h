// core/record/control_record.h — control batches and transaction markers
// (RecordBatch v2 attributes bit 5 "control", bit 4 "transactional").
//
// A control batch (isControlBatch) holds control records instead of data.
// Kafka 3.4 (ControlRecordType, EndTransactionMarker):
//   key   = version int16 (0) | type int16
//           type: 0 ABORT, 1 COMMIT, 2 LEADER_CHANGE, 3 SNAPSHOT_HEADER,
//                 4 SNAPSHOT_FOOTER; any other id is UNKNOWN (ignored by
//                 clients, never written)
//   value of ABORT/COMMIT (an end-transaction marker)
//         = version int16 (0) | coordinatorEpoch int32
// The transaction coordinator writes one marker record per partition of a
// transaction, in a batch that is both transactional and control, with the
// producer's id and epoch and no sequence (MemoryRecords.withEndTransactionMarker).
// Parsing follows ControlRecordType.parseTypeId and
// EndTransactionMarker.deserializeValue: a key shorter than 4 bytes, a value
// shorter than 6, or a negative version is corrupt; a higher version is read
// as version 0 (Kafka logs it and goes on). Here corrupt is CORRUPT_MESSAGE,
// never an exception or a crash; a null key or value counts as too short.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/protocol/common.h"
#include "core/record/record_batch.h"
#include "core/util/result.h"

namespace kafkasim::record {

enum class ControlRecordType : int16_t {
  ABORT = 0,
  COMMIT = 1,
  LEADER_CHANGE = 2,
  SNAPSHOT_HEADER = 3,
  SNAPSHOT_FOOTER = 4,
  UNKNOWN = -1,
};

constexpr int16_t kControlRecordKeyVersion = 0;  // CURRENT_CONTROL_RECORD_KEY_VERSION
constexpr size_t kControlRecordKeySize = 4;      // CURRENT_CONTROL_RECORD_KEY_SIZE
constexpr int16_t kEndTxnMarkerVersion = 0;      // CURRENT_END_TXN_MARKER_VERSION
constexpr size_t kEndTxnMarkerValueSize = 6;     // CURRENT_END_TXN_MARKER_VALUE_SIZE

std::string_view ControlRecordTypeName(ControlRecordType t);
// ControlRecordType.fromTypeId: ids it does not know are UNKNOWN.
ControlRecordType ControlRecordTypeFromId(int16_t id);

struct EndTransactionMarker {
  ControlRecordType type = ControlRecordType::COMMIT;  // ABORT or COMMIT
  int32_t coordinator_epoch = 0;
  bool operator==(const EndTransactionMarker&) const = default;
};

// A control record as read: its type and, for ABORT/COMMIT, the marker.
struct ControlRecord {
  int16_t key_version = 0;
  int16_t type_id = 0;
  ControlRecordType type = ControlRecordType::UNKNOWN;
  std::optional<EndTransactionMarker> marker;  // set for ABORT and COMMIT
  int16_t value_version = 0;                   // of the marker value
};

Bytes EncodeControlRecordKey(ControlRecordType type);  // REQUIRES (asserted): a known type
Bytes EncodeEndTxnMarkerValue(int32_t coordinator_epoch);

// The key of a control record (ControlRecordType.parseTypeId).
Result<ControlRecordType> ParseControlRecordKey(std::optional<std::span<const uint8_t>> key);
// One control record of a control batch: key, and the marker for ABORT/COMMIT.
Result<ControlRecord> ParseControlRecord(std::optional<std::span<const uint8_t>> key,
                                         std::optional<std::span<const uint8_t>> value);
// Every record of a control batch. CORRUPT_MESSAGE when the batch is not a
// control batch, holds no record, or any record is corrupt.
Result<std::vector<ControlRecord>> ParseControlBatch(const RecordBatch& batch);

// The batch the transaction coordinator writes to end a transaction on one
// partition: transactional + control, one marker record at `base_offset`,
// producer id and epoch of the transaction, baseSequence -1.
// REQUIRES (asserted): marker.type is ABORT or COMMIT, producer_id >= 0.
RecordBatch EndTxnMarkerBatch(int64_t base_offset, int64_t timestamp_ms, int64_t producer_id, int16_t producer_epoch,
                              int32_t partition_leader_epoch, const EndTransactionMarker& marker);

}  // namespace kafkasim::record
