// viz/replica_view.cc — BuildPartitionView: each broker's own partition
// state beside ZooKeeper's record of it.
#include "viz/replica_view.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <set>

#include "core/broker/broker.h"
#include "core/controller/zk_data.h"
#include "core/controller/zookeeper_server.h"
#include "sim/simulation.h"

namespace kafkasim::viz {

namespace {

const controller::ZooKeeperServer* ZooKeeperOf(const sim::Simulation& sim) {
  const sim::NodeSlot* s = sim.world().slot(kZooKeeperNode);
  if (s == nullptr || s->kind() != sim::NodeKind::kZooKeeper || !s->alive()) return nullptr;
  return static_cast<const controller::ZooKeeperServer*>(s->node());
}

// ZooKeeper's record, read as `kafkasim describe` reads it (sim::ControllerViewOf).
ClusterRecord ReadClusterRecord(const sim::Simulation& sim, const TopicPartition& tp) {
  ClusterRecord r;
  const controller::ZooKeeperServer* zk = ZooKeeperOf(sim);
  if (zk == nullptr) {
    r.unknown_why = "ZooKeeper is down";
    return r;
  }
  if (const controller::Znode* c = zk->Find(std::string(controller::kControllerPath))) {
    r.controller = controller::DecodeController(c->data).value_or(kNoNode);
  }
  r.controller_name = r.controller == kNoNode ? "none" : sim.world().NameOf(r.controller);
  // The state znode alone (sim::ControllerViewOf also decodes the topic's
  // whole assignment, which made every frame parse it once per partition).
  const controller::Znode* state = zk->Find(controller::TopicPartitionStatePath(tp));
  auto st = state != nullptr ? controller::DecodePartitionState(state->data, state->version) : std::nullopt;
  if (!st) {
    r.unknown_why = "no partition state in ZooKeeper yet";
    return r;
  }
  r.known = true;
  r.leader = st->leader;
  r.leader_epoch = st->leader_epoch;
  r.isr = st->isr;
  r.partition_epoch = st->zk_version;
  r.leader_name = r.leader == kNoNode ? "none" : sim.world().NameOf(r.leader);
  return r;
}

bool Contains(const std::vector<NodeId>& ids, NodeId id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); }

// Brokers with something to say about tp: assigned in the scenario, named by
// ZooKeeper or by a live replica, or holding a replica (live or on disk).
std::set<NodeId> BrokersOf(const sim::Simulation& sim, const TopicPartition& tp, const ClusterRecord& rec) {
  std::set<NodeId> ids(rec.isr.begin(), rec.isr.end());
  if (rec.leader != kNoNode) ids.insert(rec.leader);
  for (const auto& t : sim.scenario().topics) {
    if (auto it = t.assignment.find(tp.partition.value()); t.name == tp.topic && it != t.assignment.end()) {
      for (int b : it->second) ids.insert(NodeId{b});
    }
  }
  for (NodeId b : sim.broker_ids()) {
    if (const broker::Partition* p = sim.Replica(b, tp)) {
      ids.insert(b);
      ids.insert(p->replicas().begin(), p->replicas().end());
    }
  }
  return ids;
}

void FillFromPartition(const broker::Partition& p, ReplicaBelief& r) {
  r.has_replica = true;
  r.believes_leader = p.is_leader();
  r.believed_leader = p.leader();
  r.believed_epoch = p.leader_epoch();
  r.believed_isr = p.isr();
  r.log_start = p.log().log_start_offset();
  r.hw = p.high_watermark();
  r.leo = p.log_end_offset();
  p.log().ForEachBatch(
      [&](const record::BatchHeader& h, const SharedBytes& bytes) { r.batches.push_back(SpanOfBatch(h, *bytes)); });
  r.transactional = HasTransactions(r.batches);
  if (r.transactional) MarkTransactions(r.batches);  // (most logs have none: no map built)
  r.lso = p.last_stable_offset();
  for (const auto& [first, pid] : p.producer_state().ongoing_txns()) r.open_txns.push_back({pid, first.value()});
}

void FillFromDisk(const DiskLog& d, ReplicaBelief& r) {
  r.has_replica = d.exists;
  r.log_start = d.log_start;
  r.leo = d.log_end;
  r.hw = d.checkpointed_hw.value_or(Offset{-1});
  r.batches = d.batches;
  r.open_txns = MarkTransactions(r.batches);
  r.transactional = HasTransactions(r.batches);
}

ReplicaBelief BeliefOf(const sim::Simulation& sim, const TopicPartition& tp, NodeId id, const ClusterRecord& rec) {
  ReplicaBelief r;
  r.broker = id;
  r.name = sim.world().NameOf(id);
  const sim::NodeSlot* slot = sim.world().slot(id);
  if (slot != nullptr && slot->alive()) {
    r.process = slot->paused() ? BrokerProcess::kPaused : BrokerProcess::kLive;
    if (const broker::Partition* p = sim.Replica(id, tp)) FillFromPartition(*p, r);
  } else {
    r.process = BrokerProcess::kCrashed;
    if (slot != nullptr) FillFromDisk(ScanDiskLog(slot->disk(), tp), r);
  }
  r.unique_from = r.leo;
  r.cluster_leader = rec.known && rec.leader == id;
  r.in_cluster_isr = rec.known && Contains(rec.isr, id);
  return r;
}

// The epoch of the batch holding `offset` in `batches` (sorted), if any.
std::optional<int32_t> EpochAt(const std::vector<BatchSpan>& batches, int64_t offset) {
  auto it = std::lower_bound(batches.begin(), batches.end(), offset,
                             [](const BatchSpan& b, int64_t o) { return b.last_offset < o; });
  if (it == batches.end() || it->base_offset > offset) return std::nullopt;
  return it->leader_epoch;
}

// The first offset of `crashed`'s log that `live` does not hold with the same
// leader epoch (logs diverge as a suffix, as Kafka's truncation assumes).
int64_t SharedPrefixEnd(const ReplicaBelief& crashed, const ReplicaBelief& live) {
  for (const BatchSpan& b : crashed.batches) {
    if (b.last_offset < live.log_start.value()) continue;  // deleted there by retention, not lost
    int64_t from = std::max(b.base_offset, live.log_start.value());
    if (EpochAt(live.batches, from) != b.leader_epoch || EpochAt(live.batches, b.last_offset) != b.leader_epoch) {
      return from;
    }
  }
  return crashed.leo.value();
}

void FindUniqueOnDisk(std::vector<ReplicaBelief>& rows) {
  for (ReplicaBelief& c : rows) {
    if (c.process != BrokerProcess::kCrashed || !c.has_replica) continue;
    int64_t shared = c.log_start.value();
    for (const ReplicaBelief& l : rows) {
      if (l.process != BrokerProcess::kCrashed && l.has_replica) shared = std::max(shared, SharedPrefixEnd(c, l));
    }
    c.unique_from = Offset{std::min(shared, c.leo.value())};
  }
}

void AddIds(const std::vector<NodeId>& ids, std::vector<int64_t>& key) {
  key.push_back(static_cast<int64_t>(ids.size()));
  for (NodeId id : ids) key.push_back(id.value());
}

}  // namespace

