// core/controller/controller_stats.h — the controller's event timers, per
// broker process (Kafka's ControllerStats lives in the ControllerContext of
// the one KafkaController a KafkaServer creates; kafkasim builds a new
// KafkaController per election, so the broker's control plane owns these and
// lends them to each controller it runs).
#pragma once

#include <cstdint>

#include "core/types.h"

namespace kafkasim::controller {

// A Yammer Timer as Kafka's ControllerEventManager uses it: how many events of
// one ControllerState ran, and the time they took (simulated time from the
// event's start to its Done; Kafka's events run synchronously, so this is
// their whole processing time, ZooKeeper round trips included).
struct EventTimer {
  int64_t count = 0;
  TimeNs total_ns = 0;
  TimeNs max_ns = 0;

  void Record(TimeNs took) {
    ++count;
    total_ns += took;
    if (took > max_ns) max_ns = took;
  }
};

struct ControllerStats {
  // kafka.controller:type=ControllerStats,name=LeaderElectionRateAndTimeMs:
  // despite its name, Kafka 3.4's ControllerState.BrokerChange timer
  // ("kept for backwards compatibility"): every BrokerChange event processed.
  EventTimer broker_change;
};

}  // namespace kafkasim::controller
