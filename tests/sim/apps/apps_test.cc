// ProducerApp and ConsumerApp against a FakeBroker: the workload is sent,
// processed once, committed; a restarted producer resumes its schedule.
#include <gtest/gtest.h>

#include <set>

#include "sim/apps/consumer_app.h"
#include "sim/apps/producer_app.h"
#include "tests/core/client/client_harness.h"

namespace kafkasim::testing {
namespace {

scenario::ProducerSpec Producer(int64_t messages, double rate, int keys) {
  scenario::ProducerSpec p;
  p.id = "p1";
  p.workload = {"orders", messages, rate, keys, 20, Ms(100), {}};
  return p;
}

scenario::ConsumerSpec Consumer(scenario::CommitMode mode) {
  scenario::ConsumerSpec c;
  c.id = "c1";
  c.group = "g1";
  c.topics = {"orders"};
  c.config = {{"auto.offset.reset", "earliest"}, {"auto.commit.interval.ms", "500"}};
  c.commit = mode;
  c.processing_time_ns = Ms(1);
  return c;
}

struct AppsFixture : ::testing::Test {
  Harness h;
  void SetUp() override {
    h.st->topics["orders"] = 3;
    h.StartBroker();
  }
  void AddProducerApp(const scenario::ProducerSpec& spec) {
    h.world.AddNode(NodeId{2001}, "p1", sim::NodeKind::kProducer, [spec](Env& env) {
      return std::make_unique<sim::ProducerApp>(env, spec, 0, std::vector<NodeId>{NodeId{1}});
    });
    h.world.Start(NodeId{2001});
  }
  void AddConsumerApp(const scenario::ConsumerSpec& spec) {
    h.world.AddNode(NodeId{3001}, "c1", sim::NodeKind::kConsumer, [spec](Env& env) {
      return std::make_unique<sim::ConsumerApp>(env, spec, std::vector<NodeId>{NodeId{1}});
    });
    h.world.Start(NodeId{3001});
  }
};

TEST_F(AppsFixture, EveryRecordIsSentProcessedAndCommitted) {
  AddProducerApp(Producer(200, 100, 5));
  AddConsumerApp(Consumer(scenario::CommitMode::kAfterProcessing));
  h.RunFor(Ms(10000));
  EXPECT_EQ(h.Of<ObsProduceSend>().size(), 200u);
  std::set<RecordUid> consumed;
  for (const auto& c : h.Of<ObsConsumed>()) EXPECT_TRUE(consumed.insert(c.uid).second);
  EXPECT_EQ(consumed.size(), 200u);
  // The last commit of each partition points past its last record.
  std::map<TopicPartition, Offset> committed;
  for (const auto& c : h.Of<ObsOffsetCommit>()) committed[c.tp] = c.offset;
  for (int p = 0; p < 3; ++p) {
    TopicPartition tp{"orders", PartitionId{p}};
    EXPECT_EQ(committed[tp], h.st->Leo(tp)) << tp.ToString();
  }
  // Keys k0..k4 round-robin: k0 is record 0, 5, 10...
  auto sends = h.Of<ObsProduceSend>();
  EXPECT_EQ(sends[0].key, "k0");
  EXPECT_EQ(sends[6].key, "k1");
}

TEST_F(AppsFixture, AutoCommitCommitsPositions) {
  AddProducerApp(Producer(50, 100, 0));
  AddConsumerApp(Consumer(scenario::CommitMode::kAuto));
  h.RunFor(Ms(5000));
  EXPECT_EQ(h.Of<ObsConsumed>().size(), 50u);
  EXPECT_FALSE(h.Of<ObsOffsetCommit>().empty());
}

TEST_F(AppsFixture, BeforeProcessingCommitsBeforeTheRecordsAreProcessed) {
  AddProducerApp(Producer(20, 1000, 1));
  auto spec = Consumer(scenario::CommitMode::kBeforeProcessing);
  spec.processing_time_ns = Ms(100);
  AddConsumerApp(spec);
  h.RunFor(Ms(1200));  // 20 records x 100 ms: still processing
  auto commits = h.Of<ObsOffsetCommit>();
  ASSERT_FALSE(commits.empty());
  // Crash while processing: committed past records never processed (at-most-once).
  h.world.Crash(NodeId{3001}, sim::KillType::kProcessCrash);
  Offset committed = h.Of<ObsOffsetCommit>().back().offset;
  size_t processed = h.Of<ObsConsumed>().size();
  EXPECT_LT(static_cast<int64_t>(processed), committed.value());
}

TEST_F(AppsFixture, RestartedProducerResumesTheScheduleWithoutResending) {
  AddProducerApp(Producer(100, 100, 1));  // records due at 100 ms + i * 10 ms
  h.RunFor(Ms(400));
  h.world.Crash(NodeId{2001}, sim::KillType::kProcessCrash);
  h.RunFor(Ms(200));
  h.world.Restart(NodeId{2001});
  h.RunFor(Ms(2000));
  std::set<RecordUid> sent;
  for (const auto& s : h.Of<ObsProduceSend>()) EXPECT_TRUE(sent.insert(s.uid).second);
  EXPECT_LT(sent.size(), 100u);
  EXPECT_TRUE(sent.contains(MakeRecordUid(0, 99)));
  EXPECT_FALSE(sent.contains(MakeRecordUid(0, 45)));  // due while it was down
}

}  // namespace
}  // namespace kafkasim::testing