std::vector<int64_t> PartitionViewKey(const sim::Simulation& sim, const TopicPartition& tp) {
  std::vector<int64_t> key;
  const controller::ZooKeeperServer* zk = ZooKeeperOf(sim);
  key.push_back(zk != nullptr);
  if (zk != nullptr) {
    const controller::Znode* c = zk->Find(std::string(controller::kControllerPath));
    key.push_back(c == nullptr ? -1 : static_cast<int64_t>(std::hash<std::string>{}(c->data)));
    const controller::Znode* st = zk->Find(controller::TopicPartitionStatePath(tp));
    key.push_back(st == nullptr ? -1 : st->version);
    key.push_back(st == nullptr ? -1 : static_cast<int64_t>(std::hash<std::string>{}(st->data)));
  }
  for (NodeId id : sim.broker_ids()) {
    const sim::NodeSlot* slot = sim.world().slot(id);
    key.push_back(slot == nullptr ? -1 : static_cast<int64_t>(slot->incarnation()));
    key.push_back(slot != nullptr && slot->alive() ? (slot->paused() ? 2 : 1) : 0);
    const broker::Partition* p = slot != nullptr && slot->alive() ? sim.Replica(id, tp) : nullptr;
    key.push_back(static_cast<int64_t>(reinterpret_cast<uintptr_t>(p)));
    if (p == nullptr) continue;  // a crashed broker's disk does not change while it is down
    key.insert(key.end(),
               {p->is_leader(), p->leader().value(), p->leader_epoch().value(), p->log().log_start_offset().value(),
                p->high_watermark().value(), p->log_end_offset().value(), static_cast<int64_t>(p->log().size_bytes()),
                p->log().LatestEpoch().value_or(LeaderEpoch{-2}).value()});
    AddIds(p->isr(), key);
    AddIds(p->replicas(), key);
  }
  return key;
}

std::string BeliefText(const sim::Simulation& sim, const ReplicaBelief& r) {
  if (r.process == BrokerProcess::kCrashed) return "crashed";
  if (!r.has_replica) return "no replica";
  std::string epoch = "epoch " + std::to_string(r.believed_epoch.value());
  if (r.believes_leader) return "leads, " + epoch;
  if (r.believed_leader == kNoNode) return "no leader known, " + epoch;
  return "follows " + sim.world().NameOf(r.believed_leader) + ", " + epoch;
}

PartitionView BuildPartitionView(const sim::Simulation& sim, const TopicPartition& tp) {
  PartitionView v;
  v.tp = tp;
  v.cluster = ReadClusterRecord(sim, tp);
  for (NodeId id : BrokersOf(sim, tp, v.cluster)) v.replicas.push_back(BeliefOf(sim, tp, id, v.cluster));
  FindUniqueOnDisk(v.replicas);
  int64_t lo = INT64_MAX, hi = 1;
  for (const ReplicaBelief& r : v.replicas) {
    if (!r.has_replica) continue;
    lo = std::min(lo, r.log_start.value());
    hi = std::max(hi, r.leo.value());
  }
  v.lo = lo == INT64_MAX ? 0 : lo;
  v.hi = hi;
  v.notes = PartitionNotes(sim, v);
  return v;
}

}  // namespace kafkasim::viz
