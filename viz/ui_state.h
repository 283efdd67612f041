// viz/ui_state.h — everything the windows remember between frames, in one
// struct (no hidden statics). The simulation itself is not here: windows get
// it read-only and return UiCommands.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "core/types.h"
#include "sim/check/measure.h"
#include "sim/report/verdict.h"
#include "viz/fault_ui_state.h"
#include "viz/message_view.h"
#include "viz/timeline_marks.h"
#include "viz/scenario_library.h"
#include "viz/view_model.h"

namespace kafkasim::viz {

// Live evaluation of the scenario's `expect:` block, recomputed only when the
// simulated moment changed (Measure scans every log).
struct VerdictCache {
  uint64_t generation = UINT64_MAX;
  TimeNs at = -1;
  uint64_t frame = 0;
  sim::Measurements measurements;
  std::vector<sim::VerdictLine> lines;       // expect:, judged now
  std::vector<sim::VerdictLine> data_lines;  // the always-on data checks
};

struct UiState {
  // Projector-friendly scale: fonts and sizes (1.0 = Dear ImGui's default).
  float ui_scale = 1.5f;
  // Place the windows in the default layout this frame: all of them
  // (start, another scenario, fullscreen, the "layout" button), or only
  // those the user has not moved or resized (the layout itself changed: a
  // narration step of another length, rows that wrap).
  bool relayout = true;
  bool relayout_all = true;
  std::map<std::string, UiRect> placed;  // where the layout last put each window (by ImGui name)
  std::set<std::string> user_arranged;   // windows the user moved or resized since
  uint64_t frame = 0;

  // Controls.
  float seek_seconds = 0;
  bool seek_dragging = false;
  float speed_ms_per_sec = 1000;
  char save_path[512] = "/tmp/kafkasim-scenario.yaml";
  bool save_measured = true;  // save with the session's measured expectations (else none)

  // Fault injection by hand (cluster view) and the widgets' rectangles this frame.
  FaultUiState faults;
  std::vector<UiRect> rects;

  // Cluster view.
  std::string selected_node;  // highlighted in the replica logs too
  bool show_messages = true;
  MessageFilter message_filter = kAllMessages;  // the legend's ticked message types
  bool stretch_messages = true;                 // playing slows while they travel (SetMessageStretchCommand)
  MessagesView messages;                        // what the cluster view drew this frame

  // Timeline.
  bool follow_story = true;
  bool hide_internal = true;  // __consumer_offsets bookkeeping
  size_t story_lines_seen = 0;
  // The story's lines wrap at the window's edge: the top of each shown line
  // (and the end) at wrap width story_wrap_w, so only the visible ones are
  // laid out; reset when the width, the filter or the run changes.
  float story_wrap_w = -1;
  bool story_hide_internal = true;
  std::vector<float> story_tops;
  // Each story line's mark on the strip and whether it is internal
  // bookkeeping, classified once (a 12-broker run tells thousands); reset
  // when the story is another (re-simulated, seeked back): its last cached
  // line no longer matches.
  struct StoryLineInfo {
    StoryMark mark;
    bool internal = false;
  };
  std::vector<StoryLineInfo> story_info;
  std::string story_info_last;  // the text of the last line classified

  // Replica logs.
  int logs_tail_offsets = 0;             // show only the last N offsets (0 = all)
  std::vector<float> partition_block_h;  // each partition's height when last drawn (skip hidden ones)

  VerdictCache verdicts;

  // A window asked to jump to this moment (a ghost, a duplicate, a record
  // processed twice clicked); ShowAllWindows turns it into a SeekCommand.
  std::optional<TimeNs> jump_to;
  // Presenter (shortcuts.h): help overlay, fullscreen and theme requests for
  // the app loop, the scenario picker and the file it asks to open.
  bool show_help = false;
  bool fullscreen_request = false;
  bool light_theme = false;
  bool show_picker = false;
  std::string library_dir;            // where the scenario library was found ("" none)
  std::vector<LibraryEntry> library;  // read when the picker first opens
  std::string open_request;           // a scenario file to load next frame
  std::string open_error;             // why the last one could not be loaded
  char picker_filter[64] = "";
  float controls_content_h = 0;  // measured by the controls window (its rows wrap)
  float controls_h = 0;          // the height the layout gave it
  float banner_h = 0;            // the narration banner's, sized to its text
  bool compact_layout = false;   // large type for the window: the lesson's windows only

  // Window backgrounds the frame's clear paints (a scissored glClear costs a
  // software rasterizer nothing per pixel; a shaded quad does): the
  // narration banner's band where the layout put it. Set each frame.
  struct Backdrop {
    UiRect rect;
    ImU32 color = 0;  // opaque
  };
  std::vector<Backdrop> backdrops;

  // What the partition and group windows draw this frame (RefreshViewModel).
  ViewModel view;

  // Metrics window: samples of ui.view.metrics as the run is watched (for
  // the plot and the change since the last narration step), and the choice.
  struct MetricSample {
    TimeNs at = 0;
    MetricsView metrics;
  };
  std::vector<MetricSample> metric_samples;
  bool metrics_open = false;         // the window is shown (the controls' "metrics" button)
  bool metrics_placed_open = false;  // placed once since it was first opened
  int metric_plotted = 0;            // index into MetricNames()
  std::string metric_source;         // "" = the sum over all sources
};

}  // namespace kafkasim::viz
