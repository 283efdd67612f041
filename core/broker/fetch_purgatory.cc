#include "core/broker/fetch_purgatory.h"

namespace kafkasim::broker {

bool FetchPurgatory::HasError(const FetchResponse& r) {
  for (const auto& p : r.partitions)
    if (p.error_code != ErrorCode::NONE) return true;
  return false;
}

void FetchPurgatory::Fetch(NodeId from, const FetchRequest& req) {
  size_t bytes = 0;
  FetchResponse resp = reader_(from, req, bytes);
  if (req.max_wait_ms <= 0 || bytes >= static_cast<size_t>(req.min_bytes) || HasError(resp)) {
    reply_(from, std::move(resp));
    return;
  }
  uint64_t key = next_key_++;
  TimerId t = env_.timers.Schedule(Ms(req.max_wait_ms), [this, key] { Expire(key); });
  pending_.emplace(key, Parked{from, req, t});
}

void FetchPurgatory::Wake(const TopicPartition& tp) {
  std::vector<uint64_t> ready;
  for (auto& [key, p] : pending_) {
    bool reads = false;
    for (const auto& fp : p.req.partitions) reads |= fp.tp == tp;
    if (reads) ready.push_back(key);
  }
  for (uint64_t key : ready) {
    auto it = pending_.find(key);
    size_t bytes = 0;
    FetchResponse resp = reader_(it->second.from, it->second.req, bytes);
    if (bytes >= static_cast<size_t>(it->second.req.min_bytes) || HasError(resp)) {
      NodeId from = it->second.from;
      env_.timers.Cancel(it->second.timer);
      pending_.erase(it);
      reply_(from, std::move(resp));
    }
  }
}

void FetchPurgatory::WakeAll() {
  std::vector<uint64_t> keys;
  for (auto& [key, p] : pending_) keys.push_back(key);
  for (uint64_t key : keys) {
    env_.timers.Cancel(pending_.at(key).timer);
    Expire(key);
  }
}

void FetchPurgatory::Expire(uint64_t key) {
  auto it = pending_.find(key);
  if (it == pending_.end()) return;
  Parked p = std::move(it->second);
  pending_.erase(it);
  size_t bytes = 0;
  reply_(p.from, reader_(p.from, p.req, bytes));
}

}  // namespace kafkasim::broker
