// viz/timeline_marks.cc — story line classification by the words Story uses.
#include "viz/timeline_marks.h"

namespace kafkasim::viz {

namespace {

bool IsNameChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'; }

bool Contains(std::string_view text, std::string_view word) { return text.find(word) != std::string_view::npos; }

}  // namespace

int LaneOf(std::string_view text, const std::vector<std::string>& lanes) {
  size_t best_pos = std::string_view::npos;
  int best = -1;
  for (size_t i = 0; i < lanes.size(); ++i) {
    const std::string& name = lanes[i];
    for (size_t pos = text.find(name); pos != std::string_view::npos; pos = text.find(name, pos + 1)) {
      bool left_ok = pos == 0 || !IsNameChar(text[pos - 1]);
      bool right_ok = pos + name.size() >= text.size() || !IsNameChar(text[pos + name.size()]);
      if (left_ok && right_ok) {
        if (pos < best_pos) {
          best_pos = pos;
          best = static_cast<int>(i);
        }
        break;
      }
    }
  }
  return best;
}

bool IsInternalStoryLine(std::string_view text) { return Contains(text, "__consumer_offsets"); }

StoryMark ClassifyStoryLine(std::string_view text, const std::vector<std::string>& lanes) {
  StoryMark m;
  if (text.rfind("FAULT", 0) == 0) {
    m.kind = MarkKind::kFault;
  } else if (text.rfind("\xC2\xBB", 0) == 0) {  // "»" narration
    m.kind = MarkKind::kNarration;
    return m;
  } else if (Contains(text, " elected ") || Contains(text, "the controller") || Contains(text, "OFFLINE")) {
    m.kind = MarkKind::kElection;
  } else if (Contains(text, "ISR of")) {
    m.kind = MarkKind::kIsr;
  }
  // "controller broker-1 elected broker-2 leader of ...": the lane is the new leader's.
  size_t elected = text.find(" elected ");
  m.lane = elected == std::string_view::npos ? -1 : LaneOf(text.substr(elected), lanes);
  if (m.lane < 0) m.lane = LaneOf(text, lanes);
  return m;
}

}  // namespace kafkasim::viz
