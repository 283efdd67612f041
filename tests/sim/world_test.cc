// tests/sim/world_test.cc — node lifecycles in the simulated world: message
// delivery, crash, restart (incarnations), pause, power failure vs process
// crash, in-flight tracking, and seed determinism of the trace.
#include "sim/world.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/protocol/message.h"

namespace kafkasim::sim {
namespace {

const NodeId kA{1}, kB{2};

// What a test node saw; lives outside the node so it survives a crash.
struct Journal {
  struct Entry {
    std::string what;  // "start", "msg", "timer"
    int64_t tag = 0;   // correlation id or timer tag
    TimeNs at = 0;
    uint64_t incarnation = 0;
    NodeId from = kNoNode;
    bool operator==(const Entry&) const = default;
  };
  std::vector<Entry> entries;
  uint64_t starts = 0;
  Env* env = nullptr;  // the latest incarnation's Env
};

// Records every message and timer; offers helpers to send and schedule.
class RecorderNode final : public Node {
 public:
  RecorderNode(Env& env, Journal& j) : env_(env), j_(j), incarnation_(++j.starts) { j_.env = &env; }
  void Start() override { j_.entries.push_back({"start", 0, env_.Now(), incarnation_, kNoNode}); }
  void OnMessage(NodeId from, const Message& m) override {
    j_.entries.push_back({"msg", std::get<MetadataRequest>(m).correlation_id, env_.Now(), incarnation_, from});
  }
  void SendTo(NodeId to, int32_t tag) { env_.net.Send(to, MetadataRequest{tag, {}}); }
  TimerId Timer(TimeNs delay, int64_t tag) {
    uint64_t inc = incarnation_;
    Journal& j = j_;
    Env& env = env_;
    return env_.timers.Schedule(delay, [&j, &env, tag, inc] {
      j.entries.push_back({"timer", tag, env.Now(), inc, kNoNode});
    });
  }

 private:
  Env& env_;
  Journal& j_;
  uint64_t incarnation_;
};

class WorldTest : public ::testing::Test {
 protected:
  void AddRecorder(NodeId id, Journal& j) {
    world_.AddNode(id, "node-" + std::to_string(id.value()), NodeKind::kBroker,
                   [&j](Env& env) -> std::unique_ptr<Node> { return std::make_unique<RecorderNode>(env, j); });
  }
  RecorderNode& Rec(NodeId id) { return *static_cast<RecorderNode*>(world_.slot(id)->node()); }
  static std::vector<Journal::Entry> Only(const Journal& j, const std::string& what) {
    std::vector<Journal::Entry> out;
    for (const auto& e : j.entries)
      if (e.what == what) out.push_back(e);
    return out;
  }

