// tests/core/broker/replica_manager_test.cc — the leader's side of follower
// fetches through a real ReplicaManager: when a follower's position is
// recorded, and a parked fetch woken by an append (ReplicaManager::AppendOne
// -> FetchPurgatory::Wake -> ReadPartition). Real World, Env, Log and
// purgatories; the control plane is a stub that only records ISR requests.
#include "core/broker/replica_manager.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <variant>
#include <vector>

#include "core/protocol/message.h"
#include "tests/core/broker/broker_test_util.h"

namespace kafkasim::broker {
namespace {

using testing::MakeRecords;

class StubControlPlane final : public ControlPlane {
 public:
  void Start() override {}
  bool OnMessage(NodeId, const Message&) override { return false; }
  void AlterIsr(const TopicPartition&, LeaderEpoch, const std::vector<NodeId>& isr, int32_t,
                AlterIsrCallback) override {
    requests.push_back(isr);
  }
  bool registered() const override { return true; }
  bool is_controller() const override { return false; }

  std::vector<std::vector<NodeId>> requests;
};

// A follower broker that only records the fetch responses it receives.
class FetchRecorder final : public Node {
 public:
  explicit FetchRecorder(std::vector<FetchResponse>& responses) : responses_(responses) {}
  void Start() override {}
  void OnMessage(NodeId, const Message& m) override {
    if (const auto* r = std::get_if<FetchResponse>(&m)) responses_.push_back(*r);
  }

 private:
  std::vector<FetchResponse>& responses_;
};

class ReplicaManagerTest : public ::testing::Test {
 protected:
  static constexpr NodeId kSelf{1};
  static constexpr NodeId kF2{2};
  static constexpr NodeId kF3{3};
  const TopicPartition tp_{"t", PartitionId{0}};

  ReplicaManagerTest() {
    world_.AddNode(kSelf, "broker-1", sim::NodeKind::kBroker, [this](Env& e) -> std::unique_ptr<Node> {
      env_ = &e;
      return std::make_unique<testing::IdleNode>();
    });
    for (NodeId f : {kF2, kF3}) {
      world_.AddNode(
          f, "broker-" + std::to_string(f.value()), sim::NodeKind::kBroker,
          [this, f](Env&) -> std::unique_ptr<Node> { return std::make_unique<FetchRecorder>(received_[f]); });
    }
    for (NodeId n : {kSelf, kF2, kF3}) world_.Start(n);
    rm_ = std::make_unique<ReplicaManager>(*env_, config::BrokerConfig{}, std::map<std::string, config::TopicConfig>{},
                                           control_plane_);
  }

  // Broker 1 leads t-0 at leader epoch 1, replicas and ISR {1,2,3}.
  Partition& Lead() {
    LeaderAndIsrRequest req;
    req.controller_id = NodeId{9};
    req.controller_epoch = ControllerEpoch{1};
    PartitionState st = testing::BrokerEnv::State(kSelf, 1, {kSelf, kF2, kF3});
    req.partition_states.push_back(st);
    rm_->HandleLeaderAndIsr(NodeId{9}, req);
    return *rm_->partition(tp_);
  }
  void Produce(int32_t records) {
    ProduceRequest req;
    req.acks = 1;
    req.partitions.push_back(ProducePartitionData{tp_, MakeShared(MakeRecords(records))});
    rm_->HandleProduce(NodeId{100}, req);
  }
  void FollowerFetch(NodeId follower, int64_t offset, int32_t correlation_id) {
    FetchRequest req;
    req.correlation_id = correlation_id;
    req.replica_id = follower.value();
    req.max_wait_ms = 500;
    req.min_bytes = 1;
    FetchPartition fp;
    fp.tp = tp_;
    fp.current_leader_epoch = LeaderEpoch{1};
    fp.fetch_offset = Offset{offset};
    req.partitions.push_back(fp);
    rm_->HandleFetch(follower, req);
  }
  void AdvanceTo(TimeNs t) { world_.loop().RunUntil(t); }
  // Correlation ids of the fetch responses `follower` received, in order.
  std::vector<int32_t> Answered(NodeId follower) {
    std::vector<int32_t> out;
    for (const auto& r : received_[follower]) out.push_back(r.correlation_id);
    return out;
  }

