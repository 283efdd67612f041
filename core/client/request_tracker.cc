// core/client/request_tracker.cc — correlation ids and request timeouts.
#include "core/client/request_tracker.h"

#include <algorithm>
#include <type_traits>
#include <vector>

#include "core/protocol/message.h"

namespace kafkasim::client {

void SetCorrelationId(Message& m, int32_t id) {
  std::visit(
      [id](auto& x) {
        if constexpr (requires { x.correlation_id; }) x.correlation_id = id;
      },
      m);
}

int32_t CorrelationIdOf(const Message& m) {
  return std::visit(
      [](const auto& x) -> int32_t {
        if constexpr (requires { x.correlation_id; }) {
          return x.correlation_id;
        } else {
          return -1;
        }
      },
      m);
}

RequestTracker::~RequestTracker() { Clear(); }

int32_t RequestTracker::Send(NodeId to, Message request, int32_t timeout_ms, Handler done) {
  int32_t id = next_correlation_id_++;
  SetCorrelationId(request, id);
  // BUGGIFY: a request that times out early (a tenth of its timeout).
  if (env_.buggify.Fire("early_request_timeout")) timeout_ms = std::max(1, timeout_ms / 10);
  TimerId timer = env_.timers.Schedule(Ms(timeout_ms), [this, id] { OnTimeout(id); });
  pending_.emplace(id, Pending{to, timer, std::move(done)});
  ++in_flight_[to];
  env_.net.Send(to, std::move(request));
  return id;
}

void RequestTracker::SendOneWay(NodeId to, Message request) {
  SetCorrelationId(request, next_correlation_id_++);
  env_.net.Send(to, std::move(request));
}

bool RequestTracker::OnResponse(NodeId from, const Message& response) {
  auto it = pending_.find(CorrelationIdOf(response));
  if (it == pending_.end() || it->second.to != from) return false;
  Pending p = std::move(it->second);
  pending_.erase(it);
  --in_flight_[p.to];
  env_.timers.Cancel(p.timer);
  p.done(&response, ErrorCode::NONE);
  return true;
}

// NetworkClient.handleTimedOutRequests: a request past request.timeout.ms
// closes its connection ("Disconnecting from node N due to request
// timeout"), and every request in flight on it completes as disconnected —
// the producer's Sender reads that as NETWORK_EXCEPTION. The broker may
// still get and append what was sent: that is where a retry duplicates.
void RequestTracker::OnTimeout(int32_t correlation_id) {
  auto it = pending_.find(correlation_id);
  if (it == pending_.end()) return;
  const NodeId to = it->second.to;
  it->second.timer = 0;  // fired
  env_.net.Disconnect(to);
  FailAll(to, ErrorCode::NETWORK_EXCEPTION);
}

void RequestTracker::FailAll(NodeId to, ErrorCode error) {
  std::vector<int32_t> ids;
  for (const auto& [id, p] : pending_)
    if (p.to == to) ids.push_back(id);
  for (int32_t id : ids) {
    auto it = pending_.find(id);
    if (it == pending_.end()) continue;  // a handler before it cleared it
    Pending p = std::move(it->second);
    pending_.erase(it);
    --in_flight_[p.to];
    env_.timers.Cancel(p.timer);
    p.done(nullptr, error);
  }
}

int RequestTracker::InFlight(NodeId to) const {
  auto it = in_flight_.find(to);
  return it == in_flight_.end() ? 0 : it->second;
}

void RequestTracker::Clear() {
  for (auto& [id, p] : pending_) env_.timers.Cancel(p.timer);
  pending_.clear();
  in_flight_.clear();
}

}  // namespace kafkasim::client
