// KafkaConsumer + GroupCoordinator together: groups split partitions,
// committed offsets are resumed, crashes rebalance, out-of-range resets;
// and a property: after any joins, leaves and crashes settle, every
// partition is owned by exactly one live member.
#include "core/client/kafka_consumer.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <set>

#include "tests/core/client/client_harness.h"

namespace kafkasim::testing {
namespace {

config::ConsumerConfig Cfg(config::AssignmentStrategy s = config::AssignmentStrategy::kRange) {
  config::ConsumerConfig c;
  c.enable_auto_commit = false;
  c.auto_offset_reset = config::OffsetReset::kEarliest;
  c.session_timeout_ms = 3000;
  c.heartbeat_interval_ms = 500;
  c.max_poll_interval_ms = 10000;
  c.partition_assignment_strategy = s;
  return c;
}

// Appends n records with uids to a partition of the fake broker.
void Fill(Harness& h, const TopicPartition& tp, int n, uint32_t producer = 0) {
  record::BatchBuilder b;
  for (int i = 0; i < n; ++i) {
    uint8_t uid[8];
    client::EncodeUid(MakeRecordUid(producer, static_cast<uint64_t>(i)), uid);
    record::RecordHeader hdr{client::kRecordUidHeader, Bytes(uid, uid + 8)};
    Bytes v(5, 'v');
    b.Append(0, std::nullopt, v, std::span<const record::RecordHeader>(&hdr, 1));
  }
  Bytes bytes = b.Build(config::Compression::kNone);
  Offset base = h.st->Leo(tp);
  record::SetBaseOffset(bytes, base.value());
  h.st->logs[tp].push_back({base, MakeShared(std::move(bytes))});
}

// True when the live consumers' assignments partition all of t's partitions.
::testing::AssertionResult ExactlyOnce(Harness& h, const std::vector<int32_t>& ids, int partitions) {
  std::map<TopicPartition, int> owners;
  for (int32_t id : ids) {
    if (auto* c = h.Consumer(id))
      for (const auto& tp : c->consumer.assignment()) ++owners[tp];
  }
  for (int p = 0; p < partitions; ++p) {
    int n = owners[{"t", PartitionId{p}}];
    if (n != 1) return ::testing::AssertionFailure() << "t-" << p << " owned by " << n;
  }
  return ::testing::AssertionSuccess();
}

TEST(KafkaConsumerTest, ThreeMembersSplitSixPartitionsAndReadEverything) {
  Harness h;
  h.st->topics["t"] = 6;
  for (int p = 0; p < 6; ++p) Fill(h, {"t", PartitionId{p}}, 10, static_cast<uint32_t>(p));
  h.StartBroker();
  for (int32_t id : {3001, 3002, 3003}) h.AddConsumer(Cfg(), id, "g", {"t"});
  h.RunFor(Ms(10000));
  EXPECT_TRUE(ExactlyOnce(h, {3001, 3002, 3003}, 6));
  size_t total = 0;
  for (int32_t id : {3001, 3002, 3003}) {
    EXPECT_EQ(h.Consumer(id)->consumer.assignment().size(), 2u);
    total += h.Consumer(id)->records.size();
  }
  EXPECT_EQ(total, 60u);
  EXPECT_FALSE(h.Of<ObsFetched>().empty());
  EXPECT_FALSE(h.Of<ObsRebalance>().empty());
}

TEST(KafkaConsumerTest, CommittedOffsetIsWhereTheNextMemberStarts) {
  Harness h;
  TopicPartition tp{"t", PartitionId{0}};
  h.st->topics["t"] = 1;
  Fill(h, tp, 10);
  h.StartBroker();
  auto* c = h.AddConsumer(Cfg(), 3001, "g", {"t"});
  h.RunFor(Ms(3000));
  ASSERT_EQ(c->records.size(), 10u);
  bool ok = false;
  c->consumer.Commit({{tp, Offset{6}}}, [&](ErrorCode e) { ok = e == ErrorCode::NONE; });
  h.RunFor(Ms(500));
  EXPECT_TRUE(ok);
  ASSERT_EQ(h.Of<ObsOffsetCommit>().size(), 1u);
  EXPECT_EQ(h.Of<ObsOffsetCommit>()[0].offset, Offset{6});
  h.world.Crash(NodeId{3001}, sim::KillType::kProcessCrash);
  h.RunFor(Ms(4000));  // its session expires
  auto* d = h.AddConsumer(Cfg(), 3002, "g", {"t"});
  h.RunFor(Ms(3000));
  ASSERT_EQ(d->records.size(), 4u);
  EXPECT_EQ(d->records[0].offset, Offset{6});
  EXPECT_EQ(d->records[0].uid, MakeRecordUid(0, 6));
}

TEST(KafkaConsumerTest, CrashedMemberPartitionsMoveToSurvivor) {
  Harness h;
  h.st->topics["t"] = 4;
  h.StartBroker();
  h.AddConsumer(Cfg(), 3001, "g", {"t"});
  h.AddConsumer(Cfg(), 3002, "g", {"t"});
  h.RunFor(Ms(5000));
  EXPECT_TRUE(ExactlyOnce(h, {3001, 3002}, 4));
  h.world.Crash(NodeId{3002}, sim::KillType::kProcessCrash);
  h.RunFor(Ms(8000));
  EXPECT_EQ(h.Consumer(3001)->consumer.assignment().size(), 4u);
}

TEST(KafkaConsumerTest, CommitAfterRebalanceCarriesTheNewGeneration) {
  Harness h;
  h.st->topics["t"] = 2;
  h.StartBroker();
  auto* c = h.AddConsumer(Cfg(), 3001, "g", {"t"});
  h.RunFor(Ms(3000));
  // Another member joins: c rejoins and commits with the new generation.
  h.AddConsumer(Cfg(), 3002, "g", {"t"});
  h.RunFor(Ms(2000));
  ErrorCode got = ErrorCode::NONE;
  int gen = c->consumer.coordinator().generation();
  EXPECT_GE(gen, 2);
  c->consumer.Commit({{{"t", PartitionId{0}}, Offset{0}}}, [&](ErrorCode e) { got = e; });
  h.RunFor(Ms(200));
  EXPECT_EQ(got, ErrorCode::NONE);  // current generation: accepted
}

TEST(KafkaConsumerTest, OffsetOutOfRangeResetsToEarliest) {
  Harness h;
  TopicPartition tp{"t", PartitionId{0}};
  h.st->topics["t"] = 1;
  Fill(h, tp, 10);
  h.StartBroker();
  auto* c = h.AddConsumer(Cfg(), 3001, "g", {"t"});
  h.RunFor(Ms(3000));
  ASSERT_EQ(c->records.size(), 10u);
  // Retention deletes everything below 5, and the consumer seeks below it.
  h.st->log_start[tp] = Offset{5};
  c->consumer.Seek(tp, Offset{2});
  h.RunFor(Ms(2000));
  ASSERT_EQ(c->records.size(), 15u);  // reset to the log start (5) and read 5..9 again
  EXPECT_EQ(c->records[10].offset, Offset{5});
}

TEST(KafkaConsumerTest, CooperativeRebalanceKeepsUnmovedPartitions) {
  Harness h;
  h.st->topics["t"] = 4;
  h.StartBroker();
  auto coop = Cfg(config::AssignmentStrategy::kCooperativeSticky);
  auto* a = h.AddConsumer(coop, 3001, "g", {"t"});
  h.RunFor(Ms(3000));
  ASSERT_EQ(a->consumer.assignment().size(), 4u);
  h.AddConsumer(coop, 3002, "g", {"t"});
  h.RunFor(Ms(5000));
  EXPECT_TRUE(ExactlyOnce(h, {3001, 3002}, 4));
  EXPECT_EQ(a->consumer.assignment().size(), 2u);
  // Two rebalances: the revocation round and the one that hands partitions over.
  EXPECT_GE(h.Of<ObsRebalance>().size(), 3u);
}

// A session.timeout.ms the broker does not allow: JoinGroup answers
// INVALID_SESSION_TIMEOUT, which the Java consumer raises from poll() (fatal)
// instead of retrying; the member never joins.
TEST(KafkaConsumerTest, InvalidSessionTimeoutIsRaisedFromPoll) {
  Harness h;
  h.st->topics["t"] = 1;
  h.st->broker_config.group_min_session_timeout_ms = 6000;  // Kafka's default
  h.StartBroker();
  auto* c = h.AddConsumer(Cfg(), 3001, "g", {"t"});  // session.timeout.ms 3000
  h.RunFor(Ms(2000));
  ASSERT_FALSE(c->poll_errors.empty());
  for (ErrorCode e : c->poll_errors) EXPECT_EQ(e, ErrorCode::INVALID_SESSION_TIMEOUT);
  EXPECT_TRUE(c->consumer.assignment().empty());
  EXPECT_EQ(c->consumer.coordinator().generation(), -1);
  const broker::GroupMetadata* g = static_cast<FakeBroker*>(h.world.slot(NodeId{1})->node())->groups().group("g");
  EXPECT_TRUE(g == nullptr || g->members.empty());
}

// ---- property ---------------------------------------------------------------------

RC_GTEST_PROP(GroupProperty, EveryPartitionOwnedByExactlyOneLiveMemberAfterSettling, ()) {
  const auto strategy =
      *rc::gen::element(config::AssignmentStrategy::kRange, config::AssignmentStrategy::kRoundRobin,
                        config::AssignmentStrategy::kSticky, config::AssignmentStrategy::kCooperativeSticky);
  const int partitions = *rc::gen::inRange(1, 7);
  const auto ops = *rc::gen::container<std::vector<std::pair<int, int>>>(
      *rc::gen::inRange<size_t>(1, 8), rc::gen::pair(rc::gen::inRange(0, 3), rc::gen::inRange(0, 4)));
  Harness h;
  h.world.trace().set_output(nullptr);
  h.st->topics["t"] = partitions;
  h.StartBroker();
  std::vector<int32_t> ids = {3001, 3002, 3003, 3004};
  for (const auto& [op, who] : ops) {
    int32_t id = ids[static_cast<size_t>(who)];
    bool alive = h.Consumer(id) != nullptr;
    if (op == 0 && !alive) h.AddConsumer(Cfg(strategy), id, "g", {"t"});
    if (op == 1 && alive) h.world.Crash(NodeId{id}, sim::KillType::kProcessCrash);
    if (op == 2 && alive) h.Consumer(id)->consumer.Close();  // LeaveGroup
    h.RunFor(Ms(*rc::gen::inRange(0, 2000)));
  }
  h.RunFor(Ms(40000));  // settle: sessions expire, rebalances finish
  std::vector<int32_t> live;
  for (int32_t id : ids) {
    auto* c = h.Consumer(id);
    if (c != nullptr && c->consumer.coordinator().member_id().size() > 0) live.push_back(id);
  }
  if (live.empty()) return;
  auto res = ExactlyOnce(h, live, partitions);
  RC_ASSERT(static_cast<bool>(res));
}

}  // namespace
}  // namespace kafkasim::testing
