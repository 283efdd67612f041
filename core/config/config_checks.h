// core/config/config_checks.h — Kafka's rules across keys, where one key's
// validator cannot see another's. Kafka either refuses the config (a
// ConfigException or IllegalArgumentException: the client or broker does not
// start) or silently adjusts a value it was not given (and logs it). The
// scenario loader turns each refusal into an error naming the file, line and
// field; the simulated client applies each adjustment and tells it in the story.
//
// Where Kafka decides:
//   producer  ProducerConfig.postProcessAndValidateIdempotenceConfigs (3.x),
//             KafkaProducer.configureDeliveryTimeout
//   consumer  Heartbeat's constructor (every consumer with a group.id)
//   broker    KafkaConfig.validateValues
#pragma once

#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/broker_config.h"
#include "core/config/client_config.h"

namespace kafkasim::config {

// Java's AbstractConfig.originals(): the keys the user wrote, which tells a
// default from a choice.
using Originals = std::set<std::string, std::less<>>;

struct ConfigProblem {
  std::string_view key;  // the key the message is about; one the user wrote
  std::string message;   // Kafka's words
};

struct CheckResult {
  std::vector<ConfigProblem> errors;     // Kafka refuses the config
  std::vector<std::string> adjustments;  // Kafka changed a value it was not given (its log line)
};

// Applies Kafka's adjustments to `c` and reports its refusals.
CheckResult PostProcess(ProducerConfig& c, const Originals& originals);
// A consumer in a group (kafkasim's consumers always have one).
CheckResult Check(const ConsumerConfig& c, const Originals& originals);
CheckResult Check(const BrokerConfig& c, const Originals& originals);

}  // namespace kafkasim::config
