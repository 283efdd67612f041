// viz/controller.h — SimController owns the Simulation the GUI shows and is
// the only code that advances or rebuilds it.
//
// It applies UiCommands: play/pause, step, speed, seek (backwards =
// re-simulate via Checkpoints), restart, fault injection (the fault is added
// to the working copy of the scenario and the run is re-simulated from the
// start up to now — equivalent, because the run is deterministic; the
// narration after the first hand-added fault is replaced, session_save.h) and
// saving the session as a file `kafkasim run` replays exactly, with its
// measured outcome as expectations (session_save.h). Timed expectations (`expect_at`) are
// evaluated as the run passes their moment, as `kafkasim run` does.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/report/verdict.h"
#include "sim/scenario/scenario.h"
#include "sim/simulation.h"
#include "viz/checkpoints.h"
#include "viz/metrics_view.h"
#include "viz/session_save.h"
#include "viz/ui_command.h"

namespace kafkasim::viz {

// Longest wall-clock frame the player honours: a stalled frame must not
// make the simulation leap ahead.
inline constexpr double kMaxFrameSeconds = 0.1;

class SimController {
 public:
  SimController(scenario::Scenario s, uint64_t seed, std::unique_ptr<Checkpoints> checkpoints = nullptr);

  const sim::Simulation& sim() const { return *sim_; }
  // The working scenario: as loaded plus the faults injected from the GUI.
  const scenario::Scenario& scenario() const { return scenario_; }
  const scenario::Scenario& original() const { return original_; }
  uint64_t seed() const { return seed_; }
  bool playing() const { return playing_; }
  double speed() const { return speed_ms_per_sec_; }
  // Bumped every time the Simulation is rebuilt (views drop their caches).
  uint64_t generation() const { return generation_; }
  // Verdicts of `expect_at` entries the run has passed, in time order.
  const std::vector<sim::VerdictLine>& timed_verdicts() const { return timed_verdicts_; }
  // The last thing worth telling the user ("saved to x.yaml", an error).
  const std::string& status() const { return status_; }
  // The trace so far: lines (events) and hash.
  uint64_t trace_lines() const { return sim_->world().trace().lines(); }
  uint64_t trace_hash() const { return sim_->world().trace().hash(); }
  // Faults added from the GUI since the scenario was loaded (or reset).
  size_t injected_faults() const { return hand_faults_.size(); }
  const std::vector<scenario::Fault>& hand_faults() const { return hand_faults_; }
  // The last "Save scenario": the saved file's `kafkasim run` hash and verdict.
  const std::optional<SaveReport>& last_save() const { return last_save_; }
  const std::string& last_save_path() const { return last_save_path_; }
  // The text Save edits (read from the scenario's path when constructed).
  void SetLoadedText(std::string text) { loaded_text_ = std::move(text); }
  // Playing pauses when a narration step is shown (the teacher talks, then
  // presses space).
  bool auto_pause() const { return auto_pause_; }
  // What the last Step ran, in words ("ran event 1234 at 5.599 s: ...").
  const std::string& last_step() const { return last_step_; }
  const SetMessageStretchCommand& message_stretch() const { return stretch_; }
  // Kafka's metrics at the moment narration step `i` was shown (the baseline
  // of "the change since the last narration step"), or nullptr if it has not
  // been shown in this run. Kept per step for the working scenario; when not
  // known yet, measured on a re-simulation to that moment — so the change is
  // the same however the moment was reached (played, seeked back, jumped).
  const MetricsView* MetricsAtStep(size_t i) const;

  void Apply(const UiCommand& command);
  void Apply(const UiCommands& commands) {
    for (const UiCommand& c : commands) Apply(c);
  }
  // Advances by `real_seconds` of wall time at the current speed when playing.
  void Tick(double real_seconds);
  // Forward: runs on. Backward: rebuilds (nearest checkpoint) and runs to `t`.
  void SeekTo(TimeNs t);

 private:
  void Rebuild();
  void RunForwardTo(TimeNs t);
  void StepOne();
  // Runs events up to `t` one by one and stops right after the one that
  // shows a narration step; true if it stopped there.
  bool RunToNarration(TimeNs t);
  // Playing one frame of `dt` wall seconds up to `t`, event by event: stops
  // after an event that shows a narration step (true) when `pause_at_steps`;
  // with the message stretch on, `t` draws nearer while a shown message is
  // on the wire, so it moves at most dt / min_transit_s of its way.
  bool PlayFrame(TimeNs t, double dt, bool pause_at_steps);
  void CaptureTimedUpTo(TimeNs t);
  void InjectFault(scenario::Fault f);
  void Save(const SaveScenarioCommand& c);

  scenario::Scenario original_;
  scenario::Scenario scenario_;
  uint64_t seed_;
  std::unique_ptr<Checkpoints> checkpoints_;
  std::unique_ptr<sim::Simulation> sim_;
  bool playing_ = false;
  double speed_ms_per_sec_ = 1000.0;
  double play_carry_ns_ = 0;  // fractional nanoseconds between frames
  uint64_t generation_ = 0;
  size_t next_timed_ = 0;  // index into scenario_.expect_at
  std::vector<sim::VerdictLine> timed_verdicts_;
  std::string status_;
  std::vector<scenario::Fault> hand_faults_;  // in the order they were added
  std::string loaded_text_;
  std::optional<SaveReport> last_save_;
  std::string last_save_path_;
  bool auto_pause_ = false;
  std::string last_step_;
  SetMessageStretchCommand stretch_{false};
  mutable std::map<size_t, MetricsView> metrics_at_step_;  // step index -> metrics then
};

}  // namespace kafkasim::viz
