// tests/viz/txn_view_test.cc — transactions in the GUI's view model: the
// last stable offset per replica, open transactions, aborted batches and the
// COMMIT / ABORT markers (read from the log's batches), checked against the
// broker's own producer state and aborted-transaction index and against
// what the consumers measured; and stream processors in the group view.
#include "viz/txn_view.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/broker/partition.h"
#include "sim/simulation.h"
#include "tests/viz/run_to.h"
#include "viz/view_model.h"

namespace kafkasim::viz {
namespace {

BatchSpan Span(int64_t base, int64_t last, int64_t pid, BatchKind kind) {
  return BatchSpan{base, last, 0, pid, kind, false};
}

TEST(TxnViewTest, AbortMarksTheProducersBatchesSinceItsLastMarkerAndOpenOnesAreListed) {
  std::vector<BatchSpan> b = {
      Span(0, 4, 7, BatchKind::kTxnData),  Span(5, 9, 8, BatchKind::kTxnData),
      Span(10, 10, 7, BatchKind::kCommit), Span(11, 14, 7, BatchKind::kTxnData),
      Span(15, 19, -1, BatchKind::kData),  Span(20, 20, 8, BatchKind::kAbort),
      Span(21, 21, 7, BatchKind::kAbort),  Span(22, 25, 8, BatchKind::kTxnData),
      Span(26, 26, 9, BatchKind::kAbort),  // a marker with no data here
  };
  std::vector<OpenTxn> open = MarkTransactions(b);
  EXPECT_FALSE(b[0].aborted) << "pid 7's first transaction committed";
  EXPECT_TRUE(b[1].aborted) << "pid 8's batch before its ABORT";
  EXPECT_TRUE(b[3].aborted) << "pid 7's second transaction, after its COMMIT, aborted";
  EXPECT_FALSE(b[4].aborted) << "non-transactional data is never aborted";
  EXPECT_FALSE(b[7].aborted) << "pid 8's next transaction has no marker yet";
  EXPECT_EQ(open, (std::vector<OpenTxn>{{8, 22}}));
  EXPECT_TRUE(HasTransactions(b));
  EXPECT_FALSE(HasTransactions({Span(0, 3, -1, BatchKind::kData)}));
}

const ReplicaBelief& LeaderRow(const PartitionView& v) {
  auto it = std::find_if(v.replicas.begin(), v.replicas.end(),
                         [&](const ReplicaBelief& r) { return r.believes_leader && r.cluster_leader; });
  EXPECT_NE(it, v.replicas.end()) << v.tp.ToString();
  return *it;
}

// Every live replica: the open transactions read from its batches are its
// producer state's; its aborted batches lie inside its aborted-transaction
// index entries (same producer, first offset .. ABORT marker), one entry per
// ABORT marker with data here.
void ExpectAgreesWithTheBroker(const sim::Simulation& sim, const PartitionView& v) {
  for (const ReplicaBelief& r : v.replicas) {
    const broker::Partition* p = r.process == BrokerProcess::kLive ? sim.Replica(r.broker, v.tp) : nullptr;
    if (p == nullptr) continue;
    std::vector<BatchSpan> copy = r.batches;
    EXPECT_EQ(MarkTransactions(copy), r.open_txns) << r.name << " " << v.tp.ToString();
    EXPECT_EQ(r.lso, p->last_stable_offset());
    const auto& index = p->transaction_index().entries();
    for (const BatchSpan& b : r.batches) {
      if (!b.aborted) continue;
      EXPECT_TRUE(std::any_of(index.begin(), index.end(),
                              [&](const broker::AbortedTxn& t) {
                                return t.producer_id == b.producer_id && t.first_offset.value() <= b.base_offset &&
                                       b.last_offset < t.last_offset.value();
                              }))
          << r.name << " batch at " << b.base_offset;
    }
  }
}

TEST(TxnViewTest, ReadCommittedLessonShowsAbortedRecordsMarkersAndTheLso) {
  auto sim = RunTo("txn-read-committed.yaml", 14 * kNsPerSec);
  ViewModel m = BuildViewModel(*sim);
  int64_t aborted_records = 0;
  for (const PartitionView& v : m.partitions) {
    ExpectAgreesWithTheBroker(*sim, v);
    const ReplicaBelief& leader = LeaderRow(v);
    ASSERT_TRUE(leader.transactional);
    int commits = 0, aborts = 0;
    for (const BatchSpan& b : leader.batches) {
      commits += b.kind == BatchKind::kCommit;
      aborts += b.kind == BatchKind::kAbort;
      if (b.aborted) aborted_records += b.last_offset - b.base_offset + 1;
    }
    EXPECT_GT(commits, 0);
    EXPECT_GT(aborts, 0);
    EXPECT_TRUE(leader.open_txns.empty()) << "all 8 transactions ended";
    EXPECT_EQ(leader.lso, leader.hw) << "nothing open: the LSO is the HW";
  }
  // The two aborted transactions' 100 records: what c-uncommitted read and c-committed skipped.
  EXPECT_EQ(aborted_records, 100);
  const std::string text = DescribeViewModel(m);
  EXPECT_NE(text.find(" open_txns=[] aborted_batches="), std::string::npos) << text;
}

TEST(TxnViewTest, HangingTransactionPinsTheLsoAtItsFirstOffsetBelowTheHw) {
  auto sim = RunTo("txn-hanging-transaction.yaml", 4 * kNsPerSec);
  ViewModel m = BuildViewModel(*sim);
  ASSERT_EQ(m.partitions.size(), 1u);
  ExpectAgreesWithTheBroker(*sim, m.partitions[0]);
  const ReplicaBelief& leader = LeaderRow(m.partitions[0]);
  ASSERT_EQ(leader.open_txns.size(), 1u) << "tp froze inside its third transaction";
  EXPECT_EQ(leader.lso.value(), leader.open_txns[0].first_offset);
  EXPECT_LT(leader.lso, leader.hw) << "p2's records pass the HW, not the LSO";

  sim->RunUntil(7 * kNsPerSec);  // the coordinator aborted it at ~6 s
  m = BuildViewModel(*sim);
  ExpectAgreesWithTheBroker(*sim, m.partitions[0]);
  const ReplicaBelief& after = LeaderRow(m.partitions[0]);
  EXPECT_TRUE(after.open_txns.empty());
  EXPECT_TRUE(std::any_of(after.batches.begin(), after.batches.end(),
                          [](const BatchSpan& b) { return b.kind == BatchKind::kAbort; }));
  EXPECT_TRUE(std::any_of(after.batches.begin(), after.batches.end(), [](const BatchSpan& b) { return b.aborted; }));
}

TEST(TxnViewTest, ProcessorIsAGroupMemberWithItsInputOutputAndGuarantee) {
  auto sim = RunTo("eos-processor-exactly-once.yaml", 4 * kNsPerSec);  // app crashed at 3.5 s
  ViewModel m = BuildViewModel(*sim);
  auto g = std::find_if(m.groups.begin(), m.groups.end(), [](const GroupView& x) { return x.group == "billing"; });
  ASSERT_NE(g, m.groups.end());
  ASSERT_EQ(g->consumers.size(), 1u);
  const ConsumerView& app = g->consumers[0];
  EXPECT_EQ(app.client, "app");
  EXPECT_TRUE(app.processor);
  EXPECT_EQ(app.input, std::vector<std::string>{"orders"});
  EXPECT_EQ(app.output, "invoices");
  EXPECT_EQ(app.guarantee, "exactly_once_v2");
  EXPECT_FALSE(app.alive);
  // Its open transaction holds invoices' LSO back until the restarted app aborts it.
  bool pinned = false;
  for (const PartitionView& v : m.partitions) {
    if (v.tp.topic != "invoices") continue;
    ExpectAgreesWithTheBroker(*sim, v);
    const ReplicaBelief& leader = LeaderRow(v);
    pinned |= !leader.open_txns.empty() && leader.lso.value() == leader.open_txns[0].first_offset;
  }
  EXPECT_TRUE(pinned);
  EXPECT_NE(DescribeViewModel(m).find("processor billing app input=[orders] output=invoices guarantee=exactly_once_v2"),
            std::string::npos);

  sim->RunUntil(6 * kNsPerSec);  // restarted at 4.5 s: InitProducerId aborted the old transaction
  m = BuildViewModel(*sim);
  int aborts = 0;
  for (const PartitionView& v : m.partitions) {
    if (v.tp.topic != "invoices") continue;
    ExpectAgreesWithTheBroker(*sim, v);
    for (const BatchSpan& b : LeaderRow(v).batches) aborts += b.kind == BatchKind::kAbort;
  }
  EXPECT_GT(aborts, 0);
}

TEST(TxnViewTest, ZombieProcessorsAreBothProcessorsOfOneGroup) {
  auto sim = RunTo("processor-zombie.yaml", 2 * kNsPerSec);
  ViewModel m = BuildViewModel(*sim);
  auto g = std::find_if(m.groups.begin(), m.groups.end(), [](const GroupView& x) { return x.group == "billing"; });
  ASSERT_NE(g, m.groups.end());
  ASSERT_EQ(g->consumers.size(), 2u);
  for (const ConsumerView& c : g->consumers) {
    EXPECT_TRUE(c.processor) << c.client;
    EXPECT_TRUE(c.alive && c.stable) << c.client;
  }
  EXPECT_EQ(g->members.size(), 2u);
}

}  // namespace
}  // namespace kafkasim::viz
