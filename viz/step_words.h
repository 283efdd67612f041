// viz/step_words.h — what one event did, in words, from the trace lines it
// wrote: "ran event 1234 at 5.599 s: controller broker-2 elected broker-2
// leader of orders-0 at epoch 2". The most telling line is told (an election
// before a role change before an append before a message); the others are
// counted.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.h"

namespace kafkasim::viz {

using NodeNamer = std::function<std::string(NodeId)>;

// One trace line ({"i":..,"t":..,"type":"election",...}) as a sentence.
std::string DescribeTraceLine(std::string_view line, const NodeNamer& name);
// The event numbered `event` (events run so far) at `at` that wrote `lines`.
std::string DescribeStep(uint64_t event, TimeNs at, const std::vector<std::string>& lines, const NodeNamer& name);

}  // namespace kafkasim::viz
