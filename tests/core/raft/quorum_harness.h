// tests/core/raft/quorum_harness.h — a small KRaft quorum on the real
// simulator (sim::World): N voters, each a node hosting a KafkaRaftClient,
// run one event at a time with QuorumInvariants checked after every event
// (as Kafka's RaftEventSimulationTest does).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/raft/kafka_raft_client.h"
#include "core/raft/quorum_invariants.h"
#include "sim/world.h"

namespace kafkasim::raft::testing {

class VoterNode : public Node {
 public:
  VoterNode(Env& env, QuorumConfig config) : client_(env, std::move(config)) {}
  void Start() override { client_.Start(); }
  void OnMessage(NodeId from, const Message& m) override { client_.OnMessage(from, m); }
  KafkaRaftClient& client() { return client_; }

 private:
  KafkaRaftClient client_;
};

inline QuorumConfig TestQuorumConfig(int voters) {
  QuorumConfig c;
  for (int i = 1; i <= voters; ++i) c.voters.push_back(NodeId{i});
  return c;
}

class Quorum {
 public:
  explicit Quorum(int voters = 3, uint64_t seed = 42, QuorumConfig config = TestQuorumConfig(3))
      : world_(seed, sim::LinkDefaults{}), config_(std::move(config)) {
    world_.set_trace_messages(false);
    if (static_cast<int>(config_.voters.size()) != voters) config_ = TestQuorumConfig(voters);
    for (NodeId v : config_.voters) {
      world_.AddNode(v, "controller-" + std::to_string(v.value()), sim::NodeKind::kBroker,
                     [cfg = config_](Env& e) { return std::make_unique<VoterNode>(e, cfg); });
    }
    for (NodeId v : config_.voters) world_.Start(v);
  }

  // Runs events until `ms` of simulated time passed, checking the
  // invariants after each one; the first violation fails the test.
  void Run(int64_t ms) {
    const TimeNs until = world_.Now() + Ms(ms);
    while (!violation_ && world_.loop().NextTime() >= 0 && world_.loop().NextTime() <= until) {
      world_.loop().Step();
      CheckInvariants();
    }
    if (!violation_) world_.loop().RunUntil(until);
    ASSERT_FALSE(violation_) << *violation_;
  }

  void CheckInvariants() {
    for (NodeId v : config_.voters) {
      KafkaRaftClient* c = Client(v);
      if (c == nullptr || violation_) continue;
      if (auto bad = invariants_.Check(Snapshot(*c))) violation_ = *bad;
    }
  }

  // Null while the voter is down.
  KafkaRaftClient* Client(NodeId v) {
    sim::NodeSlot* s = world_.slot(v);
    return s && s->alive() ? &static_cast<VoterNode*>(s->node())->client() : nullptr;
  }
  KafkaRaftClient& C(int v) {
    KafkaRaftClient* c = Client(NodeId{v});
    EXPECT_NE(c, nullptr) << "controller-" << v << " is down";
    return *c;
  }

  // The one live leader, if exactly one voter is leader.
  std::optional<NodeId> Leader() {
    std::optional<NodeId> found;
    for (NodeId v : config_.voters) {
      KafkaRaftClient* c = Client(v);
      if (c && c->role() == RaftRole::kLeader) {
        if (found) return std::nullopt;
        found = v;
      }
    }
    return found;
  }

  void Crash(NodeId v, sim::KillType how = sim::KillType::kProcessCrash) { world_.Crash(v, how); }
  void Restart(NodeId v) {
    world_.Restart(v);
    invariants_.OnRestart(v);
  }
  // Cuts `v` from every other voter, both ways.
  void Isolate(NodeId v) {
    for (NodeId o : config_.voters) {
      if (o == v) continue;
      world_.network().AddRule(v, o, sim::LinkRule{77, 1.0, 0.0, {}, {}});
      world_.network().AddRule(o, v, sim::LinkRule{77, 1.0, 0.0, {}, {}});
    }
  }
  void Heal() { world_.network().HealAll(); }

  sim::World& world() { return world_; }
  const QuorumConfig& config() const { return config_; }
  QuorumInvariants& invariants() { return invariants_; }
  const std::optional<std::string>& violation() const { return violation_; }

 private:
  sim::World world_;
  QuorumConfig config_;
  QuorumInvariants invariants_;
  std::optional<std::string> violation_;
};

}  // namespace kafkasim::raft::testing
