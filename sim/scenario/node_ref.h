// sim/scenario/node_ref.h — the names of nodes in scenario files.
//
//   broker-N          broker with broker.id N (1..cluster.brokers)
//   zookeeper         the coordination service (ZooKeeper mode)
//   controller-N      a KRaft controller, quorum voter N (KRaft mode)
//   <client id>       a producer's or consumer's `id`
//   controller        whichever broker is controller when the fault fires
//   leader(topic-p)   whichever broker leads that partition then
//   all               every node (only `heal: all`)
//
// Parsing here is syntax only; the loader checks that the names exist.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/types.h"
#include "core/util/result.h"
#include "sim/scenario/scenario.h"

namespace kafkasim::scenario {

inline constexpr std::string_view kZookeeperName = "zookeeper";
inline constexpr std::string_view kControllerName = "controller";
inline constexpr std::string_view kAllName = "all";

// [a-z0-9-]+ : scenario names, topic names, client ids.
bool IsValidName(std::string_view name);

// "broker-3"; and back: "broker-3" -> 3, anything else -> nullopt.
std::string BrokerName(int broker_id);
std::optional<int> BrokerIdFromName(std::string_view name);
// KRaft mode: "controller-2"; and back ("controller" alone is the active one, not this).
std::string ControllerName(int n);
std::optional<int> ControllerIndexFromName(std::string_view name);

// "orders-0" -> {orders, 0}: the partition number follows the last '-'.
Result<TopicPartition> ParseTopicPartition(std::string_view text);

// Any node reference, including "all" (callers reject it where it does not fit).
Result<NodeRef> ParseNodeRef(std::string_view text);

}  // namespace kafkasim::scenario
