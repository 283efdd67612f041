// tests/core/controller/zookeeper_server_test.cc — the coordination service
// and its client over the real simulator: znode ops, conditional writes,
// watches, session expiry, crash recovery, exactly-once under loss.
#include <gtest/gtest.h>

#include "core/controller/zk_fan_out.h"
#include "tests/core/controller/controller_harness.h"

namespace kafkasim::controller {
namespace {

using testing::TestZkNode;

class ZooKeeperServerTest : public ::testing::Test {
 protected:
  explicit ZooKeeperServerTest(sim::LinkDefaults net = {}) : world_(7, net) {
    world_.set_trace_messages(false);
    world_.set_observation_hook([this](const Observation& o) { obs_.push_back(o); });
    world_.AddNode(kZooKeeperNode, "zookeeper", sim::NodeKind::kZooKeeper,
                   [](Env& e) { return std::make_unique<ZooKeeperServer>(e); });
    for (int i : {1, 2}) {
      world_.AddNode(NodeId{i}, "client-" + std::to_string(i), sim::NodeKind::kBroker,
                     [](Env& e) { return std::make_unique<TestZkNode>(e, 6000); });
    }
    world_.Start(kZooKeeperNode);
    world_.Start(NodeId{1});
    world_.Start(NodeId{2});
    Run(100);
  }
  void Run(int64_t ms) { world_.loop().RunUntil(world_.Now() + Ms(ms)); }
  ZkClient& C(int i) { return static_cast<TestZkNode*>(world_.slot(NodeId{i})->node())->client(); }
  ZooKeeperServer& Zk() { return *static_cast<ZooKeeperServer*>(world_.slot(kZooKeeperNode)->node()); }
  // Runs one request to completion and returns its answer.
  template <typename Op>
  ZkResponse Do(Op op) {
    std::optional<ZkResponse> out;
    op([&](const ZkResponse& r) { out = r; });
    Run(50);
    EXPECT_TRUE(out.has_value());
    return out.value_or(ZkResponse{});
  }

