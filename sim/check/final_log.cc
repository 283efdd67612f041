// sim/check/final_log.cc — the log a partition will serve (see the header).
#include "sim/check/final_log.h"

#include "core/record/control_record.h"

#include <algorithm>
#include <climits>
#include <memory>

#include "core/broker/partition.h"
#include "core/controller/kraft/controller_node.h"
#include "core/controller/zk_data.h"
#include "core/controller/zookeeper_server.h"
#include "core/log/log.h"
#include "sim/disk/scratch_disk.h"
#include "sim/simulation.h"

namespace kafkasim::sim {
namespace {

void SortUnique(std::vector<RecordUid>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

// The ABORT/COMMIT marker of a control batch, if it is one.
std::optional<bool> MarkerCommits(const SharedBytes& bytes) {
  auto decoded = record::DecodeBatch(*bytes);
  if (!decoded.ok()) return std::nullopt;
  auto records = record::ParseControlBatch(*decoded);
  if (!records.ok() || records->empty() || !records->front().marker) return std::nullopt;
  return records->front().type == record::ControlRecordType::COMMIT;
}

// The records of `log` below `limit`, each with its transaction's outcome:
// a producer's transactional records are decided by the next marker of the
// same producer id (the transaction coordinator's, KIP-98).
std::vector<LogEntry> EntriesBelow(const log::Log& log, Offset limit) {
  std::vector<LogEntry> out;
  std::map<int64_t, std::vector<size_t>> open;  // producer id -> its undecided entries
  record::BatchReader reader;
  log.ForEachBatch([&](const record::BatchHeader& h, const SharedBytes& bytes) {
    if (Offset{h.base_offset} >= limit) return;
    if (h.is_control()) {
      std::optional<bool> commits = MarkerCommits(bytes);
      auto it = open.find(h.producer_id);
      if (!commits || it == open.end()) return;
      for (size_t i : it->second) out[i].txn = *commits ? TxnOutcome::kCommitted : TxnOutcome::kAborted;
      open.erase(it);
      return;
    }
    (void)reader.ForEach(*bytes, [&](const record::RecordView& r) {
      if (Offset{r.offset} >= limit) return;
      auto uid = record::FindRecordUid(r);
      if (!uid) return;
      out.push_back(LogEntry{Offset{r.offset}, *uid, h.is_transactional() ? TxnOutcome::kOpen : TxnOutcome::kNone});
      if (h.is_transactional()) open[h.producer_id].push_back(out.size() - 1);
    });
  });
  return out;
}

FinalLog FromLog(const log::Log& log, Offset limit, const broker::Partition* live) {
  FinalLog f;
  f.entries = EntriesBelow(log, limit);
  f.log_start = log.log_start_offset();
  f.end = limit;
  f.live = live;
  f.servable.reserve(f.entries.size());
  for (const LogEntry& e : f.entries) f.servable.push_back(e.uid);
  SortUnique(f.servable);
  return f;
}

// KRaft mode: the partition as the active controller holds it; nullopt
// while there is none or it knows no such partition.
std::optional<controller::LeaderIsrAndControllerEpoch> KRaftState(const Simulation& sim, const TopicPartition& tp) {
  const controller::kraft::ControllerNode* c = sim.ActiveController();
  const controller::kraft::PartitionRegistration* p = c ? c->active()->image().Partition(tp) : nullptr;
  if (p == nullptr) return std::nullopt;
  return controller::LeaderIsrAndControllerEpoch{p->leader, p->leader_epoch, p->isr,
                                                 ControllerEpoch{c->active()->epoch().value()}, p->partition_epoch};
}

// The partition state the controller recorded in ZooKeeper for tp (KRaft
// mode: in the metadata log); nullopt when ZooKeeper is down or holds no
// state for tp.
std::optional<controller::LeaderIsrAndControllerEpoch> ZooKeeperState(const Simulation& sim, const TopicPartition& tp) {
  if (sim.scenario().cluster.mode == scenario::ClusterMode::kKRaft) return KRaftState(sim, tp);
  const NodeSlot* zk = sim.world().slot(kZooKeeperNode);
  if (zk == nullptr || !zk->alive() || zk->kind() != NodeKind::kZooKeeper) return std::nullopt;
  const auto* server = static_cast<const controller::ZooKeeperServer*>(zk->node());
  const controller::Znode* z = server->Find(controller::TopicPartitionStatePath(tp));
  if (z == nullptr) return std::nullopt;
  return controller::DecodePartitionState(z->data, z->version);
}

// The ISR the controller recorded in ZooKeeper for tp — the replicas it may
// elect with unclean election off; when the last member died it stays there
// (Kafka keeps it). nullopt when ZooKeeper is down or holds no state for tp.
std::optional<std::vector<NodeId>> ZooKeeperIsr(const Simulation& sim, const TopicPartition& tp) {
  auto state = ZooKeeperState(sim, tp);
  if (!state || state->isr.empty()) return std::nullopt;
  return state->isr;
}

// The records of `log` at offsets [from, to], in offset order: the batches
// from the one holding `from`, found through the segment index (Log::Read has
// no side effects), decoded (or found in `decoded`) until past `to`.
std::vector<std::pair<int64_t, RecordUid>> RecordsBetween(const log::Log& log, Offset from, Offset to,
                                                          DecodedBatches& decoded) {
  std::vector<std::pair<int64_t, RecordUid>> out;
  if (from >= log.log_end_offset() || from < log.log_start_offset()) return out;
  const int32_t bytes = static_cast<int32_t>(std::min<int64_t>(1 << 20, (to.value() - from.value() + 1) * 256));
  auto read = log.Read(from, bytes, log.log_end_offset());
  if (!read.ok()) return out;
  record::BatchReader reader;
  for (const SharedBytes& batch : read->batches) {
    auto [it, fresh] = decoded.try_emplace(batch.get());
    if (fresh) {
      it->second.first = batch;
      (void)reader.ForEach(*batch, [&](const record::RecordView& r) {
        if (auto uid = record::FindRecordUid(r)) it->second.second.emplace_back(r.offset, *uid);
      });
    }
    for (const auto& [offset, uid] : it->second.second)
      if (offset >= from.value() && offset <= to.value()) out.emplace_back(offset, uid);
  }
  return out;
}

// A down broker's replica of tp as its recovery will rebuild it on restart;
// nullopt when its disk holds no log of tp.
std::optional<FinalLog> FromDisk(const Simulation& sim, NodeId id, const TopicPartition& tp) {
  const NodeSlot* s = sim.world().slot(id);
  const std::string dir = tp.ToString() + "/";  // ReplicaManager's log dir
  if (s == nullptr || s->disk().List(dir).empty()) return std::nullopt;
  ScratchDisk scratch(s->disk());
  auto log = log::Log::Open(scratch, dir, log::LogSettings{}, sim.now());
  if (!log.ok()) return std::nullopt;
  return FromLog(**log, (*log)->log_end_offset(), nullptr);
}

}  // namespace

AtRiskHolders AtRiskHoldersOf(const Simulation& sim, const TopicPartition& tp) {
  AtRiskHolders h;
  const NodeId leader = sim.LeaderOf(tp);
  if (leader != kNoNode) h.live.push_back(leader);
  auto zk = ZooKeeperState(sim, tp);
  if (!zk) return h;
  h.zk_known = true;
  for (NodeId id : zk->isr)
    if (id != leader && sim.Replica(id, tp) != nullptr) h.live.push_back(id);
  const NodeSlot* s = zk->leader == kNoNode ? nullptr : sim.world().slot(zk->leader);
  if (s != nullptr && !s->alive()) h.down_leader = zk->leader;
  return h;
}

std::set<RecordUid> HeldAtRisk(const Simulation& sim, const TopicPartition& tp) {
  return HeldAtRisk(sim, tp, FinalLogOf(sim, tp));
}

std::set<RecordUid> HeldAtRisk(const Simulation& sim, const TopicPartition& tp, const std::optional<FinalLog>& f) {
  // Only offsets the serving log has not committed: a record a replica holds
  // where the committed log holds another one is not waiting for replication
  // (a diverged replica) — it is lost.
  const Offset limit = f ? f->end : Offset{0};
  std::set<RecordUid> out;
  auto add = [&](const std::vector<LogEntry>& entries) {
    for (const LogEntry& e : entries)
      if (e.offset >= limit) out.insert(e.uid);
  };
  const AtRiskHolders h = AtRiskHoldersOf(sim, tp);
  for (NodeId id : h.live) {
    // A live replica's records from `limit` on only (the same records as a
    // whole-log walk filtered by offset, without decoding the committed part).
    const log::Log& log = sim.Replica(id, tp)->log();
    if (limit >= log.log_end_offset()) continue;
    if (limit <= log.log_start_offset()) {
      add(EntriesBelow(log, log.log_end_offset()));
      continue;
    }
    auto read = log.Read(limit, INT32_MAX, log.log_end_offset());
    if (!read.ok()) {
      add(EntriesBelow(log, log.log_end_offset()));
      continue;
    }
    record::BatchReader reader;
    for (const SharedBytes& batch : read->batches) {
      (void)reader.ForEach(*batch, [&](const record::RecordView& r) {
        if (r.offset < limit.value()) return;
        if (auto uid = record::FindRecordUid(r)) out.insert(*uid);
      });
    }
  }
  if (h.down_leader != kNoNode) {
    if (auto disk = FromDisk(sim, h.down_leader, tp)) add(disk->entries);
  }
  return out;
}

std::vector<std::pair<int64_t, RecordUid>> ReplicaRecordsBetween(const Simulation& sim, NodeId id,
                                                                 const TopicPartition& tp, Offset from, Offset to,
                                                                 DecodedBatches& decoded) {
  const broker::Partition* p = sim.Replica(id, tp);
  return p == nullptr ? std::vector<std::pair<int64_t, RecordUid>>{} : RecordsBetween(p->log(), from, to, decoded);
}

std::optional<FinalLog> FinalLogOf(const Simulation& sim, const TopicPartition& tp) {
  if (NodeId leader = sim.LeaderOf(tp); leader != kNoNode) {
    const broker::Partition* p = sim.Replica(leader, tp);
    return FromLog(p->log(), p->high_watermark(), p);
  }
  std::optional<std::vector<NodeId>> isr = ZooKeeperIsr(sim, tp);
  auto electable = [&isr](NodeId id) { return !isr || std::find(isr->begin(), isr->end(), id) != isr->end(); };
  const broker::Partition* best = nullptr;
  for (NodeId id : sim.broker_ids()) {
    const broker::Partition* r = sim.Replica(id, tp);
    if (r && electable(id) && (!best || r->high_watermark() > best->high_watermark())) best = r;
  }
  if (best) return FromLog(best->log(), best->log().log_end_offset(), best);
  // Offline: every electable replica is down, and each may come back first.
  std::optional<FinalLog> out;
  std::vector<RecordUid> servable;
  for (NodeId id : sim.broker_ids()) {
    const NodeSlot* s = sim.world().slot(id);
    if (s == nullptr || s->alive() || !electable(id)) continue;
    std::optional<FinalLog> disk = FromDisk(sim, id, tp);
    if (!disk) continue;
    servable.insert(servable.end(), disk->servable.begin(), disk->servable.end());
    if (!out || disk->entries.size() > out->entries.size()) out = std::move(disk);
  }
  SortUnique(servable);
  if (out) out->servable = std::move(servable);
  return out;
}

}  // namespace kafkasim::sim
