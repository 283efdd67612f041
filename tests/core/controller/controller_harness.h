// tests/core/controller/controller_harness.h — a small cluster on the real
// simulator (sim::World): the ZooKeeperServer, test brokers that own a real
// ZkControlPlane and record the controller requests they receive, and test
// ZooKeeper clients.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "core/controller/zk_client.h"
#include "core/controller/zk_control_plane.h"
#include "core/controller/zookeeper_server.h"
#include "sim/trace_fields.h"
#include "sim/world.h"

namespace kafkasim::controller::testing {

struct BrokerLog {
  std::vector<LeaderAndIsrRequest> leader_and_isr;
  std::vector<UpdateMetadataRequest> update_metadata;
};

// A broker reduced to its control plane: answers controller requests, logs them.
class TestBroker : public Node {
 public:
  TestBroker(Env& env, BrokerId id, const config::BrokerConfig& cfg, std::vector<TopicAssignment> topics,
             BrokerLog* log)
      : env_(env), plane_(env, id, cfg, std::move(topics)), log_(log) {}
  void Start() override { plane_.Start(); }
  void OnMessage(NodeId from, const Message& m) override {
    if (plane_.OnMessage(from, m)) return;
    if (const auto* r = std::get_if<LeaderAndIsrRequest>(&m)) {
      log_->leader_and_isr.push_back(*r);
      env_.net.Send(from, Message{LeaderAndIsrResponse{r->correlation_id, ErrorCode::NONE}});
    } else if (const auto* u = std::get_if<UpdateMetadataRequest>(&m)) {
      log_->update_metadata.push_back(*u);
      env_.net.Send(from, Message{UpdateMetadataResponse{u->correlation_id, ErrorCode::NONE}});
    }
  }
  ZkControlPlane& plane() { return plane_; }

 private:
  Env& env_;
  ZkControlPlane plane_;
  BrokerLog* log_;
};

// A bare ZooKeeper client node for server tests.
class TestZkNode : public Node {
 public:
  TestZkNode(Env& env, int32_t timeout_ms)
      : client_(env, kZooKeeperNode, timeout_ms, ZkClient::Handlers{nullptr, [this] { ++session_losses_; }}) {}
  void Start() override { client_.Connect(); }
  void OnMessage(NodeId from, const Message& m) override { client_.OnMessage(from, m); }
  ZkClient& client() { return client_; }
  // How many times on_session_expired ran.
  int session_losses() const { return session_losses_; }

 private:
  int session_losses_ = 0;
  ZkClient client_;
};

inline config::BrokerConfig TestConfig() {
  config::BrokerConfig c;
  c.zookeeper_session_timeout_ms = 6000;
  c.auto_leader_rebalance_enable = false;
  return c;
}

class Cluster {
 public:
  Cluster(int brokers, std::vector<TopicAssignment> topics, config::BrokerConfig cfg = TestConfig(), uint64_t seed = 42,
          sim::LinkDefaults net = {})
      : world_(seed, net), cfg_(cfg), topics_(std::move(topics)) {
    world_.set_trace_messages(false);
    world_.set_observation_hook([this](const Observation& o) { obs_.push_back(o); });
    world_.AddNode(kZooKeeperNode, "zookeeper", sim::NodeKind::kZooKeeper,
                   [](Env& e) { return std::make_unique<ZooKeeperServer>(e); });
    world_.Start(kZooKeeperNode);
    for (int i = 1; i <= brokers; ++i) {
      NodeId id{i};
      world_.AddNode(id, "broker-" + std::to_string(i), sim::NodeKind::kBroker,
                     [this, id](Env& e) { return std::make_unique<TestBroker>(e, id, cfg_, topics_, &logs_[id]); });
    }
  }

  void StartAll() {
    for (auto& [id, s] : world_.slots())
      if (id != kZooKeeperNode) world_.Start(id);
  }
  void RunForMs(int64_t ms) { world_.loop().RunUntil(world_.Now() + Ms(ms)); }
  sim::World& world() { return world_; }
  BrokerLog& log(int i) { return logs_[NodeId{i}]; }
  std::vector<Observation>& obs() { return obs_; }

  TestBroker* broker(int i) {
    auto* s = world_.slot(NodeId{i});
    return s && s->node() ? static_cast<TestBroker*>(s->node()) : nullptr;
  }
  ZooKeeperServer& zk() { return *static_cast<ZooKeeperServer*>(world_.slot(kZooKeeperNode)->node()); }

  // The brokers that believe they are the active controller.
  std::vector<NodeId> Controllers() {
    std::vector<NodeId> out;
    for (auto& [id, s] : world_.slots()) {
      if (id == kZooKeeperNode || !s->node()) continue;
      if (static_cast<TestBroker*>(s->node())->plane().is_controller()) out.push_back(id);
    }
    return out;
  }
  ControllerEpoch ControllerEpochInZk() {
    const Znode* z = zk().Find("/controller_epoch");
    return z ? DecodeControllerEpoch(z->data).value_or(ControllerEpoch{-1}) : ControllerEpoch{-1};
  }
  std::optional<LeaderIsrAndControllerEpoch> State(const std::string& topic, int32_t p) {
    TopicPartition tp{topic, PartitionId{p}};
    const Znode* z = zk().Find(TopicPartitionStatePath(tp));
    if (!z) return std::nullopt;
    return DecodePartitionState(z->data, z->version);
  }
  // Cuts every link between a node and ZooKeeper (both directions).
  void CutFromZk(NodeId id) {
    world_.network().AddRule(id, kZooKeeperNode, sim::LinkRule{7, 1.0, 0.0, {}, {}});
    world_.network().AddRule(kZooKeeperNode, id, sim::LinkRule{7, 1.0, 0.0, {}, {}});
  }
  void Heal() { world_.network().HealAll(); }

  // Every observation so far, one JSON line each (attach to a failing assertion).
  std::string Story() const {
    std::string out;
    for (const auto& o : obs_) {
      JsonWriter w;
      w.BeginObject().Field("type", sim::ObservationKind(o));
      sim::WriteObservationFields(o, w);
      w.EndObject();
      out += w.str() + "\n";
    }
    return out;
  }

  template <typename T>
  std::vector<T> ObsOf() const {
    std::vector<T> out;
    for (const auto& o : obs_)
      if (const auto* x = std::get_if<T>(&o)) out.push_back(*x);
    return out;
  }

 private:
  sim::World world_;
  config::BrokerConfig cfg_;
  std::vector<TopicAssignment> topics_;
  std::map<NodeId, BrokerLog> logs_;
  std::vector<Observation> obs_;
};

inline std::vector<NodeId> Ids(std::initializer_list<int32_t> l) {
  std::vector<NodeId> out;
  for (int32_t i : l) out.push_back(NodeId{i});
  return out;
}

}  // namespace kafkasim::controller::testing
