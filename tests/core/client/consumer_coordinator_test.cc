// The consumer's group membership against a coordinator the test scripts:
// group requests are held and answered by hand, so a reply can arrive after
// the member has moved on (a stale generation), as after a long pause. The
// rules are Kafka's AbstractCoordinator / ConsumerCoordinator (2.8–3.4):
// generationUnchanged(), one joinFuture at a time, and the OffsetCommit
// handler's RebalanceInProgressException while a JoinGroup is pending.
#include "core/client/consumer_coordinator.h"

#include <gtest/gtest.h>

#include "tests/core/client/client_harness.h"

namespace kafkasim::testing {
namespace {

// A FakeBroker whose group requests (JoinGroup, SyncGroup, Heartbeat,
// OffsetCommit) wait for the test to answer them.
class ScriptedBroker final : public Node {
 public:
  ScriptedBroker(Env& env, std::shared_ptr<FakeClusterState> st) : env(env), inner(env, std::move(st)) {}
  void Start() override { inner.Start(); }
  void OnMessage(NodeId from, const Message& m) override {
    if (std::holds_alternative<JoinGroupRequest>(m) || std::holds_alternative<SyncGroupRequest>(m) ||
        std::holds_alternative<HeartbeatRequest>(m) || std::holds_alternative<OffsetCommitRequest>(m)) {
      held.push_back({from, m});
      ++received[m.index()];
      return;
    }
    inner.OnMessage(from, m);
  }
  template <typename T>
  int Received() const {
    auto it = received.find(Message(T{}).index());
    return it == received.end() ? 0 : it->second;
  }
  // Takes the oldest held request of type T.
  template <typename T>
  std::pair<NodeId, T> Take() {
    for (auto it = held.begin(); it != held.end(); ++it) {
      if (auto* x = std::get_if<T>(&it->second)) {
        std::pair<NodeId, T> out{it->first, *x};
        held.erase(it);
        return out;
      }
    }
    ADD_FAILURE() << "no such request held";
    return {};
  }
  template <typename T>
  int Held() const {
    int n = 0;
    for (const auto& [from, m] : held) n += std::holds_alternative<T>(m) ? 1 : 0;
    return n;
  }
  Env& env;
  FakeBroker inner;
  std::vector<std::pair<NodeId, Message>> held;
  std::map<size_t, int> received;
};

struct ScriptedFixture : ::testing::Test {
  sim::World world{7};
  std::shared_ptr<FakeClusterState> st = std::make_shared<FakeClusterState>();
  ScriptedBroker* broker = nullptr;
  ConsumerNode* c = nullptr;
  const TopicPartition tp{"t", PartitionId{0}};

  void SetUp() override {
    world.trace().set_output(nullptr);
    st->topics["t"] = 1;
    auto state = st;
    world.AddNode(NodeId{1}, "broker-1", sim::NodeKind::kBroker,
                  [state](Env& env) { return std::make_unique<ScriptedBroker>(env, state); });
    world.Start(NodeId{1});
    broker = static_cast<ScriptedBroker*>(world.slot(NodeId{1})->node());
    config::ConsumerConfig cfg;
    cfg.enable_auto_commit = false;
    cfg.auto_offset_reset = config::OffsetReset::kEarliest;
    cfg.session_timeout_ms = 10000;
    cfg.heartbeat_interval_ms = 500;
    world.AddNode(NodeId{3001}, "c1", sim::NodeKind::kConsumer, [cfg](Env& env) {
      return std::make_unique<ConsumerNode>(env, cfg, "g", std::vector<std::string>{"t"});
    });
    world.Start(NodeId{3001});
    c = static_cast<ConsumerNode*>(world.slot(NodeId{3001})->node());
  }
  void Run(TimeNs d) { world.loop().RunUntil(world.Now() + d); }
  void Answer(NodeId to, Message m) {
    broker->env.net.Send(to, std::move(m));
    Run(Ms(20));
  }
  const client::ConsumerCoordinator& coord() const { return c->consumer.coordinator(); }

