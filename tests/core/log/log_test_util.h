// tests/core/log/log_test_util.h — shared fixture bits for Log tests.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "core/log/log.h"
#include "sim/disk/sim_disk.h"
#include "tests/core/log/test_batches.h"

namespace kafkasim::log::testing {

inline std::unique_ptr<Log> OpenOrDie(Disk& disk, const std::string& dir, const LogSettings& settings, TimeNs now) {
  auto log = Log::Open(disk, dir, settings, now);
  EXPECT_TRUE(log.ok()) << (log.ok() ? "" : log.error().message);
  return std::move(log).value();
}

// Appends `records` records as one batch as leader; returns the assigned first offset.
inline Offset AppendRecords(Log& log, int32_t records, LeaderEpoch epoch, TimeNs now, int64_t ts = 0,
                            size_t payload = 16) {
  Bytes b = MakeBatch(records, ts, payload);
  auto info = log.AppendAsLeader(b, epoch, now);
  EXPECT_TRUE(info.ok()) << (info.ok() ? "" : info.error().message);
  return info.ok() ? info->first_offset : Offset{-1};
}

// Every batch's (base, last) in the log.
inline std::vector<std::pair<int64_t, int64_t>> Ranges(const Log& log) {
  std::vector<std::pair<int64_t, int64_t>> out;
  log.ForEachBatch(
      [&](const record::BatchHeader& h, const SharedBytes&) { out.emplace_back(h.base_offset, h.last_offset()); });
  return out;
}

}  // namespace kafkasim::log::testing
