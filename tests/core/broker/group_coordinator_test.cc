// GroupCoordinator driven by raw group requests: join (MEMBER_ID_REQUIRED),
// sync, heartbeat, session expiry, offset commit through a real
// __consumer_offsets record batch, and reloading on leadership.
#include "core/broker/group_coordinator.h"

#include <gtest/gtest.h>

#include "core/record/record_batch.h"
#include "tests/core/broker/raw_client.h"
#include "tests/core/client/client_harness.h"

namespace kafkasim::testing {
namespace {

struct CoordFixture : ::testing::Test {
  Harness h;
  RawClient* a = nullptr;
  RawClient* b = nullptr;

  void SetUp() override {
    h.StartBroker();
    for (int32_t id : {3001, 3002}) {
      h.world.AddNode(NodeId{id}, "c" + std::to_string(id), sim::NodeKind::kConsumer,
                      [](Env& env) { return std::make_unique<RawClient>(env); });
      h.world.Start(NodeId{id});
    }
    a = static_cast<RawClient*>(h.world.slot(NodeId{3001})->node());
    b = static_cast<RawClient*>(h.world.slot(NodeId{3002})->node());
  }
  FakeBroker& broker() { return *static_cast<FakeBroker*>(h.world.slot(NodeId{1})->node()); }
  const broker::GroupMetadata& group() { return *broker().groups().group("g"); }

