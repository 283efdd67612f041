// tests/core/broker/metadata_cache_test.cc — the broker's view of the cluster
// from UpdateMetadata: controller epoch fencing and Metadata answers.
#include "core/broker/metadata_cache.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace kafkasim::broker {
namespace {

PartitionState Ps(const std::string& topic, int32_t p, int32_t leader, int32_t epoch = 1) {
  PartitionState st;
  st.tp = TopicPartition{topic, PartitionId{p}};
  st.leader = NodeId{leader};
  st.leader_epoch = LeaderEpoch{epoch};
  st.isr = {NodeId{leader}};
  st.replicas = {NodeId{1}, NodeId{2}, NodeId{3}};
  return st;
}

UpdateMetadataRequest Update(int32_t controller_epoch, NodeId controller, std::vector<NodeId> live,
                             std::vector<PartitionState> parts) {
  UpdateMetadataRequest r;
  r.controller_epoch = ControllerEpoch{controller_epoch};
  r.controller_id = controller;
  r.live_brokers = std::move(live);
  r.partition_states = std::move(parts);
  return r;
}

const MetadataTopic* FindTopic(const MetadataResponse& r, const std::string& name) {
  auto it = std::find_if(r.topics.begin(), r.topics.end(), [&](const MetadataTopic& t) { return t.name == name; });
  return it == r.topics.end() ? nullptr : &*it;
}

TEST(MetadataCacheTest, AppliesAnUpdateAndDescribesIt) {
  MetadataCache c;
  ASSERT_TRUE(
      c.Update(Update(1, NodeId{2}, {NodeId{3}, NodeId{1}, NodeId{2}}, {Ps("orders", 0, 1), Ps("orders", 1, 2)})));
  EXPECT_EQ(c.controller_id(), NodeId{2});
  EXPECT_EQ(c.controller_epoch(), ControllerEpoch{1});
  EXPECT_EQ(c.live_brokers(), (std::vector<NodeId>{NodeId{1}, NodeId{2}, NodeId{3}}));
  ASSERT_NE(c.Find({"orders", PartitionId{1}}), nullptr);
  EXPECT_EQ(c.Find({"orders", PartitionId{1}})->leader, NodeId{2});
  EXPECT_EQ(c.Find({"orders", PartitionId{2}}), nullptr);

  MetadataRequest req;
  req.correlation_id = 17;
  MetadataResponse r = c.Describe(req, {{NodeId{1}, "rack-a"}});
  EXPECT_EQ(r.correlation_id, 17);
  EXPECT_EQ(r.controller_id, NodeId{2});
  ASSERT_EQ(r.brokers.size(), 3u);
  EXPECT_EQ(r.brokers[0].node_id, NodeId{1});
  EXPECT_EQ(r.brokers[0].rack, "rack-a");
  EXPECT_EQ(r.brokers[1].rack, "");
  const MetadataTopic* t = FindTopic(r, "orders");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->error_code, ErrorCode::NONE);
  ASSERT_EQ(t->partitions.size(), 2u);
  EXPECT_EQ(t->partitions[0].error_code, ErrorCode::NONE);
  EXPECT_EQ(t->partitions[0].leader_id, NodeId{1});
  EXPECT_EQ(t->partitions[1].leader_id, NodeId{2});
  EXPECT_EQ(t->partitions[1].leader_epoch, LeaderEpoch{1});
}

TEST(MetadataCacheTest, RefusesAStaleControllerEpoch) {
  MetadataCache c;
  ASSERT_TRUE(c.Update(Update(5, NodeId{1}, {NodeId{1}, NodeId{2}}, {Ps("orders", 0, 1)})));
  EXPECT_FALSE(c.Update(Update(4, NodeId{2}, {NodeId{2}}, {Ps("orders", 0, 2, 9)})));
  EXPECT_EQ(c.controller_epoch(), ControllerEpoch{5});
  EXPECT_EQ(c.controller_id(), NodeId{1});
  EXPECT_EQ(c.live_brokers(), (std::vector<NodeId>{NodeId{1}, NodeId{2}}));
  EXPECT_EQ(c.Find({"orders", PartitionId{0}})->leader, NodeId{1});
  // The same epoch is not stale (one controller sends many updates).
  EXPECT_TRUE(c.Update(Update(5, NodeId{1}, {NodeId{1}, NodeId{2}}, {Ps("orders", 0, 2, 2)})));
  EXPECT_EQ(c.Find({"orders", PartitionId{0}})->leader, NodeId{2});
  // A newer controller is accepted.
  EXPECT_TRUE(c.Update(Update(6, NodeId{3}, {NodeId{3}}, {})));
  EXPECT_EQ(c.controller_id(), NodeId{3});
}

TEST(MetadataCacheTest, DeadLeaderIsLeaderNotAvailable) {
  MetadataCache c;
  ASSERT_TRUE(c.Update(Update(1, NodeId{1}, {NodeId{1}, NodeId{3}}, {Ps("orders", 0, 2), Ps("orders", 1, 3)})));
  MetadataRequest req;
  req.topics = {"orders"};
  MetadataResponse r = c.Describe(req, {});
  const MetadataTopic* t = FindTopic(r, "orders");
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->partitions.size(), 2u);
  EXPECT_EQ(t->partitions[0].error_code, ErrorCode::LEADER_NOT_AVAILABLE);
  EXPECT_EQ(t->partitions[0].leader_id, kNoNode);
  EXPECT_EQ(t->partitions[1].error_code, ErrorCode::NONE);
  EXPECT_EQ(t->partitions[1].leader_id, NodeId{3});
}

TEST(MetadataCacheTest, UnknownTopicIsUnknownTopicOrPartition) {
  MetadataCache c;
  ASSERT_TRUE(c.Update(Update(1, NodeId{1}, {NodeId{1}}, {Ps("orders", 0, 1)})));
  MetadataRequest req;
  req.topics = {"nope", "orders"};
  MetadataResponse r = c.Describe(req, {});
  ASSERT_EQ(r.topics.size(), 2u);
  const MetadataTopic* nope = FindTopic(r, "nope");
  ASSERT_NE(nope, nullptr);
  EXPECT_EQ(nope->error_code, ErrorCode::UNKNOWN_TOPIC_OR_PARTITION);
  EXPECT_TRUE(nope->partitions.empty());
  EXPECT_EQ(FindTopic(r, "orders")->error_code, ErrorCode::NONE);
}

TEST(MetadataCacheTest, EmptyTopicListDescribesEveryTopicAndOnlyRequestedOnesOtherwise) {
  MetadataCache c;
  ASSERT_TRUE(c.Update(Update(1, NodeId{1}, {NodeId{1}}, {Ps("a", 0, 1), Ps("b", 0, 1)})));
  EXPECT_EQ(c.Describe(MetadataRequest{}, {}).topics.size(), 2u);
  MetadataRequest only_b;
  only_b.topics = {"b"};
  MetadataResponse r = c.Describe(only_b, {});
  ASSERT_EQ(r.topics.size(), 1u);
  EXPECT_EQ(r.topics[0].name, "b");
}

}  // namespace
}  // namespace kafkasim::broker
