// tests/core/broker/leader_and_isr_test.cc — how a broker applies the
// controller's LeaderAndIsr requests (Kafka's
// ReplicaManager.becomeLeaderOrFollower). Real Env, Log and SimDisk; the
// coordination service is a stand-in that records ISR change requests.
#include <gtest/gtest.h>

#include <vector>

#include "core/broker/replica_manager.h"
#include "core/protocol/message.h"
#include "tests/core/broker/broker_test_util.h"

namespace kafkasim::broker {
namespace {

class RecordingControlPlane final : public ControlPlane {
 public:
  void Start() override {}
  bool OnMessage(NodeId, const Message&) override { return false; }
  void AlterIsr(const TopicPartition&, LeaderEpoch, const std::vector<NodeId>&, int32_t, AlterIsrCallback) override {}
  bool registered() const override { return true; }
  bool is_controller() const override { return false; }
};

class LeaderAndIsrTest : public testing::BrokerEnvFixture {
 protected:
  LeaderAndIsrTest() : rm_(env(), cfg_, {}, control_plane_) {}

  void Send(const PartitionState& st) {
    LeaderAndIsrRequest req;
    req.correlation_id = ++correlation_;
    req.controller_id = kF2;
    req.controller_epoch = ControllerEpoch{1};
    req.partition_states = {st};
    rm_.HandleLeaderAndIsr(kF2, req);
  }
  static PartitionState Leading(int32_t leader_epoch, std::vector<NodeId> isr, int32_t partition_epoch) {
    PartitionState st = State(kSelf, leader_epoch, std::move(isr));
    st.partition_epoch = partition_epoch;
    return st;
  }

  RecordingControlPlane control_plane_;
  config::BrokerConfig cfg_;  // outlives rm_, which keeps a reference
  ReplicaManager rm_;
  int32_t correlation_ = 0;
};

TEST_F(LeaderAndIsrTest, ResentLeaderAndIsrAtTheSameLeaderEpochDoesNotRollTheIsrBack) {
  // The controller makes this broker leader (epoch 1, ISR [1,3], version 1);
  // the leader then adds broker 2 (version 2). The controller, having lost
  // the response, sends the same request again: applying it would put the
  // leader back on version 1, and ZooKeeper would refuse every later ISR
  // change of this leader as stale.
  Send(Leading(1, {kSelf, kF3}, 1));
  Partition* p = rm_.partition(TopicPartition{"t", PartitionId{0}});
  ASSERT_NE(p, nullptr);
  ASSERT_TRUE(p->is_leader());
  p->CompleteIsrChange({kSelf, kF2, kF3}, 2, "broker 2 caught up");

  Send(Leading(1, {kSelf, kF3}, 1));
  EXPECT_EQ(p->partition_epoch(), 2);
  EXPECT_EQ(p->isr(), (std::vector<NodeId>{kSelf, kF2, kF3}));
  EXPECT_EQ(p->leader_epoch(), LeaderEpoch{1});
}

TEST_F(LeaderAndIsrTest, LeaderAndIsrWithAHigherLeaderEpochIsApplied) {
  Send(Leading(1, {kSelf, kF3}, 1));
  Send(State(kF2, 2, {kF2, kF3}));
  Partition* p = rm_.partition(TopicPartition{"t", PartitionId{0}});
  ASSERT_NE(p, nullptr);
  EXPECT_FALSE(p->is_leader());
  EXPECT_EQ(p->leader(), kF2);
  EXPECT_EQ(p->leader_epoch(), LeaderEpoch{2});
}

}  // namespace
}  // namespace kafkasim::broker
