// core/broker/producer_id_manager.h — hands out producer ids (Kafka's
// ProducerIdManager). Ids come from a per-broker range with a counter kept on
// the broker's disk (Kafka leases blocks from ZooKeeper or the controller); a
// restarted broker never reuses one.
#pragma once

#include <optional>

#include "core/env.h"

namespace kafkasim::broker {

class ProducerIdManager {
 public:
  explicit ProducerIdManager(Env& env, Disk& disk) : env_(env), disk_(disk) {}
  // nullopt when the counter cannot be written (the log dir went offline).
  std::optional<ProducerId> GenerateProducerId();

 private:
  Env& env_;
  Disk& disk_;
};

}  // namespace kafkasim::broker
