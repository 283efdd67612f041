// tests/sim/event_loop_test.cc — the event loop: order by (time, scheduling
// order), stepping, RunUntil, scheduling in the past, a clock that never
// goes back. Properties compare against a reference std::stable_sort and a
// naive "scan for the minimum" model of the same contract.
#include "sim/event_loop.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

namespace kafkasim::sim {
namespace {

TEST(EventLoopTest, EventsFireInTimeOrderNotSchedulingOrder) {
  EventLoop loop;
  std::vector<int> fired;
  loop.At(30, [&] { fired.push_back(30); });
  loop.At(10, [&] { fired.push_back(10); });
  loop.At(20, [&] { fired.push_back(20); });
  while (loop.Step()) {
  }
  EXPECT_EQ(fired, (std::vector<int>{10, 20, 30}));
  EXPECT_EQ(loop.now(), 30);
  EXPECT_EQ(loop.events_run(), 3u);
}

TEST(EventLoopTest, TiesFireInSchedulingOrder) {
  EventLoop loop;
  std::vector<int> fired;
  for (int i = 0; i < 50; ++i) loop.At(7, [&fired, i] { fired.push_back(i); });
  while (loop.Step()) {
  }
  std::vector<int> expected(50);
  for (int i = 0; i < 50; ++i) expected[static_cast<size_t>(i)] = i;
  EXPECT_EQ(fired, expected);
}

TEST(EventLoopTest, CancelRemovesThePendingEventAndKeepsTheOthersInOrder) {
  EventLoop loop;
  std::vector<int> fired;
  std::vector<EventLoop::EventId> ids;
  for (int i = 0; i < 20; ++i) ids.push_back(loop.At(i % 4, [&fired, i] { fired.push_back(i); }));
  for (int i = 0; i < 20; i += 3) EXPECT_TRUE(loop.Cancel(ids[static_cast<size_t>(i)]));
  EXPECT_EQ(loop.pending(), 13u);  // no dead entries left in the heap
  while (loop.Step()) {
  }
  std::vector<int> expected;
  for (int t = 0; t < 4; ++t)
    for (int i = t; i < 20; i += 4)
      if (i % 3 != 0) expected.push_back(i);
  EXPECT_EQ(fired, expected);
}

TEST(EventLoopTest, IdsOfFiredOrCancelledEventsNeverMatchAgain) {
  EventLoop loop;
  int runs = 0;
  EventLoop::EventId a = loop.At(1, [&] { ++runs; });
  EXPECT_NE(a, 0u);
  EXPECT_TRUE(loop.Cancel(a));
  EXPECT_FALSE(loop.Cancel(a));
  EventLoop::EventId b = loop.At(2, [&] { ++runs; });  // reuses a's slot
  EXPECT_NE(a, b);
  EXPECT_FALSE(loop.Cancel(a));
  EXPECT_TRUE(loop.Step());
  EXPECT_FALSE(loop.Cancel(b));
  EXPECT_FALSE(loop.Cancel(12345));
  EXPECT_EQ(runs, 1);
}

TEST(EventLoopTest, ClosuresUpTo64BytesAndLargerOnesBothRun) {
  EventLoop loop;
  uint64_t sum = 0;
  std::array<uint64_t, 6> small{1, 2, 3, 4, 5, 6};  // 48 bytes + a pointer: inline
  std::array<uint64_t, 32> big{};                   // 256 bytes: on the heap
  big[31] = 100;
  loop.At(1, [&sum, small] { sum += small[5]; });
  loop.At(2, [&sum, big] { sum += big[31]; });
  while (loop.Step()) {
  }
  EXPECT_EQ(sum, 106u);
}

TEST(EventLoopTest, StepReturnsFalseWhenEmpty) {
  EventLoop loop;
  EXPECT_FALSE(loop.Step());
  EXPECT_EQ(loop.NextTime(), -1);
  loop.At(3, [] {});
  EXPECT_EQ(loop.pending(), 1u);
  EXPECT_EQ(loop.NextTime(), 3);
  EXPECT_TRUE(loop.Step());
  EXPECT_FALSE(loop.Step());
  EXPECT_EQ(loop.pending(), 0u);
  EXPECT_EQ(loop.now(), 3);
}

TEST(EventLoopTest, StepSetsNowToTheEventTimeBeforeRunningIt) {
  EventLoop loop;
  TimeNs seen = -1;
  loop.At(Ms(42), [&] { seen = loop.now(); });
  loop.Step();
  EXPECT_EQ(seen, Ms(42));
}

TEST(EventLoopTest, RunUntilRunsEventsAtOrBeforeTheLimitAndAdvancesNow) {
  EventLoop loop;
  std::vector<TimeNs> fired;
  for (TimeNs t : {5, 10, 11, 20}) loop.At(t, [&fired, t] { fired.push_back(t); });
  EXPECT_TRUE(loop.RunUntil(10));
  EXPECT_EQ(fired, (std::vector<TimeNs>{5, 10}));  // 10 is included
  EXPECT_EQ(loop.now(), 10);
  EXPECT_EQ(loop.pending(), 2u);

  EXPECT_TRUE(loop.RunUntil(15));
  EXPECT_EQ(fired, (std::vector<TimeNs>{5, 10, 11}));
  EXPECT_EQ(loop.now(), 15);  // advanced to the limit, not left at 11

  EXPECT_TRUE(loop.RunUntil(100));
  EXPECT_EQ(fired, (std::vector<TimeNs>{5, 10, 11, 20}));
  EXPECT_EQ(loop.now(), 100);
}

TEST(EventLoopTest, RunUntilAnEarlierTimeDoesNotMoveNowBack) {
  EventLoop loop;
  loop.RunUntil(50);
  EXPECT_EQ(loop.now(), 50);
  loop.RunUntil(20);
  EXPECT_EQ(loop.now(), 50);
}

TEST(EventLoopTest, RunUntilRunsEventsScheduledByEventsWithinTheWindow) {
  EventLoop loop;
  std::vector<TimeNs> fired;
  loop.At(2, [&] {
    fired.push_back(loop.now());
    loop.After(3, [&] { fired.push_back(loop.now()); });   // at 5: inside
    loop.After(30, [&] { fired.push_back(loop.now()); });  // at 32: outside
  });
  loop.RunUntil(10);
  EXPECT_EQ(fired, (std::vector<TimeNs>{2, 5}));
  EXPECT_EQ(loop.pending(), 1u);
  EXPECT_EQ(loop.NextTime(), 32);
}

TEST(EventLoopTest, RunUntilStopsEarlyWhenTheStopFlagIsSet) {
  EventLoop loop;
  bool stop = false;
  std::vector<int> fired;
  loop.At(1, [&] { fired.push_back(1); });
  loop.At(2, [&] {
    fired.push_back(2);
    stop = true;
  });
  loop.At(3, [&] { fired.push_back(3); });
  EXPECT_FALSE(loop.RunUntil(10, &stop));
  EXPECT_EQ(fired, (std::vector<int>{1, 2}));
  EXPECT_EQ(loop.now(), 2);  // stopped at the event, not advanced to the limit
  EXPECT_EQ(loop.pending(), 1u);
}

TEST(EventLoopTest, EventsScheduledInThePastRunAtNow) {
  EventLoop loop;
  loop.RunUntil(100);
  TimeNs seen = -1;
  loop.At(40, [&] { seen = loop.now(); });
  EXPECT_EQ(loop.NextTime(), 100);
  loop.Step();
  EXPECT_EQ(seen, 100);
  EXPECT_EQ(loop.now(), 100);
}

TEST(EventLoopTest, NegativeDelayRunsAtNow) {
  EventLoop loop;
  loop.RunUntil(7);
  TimeNs seen = -1;
  loop.After(-5, [&] { seen = loop.now(); });
  loop.Step();
  EXPECT_EQ(seen, 7);
}

TEST(EventLoopTest, PastEventsQueueBehindEarlierScheduledEventsAtNow) {
  // An event clamped to `now` is a tie with events already due at `now`; it
  // goes after them (it was scheduled later).
  EventLoop loop;
  std::vector<int> fired;
  loop.At(10, [&] {
    fired.push_back(1);
    loop.At(3, [&] { fired.push_back(3); });  // in the past: runs at 10, after #2
  });
  loop.At(10, [&] { fired.push_back(2); });
  while (loop.Step()) {
  }
  EXPECT_EQ(fired, (std::vector<int>{1, 2, 3}));
}

// ---- properties ------------------------------------------------------------

// All events scheduled up front: the firing order is a stable sort by time
// of the scheduling order.
RC_GTEST_PROP(EventLoopProperty, FiringOrderIsStableSortByTime, ()) {
  const auto times = *rc::gen::container<std::vector<TimeNs>>(rc::gen::inRange<TimeNs>(0, 20));
  EventLoop loop;
  std::vector<size_t> fired;
  std::vector<TimeNs> fired_at;
  for (size_t i = 0; i < times.size(); ++i) {
    loop.At(times[i], [&, i] {
      fired.push_back(i);
      fired_at.push_back(loop.now());
    });
  }
  while (loop.Step()) {
  }
  std::vector<size_t> expected(times.size());
  for (size_t i = 0; i < expected.size(); ++i) expected[i] = i;
  std::stable_sort(expected.begin(), expected.end(), [&](size_t a, size_t b) { return times[a] < times[b]; });
  RC_ASSERT(fired == expected);
  for (size_t k = 0; k < fired.size(); ++k) RC_ASSERT(fired_at[k] == times[fired[k]]);
  RC_ASSERT(std::is_sorted(fired_at.begin(), fired_at.end()));
}

// Events schedule more events (some in the past); RunUntil windows cut the
// run. A naive model — scan for the smallest (time, seq) — must agree on the
// order and times, and now() must never decrease.
RC_GTEST_PROP(EventLoopProperty, NestedSchedulingMatchesNaiveModelAndNowNeverDecreases, ()) {
  struct Plan {
    TimeNs at;                                  // requested time
    std::vector<std::pair<TimeNs, int>> spawn;  // (delay relative to now, may be < 0; plan index)
  };
  const int n = *rc::gen::inRange(1, 40);
  std::vector<Plan> plans(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    plans[static_cast<size_t>(i)].at = *rc::gen::inRange<TimeNs>(0, 50);
    // Only later plans are spawned, so the run is finite.
    if (i + 1 < n && *rc::gen::inRange(0, 3) == 0) {
      const int k = *rc::gen::inRange(i + 1, n);
      plans[static_cast<size_t>(i)].spawn.emplace_back(*rc::gen::inRange<TimeNs>(-10, 30), k);
    }
  }
  const int roots = *rc::gen::inRange(1, n + 1);
  const auto windows = *rc::gen::container<std::vector<TimeNs>>(rc::gen::inRange<TimeNs>(0, 100));

  // --- the real loop
  EventLoop loop;
  std::vector<std::pair<int, TimeNs>> real;
  TimeNs last_now = 0;
  bool monotone = true;
  std::function<void(int)> fire = [&](int i) {
    if (loop.now() < last_now) monotone = false;
    last_now = loop.now();
    real.emplace_back(i, loop.now());
    for (auto [delay, k] : plans[static_cast<size_t>(i)].spawn) loop.After(delay, [&fire, k] { fire(k); });
  };
  for (int i = 0; i < roots; ++i) loop.At(plans[static_cast<size_t>(i)].at, [&fire, i] { fire(i); });
  for (TimeNs w : windows) {
    loop.RunUntil(w);
    if (loop.now() < last_now) monotone = false;
    last_now = loop.now();
  }
  while (loop.Step()) {
  }

  // --- the model
  struct Ev {
    TimeNs at;
    uint64_t seq;
    int plan;
  };
  std::vector<Ev> pending;
  uint64_t seq = 0;
  TimeNs now = 0;
  std::vector<std::pair<int, TimeNs>> model;
  auto schedule = [&](TimeNs at, int plan) { pending.push_back({std::max(at, now), seq++, plan}); };
  for (int i = 0; i < roots; ++i) schedule(plans[static_cast<size_t>(i)].at, i);
  auto step_model = [&](TimeNs limit) {
    while (!pending.empty()) {
      auto it = std::min_element(pending.begin(), pending.end(),
                                 [](const Ev& a, const Ev& b) { return a.at != b.at ? a.at < b.at : a.seq < b.seq; });
      if (it->at > limit) break;
      Ev ev = *it;
      pending.erase(it);
      now = ev.at;
      model.emplace_back(ev.plan, now);
      for (auto [delay, k] : plans[static_cast<size_t>(ev.plan)].spawn) schedule(now + delay, k);
    }
  };
  for (TimeNs w : windows) {
    step_model(w);
    now = std::max(now, w);
  }
  step_model(INT64_MAX);

  RC_ASSERT(monotone);
  RC_ASSERT(real == model);
}

}  // namespace
}  // namespace kafkasim::sim