  World world_{42};
  Journal a_, b_;
};

TEST_F(WorldTest, StartRunsTheNodesStart) {
  AddRecorder(kA, a_);
  EXPECT_FALSE(world_.slot(kA)->alive());
  world_.Start(kA);
  EXPECT_TRUE(world_.slot(kA)->alive());
  ASSERT_EQ(a_.entries.size(), 1u);
  EXPECT_EQ(a_.entries[0].what, "start");
  EXPECT_EQ(world_.FindByName("node-1"), kA);
  EXPECT_EQ(world_.NameOf(kA), "node-1");
}

TEST_F(WorldTest, MessagesArriveAfterTheLinkLatency) {
  AddRecorder(kA, a_);
  AddRecorder(kB, b_);
  world_.Start(kA);
  world_.Start(kB);
  world_.loop().RunUntil(Ms(10));
  Rec(kA).SendTo(kB, 7);
  world_.loop().RunUntil(Ms(12) - 1);
  EXPECT_TRUE(Only(b_, "msg").empty());
  world_.loop().RunUntil(Ms(100));
  auto msgs = Only(b_, "msg");
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_EQ(msgs[0].tag, 7);
  EXPECT_EQ(msgs[0].at, Ms(12));  // default latency is a fixed 2 ms
  EXPECT_EQ(msgs[0].from, kA);
}

TEST_F(WorldTest, TimersFireAfterTheirDelayAndCancelledOnesDoNot) {
  AddRecorder(kA, a_);
  world_.Start(kA);
  Rec(kA).Timer(Ms(5), 1);
  TimerId t2 = Rec(kA).Timer(Ms(6), 2);
  world_.slot(kA)->Cancel(t2);
  world_.loop().RunUntil(Ms(50));
  auto timers = Only(a_, "timer");
  ASSERT_EQ(timers.size(), 1u);
  EXPECT_EQ(timers[0].tag, 1);
  EXPECT_EQ(timers[0].at, Ms(5));
}

TEST_F(WorldTest, CrashedNodesTimersNeverFire) {
  AddRecorder(kA, a_);
  world_.Start(kA);
  Rec(kA).Timer(Ms(10), 1);
  world_.loop().RunUntil(Ms(5));
  world_.Crash(kA, KillType::kProcessCrash);
  EXPECT_FALSE(world_.slot(kA)->alive());
  world_.loop().RunUntil(Ms(100));
  EXPECT_TRUE(Only(a_, "timer").empty());
}

TEST_F(WorldTest, MessagesToACrashedNodeAreDropped) {
  AddRecorder(kA, a_);
  AddRecorder(kB, b_);
  world_.Start(kA);
  world_.Start(kB);
  world_.Crash(kB, KillType::kProcessCrash);
  std::vector<std::string> lines;
  world_.trace().set_listener([&](std::string_view l) { lines.emplace_back(l); });
  Rec(kA).SendTo(kB, 1);
  world_.loop().RunUntil(Ms(100));
  EXPECT_TRUE(Only(b_, "msg").empty());
  EXPECT_TRUE(world_.in_flight().empty());
  bool traced_drop = false;
  for (const auto& l : lines) traced_drop |= l.find("\"type\":\"drop\"") != std::string::npos;
  EXPECT_TRUE(traced_drop);
}

TEST_F(WorldTest, RestartIsANewIncarnationAndOldInFlightMessagesAreDropped) {
  AddRecorder(kA, a_);
  AddRecorder(kB, b_);
  world_.Start(kA);
  world_.Start(kB);
  const uint64_t inc_before = world_.slot(kB)->incarnation();
  Rec(kB).Timer(Ms(5), 99);  // belongs to the old incarnation
  Rec(kA).SendTo(kB, 1);     // in flight to the old incarnation, due at 2 ms
  world_.loop().RunUntil(Ms(1));
  world_.Crash(kB, KillType::kProcessCrash);
  world_.Restart(kB);
  EXPECT_TRUE(world_.slot(kB)->alive());
  EXPECT_GT(world_.slot(kB)->incarnation(), inc_before);
  EXPECT_EQ(b_.starts, 2u);
  ASSERT_EQ(Only(b_, "start").size(), 2u);
  EXPECT_EQ(Only(b_, "start")[1].incarnation, 2u);
  EXPECT_EQ(Only(b_, "start")[1].at, Ms(1));

  world_.loop().RunUntil(Ms(20));
  EXPECT_TRUE(Only(b_, "msg").empty()) << "the old incarnation's message reached the new one";
  EXPECT_TRUE(Only(b_, "timer").empty()) << "the old incarnation's timer fired";

  // The new incarnation does receive new messages.
  Rec(kA).SendTo(kB, 2);
  world_.loop().RunUntil(Ms(40));
  auto msgs = Only(b_, "msg");
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_EQ(msgs[0].tag, 2);
  EXPECT_EQ(msgs[0].incarnation, 2u);
}

TEST_F(WorldTest, PauseDefersTimersAndDeliveriesUntilResumeInOrder) {
  AddRecorder(kA, a_);
  AddRecorder(kB, b_);
  world_.Start(kA);
  world_.Start(kB);
  world_.Pause(kB, Ms(10));
  EXPECT_TRUE(world_.slot(kB)->paused());
  Rec(kA).SendTo(kB, 1);      // arrives at 2 ms
  Rec(kB).Timer(Ms(3), 100);  // fires at 3 ms
  world_.loop().RunUntil(Ms(3));
  Rec(kA).SendTo(kB, 2);  // arrives at 5 ms
  world_.loop().RunUntil(Ms(10) - 1);
  EXPECT_EQ(b_.entries.size(), 1u) << "a paused node ran something";  // only "start"
  world_.loop().RunUntil(Ms(10));
  EXPECT_FALSE(world_.slot(kB)->paused());
  std::vector<Journal::Entry> expected = {
      {"start", 0, 0, 1, kNoNode},
      {"msg", 1, Ms(10), 1, kA},
      {"timer", 100, Ms(10), 1, kNoNode},
      {"msg", 2, Ms(10), 1, kA},
  };
  EXPECT_EQ(b_.entries, expected);
  // After the pause, things run on time again.
  Rec(kA).SendTo(kB, 3);
  world_.loop().RunUntil(Ms(20));
  EXPECT_EQ(b_.entries.back(), (Journal::Entry{"msg", 3, Ms(12), 1, kA}));
}

// BUG (sim/world.cc, NodeSlot::Schedule / RunOrDefer): a timer that comes
// due while its node is paused is queued in deferred_ *after* its
// cancellation check. If work that runs before it on resume (here: a message
// that arrived earlier) cancels the timer, the queued callback still runs —
// breaking Env's contract that a cancelled timer never fires. In Kafka code
// this is e.g. a request timeout firing after its response was handled.
// Fix idea: re-check `cancelled_` inside the deferred closure.
TEST_F(WorldTest, TimerCancelledByEarlierDeferredWorkDoesNotFireOnResume) {
  TimerId timeout = 0;
  struct CancellingNode final : public kafkasim::Node {
    CancellingNode(Env& env, Journal& j, TimerId& t) : env_(env), j_(j), t_(t) { j_.env = &env; }
    void Start() override {
      t_ = env_.timers.Schedule(Ms(3), [this] { j_.entries.push_back({"timer", 100, env_.Now(), 1, kNoNode}); });
    }
    void OnMessage(NodeId from, const Message&) override {
      j_.entries.push_back({"msg", 0, env_.Now(), 1, from});
      env_.timers.Cancel(t_);  // the response arrived: cancel its timeout
    }
    Env& env_;
    Journal& j_;
    TimerId& t_;
  };
  AddRecorder(kA, a_);
  world_.AddNode(kB, "node-2", NodeKind::kBroker, [&](Env& env) -> std::unique_ptr<kafkasim::Node> {
    return std::make_unique<CancellingNode>(env, b_, timeout);
  });
  world_.Start(kA);
  world_.Start(kB);
  world_.Pause(kB, Ms(10));
  Rec(kA).SendTo(kB, 1);  // arrives at 2 ms (deferred), before the 3 ms timeout (deferred)
  world_.loop().RunUntil(Ms(20));
  ASSERT_EQ(Only(b_, "msg").size(), 1u);
  EXPECT_TRUE(Only(b_, "timer").empty()) << "a cancelled timer fired after the pause";
}

// BUG (latent, sim/world.cc, World::Pause): the resume event scheduled by a
// Pause is tied to the incarnation only, not to that pause. After an early
// Resume() and a second Pause(), the first pause's resume event ends the
// second pause too soon. (No caller uses Resume() directly today; faults.cc
// only calls Pause, so scenarios are not affected yet.)
TEST_F(WorldTest, EarlierPausesResumeEventDoesNotEndALaterPause) {
  AddRecorder(kA, a_);
  world_.Start(kA);
  world_.Pause(kA, Ms(10));  // would resume at 10 ms
  world_.loop().RunUntil(Ms(1));
  world_.Resume(kA);
  world_.loop().RunUntil(Ms(2));
  world_.Pause(kA, Ms(20));  // should stay paused until 22 ms
  world_.loop().RunUntil(Ms(15));
  EXPECT_TRUE(world_.slot(kA)->paused()) << "the first pause's resume event ended the second pause";
}

TEST_F(WorldTest, CrashDuringPauseDiscardsDeferredWork) {
  AddRecorder(kA, a_);
  AddRecorder(kB, b_);
  world_.Start(kA);
  world_.Start(kB);
  world_.Pause(kB, Ms(10));
  Rec(kA).SendTo(kB, 1);
  world_.loop().RunUntil(Ms(5));
  world_.Crash(kB, KillType::kProcessCrash);
  world_.Restart(kB);
  world_.loop().RunUntil(Ms(50));
  EXPECT_TRUE(Only(b_, "msg").empty());
  EXPECT_FALSE(world_.slot(kB)->paused());
}

TEST_F(WorldTest, ProcessCrashKeepsUnsyncedBytesButPowerFailureLosesThem) {
  auto bytes = [](const std::string& s) { return std::vector<uint8_t>(s.begin(), s.end()); };
  auto read = [](Disk& d, const char* f) {
    auto b = d.Read(f);
    return std::string(b.begin(), b.end());
  };
  AddRecorder(kA, a_);
  world_.Start(kA);
  EXPECT_TRUE(a_.env->disk.Append("f", bytes("abc")).ok());
  EXPECT_TRUE(a_.env->disk.Fsync("f").ok());
  EXPECT_TRUE(a_.env->disk.Append("f", bytes("def")).ok());

  world_.Crash(kA, KillType::kProcessCrash);
  world_.Restart(kA);
  EXPECT_EQ(read(a_.env->disk, "f"), "abcdef");
  EXPECT_EQ(&a_.env->disk, &world_.slot(kA)->disk()) << "a restart keeps the node's disk";

  world_.Crash(kA, KillType::kPowerFail);
  world_.Restart(kA);
  EXPECT_EQ(read(a_.env->disk, "f"), "abc");
}

// The OS keeps a crashed process's page cache; a power failure afterwards
// takes it — the process being down already does not save it.
TEST_F(WorldTest, PowerFailureOfANodeWhoseProcessIsDownLosesItsPageCache) {
  AddRecorder(kA, a_);
  world_.Start(kA);
  std::vector<uint8_t> abc = {'a', 'b', 'c'}, def = {'d', 'e', 'f'};
  EXPECT_TRUE(a_.env->disk.Append("f", abc).ok());
  EXPECT_TRUE(a_.env->disk.Fsync("f").ok());
  EXPECT_TRUE(a_.env->disk.Append("f", def).ok());
  world_.Crash(kA, KillType::kProcessCrash);
  EXPECT_EQ(world_.slot(kA)->disk().Size("f"), 6u);
  EXPECT_EQ(world_.CannotApply(NodeFault::kPowerFail, kA), "");
  world_.Crash(kA, KillType::kPowerFail);
  EXPECT_EQ(world_.slot(kA)->disk().Size("f"), 3u);
  EXPECT_FALSE(world_.slot(kA)->alive());
}

TEST_F(WorldTest, CannotApplyNamesWhyALifecycleFaultWouldDoNothing) {
  AddRecorder(kA, a_);
  world_.Start(kA);
  EXPECT_EQ(world_.CannotApply(NodeFault::kCrash, kA), "");
  EXPECT_EQ(world_.CannotApply(NodeFault::kPause, kA), "");
  EXPECT_EQ(world_.CannotApply(NodeFault::kRestart, kA), "node-1 is already running");
  world_.Pause(kA, Ms(10));
  EXPECT_EQ(world_.CannotApply(NodeFault::kPause, kA), "node-1 is already paused");
  EXPECT_EQ(world_.CannotApply(NodeFault::kRestart, kA), "node-1 is paused, not crashed");
  world_.Crash(kA, KillType::kProcessCrash);
  EXPECT_EQ(world_.CannotApply(NodeFault::kCrash, kA), "node-1 is already down");
  EXPECT_EQ(world_.CannotApply(NodeFault::kPause, kA), "node-1 is down");
  EXPECT_EQ(world_.CannotApply(NodeFault::kRestart, kA), "");
  EXPECT_EQ(world_.CannotApply(NodeFault::kCrash, kB), "there is no node 2");
}

TEST_F(WorldTest, InFlightTracksMessagesUntilDelivery) {
  AddRecorder(kA, a_);
  AddRecorder(kB, b_);
  world_.Start(kA);
  world_.Start(kB);
  world_.loop().RunUntil(Ms(1));
  Rec(kA).SendTo(kB, 1);
  Rec(kB).SendTo(kA, 2);
  ASSERT_EQ(world_.in_flight().size(), 2u);
  const InFlight& first = world_.in_flight().begin()->second;
  EXPECT_EQ(first.from, kA);
  EXPECT_EQ(first.to, kB);
  EXPECT_EQ(first.name, "Metadata");
  EXPECT_EQ(first.sent_at, Ms(1));
  EXPECT_EQ(first.deliver_at, Ms(3));
  world_.loop().RunUntil(Ms(3) - 1);
  EXPECT_EQ(world_.in_flight().size(), 2u);
  world_.loop().RunUntil(Ms(3));
  EXPECT_TRUE(world_.in_flight().empty());
}

TEST_F(WorldTest, DroppedByTheNetworkIsNeverInFlight) {
  AddRecorder(kA, a_);
  AddRecorder(kB, b_);
  world_.Start(kA);
  world_.Start(kB);
  LinkRule cut;
  cut.drop = 1.0;
  world_.network().AddRule(kA, kB, cut);
  Rec(kA).SendTo(kB, 1);
  EXPECT_TRUE(world_.in_flight().empty());
  world_.loop().RunUntil(Ms(10));
  EXPECT_TRUE(Only(b_, "msg").empty());
}

TEST_F(WorldTest, DuplicatedMessageIsDeliveredTwice) {
  AddRecorder(kA, a_);
  AddRecorder(kB, b_);
  world_.Start(kA);
  world_.Start(kB);
  LinkRule dup;
  dup.duplicate = 1.0;
  world_.network().AddRule(kA, kB, dup);
  Rec(kA).SendTo(kB, 1);
  EXPECT_EQ(world_.in_flight().size(), 2u);
  world_.loop().RunUntil(Ms(10));
  EXPECT_EQ(Only(b_, "msg").size(), 2u);
  EXPECT_TRUE(world_.in_flight().empty());
}

// A ping-pong between two nodes over a jittery network, traced.
uint64_t PingPongTraceHash(uint64_t seed) {
  LinkDefaults net;
  net.latency_min_ns = Ms(1);
  net.latency_max_ns = Ms(50);
  World world(seed, net);
  Journal ja, jb;
  for (auto [id, j] : {std::pair{kA, &ja}, std::pair{kB, &jb}}) {
    world.AddNode(id, "n" + std::to_string(id.value()), NodeKind::kBroker,
                  [j](Env& env) -> std::unique_ptr<Node> { return std::make_unique<RecorderNode>(env, *j); });
    world.Start(id);
  }
  auto* a = static_cast<RecorderNode*>(world.slot(kA)->node());
  auto* b = static_cast<RecorderNode*>(world.slot(kB)->node());
  for (int i = 0; i < 20; ++i) {
    a->SendTo(kB, i);
    b->SendTo(kA, 100 + i);
    world.loop().RunUntil(world.Now() + Ms(7));
  }
  world.loop().RunUntil(world.Now() + kNsPerSec);
  EXPECT_EQ(ja.entries.size(), 21u);
  EXPECT_EQ(jb.entries.size(), 21u);
  return world.trace().hash();
}

TEST(WorldDeterminismTest, SameSeedSameTraceHashDifferentSeedDifferentHash) {
  const uint64_t h1 = PingPongTraceHash(1);
  EXPECT_EQ(h1, PingPongTraceHash(1));
  EXPECT_NE(h1, PingPongTraceHash(2));
  EXPECT_NE(PingPongTraceHash(2), PingPongTraceHash(3));
}

}  // namespace
}  // namespace kafkasim::sim
