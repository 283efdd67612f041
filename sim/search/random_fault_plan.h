// sim/search/random_fault_plan.h — a seeded random fault schedule, written as
// the `faults:` entries of a scenario file.
//
// The plan is plain scenario YAML with explicit times and nodes: a schedule
// that finds a violation can be pasted into a file and fails the same way
// forever (no randomness is left in it). Every plan ends with a settle step —
// heal every link, restart every broker — so that a run judged at its end is
// judged on a cluster that had the chance to recover, and a violation is a
// real one rather than a run that ended mid-outage.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/types.h"
#include "sim/prng.h"

namespace kafkasim::sim {

enum class RandomFaultKind {
  kCrash,            // a named broker's process; restarted after `for` or at settle
  kControllerCrash,  // crash: controller (whichever broker holds the role then)
  kLeaderCrash,      // crash: leader(topic-p)
  kPowerFail,        // only when FaultPlanShape::power_failures
  kPause,            // stop-the-world
  kPartition,        // one broker isolated from every other node, symmetric
  kZombieLeader,     // one broker cut from brokers and ZooKeeper, still reached by clients
  kOneWayCut,        // nobody hears the broker; it hears everyone
  kZooKeeperCut,     // only the broker's ZooKeeper session is cut
  kSlowLink,         // 200-1500 ms latency between two brokers
  kLossyLink,        // 10-50% of messages dropped between two brokers
  kDuplicatingLink,  // 20-60% of messages delivered twice between a broker and a client
  // Not in the historical stream (FaultPlanShape::kinds empty), so the
  // random-fault property tests keep their schedules:
  kClientCrash,  // a producer or consumer crashes and restarts (a new producer id, a rejoin)
  kBuggify,      // the run's `buggify: true`: rare paths fire (short fetches, skipped flushes, early timeouts)
};
inline constexpr int kRandomFaultKinds = 14;
inline constexpr int kBrokerFaultKinds = 12;  // the historical stream draws from the first twelve

const char* RandomFaultKindName(RandomFaultKind k);
// The command-line token: "crash", "controller-crash", "power-fail", "one-way-cut", ...
const char* RandomFaultKindToken(RandomFaultKind k);
std::optional<RandomFaultKind> ParseRandomFaultKind(const std::string& token);

struct FaultPlanShape {
  int brokers = 3;
  std::vector<std::string> partitions;  // "orders-0", ...: targets of leader(...)
  std::vector<std::string> clients;     // client ids: they stay with the majority, or are cut/duplicated to
  TimeNs first_ns = 1 * kNsPerSec;      // faults start in [first_ns, last_ns)
  TimeNs last_ns = 10 * kNsPerSec;
  TimeNs settle_ns = 12 * kNsPerSec;  // every link healed, every broker restarted
  int min_faults = 1;
  int max_faults = 4;
  bool power_failures = false;         // draw power failures too (torn or not)
  std::vector<RandomFaultKind> kinds;  // draw only these (empty: the first kBrokerFaultKinds, the historical stream)
};

struct RandomFaultPlan {
  std::string yaml;                     // `faults:` entries, "  - {...}\n" each, settle included
  std::vector<RandomFaultKind> kinds;   // what was drawn, in order
  std::vector<std::string> fault_yaml;  // per drawn fault, its entries (parallel to `kinds`)
  std::string settle_yaml;              // the settle step's entries
  std::string Describe() const;         // "crash, pause, lossy link"
};

// Draws 1..max_faults faults from `prng` (the caller's seeded stream).
RandomFaultPlan DrawRandomFaultPlan(const FaultPlanShape& shape, Prng& prng);

}  // namespace kafkasim::sim
