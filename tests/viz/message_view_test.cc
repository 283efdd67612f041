// tests/viz/message_view_test.cc — the messages the cluster view draws: which
// dots exist at a moment, their type and progress; parked fetches at the
// leader; and the player's message stretch: every message that crosses the
// wire while playing is on screen for many frames, and the run is the same
// run (trace hash) as without it.
#include "viz/message_view.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "sim/scenario/loader.h"
#include "sim/simulation.h"
#include "viz/controller.h"

namespace kafkasim::viz {
namespace {

scenario::Scenario Load(const std::string& file) {
  scenario::LoadResult r = scenario::LoadScenarioFile(std::string(KAFKASIM_SOURCE_DIR) + "/scenarios/" + file);
  EXPECT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].ToString());
  return r.scenario;
}

TEST(MessageViewTest, KindsByProtocolName) {
  EXPECT_EQ(KindOfMessage("Produce"), MessageKind::kProduce);
  EXPECT_EQ(KindOfMessage("ProduceResponse"), MessageKind::kProduce);
  EXPECT_EQ(KindOfMessage("FetchResponse"), MessageKind::kFetch);
  EXPECT_EQ(KindOfMessage("LeaderAndIsr"), MessageKind::kLeaderAndIsr);
  EXPECT_EQ(KindOfMessage("UpdateMetadata"), MessageKind::kLeaderAndIsr);
  EXPECT_EQ(KindOfMessage("JoinGroupResponse"), MessageKind::kJoinGroup);
  EXPECT_EQ(KindOfMessage("SyncGroup"), MessageKind::kJoinGroup);
  EXPECT_EQ(KindOfMessage("Heartbeat"), MessageKind::kHeartbeat);
  EXPECT_EQ(KindOfMessage("OffsetCommit"), MessageKind::kOffsets);
  EXPECT_EQ(KindOfMessage("ZkRequest"), MessageKind::kZooKeeper);
  EXPECT_EQ(KindOfMessage("Metadata"), MessageKind::kMetadata);
  EXPECT_TRUE(IsResponse("FetchResponse"));
  EXPECT_FALSE(IsResponse("Fetch"));
}

// At a moment: every in-flight message is a dot with its type and the share
// of its transit already travelled; a filtered type has no dot.
TEST(MessageViewTest, DotsAtAMomentCarryTypeAndProgress) {
  sim::Simulation sim(Load("quickstart.yaml"), 1);
  size_t seen = 0;
  for (TimeNs t = 1 * kNsPerSec; t < 3 * kNsPerSec && seen < 20; t += 7 * kNsPerMs + 123457) {
    sim.RunUntil(t);
    MessagesView m = BuildMessagesView(sim);
    ASSERT_EQ(m.dots.size(), sim.world().in_flight().size());
    for (const MessageDot& d : m.dots) {
      const sim::InFlight& f = sim.world().in_flight().at(d.flight);
      EXPECT_EQ(d.kind, KindOfMessage(f.name));
      const double want = static_cast<double>(t - f.sent_at) / static_cast<double>(f.deliver_at - f.sent_at);
      EXPECT_NEAR(d.progress, want, 1e-4);
      EXPECT_GE(d.progress, 0);
      EXPECT_LE(d.progress, 1);
      ++seen;
    }
    MessageFilter no_fetch = kAllMessages;
    no_fetch[static_cast<size_t>(MessageKind::kFetch)] = false;
    for (const MessageDot& d : BuildMessagesView(sim, no_fetch).dots) EXPECT_NE(d.kind, MessageKind::kFetch);
  }
  EXPECT_GT(seen, 0u);
}

// Followers long-poll: between appends their Fetch waits at the leader, and
// the view says where and for how long (fetch.max.wait.ms, 500 ms).
TEST(MessageViewTest, ParkedFollowerFetchesWaitAtTheLeader) {
  sim::Simulation sim(Load("quickstart.yaml"), 1);
  sim.RunUntil(500 * kNsPerMs);  // before the producer starts: nothing to fetch
  MessagesView m = BuildMessagesView(sim);
  int followers = 0;
  for (const ParkedFetch& p : m.parked) {
    EXPECT_NE(p.leader, p.from);
    EXPECT_EQ(p.expires - p.since, 500 * kNsPerMs);
    EXPECT_GE(p.waited, 0);
    EXPECT_LE(p.waited, 1);
    followers += p.follower;
  }
  EXPECT_GT(followers, 0) << "replica fetchers park at their leaders while nothing is produced";
}

// Playing 60 frames a second at the default speed: with the stretch every
// message sent is drawn in at least 20 frames (0.5 s); without it most are
// never drawn. The run is the same either way.
TEST(MessageViewTest, StretchShowsEveryMessageAndKeepsTheRun) {
  std::map<bool, uint64_t> hash;
  std::map<bool, TimeNs> reached;
  for (bool stretch : {false, true}) {
    SimController c(Load("quickstart.yaml"), 1);
    c.Apply(UiCommand{SetSpeedCommand{250}});
    c.Apply(UiCommand{SetMessageStretchCommand{stretch, 0.5, kAllMessages}});
    c.SeekTo(1 * kNsPerSec);
    c.Apply(UiCommand{PlayCommand{true}});
    std::map<uint64_t, int> frames_seen;  // flight -> frames it was drawn in
    for (int frame = 0; frame < 600; ++frame) {
      c.Tick(1.0 / 60);
      for (const MessageDot& d : BuildMessagesView(c.sim()).dots) ++frames_seen[d.flight];
    }
    ASSERT_FALSE(frames_seen.empty());
    const uint64_t first = frames_seen.begin()->first, last = frames_seen.rbegin()->first;
    int least = 1 << 30;
    for (uint64_t f = first + 1; f < last; ++f) {  // the first and last may be cut by the window
      auto it = frames_seen.find(f);
      least = std::min(least, it == frames_seen.end() ? 0 : it->second);
    }
    if (stretch) {
      EXPECT_GE(least, 20) << "a message crossed in fewer frames";
    } else {
      EXPECT_EQ(least, 0) << "2 ms links: without the stretch some messages are never drawn";
    }
    reached[stretch] = c.sim().now();
    sim::Simulation alone(Load("quickstart.yaml"), 1);
    alone.RunUntil(c.sim().now());
    EXPECT_EQ(c.trace_hash(), alone.world().trace().hash()) << "stretch=" << stretch;
    hash[stretch] = c.trace_hash();
  }
  EXPECT_LT(reached[true], reached[false]) << "the stretch slows the clock while messages travel";
}

}  // namespace
}  // namespace kafkasim::viz
