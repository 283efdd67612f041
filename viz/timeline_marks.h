// viz/timeline_marks.h — sorting story sentences into marks for the
// space-time strip: what kind of event, and which node's lane it belongs to.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kafkasim::viz {

enum class MarkKind { kFault, kElection, kIsr, kNarration, kOther };

struct StoryMark {
  MarkKind kind = MarkKind::kOther;
  int lane = -1;  // index into the lane names; -1: every lane
};

// The first lane name that appears in `text` as a whole word ("broker-1"
// does not match inside "broker-10").
int LaneOf(std::string_view text, const std::vector<std::string>& lanes);
// Bookkeeping of Kafka's internal topic (__consumer_offsets), hidden by default.
bool IsInternalStoryLine(std::string_view text);
StoryMark ClassifyStoryLine(std::string_view text, const std::vector<std::string>& lanes);

}  // namespace kafkasim::viz
