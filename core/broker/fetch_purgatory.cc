#include "core/broker/fetch_purgatory.h"

#include <utility>

namespace kafkasim::broker {

bool FetchPurgatory::HasError(const FetchResponse& r) {
  for (const auto& p : r.partitions)
    if (p.error_code != ErrorCode::NONE) return true;
  return false;
}

bool FetchPurgatory::Reads(const FetchRequest& req, const TopicPartition& tp) {
  for (const auto& fp : req.partitions)
    if (fp.tp == tp) return true;
  return false;
}

void FetchPurgatory::Fetch(NodeId from, const FetchRequest& req) {
  size_t bytes = 0;
  FetchResponse resp = reader_(req, ReadFrom::kRequest, bytes);
  if (req.max_wait_ms <= 0 || bytes >= static_cast<size_t>(req.min_bytes) || HasError(resp)) {
    reply_(from, std::move(resp));
    return;
  }
  uint64_t key = next_key_++;
  TimerId t = env_.timers.Schedule(Ms(req.max_wait_ms), [this, key] { Expire(key); });
  pending_.emplace(key, Parked{from, req, t, env_.Now()});
}

void FetchPurgatory::Wake(const TopicPartition& tp) {
  // Out of the map before any is served (see the header: re-entrancy).
  std::vector<std::pair<uint64_t, Parked>> woken;
  for (auto it = pending_.begin(); it != pending_.end();) {
    if (Reads(it->second.req, tp)) {
      woken.emplace_back(it->first, std::move(it->second));
      it = pending_.erase(it);
    } else {
      ++it;
    }
  }
  for (auto& [key, p] : woken) {
    // min_bytes <= 0 completes even an empty read; only then must it be read.
    if (p.req.min_bytes > 0 && nothing_new_ && nothing_new_(p.req)) {
      pending_.emplace(key, std::move(p));  // as a read of no bytes would
      continue;
    }
    size_t bytes = 0;
    FetchResponse resp = reader_(p.req, ReadFrom::kPurgatory, bytes);
    if (bytes >= static_cast<size_t>(p.req.min_bytes) || HasError(resp)) {
      env_.timers.Cancel(p.timer);
      reply_(p.from, std::move(resp));
    } else {
      pending_.emplace(key, std::move(p));  // parked again: same key, same expiry timer
    }
  }
}

void FetchPurgatory::WakeAll() {
  std::map<uint64_t, Parked> all;
  all.swap(pending_);
  for (auto& [key, p] : all) {
    env_.timers.Cancel(p.timer);
    size_t bytes = 0;
    reply_(p.from, reader_(p.req, ReadFrom::kPurgatory, bytes));
  }
}

void FetchPurgatory::Expire(uint64_t key) {
  auto it = pending_.find(key);
  if (it == pending_.end()) return;
  Parked p = std::move(it->second);
  pending_.erase(it);
  size_t bytes = 0;
  reply_(p.from, reader_(p.req, ReadFrom::kPurgatory, bytes));
}

}  // namespace kafkasim::broker
