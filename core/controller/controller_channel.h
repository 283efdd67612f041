// core/controller/controller_channel.h — the controller's request queues to
// brokers (Kafka's ControllerChannelManager / RequestSendThread).
//
// One queue per live broker; one request in flight per broker at a time, sent
// again every kRetryMs until its response arrives (the network may drop
// either), then the next. Requests stay in order, so a broker never sees
// controller decisions out of order from one controller. A broker's queue is
// dropped when it dies and made anew when it registers.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>

#include "core/env.h"
#include "core/protocol/message.h"
#include "core/util/assert.h"

namespace kafkasim::controller {

class ControllerChannel {
 public:
  static constexpr int32_t kRetryMs = 1000;

  explicit ControllerChannel(Env& env) : env_(env) {}
  ~ControllerChannel() { Shutdown(); }
  ControllerChannel(const ControllerChannel&) = delete;
  ControllerChannel& operator=(const ControllerChannel&) = delete;

  void AddBroker(BrokerId id) { queues_.try_emplace(id); }
  void RemoveBroker(BrokerId id) { queues_.erase(id); }
  // REQUIRES: the request's correlation_id came from NextCorrelationId()
  // (asserted as far as it is cheap: it is one already handed out).
  void Send(BrokerId to, LeaderAndIsrRequest request) {
    KSIM_ASSERT(request.correlation_id < next_correlation_id_, "LeaderAndIsr with a correlation id never handed out");
    Enqueue(to, Message{std::move(request)});
  }
  void Send(BrokerId to, UpdateMetadataRequest request) { Enqueue(to, Message{std::move(request)}); }
  int32_t NextCorrelationId() { return next_correlation_id_++; }
  // Consumes LeaderAndIsrResponse / UpdateMetadataResponse.
  bool OnResponse(NodeId from, const Message& message);
  void Shutdown();

  size_t queued(BrokerId id) const;

 private:
  struct Queue {
    std::deque<Message> waiting;
    std::optional<Message> in_flight;
    int32_t in_flight_correlation_id = 0;
    TimeNs sent_ns = 0;
  };
  void Enqueue(BrokerId to, Message m);
  void SendNext(BrokerId to, Queue& q);
  void Retry();
  void ArmRetry();

  Env& env_;
  std::map<BrokerId, Queue> queues_;
  int32_t next_correlation_id_ = 1;
  TimerId retry_timer_ = 0;
  bool retry_armed_ = false;
  bool shut_down_ = false;
};

}  // namespace kafkasim::controller
