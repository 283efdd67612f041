// tests/core/raft/quorum_property_test.cc — the quorum's safety under random
// faults (RapidCheck): crashes (process or power), restarts, pauses and
// network partitions of voters, while the leader of the moment appends a
// record every 100 ms. QuorumInvariants run after every event: one leader
// per epoch, monotonic epoch and HW per voter, committed records identical
// on every voter, every leader holding all committed records. After the
// faults end (all healed and restarted), a leader must exist and every
// voter's log must equal its log below its HW (liveness after the storm).
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>

#include "tests/core/raft/quorum_harness.h"

namespace kafkasim::raft {
namespace {

enum class Fault { kCrash, kPowerFail, kPause, kIsolate, kCutLink };
constexpr int kFaultKinds = 5;
constexpr int kDefaultCases = 40;

struct ScheduledFault {
  Fault kind = Fault::kCrash;
  int voter = 1;      // 1..3
  int other = 2;      // kCutLink: the other end (one way: voter -> other)
  int at_ms = 0;      // from the start of the faulty period
  int for_ms = 1000;  // until restart / resume / heal
};

struct Case {
  uint64_t seed = 1;
  std::vector<ScheduledFault> faults;
};

std::string Describe(const Case& c) {
  static const char* kNames[] = {"crash", "power-fail", "pause", "isolate", "cut-link"};
  std::ostringstream o;
  o << "seed=" << c.seed;
  for (const auto& f : c.faults) {
    o << "\n  at " << f.at_ms << "ms " << kNames[static_cast<int>(f.kind)] << " controller-" << f.voter;
    if (f.kind == Fault::kCutLink) o << "->controller-" << f.other;
    o << " for " << f.for_ms << "ms";
  }
  return o.str();
}

// Applies the faults in time order, appending at the leader every 100 ms.
void RunFaults(testing::Quorum& q, const Case& c) {
  std::vector<std::pair<int, std::function<void()>>> actions;  // (ms, action)
  for (size_t i = 0; i < c.faults.size(); ++i) {
    const ScheduledFault f = c.faults[i];
    const NodeId v{f.voter};
    const uint64_t rule = 100 + i;
    switch (f.kind) {
      case Fault::kCrash:
      case Fault::kPowerFail:
        actions.emplace_back(f.at_ms, [&q, v, f] {
          if (q.Client(v))
            q.Crash(v, f.kind == Fault::kCrash ? sim::KillType::kProcessCrash : sim::KillType::kPowerFail);
        });
        actions.emplace_back(f.at_ms + f.for_ms, [&q, v] {
          if (!q.Client(v)) q.Restart(v);
        });
        break;
      case Fault::kPause:
        actions.emplace_back(f.at_ms, [&q, v, f] {
          if (q.Client(v)) q.world().Pause(v, Ms(f.for_ms));
        });
        break;
      case Fault::kIsolate:
      case Fault::kCutLink:
        actions.emplace_back(f.at_ms, [&q, v, f, rule] {
          for (int o = 1; o <= 3; ++o) {
            if (o == f.voter || (f.kind == Fault::kCutLink && o != f.other)) continue;
            q.world().network().AddRule(v, NodeId{o}, sim::LinkRule{rule, 1.0, 0.0, {}, {}});
            if (f.kind == Fault::kIsolate)
              q.world().network().AddRule(NodeId{o}, v, sim::LinkRule{rule, 1.0, 0.0, {}, {}});
          }
        });
        actions.emplace_back(f.at_ms + f.for_ms, [&q, rule] { q.world().network().RemoveFault(rule); });
        break;
    }
  }
  std::stable_sort(actions.begin(), actions.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  int now_ms = 0;
  size_t next = 0;
  int appended = 0;
  while (now_ms < 20000) {
    while (next < actions.size() && actions[next].first <= now_ms) actions[next++].second();
    if (auto l = q.Leader()) (void)q.C(l->value()).Append("r" + std::to_string(appended++));
    q.Run(100);
    now_ms += 100;
    if (q.violation()) return;
  }
  while (next < actions.size()) actions[next++].second();  // every fault ends
}

void CheckQuorum(const Case& c) {
  testing::Quorum q(3, c.seed);
  q.Run(3000);
  RunFaults(q, c);
  if (q.violation()) RC_LOG() << *q.violation() << "\n";
  RC_ASSERT(!q.violation().has_value());
  q.world().network().HealAll();
  for (int v = 1; v <= 3; ++v)
    if (!q.Client(NodeId{v}) && q.world().slot(NodeId{v})) q.Restart(NodeId{v});
  q.Run(15000);
  if (q.violation()) RC_LOG() << *q.violation() << "\n";
  RC_ASSERT(!q.violation().has_value());
  auto leader = q.Leader();
  RC_ASSERT(leader.has_value());
  KafkaRaftClient& l = q.C(leader->value());
  RC_ASSERT(l.high_watermark().has_value());
  for (int v = 1; v <= 3; ++v) {
    KafkaRaftClient* c2 = q.Client(NodeId{v});
    RC_ASSERT(c2 != nullptr);
    RC_ASSERT(c2->log().records() == l.log().records());
  }
}

// CheckQuorum outside RapidCheck (RC_ASSERT throws; gtest reports it).
void CheckQuorumOnce(const Case& c) {
  try {
    CheckQuorum(c);
  } catch (const std::exception& e) {
    FAIL() << Describe(c) << "\n" << e.what();
  } catch (...) {
    FAIL() << Describe(c);
  }
}

Case DrawCase() {
  Case c;
  c.seed = *rc::gen::inRange<uint64_t>(1, 1'000'000);
  const int n = *rc::gen::inRange(1, 7);
  for (int i = 0; i < n; ++i) {
    ScheduledFault f;
    f.kind = static_cast<Fault>(*rc::gen::inRange(0, kFaultKinds));
    f.voter = *rc::gen::inRange(1, 4);
    f.other = (f.voter % 3) + 1 + (*rc::gen::inRange(0, 2) == 0 ? 0 : 1);
    if (f.other > 3) f.other -= 3;
    if (f.other == f.voter) f.other = (f.voter % 3) + 1;
    f.at_ms = *rc::gen::inRange(0, 15000);
    f.for_ms = *rc::gen::inRange(200, 6000);
    c.faults.push_back(f);
  }
  return c;
}

TEST(QuorumProperty, RandomVoterFaultsNeverBreakTheQuorumInvariants) {
  rc::detail::TestParams params = rc::detail::configuration().testParams;
  params.maxSuccess = std::min(params.maxSuccess, kDefaultCases);
  if (const char* env = std::getenv("RC_PARAMS"); env && std::string(env).find("max_success") != std::string::npos) {
    params.maxSuccess = rc::detail::configuration().testParams.maxSuccess;
  }
  rc::detail::TestMetadata md;
  md.id = "QuorumProperty/RandomVoterFaults";
  md.description = "crashes, power failures, pauses and partitions of KRaft voters";
  auto result = rc::detail::checkTestable(
      [] {
        Case c = DrawCase();
        RC_LOG() << Describe(c) << "\n";
        CheckQuorum(c);
      },
      md, params);
  if (!result.template is<rc::detail::SuccessResult>()) {
    std::ostringstream ss;
    rc::detail::printResultMessage(result, ss);
    FAIL() << ss.str();
  }
}

// Cases the property found, run every time.
// A voter that comes back with a stale log runs elections it cannot win;
// each of its Vote requests moved the others to a newer epoch, and they drew
// a fresh election timeout each time, so none ever ran for election: no
// leader for good. Fixed as Kafka's QuorumState.transitionToUnattached does
// (an unattached voter or a candidate keeps the election time it has left).
TEST(QuorumProperty, AStaleCandidateDoesNotKeepTheOthersFromElectingALeader) {
  CheckQuorumOnce(Case{1,
                       {{Fault::kCrash, 2, 3, 0, 1501},
                        {Fault::kPause, 1, 2, 201, 1301},
                        {Fault::kCrash, 2, 3, 994, 507},
                        {Fault::kCutLink, 1, 2, 4601, 200},
                        {Fault::kCrash, 1, 2, 6801, 200}}});
}

}  // namespace
}  // namespace kafkasim::raft