  sim::World world_;
  std::vector<Observation> obs_;
};

TEST_F(ZooKeeperServerTest, CreateGetSetDeleteWithCodes) {
  auto create = [&](std::string p, std::string d) { return Do([&](auto cb) { C(1).Create(p, d, false, cb); }).code; };
  EXPECT_EQ(create("/a/b", ""), ZkCode::ZNONODE);  // parent missing
  EXPECT_EQ(create("/a", "x"), ZkCode::ZOK);
  EXPECT_EQ(create("/a", "y"), ZkCode::ZNODEEXISTS);
  EXPECT_EQ(create("/a/b", "1"), ZkCode::ZOK);
  auto get = Do([&](auto cb) { C(2).GetData("/a", nullptr, cb); });
  EXPECT_EQ(get.data, "x");
  EXPECT_EQ(get.version, 0);
  EXPECT_EQ(Do([&](auto cb) { C(1).Delete("/a", -1, cb); }).code, ZkCode::ZNOTEMPTY);
  auto kids = Do([&](auto cb) { C(2).GetChildren("/a", nullptr, cb); });
  EXPECT_EQ(kids.children, std::vector<std::string>{"b"});
  EXPECT_EQ(Do([&](auto cb) { C(1).Delete("/a/b", -1, cb); }).code, ZkCode::ZOK);
  EXPECT_EQ(Do([&](auto cb) { C(1).Delete("/a/b", -1, cb); }).code, ZkCode::ZNONODE);
}

TEST_F(ZooKeeperServerTest, ConditionalWritesFailWithBadVersion) {
  Do([&](auto cb) { C(1).Create("/state", "v0", false, cb); });
  auto w1 = Do([&](auto cb) { C(1).SetData("/state", "v1", 0, cb); });
  EXPECT_EQ(w1.code, ZkCode::ZOK);
  EXPECT_EQ(w1.version, 1);
  // Client 2 still believes version 0: its write is refused.
  EXPECT_EQ(Do([&](auto cb) { C(2).SetData("/state", "stale", 0, cb); }).code, ZkCode::ZBADVERSION);
  EXPECT_EQ(Do([&](auto cb) { C(2).Delete("/state", 0, cb); }).code, ZkCode::ZBADVERSION);
  EXPECT_EQ(Zk().Find("/state")->data, "v1");
  EXPECT_EQ(Do([&](auto cb) { C(2).SetData("/state", "v2", 1, cb); }).version, 2);
}

TEST_F(ZooKeeperServerTest, SequentialChildrenAreNumberedByTheParent) {
  Do([&](auto cb) { C(1).Create("/q", "", false, cb); });
  auto a = Do([&](auto cb) { C(1).Create("/q/item_", "a", false, cb, true); });
  auto b = Do([&](auto cb) { C(2).Create("/q/item_", "b", false, cb, true); });
  EXPECT_EQ(a.path, "/q/item_0000000000");
  EXPECT_EQ(b.path, "/q/item_0000000001");
}

TEST_F(ZooKeeperServerTest, WatchesAreOneShotAndDeliveredToTheWatcher) {
  Do([&](auto cb) { C(1).Create("/w", "0", false, cb); });
  int data_events = 0, child_events = 0;
  C(2).GetData(
      "/w",
      [&](const ZkWatchEvent& e) {
        EXPECT_EQ(e.type, ZkEventType::kNodeDataChanged);
        ++data_events;
      },
      nullptr);
  C(2).GetChildren(
      "/w",
      [&](const ZkWatchEvent& e) {
        EXPECT_EQ(e.type, ZkEventType::kNodeChildrenChanged);
        ++child_events;
      },
      nullptr);
  Run(50);
  Do([&](auto cb) { C(1).SetData("/w", "1", -1, cb); });
  Do([&](auto cb) { C(1).SetData("/w", "2", -1, cb); });
  Do([&](auto cb) { C(1).Create("/w/c", "", false, cb); });
  EXPECT_EQ(data_events, 1);
  EXPECT_EQ(child_events, 1);
}

TEST_F(ZooKeeperServerTest, ExistsWatchSeesCreation) {
  bool created = false;
  auto r = Do([&](auto cb) {
    C(2).Exists(
        "/later", [&](const ZkWatchEvent& e) { created = e.type == ZkEventType::kNodeCreated; }, cb);
  });
  EXPECT_EQ(r.code, ZkCode::ZNONODE);
  Do([&](auto cb) { C(1).Create("/later", "", false, cb); });
  EXPECT_TRUE(created);
}

TEST_F(ZooKeeperServerTest, SessionExpiryDeletesEphemeralsAndFiresWatches) {
  Do([&](auto cb) { C(1).Create("/brokers", "", false, cb); });
  EXPECT_EQ(Do([&](auto cb) { C(1).Create("/brokers/1", "me", true, cb); }).code, ZkCode::ZOK);
  std::vector<ZkEventType> seen;
  C(2).GetChildren(
      "/brokers", [&](const ZkWatchEvent& e) { seen.push_back(e.type); }, nullptr);
  C(2).GetData(
      "/brokers/1", [&](const ZkWatchEvent& e) { seen.push_back(e.type); }, nullptr);
  Run(50);
  const int64_t old_session = C(1).session_id();
  // Client 1 falls silent (its pings are dropped): ZooKeeper expires it.
  world_.network().AddRule(NodeId{1}, kZooKeeperNode, sim::LinkRule{1, 1.0, 0.0, {}, {}});
  Run(5000);
  EXPECT_NE(Zk().Find("/brokers/1"), nullptr) << "not before the session timeout";
  Run(1500);
  EXPECT_EQ(Zk().Find("/brokers/1"), nullptr);
  EXPECT_EQ(Zk().state().sessions.count(old_session), 0u);
  EXPECT_EQ(seen, (std::vector<ZkEventType>{ZkEventType::kNodeDeleted, ZkEventType::kNodeChildrenChanged}));
  // The server told client 1 (reachable one way) and it reconnected with a new session.
  world_.network().HealAll();
  Run(3000);
  EXPECT_TRUE(C(1).connected());
  EXPECT_NE(C(1).session_id(), old_session);
}

TEST_F(ZooKeeperServerTest, ClientDeclaresItsSessionLostWhenZooKeeperIsSilent) {
  const int64_t old_session = C(1).session_id();
  world_.network().AddRule(kZooKeeperNode, NodeId{1}, sim::LinkRule{1, 1.0, 0.0, {}, {}});
  world_.network().AddRule(NodeId{1}, kZooKeeperNode, sim::LinkRule{1, 1.0, 0.0, {}, {}});
  std::optional<ZkResponse> answer;
  C(1).GetData(
      "/", nullptr, [&](const ZkResponse& r) { answer = r; }, ZkClient::OnExpiry::kAnswer);
  Run(7000);
  EXPECT_FALSE(C(1).connected());
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->code, ZkCode::ZSESSIONEXPIRED);
  world_.network().HealAll();
  Run(3000);
  EXPECT_TRUE(C(1).connected());
  EXPECT_NE(C(1).session_id(), old_session);
}

// Session loss is signalled once (on_session_expired); the old session's
// ordinary callbacks and watches are dropped, only OnExpiry::kAnswer ones run.
TEST_F(ZooKeeperServerTest, SessionLossIsSignalledOnceAndDropsTheOldSessionsCallbacks) {
  Do([&](auto cb) { C(1).Create("/w", "", false, cb); });
  world_.network().AddRule(kZooKeeperNode, NodeId{1}, sim::LinkRule{1, 1.0, 0.0, {}, {}});
  world_.network().AddRule(NodeId{1}, kZooKeeperNode, sim::LinkRule{1, 1.0, 0.0, {}, {}});
  auto* node = static_cast<TestZkNode*>(world_.slot(NodeId{1})->node());
  std::vector<std::string> ran;
  C(1).GetData(
      "/w", [&](const ZkWatchEvent&) { ran.push_back("watch"); }, [&](const ZkResponse&) { ran.push_back("get"); });
  C(1).SetData("/w", "x", -1, [&](const ZkResponse&) { ran.push_back("set"); });
  C(1).Exists("/w", nullptr, [&](const ZkResponse&) { ran.push_back("exists"); });
  C(1).GetData(
      "/w", nullptr,
      [&](const ZkResponse& r) {
        ran.push_back(std::string("answered ") + ZkCodeName(r.code) + " after " +
                      std::to_string(node->session_losses()) + " signals");
      },
      ZkClient::OnExpiry::kAnswer);
  Run(7000);
  EXPECT_FALSE(C(1).connected());
  EXPECT_EQ(node->session_losses(), 1);
  EXPECT_EQ(ran, std::vector<std::string>{"answered ZSESSIONEXPIRED after 0 signals"});
  world_.network().HealAll();
  Run(3000);
  EXPECT_TRUE(C(1).connected());
  EXPECT_EQ(node->session_losses(), 1);
  EXPECT_EQ(ran.size(), 1u) << "nothing of the old session ran after it was lost";
}

TEST_F(ZooKeeperServerTest, ReadAllAnswersInPathOrderMissingOnesIncluded) {
  Do([&](auto cb) { C(1).Create("/x", "1", false, cb); });
  Do([&](auto cb) { C(1).Create("/z", "3", false, cb); });
  std::optional<std::vector<ZkResponse>> got;
  ReadAll(C(2), {"/z", "/y", "/x"}, [&](const std::vector<ZkResponse>& a) { got = a; });
  Run(50);
  ASSERT_TRUE(got);
  ASSERT_EQ(got->size(), 3u);
  EXPECT_EQ((*got)[0].data, "3");
  EXPECT_EQ((*got)[1].code, ZkCode::ZNONODE);
  EXPECT_EQ((*got)[2].data, "1");
}

TEST_F(ZooKeeperServerTest, CrashKeepsTreeSessionsAndWatches) {
  Do([&](auto cb) { C(1).Create("/p", "persist", false, cb); });
  Do([&](auto cb) { C(1).Create("/e", "ephemeral", true, cb); });
  bool fired = false;
  C(2).GetData(
      "/p", [&](const ZkWatchEvent&) { fired = true; }, nullptr);
  Run(50);
  const int64_t s1 = C(1).session_id();
  world_.Crash(kZooKeeperNode, sim::KillType::kPowerFail);
  Run(2000);
  world_.Restart(kZooKeeperNode);
  Run(100);
  EXPECT_EQ(Zk().Find("/p")->data, "persist");
  ASSERT_NE(Zk().Find("/e"), nullptr);
  EXPECT_EQ(C(1).session_id(), s1);
  EXPECT_EQ(Do([&](auto cb) { C(1).SetData("/p", "after", 0, cb); }).code, ZkCode::ZOK);
  EXPECT_TRUE(fired);
}

// ZooKeeper keeps sessions across its own crash (fresh timeout on restart);
// the client must speak up soon enough after the restart to keep its session:
// a 4 s outage right after the last answer leaves 2 s of a 6 s timeout.
// Regression: the client kept its regular timeout/3 ping schedule, so after
// two pings lost in the outage the third came after its own silence check
// had already given the session up.
TEST_F(ZooKeeperServerTest, SessionSurvivesAnOutageShorterThanItsTimeout) {
  for (int start_ms : {0, 150, 300, 450, 600}) {
    Run(start_ms);
    // Both clients heard from the server just now.
    std::optional<ZkResponse> a1, a2;
    C(1).GetData("/", nullptr, [&](const ZkResponse& r) { a1 = r; });
    C(2).GetData("/", nullptr, [&](const ZkResponse& r) { a2 = r; });
    Run(20);
    ASSERT_TRUE(a1 && a2);
    const int64_t s1 = C(1).session_id();
    const int64_t s2 = C(2).session_id();
    world_.Crash(kZooKeeperNode, sim::KillType::kProcessCrash);
    Run(4000);
    world_.Restart(kZooKeeperNode);
    Run(3000);
    EXPECT_EQ(C(1).session_id(), s1) << "outage starting " << start_ms << " ms later";
    EXPECT_EQ(C(2).session_id(), s2) << "outage starting " << start_ms << " ms later";
    EXPECT_EQ(Zk().state().sessions.size(), 2u);
  }
}

// The data file (a snapshot plus a log of changes) must always read back as
// exactly the server's state: a key changed without being logged would come
// back stale after a crash. Checked after every write of a workload that
// touches every kind of key and grows the log past a snapshot rewrite.
// (A ping that acknowledges watch events drops them from the session without
// a write — as before the log, they reach the disk with the next write — so
// the comparison leaves unacknowledged events out; next_event_seq still shows
// every event fired.)
TEST_F(ZooKeeperServerTest, DataFileReadsBackAsTheLiveStateAfterEveryWrite) {
  auto image = [](ZooKeeperState s) {
    for (auto& [id, session] : s.sessions) session.unacked_events.clear();
    return EncodeZooKeeperSnapshot(s);
  };
  auto check = [&](const std::string& when) {
    auto bytes = world_.slot(kZooKeeperNode)->disk().Read(ZooKeeperServer::kDataFile);
    auto file = ReadZkDataFile(bytes.data(), bytes.size());
    ASSERT_TRUE(file.has_value()) << when;
    EXPECT_EQ(file->valid_bytes, bytes.size()) << when;
    EXPECT_TRUE(image(file->state) == image(Zk().state())) << when;
  };
  int events = 0;
  auto watch = [&](const ZkWatchEvent&) { ++events; };
  Do([&](auto cb) { C(1).Create("/t", "", false, cb); });
  check("create");
  const std::string big(3000, 'x');
  for (int i = 0; i < 60; ++i) {
    const std::string p = "/t/" + std::to_string(i);
    Do([&](auto cb) { C(1).Create(p, big, i % 3 == 0, cb); });
    Do([&](auto cb) { C(2).GetData(p, watch, cb); });
    Do([&](auto cb) { C(2).GetChildren("/t", watch, cb); });
    Do([&](auto cb) { C(2).Exists(p + "-later", watch, cb); });
    check("after the watches on " + p);
    Do([&](auto cb) { C(1).SetData(p, std::to_string(i), -1, cb); });  // fires the data watch
    if (i % 2 == 1) Do([&](auto cb) { C(1).Delete(p, -1, cb); });      // fires the children watch
    check("after the writes on " + p);
  }
  EXPECT_GT(events, 60);
  EXPECT_GT(world_.slot(kZooKeeperNode)->disk().Size(ZooKeeperServer::kDataFile), 0u);
  // Client 1 falls silent: its session expires, its ephemerals and watches go.
  world_.network().AddRule(NodeId{1}, kZooKeeperNode, sim::LinkRule{1, 1.0, 0.0, {}, {}});
  Run(7000);
  check("after the session expired");
  world_.network().HealAll();
  Run(3000);
  check("after the new session");
  auto before = EncodeZooKeeperSnapshot(Zk().state());
  world_.Crash(kZooKeeperNode, sim::KillType::kPowerFail);
  world_.Restart(kZooKeeperNode);
  EXPECT_TRUE(EncodeZooKeeperSnapshot(Zk().state()) == before);
  Do([&](auto cb) { C(2).Create("/after-restart", "", false, cb); });
  check("a write after the restart");
}

class ZooKeeperLossyNetworkTest : public ZooKeeperServerTest {
 protected:
  ZooKeeperLossyNetworkTest() : ZooKeeperServerTest(sim::LinkDefaults{Ms(1), Ms(5), 0.15, 0.2, 0.0, 0}) {}
};

TEST_F(ZooKeeperLossyNetworkTest, RetransmittedRequestsApplyExactlyOnceInOrder) {
  Run(3000);
  ASSERT_TRUE(C(1).connected());
  int answered = 0;
  C(1).Create("/n", "", false, [&](const ZkResponse&) { ++answered; });
  for (int i = 0; i < 20; ++i) {
    // Unconditional writes: a double application would show in the version.
    C(1).SetData("/n", std::to_string(i), -1, [&](const ZkResponse& r) {
      EXPECT_EQ(r.code, ZkCode::ZOK);
      ++answered;
    });
  }
  Run(5000);
  EXPECT_EQ(answered, 21);
  ASSERT_NE(Zk().Find("/n"), nullptr);
  EXPECT_EQ(Zk().Find("/n")->version, 20);
  EXPECT_EQ(Zk().Find("/n")->data, "19");
}

}  // namespace
}  // namespace kafkasim::controller
