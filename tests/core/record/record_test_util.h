// tests/core/record/record_test_util.h — small helpers shared by the record
// tests: hex, test data files, and a RapidCheck generator of batches.
#pragma once

#include <rapidcheck.h>

#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

#include "core/record/record_batch.h"

namespace kafkasim::record::testing {

inline Bytes FromHex(std::string_view hex) {
  Bytes out;
  int high = -1;
  for (char c : hex) {
    int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
    if (d < 0) continue;  // whitespace and newlines
    if (high < 0) {
      high = d;
    } else {
      out.push_back(static_cast<uint8_t>(high << 4 | d));
      high = -1;
    }
  }
  return out;
}

// Reads tests/data/batches/<name> (lowercase hex text) as bytes.
inline Bytes ReadBatchFile(const std::string& name) {
  std::ifstream f(std::string(KAFKASIM_SOURCE_DIR) + "/tests/data/batches/" + name);
  std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  return FromHex(text);
}

inline Bytes B(std::string_view s) { return Bytes(s.begin(), s.end()); }

inline std::optional<Bytes> GenOptionalBytes(int max_len) {
  if (*rc::gen::inRange(0, 5) == 0) return std::nullopt;
  return *rc::gen::container<Bytes>(static_cast<size_t>(*rc::gen::inRange(0, max_len + 1)),
                                    rc::gen::arbitrary<uint8_t>());
}

// Arbitrary but well-formed batches: offset deltas non-decreasing from 0,
// any codec, any timestamps, null and empty keys, values and headers.
inline rc::Gen<RecordBatch> GenBatch() {
  return rc::gen::exec([] {
    RecordBatch b;
    b.base_offset = *rc::gen::inRange<int64_t>(0, int64_t{1} << 50);
    b.partition_leader_epoch = *rc::gen::arbitrary<int32_t>();
    int codec = *rc::gen::inRange(0, 5);
    int flags = *rc::gen::inRange(0, 8);
    b.attributes = static_cast<int16_t>(codec | (flags << 3));
    b.base_timestamp = *rc::gen::arbitrary<int64_t>();
    b.max_timestamp = *rc::gen::arbitrary<int64_t>();
    b.producer_id = *rc::gen::arbitrary<int64_t>();
    b.producer_epoch = *rc::gen::arbitrary<int16_t>();
    b.base_sequence = *rc::gen::arbitrary<int32_t>();
    int n = *rc::gen::inRange(0, 12);
    int64_t delta = 0;
    for (int i = 0; i < n; ++i) {
      Record r;
      delta += *rc::gen::inRange(i == 0 ? 0 : 1, 4);
      r.offset_delta = delta;
      r.timestamp_delta = *rc::gen::arbitrary<int64_t>();
      r.key = GenOptionalBytes(40);
      r.value = GenOptionalBytes(300);
      int h = *rc::gen::inRange(0, 4);
      for (int j = 0; j < h; ++j) r.headers.push_back({*rc::gen::arbitrary<std::string>(), GenOptionalBytes(20)});
      b.records.push_back(std::move(r));
    }
    if (*rc::gen::inRange(0, 4) == 0) b.last_offset_delta = static_cast<int32_t>(delta) + *rc::gen::inRange(1, 100);
    return b;
  });
}

}  // namespace kafkasim::record::testing
