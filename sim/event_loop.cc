#include "sim/event_loop.h"

#include <utility>

namespace kafkasim::sim {

EventLoop::EventId EventLoop::At(TimeNs at, Fn fn) {
  if (at < now_) at = now_;
  uint32_t slot;
  if (free_.empty()) {
    slot = static_cast<uint32_t>(slots_.size());
    slots_.emplace_back();
  } else {
    slot = free_.back();
    free_.pop_back();
  }
  Slot& s = slots_[slot];
  s.fn = std::move(fn);
  s.pending = true;
  heap_.push_back(Entry{at, next_seq_++, slot});
  s.heap_pos = static_cast<uint32_t>(heap_.size() - 1);
  SiftUp(heap_.size() - 1);
  return (static_cast<uint64_t>(s.generation) << 32) | slot;
}

bool EventLoop::Cancel(EventId id) {
  uint32_t slot = static_cast<uint32_t>(id);
  uint32_t generation = static_cast<uint32_t>(id >> 32);
  if (slot >= slots_.size()) return false;
  Slot& s = slots_[slot];
  if (!s.pending || s.generation != generation) return false;
  RemoveAt(s.heap_pos);
  s.fn.reset();
  FreeSlot(slot);
  return true;
}

bool EventLoop::Step() {
  if (heap_.empty()) return false;
  Entry top = heap_.front();
  RemoveAt(0);
  Fn fn = std::move(slots_[top.slot].fn);
  FreeSlot(top.slot);
  now_ = top.at;
  ++events_run_;
  fn();
  return true;
}

bool EventLoop::RunUntil(TimeNs until, const bool* stop) {
  while (!heap_.empty() && heap_.front().at <= until) {
    Step();
    if (stop && *stop) return false;
  }
  if (until > now_) now_ = until;
  return true;
}

void EventLoop::SiftUp(size_t pos) {
  Entry e = heap_[pos];
  while (pos > 0) {
    size_t parent = (pos - 1) / 2;
    if (!Before(e, heap_[parent])) break;
    Place(pos, heap_[parent]);
    pos = parent;
  }
  Place(pos, e);
}

void EventLoop::SiftDown(size_t pos) {
  const size_t n = heap_.size();
  Entry e = heap_[pos];
  for (;;) {
    size_t child = 2 * pos + 1;
    if (child >= n) break;
    if (child + 1 < n && Before(heap_[child + 1], heap_[child])) ++child;
    if (!Before(heap_[child], e)) break;
    Place(pos, heap_[child]);
    pos = child;
  }
  Place(pos, e);
}

void EventLoop::RemoveAt(size_t pos) {
  size_t last = heap_.size() - 1;
  if (pos != last) {
    Entry moved = heap_[last];
    heap_.pop_back();
    Place(pos, moved);
    if (pos > 0 && Before(moved, heap_[(pos - 1) / 2])) {
      SiftUp(pos);
    } else {
      SiftDown(pos);
    }
  } else {
    heap_.pop_back();
  }
}

void EventLoop::FreeSlot(uint32_t slot) {
  Slot& s = slots_[slot];
  s.pending = false;
  if (++s.generation == 0) s.generation = 1;  // ids are never 0
  free_.push_back(slot);
}

}  // namespace kafkasim::sim
