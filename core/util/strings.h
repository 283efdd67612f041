// core/util/strings.h — joining lists into text, one way for the whole tree.
//
// Every message, trace note and GUI label that lists ids says it the same
// way: "[1,2,3]" (Kafka's own tools print an ISR as "1,2,3"; the brackets
// show an empty list as "[]" instead of nothing).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/types.h"

namespace kafkasim {

// items joined by `sep`, each turned into text by `to_text`.
template <typename Range, typename ToText>
std::string Join(const Range& items, std::string_view sep, ToText to_text) {
  std::string out;
  bool first = true;
  for (const auto& item : items) {
    if (!first) out += sep;
    out += to_text(item);
    first = false;
  }
  return out;
}

// "1,2,3" — as kafka-topics.sh --describe prints Replicas and Isr.
inline std::string JoinIds(const std::vector<NodeId>& ids) {
  return Join(ids, ",", [](NodeId id) { return std::to_string(id.value()); });
}

// "[1,2,3]"
inline std::string IdList(const std::vector<NodeId>& ids) { return "[" + JoinIds(ids) + "]"; }

// "[orders-0,orders-1]"
inline std::string PartitionList(const std::vector<TopicPartition>& tps) {
  return "[" + Join(tps, ",", [](const TopicPartition& tp) { return tp.ToString(); }) + "]";
}

}  // namespace kafkasim
