// A member paused for longer than its session (a GC pause, a stalled VM)
// against the real GroupCoordinator: when it wakes up, the answers to what it
// sent before the pause and the first ones after it all tell it the same
// thing (UNKNOWN_MEMBER_ID). It must rejoin once: a second JoinGroup would
// leave a ghost member that holds partitions until its session expires.
#include <gtest/gtest.h>

#include <set>

#include "tests/core/client/client_harness.h"

namespace kafkasim::testing {
namespace {

config::ConsumerConfig PauseCfg() {
  config::ConsumerConfig c;
  c.enable_auto_commit = true;  // on waking, Poll commits at once, as the heartbeat goes out
  c.auto_commit_interval_ms = 1000;
  c.auto_offset_reset = config::OffsetReset::kEarliest;
  c.session_timeout_ms = 3000;
  c.heartbeat_interval_ms = 500;
  c.max_poll_interval_ms = 60000;
  return c;
}

TEST(ConsumerPauseTest, LongPauseLeavesNoGhostMember) {
  for (int offset_ms = 0; offset_ms < 1000; offset_ms += 100) {
    Harness h;
    h.world.trace().set_output(nullptr);
    h.st->topics["t"] = 2;
    h.StartBroker();
    h.AddConsumer(PauseCfg(), 3001, "g", {"t"});
    h.AddConsumer(PauseCfg(), 3002, "g", {"t"});
    h.RunFor(Ms(3000 + offset_ms));
    h.world.Pause(NodeId{3001}, Ms(5000));  // its session (3 s) expires meanwhile
    h.RunFor(Ms(5000 + 1500));              // woken up 1.5 s ago
    const auto* g = static_cast<FakeBroker*>(h.world.slot(NodeId{1})->node())->groups().group("g");
    ASSERT_NE(g, nullptr);
    EXPECT_EQ(g->members.size(), 2u) << "pause at +" << offset_ms << " ms";
    int32_t generation = g->generation;
    h.RunFor(Ms(10000));  // nothing happens: no ghost's session runs out
    EXPECT_EQ(g->generation, generation) << "pause at +" << offset_ms << " ms";
  }
}

}  // namespace
}  // namespace kafkasim::testing
