// GroupCoordinator and transactions (KIP-447): a TxnOffsetCommit with stale
// group metadata is refused; offsets an open transaction holds make a
// require_stable OffsetFetch answer UNSTABLE_OFFSET_COMMIT until its marker.
#include <gtest/gtest.h>

#include "core/broker/group_coordinator.h"
#include "tests/core/broker/raw_client.h"
#include "tests/core/client/client_harness.h"

namespace kafkasim::testing {
namespace {

struct TxnCoordFixture : ::testing::Test {
  Harness h;
  RawClient* c = nullptr;
  TopicPartition tp{"t", PartitionId{0}};
  std::string member;

  void SetUp() override {
    h.StartBroker();
    h.world.AddNode(NodeId{3001}, "c", sim::NodeKind::kConsumer,
                    [](Env& env) { return std::make_unique<RawClient>(env); });
    h.world.Start(NodeId{3001});
    c = static_cast<RawClient*>(h.world.slot(NodeId{3001})->node());
    // One member, generation 1, offset 10 committed the plain way.
    JoinGroupRequest j;
    j.group_id = "g";
    j.session_timeout_ms = 10000;
    j.rebalance_timeout_ms = 5000;
    j.protocols = {"range"};
    j.subscription.topics = {"t"};
    Send(j);
    j.member_id = member = c->Last<JoinGroupResponse>().member_id;
    Send(j);
    Send(SyncGroupRequest{0, "g", 1, member, {{member, {}}}});
    Send(OffsetCommitRequest{0, "g", 1, member, {{tp, Offset{10}, kNoLeaderEpoch}}});
  }
  FakeBroker& broker() { return *static_cast<FakeBroker*>(h.world.slot(NodeId{1})->node()); }
  void Send(Message m) {
    c->env.net.Send(NodeId{1}, std::move(m));
    h.RunFor(Ms(20));
  }
  ErrorCode TxnCommit(int32_t generation, const std::string& member_id, Offset offset) {
    Send(TxnOffsetCommitRequest{0, "tx", "g", ProducerId{77}, ProducerEpoch{0}, generation, member_id, {{tp, offset}}});
    return c->Last<TxnOffsetCommitResponse>().results.at(0).error_code;
  }
  OffsetFetchPartitionResponse Fetch(bool require_stable) {
    Send(OffsetFetchRequest{0, "g", {tp}, require_stable});
    return c->Last<OffsetFetchResponse>().partitions.at(0);
  }
};

TEST_F(TxnCoordFixture, TxnOffsetCommitWithAStaleGenerationOrMemberIsRefused) {
  EXPECT_EQ(TxnCommit(0, member, Offset{20}), ErrorCode::ILLEGAL_GENERATION);
  EXPECT_EQ(TxnCommit(1, "zombie", Offset{20}), ErrorCode::UNKNOWN_MEMBER_ID);
  EXPECT_EQ(Fetch(true).error_code, ErrorCode::NONE);  // nothing pending
  EXPECT_EQ(Fetch(true).committed_offset, Offset{10});
}

TEST_F(TxnCoordFixture, RequireStableFetchWaitsForTheTransactionsMarker) {
  ASSERT_EQ(TxnCommit(1, member, Offset{20}), ErrorCode::NONE);
  EXPECT_EQ(Fetch(true).error_code, ErrorCode::UNSTABLE_OFFSET_COMMIT);
  EXPECT_EQ(Fetch(false).error_code, ErrorCode::NONE);  // read_uncommitted: the last committed offset
  EXPECT_EQ(Fetch(false).committed_offset, Offset{10});
  broker().groups().OnTxnCompleted(77, PartitionId{0}, true);  // the COMMIT marker
  EXPECT_EQ(Fetch(true).error_code, ErrorCode::NONE);
  EXPECT_EQ(Fetch(true).committed_offset, Offset{20});
}

}  // namespace
}  // namespace kafkasim::testing
