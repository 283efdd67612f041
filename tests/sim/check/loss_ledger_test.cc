// tests/sim/check/loss_ledger_test.cc — a loss is counted when an election or
// a truncation makes it certain, not while the record is only unreplicated;
// and the ledger names the event that made it so, agreeing with Measure.
#include <gtest/gtest.h>

#include <string>

#include "sim/check/measure.h"
#include "sim/scenario/loader.h"
#include "sim/simulation.h"

namespace kafkasim::sim {
namespace {

scenario::Scenario Library(const std::string& name) {
  auto loaded = scenario::LoadScenarioFile(std::string(KAFKASIM_SOURCE_DIR) + "/scenarios/" + name + ".yaml");
  EXPECT_TRUE(loaded.errors.empty()) << name;
  return loaded.scenario;
}

// acks1-leader-failure: broker-1 acknowledges ahead of its slow followers,
// crashes at 4 s, and broker-2 is elected at ~5.6 s.
TEST(LossLedgerTest, UnreplicatedRecordsAreAtRiskUntilTheElection) {
  scenario::Scenario s = Library("acks1-leader-failure");
  Simulation sim(s, s.seed);
  sim.RunUntil(3'900 * kNsPerMs);  // leader alive, followers ~600 ms behind
  Measurements m = Measure(sim);
  EXPECT_EQ(m.lost_acked, 0) << "acknowledged above the HW is at risk, not lost";
  EXPECT_GT(m.at_risk_acked, 50);
  EXPECT_TRUE(sim.losses().lost().empty());

  sim.RunUntil(5'500 * kNsPerMs);  // leader crashed, no election yet: its disk may still lead
  m = Measure(sim);
  EXPECT_EQ(m.lost_acked, 0);
  EXPECT_GT(m.at_risk_acked, 0);
  const int64_t at_risk_at_crash = m.at_risk_acked;

  sim.RunUntil(7'000 * kNsPerMs);  // broker-2 elected without them
  m = Measure(sim);
  EXPECT_EQ(m.lost_acked, at_risk_at_crash);
  EXPECT_EQ(m.at_risk_acked, 0);
  ASSERT_EQ(static_cast<int64_t>(sim.losses().lost().size()), m.lost_acked);
  for (const auto& [uid, r] : sim.losses().lost()) {
    EXPECT_GT(r.lost.at, 5'500 * kNsPerMs);
    EXPECT_LT(r.lost.at, 7'000 * kNsPerMs);
    EXPECT_GT(r.lost.event, r.acked_event);
    EXPECT_NE(r.lost.text.find("broker-2 was elected leader of orders-0"), std::string::npos) << r.lost.text;
    EXPECT_LT(r.acked_at, 4'000 * kNsPerMs);
  }
}

// A zombie's acknowledgements after its successor took over are lost as they
// are given; the ones before, when the successor took over.
TEST(LossLedgerTest, ZombieAcknowledgementsAreLostWhenGiven) {
  scenario::Scenario s = Library("zombie-leader-acks1");
  Simulation sim(s, s.seed);
  sim.RunToEnd();
  int given_lost = 0, taken_over = 0;
  for (const auto& [uid, r] : sim.losses().lost()) {
    if (r.lost.text.find("acknowledged by a replica that can no longer lead") == 0) {
      ++given_lost;
      EXPECT_EQ(r.lost.at, r.acked_at);
    } else if (r.lost.text.find("took over as leader") != std::string::npos) {
      ++taken_over;
    }
  }
  EXPECT_GT(given_lost, 0);
  EXPECT_GT(taken_over, 0);
}

// The ledger and Measure count the same records, whatever lost them, at
// any pause of the run.
TEST(LossLedgerTest, AgreesWithMeasureEverySecondAndAtTheEnd) {
  for (const char* name : {"acks0-leader-failure", "acks1-leader-failure", "zombie-leader-acks1", "unclean-election",
                           "power-failure-no-fsync", "kip279-leader-epoch-v0", "jepsen-2013", "kip497-optimistic-isr",
                           "kip360-epoch-bump", "acks-all-safe", "retention-outruns-consumer"}) {
    scenario::Scenario s = Library(name);
    Simulation sim(s, s.seed);
    for (TimeNs t = kNsPerSec; t < s.duration_ns; t += kNsPerSec) {  // and at every second on the way
      sim.RunUntil(t);
      EXPECT_EQ(static_cast<int64_t>(sim.losses().lost().size()), Measure(sim).lost_acked) << name << " at " << t;
    }
    sim.RunToEnd();
    const Measurements m = Measure(sim);
    EXPECT_EQ(static_cast<int64_t>(sim.losses().lost().size()), m.lost_acked) << name;
    for (const auto& [uid, r] : sim.losses().lost()) EXPECT_FALSE(r.lost.text.empty()) << name;
  }
}

}  // namespace
}  // namespace kafkasim::sim
