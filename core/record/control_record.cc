// core/record/control_record.cc — control record keys, end-transaction
// markers, and the marker batch.
#include "core/record/control_record.h"

#include <string>

#include "core/util/assert.h"

namespace kafkasim::record {

namespace {

size_t SizeOf(const std::optional<std::span<const uint8_t>>& b) { return b ? b->size() : 0; }
}  // namespace

std::string_view ControlRecordTypeName(ControlRecordType t) {
  switch (t) {
    case ControlRecordType::ABORT:
      return "ABORT";
    case ControlRecordType::COMMIT:
      return "COMMIT";
    case ControlRecordType::LEADER_CHANGE:
      return "LEADER_CHANGE";
    case ControlRecordType::SNAPSHOT_HEADER:
      return "SNAPSHOT_HEADER";
    case ControlRecordType::SNAPSHOT_FOOTER:
      return "SNAPSHOT_FOOTER";
    case ControlRecordType::UNKNOWN:
      return "UNKNOWN";
  }
  return "UNKNOWN";
}

ControlRecordType ControlRecordTypeFromId(int16_t id) {
  if (id >= 0 && id <= 4) return static_cast<ControlRecordType>(id);
  return ControlRecordType::UNKNOWN;
}

Bytes EncodeControlRecordKey(ControlRecordType type) {
  KSIM_ASSERT(type != ControlRecordType::UNKNOWN, "encoding a control record of UNKNOWN type");
  Bytes key(kControlRecordKeySize);
  WriteBe16(key.data(), kControlRecordKeyVersion);
  WriteBe16(key.data() + 2, static_cast<int16_t>(type));
  return key;
}

Bytes EncodeEndTxnMarkerValue(int32_t coordinator_epoch) {
  Bytes value(kEndTxnMarkerValueSize);
  WriteBe16(value.data(), kEndTxnMarkerVersion);
  WriteBe32(value.data() + 2, coordinator_epoch);
  return value;
}

Result<ControlRecordType> ParseControlRecordKey(std::optional<std::span<const uint8_t>> key) {
  if (SizeOf(key) < kControlRecordKeySize) {
    return CorruptMessage("control record key must have at least " + std::to_string(kControlRecordKeySize) +
                          " bytes, but found only " + std::to_string(SizeOf(key)) + (key ? "" : " (null key)"));
  }
  int16_t version = ReadBe16(key->data());
  if (version < 0) return CorruptMessage("invalid control record key version " + std::to_string(version));
  return ControlRecordTypeFromId(ReadBe16(key->data() + 2));
}

Result<ControlRecord> ParseControlRecord(std::optional<std::span<const uint8_t>> key,
                                         std::optional<std::span<const uint8_t>> value) {
  Result<ControlRecordType> type = ParseControlRecordKey(key);
  if (!type.ok()) return type.error();
  ControlRecord out;
  out.key_version = ReadBe16(key->data());
  out.type_id = ReadBe16(key->data() + 2);
  out.type = *type;
  if (out.type != ControlRecordType::ABORT && out.type != ControlRecordType::COMMIT) return out;
  // EndTransactionMarker.deserializeValue
  if (SizeOf(value) < kEndTxnMarkerValueSize) {
    return CorruptMessage("end transaction marker value must have at least " + std::to_string(kEndTxnMarkerValueSize) +
                          " bytes, but found only " + std::to_string(SizeOf(value)) + (value ? "" : " (null value)"));
  }
  out.value_version = ReadBe16(value->data());
  if (out.value_version < 0) {
    return CorruptMessage("invalid end transaction marker version " + std::to_string(out.value_version));
  }
  out.marker = EndTransactionMarker{out.type, ReadBe32(value->data() + 2)};
  return out;
}

namespace {
std::optional<std::span<const uint8_t>> View(const std::optional<Bytes>& b) {
  if (!b) return std::nullopt;
  return std::span<const uint8_t>(*b);
}
}  // namespace

Result<std::vector<ControlRecord>> ParseControlBatch(const RecordBatch& batch) {
  if (!batch.is_control()) return CorruptMessage("not a control batch (attributes bit 5 is clear)");
  if (batch.records.empty()) return CorruptMessage("control batch holds no record");
  std::vector<ControlRecord> out;
  for (size_t i = 0; i < batch.records.size(); ++i) {
    const Record& r = batch.records[i];
    Result<ControlRecord> c = ParseControlRecord(View(r.key), View(r.value));
    if (!c.ok()) return CorruptMessage("control record " + std::to_string(i) + ": " + c.error().message);
    out.push_back(*c);
  }
  return out;
}

RecordBatch EndTxnMarkerBatch(int64_t base_offset, int64_t timestamp_ms, int64_t producer_id, int16_t producer_epoch,
                              int32_t partition_leader_epoch, const EndTransactionMarker& marker) {
  KSIM_ASSERT(marker.type == ControlRecordType::ABORT || marker.type == ControlRecordType::COMMIT,
              "an end-transaction marker is ABORT or COMMIT");
  KSIM_ASSERT(producer_id >= 0, "an end-transaction marker without a producer id");
  RecordBatch b;
  b.base_offset = base_offset;
  b.partition_leader_epoch = partition_leader_epoch;
  b.attributes = static_cast<int16_t>(kTransactionalMask | kControlMask);
  b.base_timestamp = timestamp_ms;
  b.max_timestamp = timestamp_ms;
  b.producer_id = producer_id;
  b.producer_epoch = producer_epoch;
  b.base_sequence = kNoSequence;
  Record r;
  r.key = EncodeControlRecordKey(marker.type);
  r.value = EncodeEndTxnMarkerValue(marker.coordinator_epoch);
  b.records.push_back(std::move(r));
  return b;
}

}  // namespace kafkasim::record
