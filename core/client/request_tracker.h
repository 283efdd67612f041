// core/client/request_tracker.h — a client's connections: correlation ids,
// in-flight requests per broker and request.timeout.ms.
//
// Every request a client sends goes through here. A response is matched to
// its request by correlation id. A request with no response within its
// timeout closes the connection, as Java's NetworkClient does: it and every
// other request in flight to that node complete with NETWORK_EXCEPTION,
// and a response arriving after that is dropped.
#pragma once

#include <cstdint>
#include <functional>
#include <map>

#include "core/env.h"
#include "core/util/assert.h"

namespace kafkasim::client {

// Sets/gets the correlation_id field of any request or response.
void SetCorrelationId(Message& m, int32_t id);
int32_t CorrelationIdOf(const Message& m);  // -1 when the message has none

class RequestTracker {
 public:
  // `response` is null when `error` is set (NETWORK_EXCEPTION: timed out or
  // disconnected).
  using Handler = std::function<void(const Message* response, ErrorCode error)>;

  explicit RequestTracker(Env& env) : env_(env) {}
  ~RequestTracker();
  RequestTracker(const RequestTracker&) = delete;
  RequestTracker& operator=(const RequestTracker&) = delete;

  // Sends `request` to `to` with a fresh correlation id; `done` runs once.
  // Returns the correlation id.
  int32_t Send(NodeId to, Message request, int32_t timeout_ms, Handler done);
  // Sends without expecting an answer (Produce with acks=0).
  void SendOneWay(NodeId to, Message request);
  // Routes a response. Returns false when no request waits for it.
  bool OnResponse(NodeId from, const Message& response);
  // Requests in flight to `to`.
  int InFlight(NodeId to) const;
  // The connection to `to` broke (the peer's process is down: connection
  // refused or reset): every request in flight to it fails with `error` now,
  // as Java's NetworkClient fails them on a disconnect.
  void FailAll(NodeId to, ErrorCode error);
  // Forgets every request without calling handlers (Close).
  void Clear();
  // Where correlation ids start. Two clients of one process (a processor's
  // consumer and producer) each take their own range, as two Java clients
  // have their own connections; REQUIRES (asserted) nothing sent yet.
  void set_next_correlation_id(int32_t id) {
    KSIM_ASSERT(next_correlation_id_ == 1 && pending_.empty(), "correlation ids moved after a request was sent");
    next_correlation_id_ = id;
  }

 private:
  struct Pending {
    NodeId to;
    TimerId timer = 0;
    Handler done;
  };
  void OnTimeout(int32_t correlation_id);

  Env& env_;
  int32_t next_correlation_id_ = 1;
  std::map<int32_t, Pending> pending_;
  std::map<NodeId, int> in_flight_;
};

}  // namespace kafkasim::client
