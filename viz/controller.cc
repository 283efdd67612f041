// viz/controller.cc — applying UiCommands to the one Simulation.
#include "viz/controller.h"

#include <algorithm>
#include <cmath>
#include <type_traits>

#include "sim/check/measure.h"
#include "sim/scenario/units.h"
#include "sim/trace.h"
#include "viz/fault_injection.h"
#include "viz/scenario_writer.h"
#include "viz/step_words.h"

namespace kafkasim::viz {

SimController::SimController(scenario::Scenario s, uint64_t seed, std::unique_ptr<Checkpoints> checkpoints)
    : original_(s), scenario_(std::move(s)), seed_(seed), checkpoints_(std::move(checkpoints)) {
  if (!checkpoints_) checkpoints_ = std::make_unique<FromStartCheckpoints>();
  scenario_.seed = seed_;  // a saved file replays this run
  if (!original_.path.empty()) loaded_text_ = ReadFileText(original_.path);
  Rebuild();
}

void SimController::Rebuild() {
  sim_ = std::make_unique<sim::Simulation>(scenario_, seed_);
  ++generation_;
  next_timed_ = 0;
  timed_verdicts_.clear();
  play_carry_ns_ = 0;
}

void SimController::Apply(const UiCommand& command) {
  std::visit(
      [this](const auto& c) {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, PlayCommand>) {
          playing_ = c.playing && !sim_->finished();
          play_carry_ns_ = 0;
        } else if constexpr (std::is_same_v<T, StepCommand>) {
          playing_ = false;
          StepOne();
        } else if constexpr (std::is_same_v<T, SetSpeedCommand>) {
          speed_ms_per_sec_ = std::clamp(c.sim_ms_per_real_sec, 0.001, 1e7);
        } else if constexpr (std::is_same_v<T, RestartCommand>) {
          Rebuild();
        } else if constexpr (std::is_same_v<T, ResetScenarioCommand>) {
          scenario_ = original_;
          scenario_.seed = seed_;
          hand_faults_.clear();
          metrics_at_step_.clear();
          checkpoints_->Clear();
          Rebuild();
          status_ = "scenario reset: injected faults removed";
        } else if constexpr (std::is_same_v<T, SeekCommand>) {
          SeekTo(c.at);
        } else if constexpr (std::is_same_v<T, InjectFaultCommand>) {
          InjectFault(c.fault);
        } else if constexpr (std::is_same_v<T, NextNarrationCommand>) {
          playing_ = false;
          if (!RunToNarration(sim_->end_time())) status_ = "no further narration step";
        } else if constexpr (std::is_same_v<T, SetAutoPauseCommand>) {
          auto_pause_ = c.on;
        } else if constexpr (std::is_same_v<T, SetMessageStretchCommand>) {
          stretch_ = c;
          stretch_.min_transit_s = std::clamp(c.min_transit_s, 0.01, 10.0);
        } else {
          static_assert(std::is_same_v<T, SaveScenarioCommand>);
          Save(c);
        }
      },
      command.action);
}

void SimController::Tick(double real_seconds) {
  if (!playing_) return;
  double dt = std::clamp(real_seconds, 0.0, kMaxFrameSeconds);
  play_carry_ns_ += dt * speed_ms_per_sec_ * static_cast<double>(kNsPerMs);
  auto whole = static_cast<TimeNs>(std::floor(play_carry_ns_));
  play_carry_ns_ -= static_cast<double>(whole);
  const bool pause_at_steps = auto_pause_ && !scenario_.narration.empty();
  if (pause_at_steps || stretch_.on) {
    if (PlayFrame(sim_->now() + whole, dt, pause_at_steps)) {
      playing_ = false;
      play_carry_ns_ = 0;
      status_ = "paused at a narration step (auto-pause): space plays on";
    }
  } else {
    RunForwardTo(sim_->now() + whole);
  }
  if (sim_->finished() || sim_->stopped_by_violation()) playing_ = false;
}

bool SimController::RunToNarration(TimeNs t) { return PlayFrame(t, 0, true); }

bool SimController::PlayFrame(TimeNs t, double dt, bool pause_at_steps) {
  t = std::min(t, sim_->end_time());
  const bool stretch = stretch_.on && dt > 0;
  // The frame ends early enough that the quickest shown message on the wire
  // moves at most dt / min_transit_s of its way (a message sent during the
  // frame included: checked again after each event).
  auto draw_nearer = [&] {
    const TimeNs transit = stretch ? ShortestShownTransit(*sim_, stretch_.filter) : -1;
    if (transit < 0) return;
    const double step = static_cast<double>(transit) * dt / stretch_.min_transit_s;
    t = std::min(t, sim_->now() + std::max<TimeNs>(1, static_cast<TimeNs>(step)));
  };
  draw_nearer();
  const size_t shown = sim_->narration().shown_count();
  while (!sim_->stopped_by_violation()) {
    TimeNs next = sim_->world().loop().NextTime();
    if (next < 0 || next > t) break;
    CaptureTimedUpTo(next - 1);
    sim_->Step();
    if (pause_at_steps && sim_->narration().shown_count() != shown) {
      checkpoints_->Offer(*sim_);
      return true;
    }
    draw_nearer();
  }
  RunForwardTo(t);
  return false;
}

