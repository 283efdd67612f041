// tests/core/controller/zk_data_test.cc — Kafka's znode JSON: exact bytes
// for the partition state, and decode(encode(x)) == x.
#include "core/controller/zk_data.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "core/controller/zookeeper_state.h"

namespace kafkasim::controller {
namespace {

TEST(ZkDataTest, PartitionStateIsKafkasJson) {
  LeaderIsrAndControllerEpoch s{NodeId{1}, LeaderEpoch{3}, {NodeId{1}, NodeId{2}}, ControllerEpoch{7}, 4};
  EXPECT_EQ(EncodePartitionState(s), R"({"controller_epoch":7,"leader":1,"version":1,"leader_epoch":3,"isr":[1,2]})");
  auto d = DecodePartitionState(EncodePartitionState(s), 4);
  ASSERT_TRUE(d);
  EXPECT_EQ(*d, s);
}

TEST(ZkDataTest, DecodesKafkaWrittenJsonWithSpacesAndExtraFields) {
  auto d = DecodePartitionState(R"({ "controller_epoch": 2, "leader": -1, "version": 1, "leader_epoch": 9,
                                     "isr": [3], "leader_recovery_state": 0 })",
                                5);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->leader, kNoNode);
  EXPECT_EQ(d->isr, std::vector<NodeId>{NodeId{3}});
  EXPECT_FALSE(DecodePartitionState(R"({"leader":1})", 0));
  EXPECT_FALSE(DecodePartitionState("not json", 0));
}

TEST(ZkDataTest, ControllerTopicAndNotificationRoundTrip) {
  EXPECT_EQ(DecodeController(EncodeController(NodeId{3}, Ms(1234))), NodeId{3});
  EXPECT_EQ(DecodeControllerEpoch(EncodeControllerEpoch(ControllerEpoch{12})), ControllerEpoch{12});
  std::vector<std::vector<NodeId>> a = {{NodeId{1}, NodeId{2}}, {NodeId{2}, NodeId{3}}};
  EXPECT_EQ(DecodeTopicAssignment(EncodeTopicAssignment(a)), a);
  std::vector<TopicPartition> n = {{"orders", PartitionId{0}}, {"clicks", PartitionId{5}}};
  EXPECT_EQ(DecodeIsrChangeNotification(EncodeIsrChangeNotification(n)), n);
  EXPECT_EQ(DecodeBrokerEpoch(EncodeBrokerRegistration(NodeId{2}, 77, 0)), 77);
}

RC_GTEST_PROP(ZkDataProperty, PartitionStateRoundTrips, ()) {
  LeaderIsrAndControllerEpoch s;
  s.leader = NodeId{*rc::gen::inRange(-1, 100)};
  s.leader_epoch = LeaderEpoch{*rc::gen::inRange(0, 1 << 30)};
  s.controller_epoch = ControllerEpoch{*rc::gen::inRange(0, 1 << 30)};
  for (int32_t id : *rc::gen::container<std::vector<int32_t>>(rc::gen::inRange(0, 100))) s.isr.push_back(NodeId{id});
  s.zk_version = *rc::gen::inRange(0, 1000);
  RC_ASSERT(DecodePartitionState(EncodePartitionState(s), s.zk_version) == s);
}

TEST(ZooKeeperSnapshotTest, RoundTripsTreeSessionsAndWatches) {
  ZooKeeperState s;
  s.nodes["/"] = Znode{};
  s.nodes["/a"] = Znode{"x", 3, 1, 0, {}};
  s.nodes["/a/b"] = Znode{"y", 0, 0, 5, {}};
  s.nodes["/"].children.insert("a");
  s.nodes["/a"].children.insert("b");
  ZkSession sess;
  sess.id = 5;
  sess.owner = NodeId{2};
  sess.timeout_ms = 6000;
  sess.next_xid = 42;
  sess.recent[41] = ZkResponse{41, 5, ZkOp::kGetChildren, ZkCode::ZOK, "/a", "", 3, {"b"}};
  s.sessions[5] = sess;
  s.data_watches["/a"] = {5};
  s.connects[{2, 40}] = 5;
  s.next_session_id = 6;
  auto bytes = EncodeZooKeeperSnapshot(s);
  auto d = DecodeZooKeeperSnapshot(bytes.data(), bytes.size());
  ASSERT_TRUE(d);
  EXPECT_EQ(d->nodes.at("/a").children, std::set<std::string>{"b"});
  EXPECT_EQ(d->nodes.at("/a/b").ephemeral_owner, 5);
  EXPECT_EQ(d->sessions.at(5).recent.at(41).children, std::vector<std::string>{"b"});
  EXPECT_EQ(d->data_watches.at("/a"), std::set<int64_t>{5});
  EXPECT_EQ(d->next_session_id, 6);
  EXPECT_FALSE(DecodeZooKeeperSnapshot(bytes.data(), bytes.size() - 3));
}

}  // namespace
}  // namespace kafkasim::controller
