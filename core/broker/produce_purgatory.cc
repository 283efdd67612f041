#include "core/broker/produce_purgatory.h"

#include "core/broker/partition.h"

namespace kafkasim::broker {

void ProducePurgatory::Add(int32_t correlation_id, int32_t timeout_ms, std::vector<PendingPartition> parts,
                           Reply reply) {
  uint64_t key = next_key_++;
  Delayed d{correlation_id, std::move(parts), std::move(reply), 0};
  if (TryComplete(d)) {
    ProduceResponse resp{correlation_id, {}};
    for (auto& p : d.parts) resp.partitions.push_back(p.response);
    d.reply(std::move(resp));
    return;
  }
  d.timer = env_.timers.Schedule(Ms(timeout_ms), [this, key] { Expire(key); });
  pending_.emplace(key, std::move(d));
}

bool ProducePurgatory::TryComplete(Delayed& d) {
  bool all = true;
  for (PendingPartition& p : d.parts) {
    if (p.done) continue;
    Partition* part = lookup_(p.tp);
    if (part == nullptr || !part->is_leader()) {
      p.response.error_code = ErrorCode::NOT_LEADER_OR_FOLLOWER;
      p.done = true;
    } else if (part->high_watermark() >= p.required_offset) {
      bool enough = static_cast<int32_t>(part->isr().size()) >= part->config().min_insync_replicas;
      p.response.error_code = enough ? ErrorCode::NONE : ErrorCode::NOT_ENOUGH_REPLICAS_AFTER_APPEND;
      p.done = true;
    } else {
      all = false;
    }
  }
  return all;
}

void ProducePurgatory::CheckPartition(const TopicPartition& tp) {
  std::vector<uint64_t> completed;
  for (auto& [key, d] : pending_) {
    bool touches = false;
    for (const auto& p : d.parts) touches |= (!p.done && p.tp == tp);
    if (touches && TryComplete(d)) completed.push_back(key);
  }
  for (uint64_t key : completed) Finish(key);
}

void ProducePurgatory::Finish(uint64_t key) {
  auto it = pending_.find(key);
  if (it == pending_.end()) return;
  Delayed d = std::move(it->second);
  pending_.erase(it);
  env_.timers.Cancel(d.timer);
  ProduceResponse resp{d.correlation_id, {}};
  for (auto& p : d.parts) resp.partitions.push_back(p.response);
  d.reply(std::move(resp));
}

void ProducePurgatory::Expire(uint64_t key) {
  auto it = pending_.find(key);
  if (it == pending_.end()) return;
  for (auto& p : it->second.parts) {
    if (!p.done) {
      p.response.error_code = ErrorCode::REQUEST_TIMED_OUT;
      p.done = true;
    }
  }
  Finish(key);
}

}  // namespace kafkasim::broker