void SimController::SeekTo(TimeNs t) {
  t = std::clamp<TimeNs>(t, 0, sim_->end_time());
  if (t < sim_->now()) {
    sim_ = checkpoints_->Nearest(scenario_, seed_, t);
    ++generation_;
    next_timed_ = 0;
    timed_verdicts_.clear();
    CaptureTimedUpTo(sim_->now());
  }
  RunForwardTo(t);
}

void SimController::RunForwardTo(TimeNs t) {
  t = std::min(t, sim_->end_time());
  CaptureTimedUpTo(t);
  sim_->RunUntil(t);
  checkpoints_->Offer(*sim_);
}

// Runs to each `expect_at` moment up to `t` (inclusive) and judges it there.
void SimController::CaptureTimedUpTo(TimeNs t) {
  const auto& timed = scenario_.expect_at;
  while (next_timed_ < timed.size() && timed[next_timed_].at_ns <= t && !sim_->stopped_by_violation()) {
    const scenario::TimedExpectations& te = timed[next_timed_];
    if (sim_->now() > te.at_ns) {  // stepped past it (a restored checkpoint): skip
      ++next_timed_;
      continue;
    }
    sim_->RunUntil(te.at_ns);
    auto lines = sim::Evaluate(te.expect, *sim_, sim::Measure(*sim_), te.at_ns);
    timed_verdicts_.insert(timed_verdicts_.end(), lines.begin(), lines.end());
    ++next_timed_;
  }
}

void SimController::StepOne() {
  TimeNs next = sim_->world().loop().NextTime();
  if (next >= 0) CaptureTimedUpTo(next - 1);
  // The event's trace lines, to say in words what it did (the GUI sets no
  // other listener on its simulations).
  std::vector<std::string> lines;
  sim::Trace& trace = sim_->world().trace();
  trace.set_listener([&lines](std::string_view line) { lines.emplace_back(line); });
  sim_->Step();
  trace.set_listener(nullptr);
  last_step_ = DescribeStep(sim_->world().loop().events_run(), sim_->now(), lines,
                            [this](NodeId id) { return sim_->world().NameOf(id); });
  status_ = last_step_;
  checkpoints_->Offer(*sim_);
}

const MetricsView* SimController::MetricsAtStep(size_t i) const {
  const auto& shown = sim_->narration().shown_at(i);
  if (!shown) return nullptr;
  auto it = metrics_at_step_.find(i);
  if (it == metrics_at_step_.end()) {
    std::unique_ptr<sim::Simulation> then = checkpoints_->Nearest(scenario_, seed_, *shown);
    then->RunUntil(*shown);
    it = metrics_at_step_.emplace(i, BuildMetricsView(*then)).first;
  }
  return &it->second;
}

void SimController::InjectFault(scenario::Fault f) {
  TimeNs now = sim_->now();
  f.at_ns = std::clamp<TimeNs>(f.at_ns, 0, scenario_.duration_ns);
  TimeNs target = std::max(now, f.at_ns);
  auto pos = std::upper_bound(scenario_.faults.begin(), scenario_.faults.end(), f.at_ns,
                              [](TimeNs at, const scenario::Fault& x) { return at < x.at_ns; });
  hand_faults_.push_back(f);
  std::string what = DescribeFault(f);
  scenario_.faults.insert(pos, std::move(f));
  scenario_.narration = SessionNarration(original_.narration, hand_faults_);
  metrics_at_step_.clear();
  checkpoints_->Clear();
  Rebuild();
  RunForwardTo(target);
  status_ = what + " at " + scenario::FormatDuration(target) + "; re-simulated from 0";
}

void SimController::Save(const SaveScenarioCommand& c) {
  Session session{&original_, loaded_text_, &scenario_, hand_faults_, seed_};
  SaveReport r =
      SaveSession(session, c.measured_expectations ? SavedExpectations::kMeasured : SavedExpectations::kNone, c.path);
  last_save_ = r;
  last_save_path_ = c.path;
  if (!r.error.empty()) {
    status_ = r.error;
    return;
  }
  if (r.narration.size() != scenario_.narration.size()) {
    // Anchored steps whose event no longer happens were left out of the file
    // (never shown, but traced at their `at`): the session drops them too, so
    // its hash stays the file's. Re-simulated to the same moment.
    const TimeNs now = sim_->now();
    scenario_.narration = r.narration;
    metrics_at_step_.clear();
    checkpoints_->Clear();
    Rebuild();
    RunForwardTo(now);
  }
  status_ = "saved " + c.path + ": kafkasim run gives trace_hash=" + sim::Trace::HashHex(r.trace_hash) +
            (r.pass ? " PASS" : " FAIL") + (r.replays ? "" : " (NOT this session's run!)");
}

}  // namespace kafkasim::viz
