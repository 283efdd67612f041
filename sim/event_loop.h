// sim/event_loop.h — the single-threaded heart of a run.
//
// A binary heap of events ordered by (virtual time, sequence number): ties
// fire in the order they were scheduled, so a run is a pure function of its
// seed. Each event runs to completion. The loop can be stepped one event at
// a time (the GUI's "step") or run to a time.
//
// Events live in slots (a free list); the heap holds only (time, seq, slot)
// and each slot knows its heap position, so Cancel removes an event from the
// heap in O(log n) — no dead entries wait in the heap for their time to come.
// An EventId is (slot, generation): a fired or cancelled event's id never
// matches again. Closures up to Callback::kInline bytes are not allocated.
//
// INVARIANT: now() never decreases; an event is never scheduled in the past
// (held by construction, not asserted: At() moves a past time up to now).
#pragma once

#include <cstdint>
#include <vector>

#include "core/types.h"
#include "core/util/callback.h"

namespace kafkasim::sim {

class EventLoop {
 public:
  using Fn = Callback;
  // (generation << 32) | slot; never 0.
  using EventId = uint64_t;

  TimeNs now() const { return now_; }
  uint64_t events_run() const { return events_run_; }
  size_t pending() const { return heap_.size(); }

  // Schedules `fn` at absolute time `at` (>= now).
  EventId At(TimeNs at, Fn fn);
  EventId After(TimeNs delay, Fn fn) { return At(now_ + (delay < 0 ? 0 : delay), std::move(fn)); }
  // Removes a pending event (its closure is destroyed now). Returns false for
  // an id that fired, was cancelled, or never existed.
  bool Cancel(EventId id);

  // Runs the earliest event. Returns false when none is left.
  bool Step();
  // Runs every event with time <= `until`, then sets now to `until`.
  // Stops early (returning false) when `stop` becomes true.
  bool RunUntil(TimeNs until, const bool* stop = nullptr);
  // Time of the next event, or -1.
  TimeNs NextTime() const { return heap_.empty() ? -1 : heap_.front().at; }

 private:
  struct Entry {
    TimeNs at;
    uint64_t seq;
    uint32_t slot;
  };
  struct Slot {
    Fn fn;
    uint32_t generation = 1;
    uint32_t heap_pos = 0;
    bool pending = false;
  };
  static bool Before(const Entry& a, const Entry& b) { return a.at != b.at ? a.at < b.at : a.seq < b.seq; }
  void Place(size_t pos, const Entry& e) {
    heap_[pos] = e;
    slots_[e.slot].heap_pos = static_cast<uint32_t>(pos);
  }
  void SiftUp(size_t pos);
  void SiftDown(size_t pos);
  // Takes the entry at heap position `pos` out of the heap.
  void RemoveAt(size_t pos);
  void FreeSlot(uint32_t slot);

  std::vector<Entry> heap_;
  std::vector<Slot> slots_;
  std::vector<uint32_t> free_;
  TimeNs now_ = 0;
  uint64_t next_seq_ = 0;
  uint64_t events_run_ = 0;
};

}  // namespace kafkasim::sim
