// tests/core/log/log_property_test.cc — RapidCheck: any sequence of appends,
// truncations, retention, flushes, crashes and power failures keeps the log
// gap-free from its start, equal to a simple model, and after a failure a
// prefix of what was appended (at least the flushed part).
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "core/log/log.h"
#include "sim/disk/sim_disk.h"
#include "sim/prng.h"
#include "tests/core/log/test_batches.h"

namespace kafkasim::log {
namespace {

using namespace kafkasim::log::testing;

// The model: the batches the log should hold, from its start offset.
struct Model {
  int64_t start = 0;
  std::vector<Bytes> batches;
  int64_t End() const { return batches.empty() ? start : record::ParseBatchHeader(batches.back())->last_offset() + 1; }
  void TruncateTo(int64_t target) {  // drop batches whose last offset >= target
    while (!batches.empty() && record::ParseBatchHeader(batches.back())->last_offset() >= target) batches.pop_back();
  }
  void DropBelow(int64_t new_start) {
    while (!batches.empty() && record::ParseBatchHeader(batches.front())->base_offset < new_start) {
      batches.erase(batches.begin());
    }
    start = new_start;
  }
};

LogSettings PropertySettings() {
  LogSettings s;
  s.segment_bytes = 300;
  s.index_interval_bytes = 100;
  s.retention_bytes = 600;
  s.retention_ms = 50;
  return s;
}

std::vector<Bytes> Contents(const Log& log) {
  std::vector<Bytes> out;
  log.ForEachBatch([&](const record::BatchHeader&, const SharedBytes& b) { out.push_back(*b); });
  return out;
}

void CheckInvariants(const Log& log, const Model& model) {
  int64_t next = log.log_start_offset().value();
  log.ForEachBatch([&](const record::BatchHeader& h, const SharedBytes& b) {
    RC_ASSERT(h.base_offset == next);  // gap-free and monotonic
    RC_ASSERT(record::VerifyBatchCrc(*b));
    next = h.last_offset() + 1;
  });
  RC_ASSERT(next == log.log_end_offset().value());
  RC_ASSERT(log.log_start_offset().value() == model.start);
  RC_ASSERT(Contents(log) == model.batches);
  RC_ASSERT(log.recovery_point() <= log.log_end_offset());
  std::optional<EpochEntry> prev;
  for (const auto& e : log.leader_epoch_cache().Entries()) {
    RC_ASSERT(e.start_offset >= log.log_start_offset());
    RC_ASSERT(e.start_offset <= log.log_end_offset());
    if (prev) RC_ASSERT(prev->epoch < e.epoch && prev->start_offset < e.start_offset);
    prev = e;
  }
}

// Reads from a random offset return whole batches of the model, in order.
void CheckRead(const Log& log, const Model& model, int64_t offset, int32_t max_bytes) {
  auto r = log.Read(Offset{offset}, max_bytes, log.log_end_offset());
  if (offset < model.start || offset > model.End()) {
    RC_ASSERT(!r.ok());
    return;
  }
  RC_ASSERT(r.ok());
  RC_ASSERT(r->batches.empty() == (offset == model.End()));
  size_t i = 0;
  while (i < model.batches.size() && record::ParseBatchHeader(model.batches[i])->last_offset() < offset) ++i;
  for (const auto& b : r->batches) {
    RC_ASSERT(i < model.batches.size());
    RC_ASSERT(*b == model.batches[i++]);
  }
}

RC_GTEST_PROP(LogProperty, OffsetsStayGapFreeAndRecoveryKeepsAPrefix, ()) {
  sim::SimDisk disk;
  const LogSettings settings = PropertySettings();
  TimeNs now = 0;
  auto log = std::move(Log::Open(disk, "p-0/", settings, now)).value();
  Model model;
  int32_t epoch = 0;
  const int steps = *rc::gen::inRange(1, 60);
  for (int step = 0; step < steps; ++step) {
    const int op = *rc::gen::inRange(0, 100);
    if (op < 45) {  // append as leader
      const auto records = *rc::gen::inRange<int32_t>(1, 5);
      const auto payload = *rc::gen::inRange<size_t>(0, 120);
      if (*rc::gen::inRange(0, 8) == 0) ++epoch;
      Bytes b = MakeBatch(records, now / kNsPerMs, payload, static_cast<uint8_t>(step));
      auto info = log->AppendAsLeader(b, LeaderEpoch{epoch}, now);
      RC_ASSERT(info.ok());
      RC_ASSERT(info->first_offset.value() == model.End());
      model.batches.push_back(b);
    } else if (op < 55) {  // follower-style truncation
      const int64_t target = *rc::gen::inRange<int64_t>(model.start, model.End() + 2);
      log->TruncateTo(Offset{target});
      if (target < model.End()) model.TruncateTo(target);
    } else if (op < 62) {  // retention, bounded by a random HW
      const int64_t hw = *rc::gen::inRange<int64_t>(model.start, model.End() + 1);
      log->DeleteRetentionSegments(now, Offset{hw});
      RC_ASSERT(log->log_start_offset().value() <= hw);
      model.DropBelow(log->log_start_offset().value());
    } else if (op < 70) {
      log->Flush(now);
    } else if (op < 78) {
      now += Ms(*rc::gen::inRange(1, 40));
      log->MaybeFlush(now);
    } else if (op < 84) {  // process crash: nothing is lost
      log.reset();
      disk.CrashProcess();
      log = std::move(Log::Open(disk, "p-0/", settings, now)).value();
    } else if (op < 94) {  // power failure, maybe torn
      const int64_t flushed = log->recovery_point().value();
      log.reset();
      if (*rc::gen::arbitrary<bool>()) {
        sim::Prng prng(*rc::gen::arbitrary<uint64_t>());
        disk.PowerFailTorn(prng);
      } else {
        disk.PowerFail();
      }
      log = std::move(Log::Open(disk, "p-0/", settings, now)).value();
      const std::vector<Bytes> got = Contents(*log);
      RC_ASSERT(log->log_start_offset().value() == model.start);
      RC_ASSERT(log->log_end_offset().value() >= flushed);
      RC_ASSERT(got.size() <= model.batches.size());
      RC_ASSERT(std::equal(got.begin(), got.end(), model.batches.begin()));
      model.batches.resize(got.size());
    } else {
      const int64_t offset = *rc::gen::inRange<int64_t>(model.start - 1, model.End() + 2);
      CheckRead(*log, model, offset, *rc::gen::inRange<int32_t>(1, 400));
    }
    RC_LOG() << "op " << op << " -> start " << log->log_start_offset().value() << " leo "
             << log->log_end_offset().value() << " rp " << log->recovery_point().value() << " segs "
             << log->Segments().size() << "\n";
    CheckInvariants(*log, model);
  }
}

}  // namespace
}  // namespace kafkasim::log