  void Send(RawClient* c, Message m) {
    c->env.net.Send(NodeId{1}, std::move(m));
    h.RunFor(Ms(20));
  }
  JoinGroupRequest Join(const std::string& member) {
    JoinGroupRequest r;
    r.group_id = "g";
    r.member_id = member;
    r.session_timeout_ms = 1000;
    r.rebalance_timeout_ms = 5000;
    r.protocols = {"range"};
    r.subscription.topics = {"t"};
    return r;
  }
  // Joins `c` as a new member; returns its member id.
  std::string JoinNew(RawClient* c) {
    Send(c, Join(""));
    auto id = c->Last<JoinGroupResponse>().member_id;
    EXPECT_EQ(c->Last<JoinGroupResponse>().error_code, ErrorCode::MEMBER_ID_REQUIRED);
    Send(c, Join(id));
    return id;
  }
};

TEST_F(CoordFixture, JoinSyncHeartbeatMakesAStableGroup) {
  std::string id = JoinNew(a);
  const auto& jr = a->Last<JoinGroupResponse>();
  ASSERT_EQ(jr.error_code, ErrorCode::NONE);
  EXPECT_EQ(jr.generation_id, 1);
  EXPECT_EQ(jr.leader, id);
  EXPECT_EQ(jr.protocol_name, "range");
  ASSERT_EQ(jr.members.size(), 1u);
  EXPECT_EQ(group().state, broker::GroupState::kCompletingRebalance);

  SyncGroupRequest sync{0, "g", 1, id, {{id, {{"t", PartitionId{0}}}}}};
  Send(a, sync);
  EXPECT_EQ(a->Last<SyncGroupResponse>().error_code, ErrorCode::NONE);
  EXPECT_EQ(a->Last<SyncGroupResponse>().assignment.size(), 1u);
  EXPECT_EQ(group().state, broker::GroupState::kStable);
  ASSERT_EQ(h.Of<ObsRebalance>().size(), 1u);
  EXPECT_EQ(h.Of<ObsRebalance>()[0].generation, 1);

  Send(a, HeartbeatRequest{0, "g", 1, id});
  EXPECT_EQ(a->Last<HeartbeatResponse>().error_code, ErrorCode::NONE);
  Send(a, HeartbeatRequest{0, "g", 0, id});
  EXPECT_EQ(a->Last<HeartbeatResponse>().error_code, ErrorCode::ILLEGAL_GENERATION);
  Send(a, HeartbeatRequest{0, "g", 1, "nobody"});
  EXPECT_EQ(a->Last<HeartbeatResponse>().error_code, ErrorCode::UNKNOWN_MEMBER_ID);
}

TEST_F(CoordFixture, SecondMemberTriggersRebalanceAndBothRejoin) {
  std::string ida = JoinNew(a);
  Send(a, SyncGroupRequest{0, "g", 1, ida, {{ida, {}}}});
  std::string idb = JoinNew(b);  // b waits in PreparingRebalance
  EXPECT_EQ(group().state, broker::GroupState::kPreparingRebalance);
  Send(a, HeartbeatRequest{0, "g", 1, ida});
  EXPECT_EQ(a->Last<HeartbeatResponse>().error_code, ErrorCode::REBALANCE_IN_PROGRESS);
  Send(a, Join(ida));  // a rejoins: the join completes for both
  EXPECT_EQ(a->Last<JoinGroupResponse>().generation_id, 2);
  EXPECT_EQ(b->Last<JoinGroupResponse>().generation_id, 2);
  EXPECT_EQ(a->Last<JoinGroupResponse>().leader, ida);
  EXPECT_EQ(a->Last<JoinGroupResponse>().members.size(), 2u);
  EXPECT_TRUE(b->Last<JoinGroupResponse>().members.empty());
  Send(b, SyncGroupRequest{0, "g", 2, idb, {}});  // follower first: waits for the leader
  EXPECT_EQ(b->got.size(), 2u);
  Send(a, SyncGroupRequest{0, "g", 2, ida, {{ida, {{"t", PartitionId{0}}}}, {idb, {{"t", PartitionId{1}}}}}});
  EXPECT_EQ(b->Last<SyncGroupResponse>().assignment, (std::vector<TopicPartition>{{"t", PartitionId{1}}}));
}

// Kafka's handleJoinGroup: session.timeout.ms outside [group.min.session.timeout.ms,
// group.max.session.timeout.ms] is refused before the member is looked at.
TEST_F(CoordFixture, JoinWithSessionTimeoutOutsideTheBrokerRangeIsRefused) {
  h.st->broker_config.group_min_session_timeout_ms = 6000;  // Kafka's defaults
  h.st->broker_config.group_max_session_timeout_ms = 1800000;
  for (int32_t timeout_ms : {5999, 1800001}) {
    JoinGroupRequest r = Join("");
    r.session_timeout_ms = timeout_ms;
    Send(a, r);
    EXPECT_EQ(a->Last<JoinGroupResponse>().error_code, ErrorCode::INVALID_SESSION_TIMEOUT) << timeout_ms;
    EXPECT_TRUE(a->Last<JoinGroupResponse>().member_id.empty());
  }
  EXPECT_TRUE(broker().groups().group("g") == nullptr || group().members.empty());
  JoinGroupRequest ok = Join("");
  ok.session_timeout_ms = 6000;
  Send(a, ok);
  EXPECT_EQ(a->Last<JoinGroupResponse>().error_code, ErrorCode::MEMBER_ID_REQUIRED);
}

TEST_F(CoordFixture, SessionTimeoutRemovesSilentMember) {
  std::string ida = JoinNew(a);
  Send(a, SyncGroupRequest{0, "g", 1, ida, {{ida, {}}}});
  h.RunFor(Ms(1500));  // no heartbeats for longer than session.timeout.ms
  EXPECT_TRUE(group().members.empty());
  EXPECT_EQ(group().state, broker::GroupState::kEmpty);
}

TEST_F(CoordFixture, OffsetCommitIsStoredInTheOffsetsLogAndReloaded) {
  std::string ida = JoinNew(a);
  Send(a, SyncGroupRequest{0, "g", 1, ida, {{ida, {}}}});
  TopicPartition tp{"t", PartitionId{0}};
  Send(a, OffsetCommitRequest{0, "g", 1, ida, {{tp, Offset{42}, kNoLeaderEpoch}}});
  ASSERT_EQ(a->Last<OffsetCommitResponse>().partitions.size(), 1u);
  EXPECT_EQ(a->Last<OffsetCommitResponse>().partitions[0].error_code, ErrorCode::NONE);
  Send(a, OffsetCommitRequest{0, "g", 7, ida, {{tp, Offset{50}, kNoLeaderEpoch}}});
  EXPECT_EQ(a->Last<OffsetCommitResponse>().partitions[0].error_code, ErrorCode::ILLEGAL_GENERATION);
  Send(a, OffsetFetchRequest{0, "g", {tp}, false});
  EXPECT_EQ(a->Last<OffsetFetchResponse>().partitions[0].committed_offset, Offset{42});

  // The record is real RecordBatch bytes with the documented key/value
  // (beside it, the group-metadata record the sync stored).
  int records = 0;
  h.st->offsets.ForEachBatchToLogEnd(PartitionId{0}, [&](std::span<const uint8_t> batch) {
    ASSERT_TRUE(record::ForEachRecord(batch, [&](const record::RecordView& r) {
                  std::string key(r.key->begin(), r.key->end());
                  std::string value(r.value->begin(), r.value->end());
                  if (broker::IsGroupMetadataKey(key)) return;
                  EXPECT_EQ(key, "g/t/0");
                  EXPECT_EQ(value, "42");
                  ++records;
                }).ok());
  });
  EXPECT_EQ(records, 1);

  // A new coordinator over the same log (failover) rebuilds the offsets.
  broker().groups().OnResign(PartitionId{0});
  EXPECT_EQ(broker().groups().group("g"), nullptr);
  broker().groups().OnBecomeLeader(PartitionId{0});
  EXPECT_EQ(group().offsets.at(tp).offset, Offset{42});
}

// After a rebalance the group's generation, members and assignments are in
// __consumer_offsets: a coordinator that takes over knows them, so a member
// heartbeats on with its old generation instead of rejoining.
TEST_F(CoordFixture, GroupMetadataSurvivesCoordinatorFailover) {
  std::string ida = JoinNew(a);
  TopicPartition tp{"t", PartitionId{0}};
  Send(a, SyncGroupRequest{0, "g", 1, ida, {{ida, {tp}}}});
  ASSERT_EQ(a->Last<SyncGroupResponse>().error_code, ErrorCode::NONE);
  broker().groups().OnResign(PartitionId{0});
  ASSERT_EQ(broker().groups().group("g"), nullptr);
  broker().groups().OnBecomeLeader(PartitionId{0});
  ASSERT_NE(broker().groups().group("g"), nullptr);
  EXPECT_EQ(group().generation, 1);
  EXPECT_EQ(group().state, broker::GroupState::kStable);
  EXPECT_EQ(group().leader, ida);
  ASSERT_TRUE(group().members.contains(ida));
  EXPECT_EQ(group().members.at(ida).assignment, std::vector<TopicPartition>{tp});
  Send(a, HeartbeatRequest{0, "g", 1, ida});
  EXPECT_EQ(a->Last<HeartbeatResponse>().error_code, ErrorCode::NONE);
  Send(a, SyncGroupRequest{0, "g", 1, ida, {}});
  EXPECT_EQ(a->Last<SyncGroupResponse>().assignment, std::vector<TopicPartition>{tp});
}

// A failed store answers the waiting members with the mapped error and the
// group rebalances (Kafka's resetAndPropagateAssignmentError).
TEST_F(CoordFixture, FailedGroupStoreFailsTheSyncAndRebalances) {
  std::string ida = JoinNew(a);
  h.st->offsets.fail_with = ErrorCode::NOT_ENOUGH_REPLICAS;
  Send(a, SyncGroupRequest{0, "g", 1, ida, {{ida, {}}}});
  EXPECT_EQ(a->Last<SyncGroupResponse>().error_code, ErrorCode::COORDINATOR_NOT_AVAILABLE);
  EXPECT_EQ(group().state, broker::GroupState::kPreparingRebalance);
}

TEST(GroupMetadataCodecTest, RoundTripsEveryPersistentField) {
  broker::GroupMetadata g;
  g.group_id = "g/x 1";  // group ids may hold anything; only the key carries them
  g.generation = 7;
  g.protocol = "range";
  g.leader = "m1";
  broker::MemberMetadata m;
  m.member_id = "m1";
  m.client = NodeId{3001};
  m.session_timeout_ms = 1000;
  m.rebalance_timeout_ms = 5000;
  m.join_order = 4;
  m.protocols = {"range", "roundrobin"};
  m.subscription.topics = {"orders", "audit.log"};
  m.assignment = {{"orders", PartitionId{0}}, {"audit.log", PartitionId{3}}};
  g.members["m1"] = m;
  broker::MemberMetadata empty;
  empty.member_id = "m2";
  g.members["m2"] = empty;
  Bytes batch = broker::EncodeGroupMetadataBatch(g, 1000);
  int seen = 0;
  ASSERT_TRUE(record::ForEachRecord(batch, [&](const record::RecordView& r) {
                std::string key(r.key->begin(), r.key->end());
                std::string value(r.value->begin(), r.value->end());
                auto s = broker::ParseGroupMetadata(key, value);
                ASSERT_TRUE(s.has_value()) << value;
                EXPECT_EQ(s->group_id, "g/x 1");
                EXPECT_EQ(s->generation, 7);
                EXPECT_EQ(s->protocol, "range");
                EXPECT_EQ(s->leader, "m1");
                ASSERT_EQ(s->members.size(), 2u);
                const broker::MemberMetadata& got = s->members[0];
                EXPECT_EQ(got.member_id, "m1");
                EXPECT_EQ(got.client, NodeId{3001});
                EXPECT_EQ(got.session_timeout_ms, 1000);
                EXPECT_EQ(got.rebalance_timeout_ms, 5000);
                EXPECT_EQ(got.join_order, 4u);
                EXPECT_EQ(got.protocols, m.protocols);
                EXPECT_EQ(got.subscription.topics, m.subscription.topics);
                EXPECT_EQ(got.assignment, m.assignment);
                EXPECT_TRUE(s->members[1].assignment.empty());
                ++seen;
              }).ok());
  EXPECT_EQ(seen, 1);
  EXPECT_FALSE(broker::ParseGroupMetadata("g/t/0", "42"));             // an offset commit
  EXPECT_FALSE(broker::ParseGroupMetadata("G|g", "generation\tx\n"));  // malformed
}

TEST(OffsetCommitCodecTest, LeaderEpochTravelsWithTheOffset) {
  // KIP-320: "<offset>:<leader epoch>"; a plain "<offset>" has no epoch.
  auto with = broker::ParseOffsetCommit("g/t/3", std::string_view("42:7"));
  ASSERT_TRUE(with && with->offset);
  EXPECT_EQ(with->offset->offset, Offset{42});
  EXPECT_EQ(with->offset->leader_epoch, LeaderEpoch{7});
  auto without = broker::ParseOffsetCommit("g/t/3", std::string_view("42"));
  ASSERT_TRUE(without && without->offset);
  EXPECT_EQ(without->offset->leader_epoch, kNoLeaderEpoch);
  EXPECT_FALSE(broker::ParseOffsetCommit("g/t/3", std::string_view("42;7")));
  EXPECT_FALSE(broker::ParseOffsetCommit("g/t/3", std::string_view("42:x")));
  auto tombstone = broker::ParseOffsetCommit("g/t/3", std::nullopt);
  ASSERT_TRUE(tombstone);
  EXPECT_FALSE(tombstone->offset);
}

TEST_F(CoordFixture, CommittedLeaderEpochSurvivesFailoverAndIsFetched) {
  std::string ida = JoinNew(a);
  Send(a, SyncGroupRequest{0, "g", 1, ida, {{ida, {}}}});
  TopicPartition tp{"t", PartitionId{0}};
  Send(a, OffsetCommitRequest{0, "g", 1, ida, {{tp, Offset{42}, LeaderEpoch{3}}}});
  broker().groups().OnResign(PartitionId{0});
  broker().groups().OnBecomeLeader(PartitionId{0});
  Send(a, OffsetFetchRequest{0, "g", {tp}, false});
  const auto& r = a->Last<OffsetFetchResponse>();
  ASSERT_EQ(r.partitions.size(), 1u);
  EXPECT_EQ(r.partitions[0].committed_offset, Offset{42});
  EXPECT_EQ(r.partitions[0].committed_leader_epoch, LeaderEpoch{3});
}

TEST_F(CoordFixture, NotCoordinatorWhenOffsetsPartitionIsLedElsewhere) {
  h.st->offsets.leader = false;
  Send(a, Join(""));
  EXPECT_EQ(a->Last<JoinGroupResponse>().error_code, ErrorCode::NOT_COORDINATOR);
  Send(a, OffsetFetchRequest{0, "g", {}, false});
  EXPECT_EQ(a->Last<OffsetFetchResponse>().error_code, ErrorCode::NOT_COORDINATOR);
}

TEST_F(CoordFixture, FailedOffsetsAppendIsReportedAsCoordinatorError) {
  std::string ida = JoinNew(a);
  Send(a, SyncGroupRequest{0, "g", 1, ida, {{ida, {}}}});
  h.st->offsets.fail_with = ErrorCode::NOT_ENOUGH_REPLICAS;
  Send(a, OffsetCommitRequest{0, "g", 1, ida, {{{"t", PartitionId{0}}, Offset{1}, kNoLeaderEpoch}}});
  EXPECT_EQ(a->Last<OffsetCommitResponse>().partitions[0].error_code, ErrorCode::COORDINATOR_NOT_AVAILABLE);
  EXPECT_TRUE(group().offsets.empty());
}

}  // namespace
}  // namespace kafkasim::testing
