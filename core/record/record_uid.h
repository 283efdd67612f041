// core/record/record_uid.h — the "ksim.id" record header that lets checkers
// follow one producer record end to end (log, replicas, consumers).
// Value: the RecordUid as 8 bytes, big-endian.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "core/record/record_batch.h"
#include "core/types.h"

namespace kafkasim::record {

constexpr std::string_view kRecordUidHeader = "ksim.id";

inline std::array<uint8_t, 8> EncodeRecordUid(RecordUid uid) {
  std::array<uint8_t, 8> b{};
  for (int i = 7; i >= 0; --i, uid >>= 8) b[static_cast<size_t>(i)] = static_cast<uint8_t>(uid & 0xff);
  return b;
}

inline std::optional<RecordUid> FindRecordUid(const RecordView& r) {
  for (const HeaderView& h : r.headers) {
    if (h.key != kRecordUidHeader || !h.value || h.value->size() != 8) continue;
    RecordUid uid = 0;
    for (uint8_t byte : *h.value) uid = (uid << 8) | byte;
    return uid;
  }
  return std::nullopt;
}

}  // namespace kafkasim::record
