// core/controller/controller_channel.cc — per-broker ordered delivery with retry.
#include "core/controller/controller_channel.h"

#include "core/protocol/message.h"

namespace kafkasim::controller {
namespace {

int32_t CorrelationIdOf(const Message& m) {
  if (const auto* r = std::get_if<LeaderAndIsrRequest>(&m)) return r->correlation_id;
  if (const auto* r = std::get_if<UpdateMetadataRequest>(&m)) return r->correlation_id;
  return -1;
}

}  // namespace

void ControllerChannel::Enqueue(BrokerId to, Message m) {
  if (shut_down_) return;
  auto it = queues_.find(to);
  if (it == queues_.end()) return;  // not a live broker: Kafka drops it too
  it->second.waiting.push_back(std::move(m));
  if (!it->second.in_flight) SendNext(to, it->second);
}

void ControllerChannel::SendNext(BrokerId to, Queue& q) {
  if (q.waiting.empty()) return;
  q.in_flight = std::move(q.waiting.front());
  q.waiting.pop_front();
  q.in_flight_correlation_id = CorrelationIdOf(*q.in_flight);
  q.sent_ns = env_.Now();
  env_.net.Send(to, *q.in_flight);
  ArmRetry();
}

bool ControllerChannel::OnResponse(NodeId from, const Message& message) {
  int32_t correlation_id = -1;
  if (const auto* r = std::get_if<LeaderAndIsrResponse>(&message)) {
    correlation_id = r->correlation_id;
  } else if (const auto* u = std::get_if<UpdateMetadataResponse>(&message)) {
    correlation_id = u->correlation_id;
  } else {
    return false;
  }
  auto it = queues_.find(from);
  if (shut_down_ || it == queues_.end()) return true;
  Queue& q = it->second;
  if (!q.in_flight || q.in_flight_correlation_id != correlation_id) return true;  // duplicate or stale
  q.in_flight.reset();
  SendNext(from, q);
  return true;
}

void ControllerChannel::Retry() {
  retry_armed_ = false;
  if (shut_down_) return;
  const TimeNs now = env_.Now();
  for (auto& [id, q] : queues_) {
    if (q.in_flight && now - q.sent_ns >= Ms(kRetryMs)) {
      q.sent_ns = now;
      env_.net.Send(id, *q.in_flight);
    }
  }
  ArmRetry();
}

void ControllerChannel::ArmRetry() {
  if (retry_armed_ || shut_down_) return;
  bool any = false;
  for (const auto& [id, q] : queues_) any = any || q.in_flight.has_value();
  if (!any) return;
  retry_armed_ = true;
  retry_timer_ = env_.timers.Schedule(Ms(kRetryMs), [this] { Retry(); });
}

void ControllerChannel::Shutdown() {
  shut_down_ = true;
  queues_.clear();
  if (retry_armed_) env_.timers.Cancel(retry_timer_);
  retry_armed_ = false;
}

size_t ControllerChannel::queued(BrokerId id) const {
  auto it = queues_.find(id);
  if (it == queues_.end()) return 0;
  return it->second.waiting.size() + (it->second.in_flight ? 1 : 0);
}

}  // namespace kafkasim::controller
