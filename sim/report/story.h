// sim/report/story.h — the run told in sentences: the notable events
// (faults, elections, ISR changes, high watermark moves, truncations,
// fencing, client errors, rebalances) with their simulated time. The HW is
// told when a new leader first moves it and then at most every
// kHwLineIntervalNs per partition — a stalled HW shows as silence. Routine
// events (every append, each HW step, fetch) and the internal
// __consumer_offsets topic's housekeeping are left to the trace.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/observe/observation.h"

namespace kafkasim::sim {

struct StoryLine {
  TimeNs at = 0;
  std::string text;
};

class Story {
 public:
  using Namer = std::function<std::string(NodeId)>;
  explicit Story(Namer namer) : namer_(std::move(namer)) {}

  void Observe(TimeNs at, const Observation& obs);
  // A fault or narration line; it starts a new chapter, so repeated notes
  // and client errors are shown again after it.
  void Add(TimeNs at, std::string text);
  const std::vector<StoryLine>& lines() const { return lines_; }

 private:
  std::optional<std::string> Describe(const Observation& obs);
  std::string N(NodeId id) const { return namer_(id); }
  // `text` the first few times it is seen in a chapter, then nothing: a
  // client retrying every 100 ms should not fill the timeline.
  std::optional<std::string> Limited(std::string text);
  std::optional<std::string> DescribeHw(TimeNs at, const ObsHighWatermark& hw);

  Namer namer_;
  std::vector<StoryLine> lines_;
  std::map<std::pair<int32_t, int16_t>, int> errors_seen_;  // (producer, error) -> count
  std::map<std::string, int> notes_seen_;                   // note text -> count
  struct HwTold {
    NodeId leader;
    Offset hw;
    TimeNs at = 0;
  };
  std::map<TopicPartition, HwTold> hw_told_;  // the last HW line per partition
};

constexpr TimeNs kHwLineIntervalNs = 2 * kNsPerSec;

// "  4.000s" — fixed width, milliseconds.
std::string FormatTime(TimeNs t);

}  // namespace kafkasim::sim
