#include "sim/event_loop.h"

#include <algorithm>

namespace kafkasim::sim {

uint64_t EventLoop::At(TimeNs at, Fn fn) {
  if (at < now_) at = now_;
  uint64_t seq = next_seq_++;
  heap_.push_back(Event{at, seq, std::move(fn)});
  std::push_heap(heap_.begin(), heap_.end(), Later{});
  return seq;
}

bool EventLoop::Step() {
  if (heap_.empty()) return false;
  std::pop_heap(heap_.begin(), heap_.end(), Later{});
  Event ev = std::move(heap_.back());
  heap_.pop_back();
  now_ = ev.at;
  ++events_run_;
  ev.fn();
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

}  // namespace kafkasim::sim