  sim::World world_{7};
  Env* env_ = nullptr;
  StubControlPlane control_plane_;
  std::map<NodeId, std::vector<FetchResponse>> received_;
  std::unique_ptr<ReplicaManager> rm_;
};

// The random-fault sweep's crash (issue 12): a follower restarted under
// log.truncation=high-watermark truncates to its HW and fetches from there
// while the fetch it sent before the restart is still parked at the leader.
// An append wakes that stale fetch; reading it used to record the follower at
// the stale fetch's offset, which moved the HW, which woke the purgatory again
// from inside its own Wake — the nested Wake answered and erased the fetch the
// outer one was serving (heap-use-after-free). It also let the HW pass
// records broker 2 no longer had.
TEST_F(ReplicaManagerTest, StaleParkedFollowerFetchWokenByAnAppendIsAnsweredOnceAndRecordsNothing) {
  Partition& p = Lead();
  Produce(5);                // offsets 0-4
  FollowerFetch(kF2, 3, 1);  // answered: 3-4
  FollowerFetch(kF3, 3, 2);  // answered: 3-4; HW 3
  ASSERT_EQ(p.high_watermark(), Offset{3});
  FollowerFetch(kF2, 5, 3);  // nothing past 5: parked
  FollowerFetch(kF2, 3, 4);  // broker 2 restarted, truncated to its HW 3: answered
  FollowerFetch(kF3, 5, 5);  // parked
  ASSERT_EQ(p.followers().at(kF2).log_end_offset, Offset{3});
  ASSERT_EQ(p.high_watermark(), Offset{3});

  Produce(1);  // offset 5 wakes both parked fetches

  EXPECT_EQ(p.followers().at(kF2).log_end_offset, Offset{3})
      << "a parked fetch says nothing new about the follower (Kafka: readFromPurgatory)";
  EXPECT_EQ(p.high_watermark(), Offset{3}) << "broker 2 has offsets 0-2 only";
  AdvanceTo(Ms(5000));
  EXPECT_EQ(Answered(kF2), (std::vector<int32_t>{1, 4, 3}));
  EXPECT_EQ(Answered(kF3), (std::vector<int32_t>{2, 5}));
}

TEST_F(ReplicaManagerTest, FollowerStateIsRecordedWhenTheFetchArrivesNotWhenItExpires) {
  // Kafka 3.4: ReplicaManager.fetchMessages reads with readFromPurgatory =
  // false and records the follower's position; DelayedFetch.onComplete reads
  // again with readFromPurgatory = true and records nothing.
  Partition& p = Lead();
  Produce(2);
  AdvanceTo(Ms(100));
  FollowerFetch(kF2, 2, 1);  // caught up, nothing to read: parked for 500 ms
  ASSERT_EQ(p.followers().at(kF2).last_fetch_time, Ms(100));
  AdvanceTo(Ms(1000));
  EXPECT_EQ(Answered(kF2), (std::vector<int32_t>{1})) << "expired and answered";
  EXPECT_EQ(p.followers().at(kF2).last_fetch_time, Ms(100));
  EXPECT_EQ(p.followers().at(kF2).last_caught_up_time, Ms(100));
}

TEST_F(ReplicaManagerTest, WokenParkedFetchDoesNotRecordTheFollower) {
  Partition& p = Lead();
  Produce(2);
  AdvanceTo(Ms(100));
  FollowerFetch(kF2, 2, 1);  // parked
  AdvanceTo(Ms(200));
  Produce(1);  // wakes it: answered with offset 2
  EXPECT_EQ(p.followers().at(kF2).last_fetch_time, Ms(100));
  EXPECT_EQ(p.followers().at(kF2).last_fetch_leader_leo, Offset{2});
  AdvanceTo(Ms(1000));
  EXPECT_EQ(Answered(kF2), (std::vector<int32_t>{1}));
}

TEST_F(ReplicaManagerTest, FollowerLearnsTheHwItsOwnFetchMovedWithItsNextResponse) {
  // Kafka 3.4 Partition.fetchRecords reads first (LogReadInfo carries the HW
  // as read) and records the follower's position after: a HW the fetch itself
  // moves reaches the follower with its next response.
  Partition& p = Lead();
  Produce(2);
  FollowerFetch(kF2, 0, 1);
  FollowerFetch(kF3, 0, 2);
  Produce(1);
  FollowerFetch(kF2, 2, 3);  // broker 3 still at 0: HW 0
  FollowerFetch(kF3, 2, 4);  // broker 3 at 2: the HW moves to 2 after the read
  EXPECT_EQ(p.high_watermark(), Offset{2});
  AdvanceTo(Ms(100));
  ASSERT_EQ(Answered(kF3), (std::vector<int32_t>{2, 4}));
  ASSERT_EQ(received_[kF3][1].partitions.size(), 1u);
  EXPECT_EQ(received_[kF3][1].partitions[0].records.size(), 1u) << "offset 2";
  EXPECT_EQ(received_[kF3][1].partitions[0].high_watermark, Offset{0});
}

}  // namespace
}  // namespace kafkasim::broker
