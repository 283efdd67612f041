// viz/ui_command.h — what a user action asks for. Windows never touch the
// simulation: they return UiCommands, and SimController (controller.h)
// applies them. Faults injected here are recorded into the scenario.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "core/types.h"
#include "sim/scenario/scenario.h"
#include "viz/message_view.h"

namespace kafkasim::viz {

struct PlayCommand {
  bool playing = true;
};
struct StepCommand {};  // run exactly one event
struct SetSpeedCommand {
  double sim_ms_per_real_sec = 1000;
};
struct RestartCommand {};        // back to t=0, keeping injected faults
struct ResetScenarioCommand {};  // back to t=0 with the scenario as loaded
struct SeekCommand {
  TimeNs at = 0;
};  // forward runs on; backward re-simulates
struct InjectFaultCommand {
  scenario::Fault fault;
};
struct SaveScenarioCommand {
  std::string path;
  bool measured_expectations = true;  // false: save without expect/expect_at
};
struct NextNarrationCommand {};  // run until the next narration step shows, then pause
struct SetAutoPauseCommand {
  bool on = true;
};  // playing pauses at each narration step

// Playing slows down while a shown message is on the wire, so that it takes
// at least `min_transit_s` of wall time to cross (presentation only: the
// same events run, in the same order).
struct SetMessageStretchCommand {
  bool on = true;
  double min_transit_s = 0.5;
  MessageFilter filter = kAllMessages;
};

struct UiCommand {
  std::variant<PlayCommand, StepCommand, SetSpeedCommand, RestartCommand, ResetScenarioCommand, SeekCommand,
               InjectFaultCommand, SaveScenarioCommand, NextNarrationCommand, SetAutoPauseCommand,
               SetMessageStretchCommand>
      action;
};

using UiCommands = std::vector<UiCommand>;

}  // namespace kafkasim::viz
