#include "sim/cluster_builder.h"

#include <algorithm>

#include "core/broker/broker.h"
#include "core/broker/transaction_metadata.h"
#include "core/controller/kraft/controller_node.h"
#include "core/controller/kraft/kraft_control_plane.h"
#include "core/controller/zk_control_plane.h"
#include "core/controller/zookeeper_server.h"
#include "sim/apps/consumer_app.h"
#include "sim/apps/processor_app.h"
#include "sim/apps/producer_app.h"

namespace kafkasim::sim {
namespace {

config::BrokerConfig BrokerConfigOf(const scenario::Scenario& s) {
  config::BrokerConfig cfg;
  // The loader validated every key and value; Set cannot fail here.
  for (const auto& [k, v] : s.cluster.config) (void)cfg.Set(k, v);
  return cfg;
}

std::map<std::string, config::TopicConfig> TopicConfigsOf(const scenario::Scenario& s) {
  std::map<std::string, config::TopicConfig> out;
  for (const auto& t : s.topics) {
    config::TopicConfig tc;
    for (const auto& [k, v] : t.config) (void)tc.Set(k, v);
    out[t.name] = tc;
  }
  return out;
}

std::vector<NodeId> BrokerIds(const scenario::Scenario& s) {
  std::vector<NodeId> ids;
  for (int i = 1; i <= s.cluster.brokers; ++i) ids.push_back(NodeId{i});
  return ids;
}

}  // namespace

std::vector<std::vector<NodeId>> DefaultAssignment(int brokers, int partitions, int replication_factor) {
  std::vector<std::vector<NodeId>> out;
  int shift = 0;
  for (int p = 0; p < partitions; ++p) {
    if (p > 0 && p % brokers == 0) ++shift;
    int first = p % brokers;
    std::vector<NodeId> replicas{NodeId{first + 1}};
    for (int j = 0; j < replication_factor - 1; ++j) {
      int step = brokers > 1 ? 1 + (shift + j) % (brokers - 1) : 0;
      replicas.push_back(NodeId{(first + step) % brokers + 1});
    }
    out.push_back(std::move(replicas));
  }
  return out;
}

std::vector<TopicAssignment> BuildAssignments(const scenario::Scenario& s) {
  config::BrokerConfig bcfg = BrokerConfigOf(s);
  std::vector<TopicAssignment> out;
  for (const auto& t : s.topics) {
    TopicAssignment a{t.name, DefaultAssignment(s.cluster.brokers, t.partitions, t.replication_factor), {}};
    for (const auto& [p, ids] : t.assignment) {
      std::vector<NodeId> r;
      for (int id : ids) r.push_back(NodeId{id});
      a.replicas[static_cast<size_t>(p)] = r;
    }
    for (const auto& [k, v] : t.config) (void)a.config.Set(k, v);
    out.push_back(std::move(a));
  }
  // __consumer_offsets as Kafka auto-creates it at the first FindCoordinator,
  // here with the cluster: never with a replication factor below
  // offsets.topic.replication.factor. With fewer brokers the creation fails
  // (INVALID_REPLICATION_FACTOR), the topic does not exist and FindCoordinator
  // answers COORDINATOR_NOT_AVAILABLE (Broker::AnswerWithoutOffsetsTopic).
  int rf = bcfg.offsets_topic_replication_factor;
  if ((!s.consumers.empty() || !s.processors.empty()) && rf <= s.cluster.brokers) {
    out.push_back(TopicAssignment{
        kOffsetsTopic, DefaultAssignment(s.cluster.brokers, bcfg.offsets_topic_num_partitions, rf), {}});
  }
  // __transaction_state likewise, when a producer is transactional (Kafka
  // creates it at the first FindCoordinator(TRANSACTION)).
  const bool transactional =
      std::any_of(s.producers.begin(), s.producers.end(),
                  [](const scenario::ProducerSpec& p) { return p.workload.transaction.records > 0; }) ||
      std::any_of(s.processors.begin(), s.processors.end(), [](const scenario::ProcessorSpec& p) {
        return p.guarantee == scenario::ProcessingGuarantee::kExactlyOnceV2;
      });
  int txn_rf = bcfg.transaction_state_log_replication_factor;
  if (transactional && txn_rf <= s.cluster.brokers) {
    out.push_back(
        TopicAssignment{broker::kTransactionStateTopic,
                        DefaultAssignment(s.cluster.brokers, bcfg.transaction_state_log_num_partitions, txn_rf),
                        {}});
  }
  return out;
}

namespace {

// KRaft mode: controller-1..N, dedicated voters of the metadata quorum.
std::vector<NodeId> AddControllers(World& world, const scenario::Scenario& s, const config::BrokerConfig& bcfg,
                                   const std::vector<TopicAssignment>& assignments) {
  raft::QuorumConfig quorum;
  for (int c = 1; c <= s.cluster.controllers; ++c) quorum.voters.push_back(raft::ControllerNodeId(c));
  quorum.election_timeout_ms = bcfg.controller_quorum_election_timeout_ms;
  quorum.fetch_timeout_ms = bcfg.controller_quorum_fetch_timeout_ms;
  controller::kraft::ControllerSettings settings{bcfg.broker_session_timeout_ms, bcfg.unclean_leader_election_enable,
                                                 assignments, bcfg.eligible_leader_replicas_enable,
                                                 bcfg.min_insync_replicas};
  for (int c = 1; c <= s.cluster.controllers; ++c) {
    world.AddNode(raft::ControllerNodeId(c), "controller-" + std::to_string(c), NodeKind::kController,
                  [quorum, settings](Env& env) {
                    return std::make_unique<controller::kraft::ControllerNode>(env, quorum, settings);
                  });
  }
  return quorum.voters;
}

}  // namespace

void BuildCluster(World& world, const scenario::Scenario& s) {
  config::BrokerConfig bcfg = BrokerConfigOf(s);
  auto topics = TopicConfigsOf(s);
  auto assignments = BuildAssignments(s);
  const bool kraft = s.cluster.mode == scenario::ClusterMode::kKRaft;
  bcfg.hw_waits_for_min_isr = kraft;  // KRaft mode is Kafka 3.7+ (KAFKA-15583)
  std::vector<NodeId> voters;
  if (kraft) {
    voters = AddControllers(world, s, bcfg, assignments);
  } else {
    world.AddNode(kZooKeeperNode, "zookeeper", NodeKind::kZooKeeper,
                  [](Env& env) { return std::make_unique<controller::ZooKeeperServer>(env); });
  }
  std::map<NodeId, std::string> racks;
  for (size_t i = 0; i < s.cluster.racks.size(); ++i) racks[NodeId{static_cast<int32_t>(i + 1)}] = s.cluster.racks[i];
  for (NodeId id : BrokerIds(s)) {
    NodeSlot& slot = world.AddNode(id, "broker-" + std::to_string(id.value()), NodeKind::kBroker, [=](Env& env) {
      broker::BrokerOptions opts{
          bcfg, topics, racks, [=](Env& e) -> std::unique_ptr<ControlPlane> {
            if (kraft) {
              return std::make_unique<controller::kraft::KRaftControlPlane>(
                  e, controller::kraft::KRaftBrokerSettings{voters, bcfg.broker_heartbeat_interval_ms});
            }
            return std::make_unique<controller::ZkControlPlane>(e, e.self, bcfg, assignments);
          }};
      return std::make_unique<broker::Broker>(env, std::move(opts));
    });
    // cluster.disk.flush: every-write fsyncs each write to a broker's disk.
    slot.disk().set_sync_every_write(s.cluster.disk.flush == scenario::FlushMode::kEveryWrite);
  }
  std::vector<NodeId> bootstrap = BrokerIds(s);
  for (size_t i = 0; i < s.producers.size(); ++i) {
    const auto& spec = s.producers[i];
    world.AddNode(NodeId{kFirstProducerNode + static_cast<int32_t>(i)}, spec.id, NodeKind::kProducer,
                  [spec, i, bootstrap](Env& env) {
                    return std::make_unique<ProducerApp>(env, spec, static_cast<uint32_t>(i), bootstrap);
                  });
  }
  for (size_t i = 0; i < s.consumers.size(); ++i) {
    const auto& spec = s.consumers[i];
    world.AddNode(NodeId{kFirstConsumerNode + static_cast<int32_t>(i)}, spec.id, NodeKind::kConsumer,
                  [spec, bootstrap](Env& env) { return std::make_unique<ConsumerApp>(env, spec, bootstrap); });
  }
  // A processor is a group member (the GUI draws it with the consumers) and
  // a producer: its output uids take the slots after the producers'.
  const auto slots = static_cast<uint32_t>(s.producers.size() + s.processors.size());
  for (size_t i = 0; i < s.processors.size(); ++i) {
    const auto& spec = s.processors[i];
    UidSlots uid{static_cast<uint32_t>(s.producers.size() + i), slots};
    world.AddNode(
        NodeId{kFirstProcessorNode + static_cast<int32_t>(i)}, spec.id, NodeKind::kConsumer,
        [spec, uid, bootstrap](Env& env) { return std::make_unique<ProcessorApp>(env, spec, uid, bootstrap); });
  }
}

}  // namespace kafkasim::sim
