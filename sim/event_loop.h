// sim/event_loop.h — the single-threaded heart of a run.
//
// A binary heap of events ordered by (virtual time, sequence number): ties
// fire in the order they were scheduled, so a run is a pure function of its
// seed. Each event runs to completion. The loop can be stepped one event at
// a time (the GUI's "step") or run to a time.
//
// INVARIANT: now() never decreases; an event is never scheduled in the past
// (held by construction, not asserted: At() moves a past time up to now).
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "core/types.h"

namespace kafkasim::sim {

class EventLoop {
 public:
  using Fn = std::function<void()>;

  TimeNs now() const { return now_; }
  uint64_t events_run() const { return events_run_; }
  size_t pending() const { return heap_.size(); }

  // Schedules `fn` at absolute time `at` (>= now). Returns its sequence number.
  uint64_t At(TimeNs at, Fn fn);
  uint64_t After(TimeNs delay, Fn fn) { return At(now_ + (delay < 0 ? 0 : delay), std::move(fn)); }

  // Runs the earliest event. Returns false when none is left.
  bool Step();
  // Runs every event with time <= `until`, then sets now to `until`.
  // Stops early (returning false) when `stop` becomes true.
  bool RunUntil(TimeNs until, const bool* stop = nullptr);
  // Time of the next event, or -1.
  TimeNs NextTime() const { return heap_.empty() ? -1 : heap_.front().at; }

 private:
  struct Event {
    TimeNs at;
    uint64_t seq;
    Fn fn;
  };
  // std::push_heap builds a max-heap: "later" compares as less.
  struct Later {
    bool operator()(const Event& a, const Event& b) const {
      return a.at != b.at ? a.at > b.at : a.seq > b.seq;
    }
  };

  std::vector<Event> heap_;
  TimeNs now_ = 0;
  uint64_t next_seq_ = 0;
  uint64_t events_run_ = 0;
};

}  // namespace kafkasim::sim