  // Answers the pending JoinGroup (and its SyncGroup) with generation `gen`:
  // the member leads and owns t-0.
  void CompleteRebalance(int32_t gen, const std::string& member) {
    Run(Ms(200));
    auto [from, join] = broker->Take<JoinGroupRequest>();
    JoinGroupResponse jr;
    jr.correlation_id = join.correlation_id;
    jr.generation_id = gen;
    jr.protocol_name = "range";
    jr.leader = member;
    jr.member_id = member;
    jr.members = {{member, join.subscription}};
    Answer(from, jr);
    auto [sfrom, sync] = broker->Take<SyncGroupRequest>();
    EXPECT_EQ(sync.generation_id, gen);
    Answer(sfrom, SyncGroupResponse{sync.correlation_id, ErrorCode::NONE, {tp}});
  }
  // From nothing to a stable generation 1 with member "m1".
  void JoinAsM1() {
    Run(Ms(200));
    auto [from, first] = broker->Take<JoinGroupRequest>();
    EXPECT_EQ(first.member_id, "");
    JoinGroupResponse req_id;
    req_id.correlation_id = first.correlation_id;
    req_id.error_code = ErrorCode::MEMBER_ID_REQUIRED;
    req_id.member_id = "m1";
    Answer(from, req_id);
    CompleteRebalance(1, "m1");
    ASSERT_TRUE(coord().stable());
    ASSERT_EQ(coord().generation(), 1);
  }
  std::pair<NodeId, OffsetCommitRequest> CommitAndHold(ErrorCode* result) {
    c->consumer.Commit({{tp, Offset{0}}}, [result](ErrorCode e) { *result = e; });
    Run(Ms(20));
    return broker->Take<OffsetCommitRequest>();
  }
  static OffsetCommitResponse CommitAnswer(const OffsetCommitRequest& r, ErrorCode e) {
    OffsetCommitResponse resp;
    resp.correlation_id = r.correlation_id;
    for (const auto& p : r.partitions) resp.partitions.push_back({p.tp, e});
    return resp;
  }
};

// A heartbeat of generation 1 answered ILLEGAL_GENERATION after the member
// reached generation 2: Java ignores it (generationUnchanged() is false).
TEST_F(ScriptedFixture, StaleHeartbeatErrorIsIgnored) {
  JoinAsM1();
  Run(Ms(600));
  auto [hfrom, hb] = broker->Take<HeartbeatRequest>();  // generation 1, not answered yet
  EXPECT_EQ(hb.generation_id, 1);
  // A commit learns of a rebalance: the member rejoins into generation 2.
  ErrorCode commit = ErrorCode::NONE;
  auto [cfrom, cr] = CommitAndHold(&commit);
  Answer(cfrom, CommitAnswer(cr, ErrorCode::REBALANCE_IN_PROGRESS));
  CompleteRebalance(2, "m1");
  ASSERT_TRUE(coord().stable());
  ASSERT_EQ(coord().generation(), 2);
  int joins = broker->Received<JoinGroupRequest>();
  Answer(hfrom, HeartbeatResponse{hb.correlation_id, ErrorCode::ILLEGAL_GENERATION});
  Run(Ms(200));
  EXPECT_TRUE(coord().stable());
  EXPECT_EQ(coord().generation(), 2);
  EXPECT_EQ(c->consumer.assignment(), std::vector<TopicPartition>{tp});
  EXPECT_EQ(broker->Received<JoinGroupRequest>(), joins);  // no rejoin
}

// The same answer to a heartbeat of the current generation resets the member
// (the member id stays for ILLEGAL_GENERATION) and it rejoins.
TEST_F(ScriptedFixture, CurrentHeartbeatErrorResetsAndRejoins) {
  JoinAsM1();
  Run(Ms(600));
  auto [hfrom, hb] = broker->Take<HeartbeatRequest>();
  Answer(hfrom, HeartbeatResponse{hb.correlation_id, ErrorCode::ILLEGAL_GENERATION});
  Run(Ms(200));
  EXPECT_FALSE(coord().stable());
  EXPECT_TRUE(c->consumer.assignment().empty());
  ASSERT_EQ(broker->Held<JoinGroupRequest>(), 1);
  EXPECT_EQ(broker->Take<JoinGroupRequest>().second.member_id, "m1");
}

// After a long pause: the heartbeat finds the member gone (UNKNOWN_MEMBER_ID),
// it rejoins; then the answer to a commit sent before the reset arrives. It is
// stale and a JoinGroup is pending: RebalanceInProgress, no reset, and never a
// second JoinGroup in flight (which would make the member join twice, one of
// the two a ghost holding partitions until its session expires).
TEST_F(ScriptedFixture, StaleCommitErrorWhileJoiningNeverStartsASecondJoin) {
  JoinAsM1();
  ErrorCode commit = ErrorCode::NONE;
  auto [cfrom, cr] = CommitAndHold(&commit);
  Run(Ms(600));
  auto [hfrom, hb] = broker->Take<HeartbeatRequest>();
  Answer(hfrom, HeartbeatResponse{hb.correlation_id, ErrorCode::UNKNOWN_MEMBER_ID});
  Run(Ms(200));
  ASSERT_EQ(broker->Held<JoinGroupRequest>(), 1);
  EXPECT_EQ(coord().member_id(), "");
  Answer(cfrom, CommitAnswer(cr, ErrorCode::UNKNOWN_MEMBER_ID));
  Run(Ms(500));
  EXPECT_EQ(commit, ErrorCode::REBALANCE_IN_PROGRESS);
  EXPECT_EQ(broker->Held<JoinGroupRequest>(), 1);
  EXPECT_EQ(broker->Received<JoinGroupRequest>(), 3);  // "", "m1", and the one rejoin
}

// A commit of the current generation answered ILLEGAL_GENERATION while no
// rebalance is under way: the member resets and the commit fails
// (CommitFailedException), then it rejoins keeping its member id.
TEST_F(ScriptedFixture, CurrentCommitErrorResetsAndFailsTheCommit) {
  JoinAsM1();
  ErrorCode commit = ErrorCode::NONE;
  auto [cfrom, cr] = CommitAndHold(&commit);
  Answer(cfrom, CommitAnswer(cr, ErrorCode::ILLEGAL_GENERATION));
  Run(Ms(200));
  EXPECT_EQ(commit, ErrorCode::ILLEGAL_GENERATION);
  EXPECT_EQ(coord().generation(), -1);
  EXPECT_EQ(coord().member_id(), "m1");
  EXPECT_EQ(broker->Held<JoinGroupRequest>(), 1);
}

// A JoinGroup answered after another request's answer reset the member: Java
// raises UnjoinedGroupException and joins again; only one JoinGroup at a time.
TEST_F(ScriptedFixture, JoinAnsweredAfterAResetRejoinsOnce) {
  JoinAsM1();
  ErrorCode commit = ErrorCode::NONE;
  auto [cfrom, cr] = CommitAndHold(&commit);
  Run(Ms(600));
  auto [hfrom, hb] = broker->Take<HeartbeatRequest>();
  Answer(hfrom, HeartbeatResponse{hb.correlation_id, ErrorCode::REBALANCE_IN_PROGRESS});
  Run(Ms(200));
  ASSERT_EQ(broker->Held<JoinGroupRequest>(), 1);  // generation 1 still, JoinGroup pending
  // The commit was of the current generation: it resets the member although
  // a JoinGroup is pending (Java: generationUnchanged()).
  Answer(cfrom, CommitAnswer(cr, ErrorCode::UNKNOWN_MEMBER_ID));
  EXPECT_EQ(commit, ErrorCode::UNKNOWN_MEMBER_ID);
  EXPECT_EQ(broker->Held<JoinGroupRequest>(), 1);         // still the one
  auto [jfrom, join] = broker->Take<JoinGroupRequest>();  // its answer comes, but the member was reset
  JoinGroupResponse jr;
  jr.correlation_id = join.correlation_id;
  jr.generation_id = 2;
  jr.protocol_name = "range";
  jr.leader = "m1";
  jr.member_id = "m1";
  jr.members = {{"m1", join.subscription}};
  Answer(jfrom, jr);
  EXPECT_EQ(broker->Held<SyncGroupRequest>(), 0);
  Run(Ms(300));
  EXPECT_FALSE(coord().stable());
  ASSERT_EQ(broker->Held<JoinGroupRequest>(), 1);  // joined again, once
  EXPECT_EQ(broker->Take<JoinGroupRequest>().second.member_id, "");
}

}  // namespace
}  // namespace kafkasim::testing
