// viz/record_view.cc — BuildPartitionRecords and its text form.
#include "viz/record_view.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "core/broker/partition.h"
#include "core/record/record_uid.h"
#include "core/broker/transaction_index.h"
#include "sim/check/final_log.h"
#include "sim/simulation.h"

namespace kafkasim::viz {

namespace {

// "4.213s"
std::string CompactSecs(TimeNs t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3fs", static_cast<double>(t) / kNsPerSec);
  return buf;
}

std::string ProducerName(const sim::Simulation& sim, RecordUid uid) {
  // A processor's outputs take the uid slots after the producers' (sim/cluster_builder.cc).
  const auto& producers = sim.scenario().producers;
  const auto& processors = sim.scenario().processors;
  const uint32_t i = RecordUidProducer(uid);
  if (i < producers.size()) return producers[i].id;
  if (i - producers.size() < processors.size()) return processors[i - producers.size()].id;
  return "producer-" + std::to_string(i);
}

// The replica whose log the records come from: the live leader, else the
// live replica with the highest HW (the one an election would keep).
const broker::Partition* ServingReplica(const sim::Simulation& sim, const TopicPartition& tp, NodeId* who) {
  *who = sim.LeaderOf(tp);
  if (*who != kNoNode) return sim.Replica(*who, tp);
  const broker::Partition* best = nullptr;
  for (NodeId id : sim.broker_ids()) {
    const broker::Partition* p = sim.Replica(id, tp);
    if (p && (!best || p->high_watermark() > best->high_watermark())) {
      best = p;
      *who = id;
    }
  }
  return best;
}

void ReadRecords(const sim::Simulation& sim, const broker::Partition& p, PartitionRecords& out,
                 std::map<RecordUid, int64_t>& first_at) {
  record::BatchReader reader;
  const int64_t hw = p.high_watermark().value();
  const auto& aborted_txns = p.transaction_index().entries();
  p.log().ForEachBatch([&](const record::BatchHeader& h, const SharedBytes& bytes) {
    const BatchKind kind = h.is_control() ? SpanOfBatch(h, *bytes).kind : BatchKind::kData;
    // Its transaction aborted here (Kafka's TransactionIndex: producer, first offset .. ABORT marker).
    const bool aborted = h.is_transactional() && !h.is_control() &&
                         std::any_of(aborted_txns.begin(), aborted_txns.end(), [&](const broker::AbortedTxn& t) {
                           return t.producer_id == h.producer_id && t.first_offset.value() <= h.base_offset &&
                                  h.base_offset < t.last_offset.value();
                         });
    (void)reader.ForEach(*bytes, [&](const record::RecordView& r) {
      RecordCell c;
      c.offset = r.offset;
      if (r.key) c.key.assign(r.key->begin(), r.key->end());
      c.sequence = h.base_sequence < 0 ? -1 : h.base_sequence + static_cast<int32_t>(r.offset - h.base_offset);
      c.leader_epoch = h.partition_leader_epoch;
      c.committed = r.offset < hw;
      c.kind = kind;
      c.aborted = aborted;
      if (auto uid = record::FindRecordUid(r)) {
        c.producer = ProducerName(sim, *uid);
        c.app_seq = RecordUidSeq(*uid);
      }
      // An aborted record is neither a twin of its committed copy (a processor
      // rewrites what it aborted) nor skipped by a read_committed group.
      if (auto uid = aborted ? std::nullopt : record::FindRecordUid(r)) {
        auto [it, fresh] = first_at.emplace(*uid, r.offset);
        if (!fresh) {
          out.duplicates.push_back(
              DuplicateLink{r.offset, it->second, c.producer, c.app_seq, sim.losses().AckedAt(*uid)});
        }
      }
      out.records.push_back(std::move(c));
    });
  });
}

void AddGhosts(const sim::Simulation& sim, PartitionRecords& out) {
  for (const auto& [uid, lost] : sim.losses().lost()) {
    if (lost.tp != out.tp) continue;
    GhostRecord g;
    g.offset = lost.offset.value();
    if (const sim::SentRecord* s = sim.history().sent().find(uid)) g.key = s->key;
    g.producer = ProducerName(sim, uid);
    g.app_seq = RecordUidSeq(uid);
    g.acks = lost.acks;
    g.acked_at = lost.acked_at;
    g.lost_at = lost.lost.at;
    g.lost_event = lost.lost.event;
    g.cause = lost.lost.text;
    out.ghosts.push_back(std::move(g));
  }
}

void AddAnomalies(const sim::Simulation& sim, const std::map<RecordUid, int64_t>& first_at, PartitionRecords& out) {
  const sim::History& h = sim.history();
  for (const sim::RepeatConsumed& r : h.repeats()) {
    if (r.tp == out.tp)
      out.anomalies.push_back(
          ConsumerAnomaly{r.group, sim.world().NameOf(r.consumer), r.offset.value(), false, r.times, r.at});
  }
  for (const auto& [group, per_tp] : h.commits()) {
    auto marks = per_tp.find(out.tp);
    if (marks == per_tp.end()) continue;
    auto consumed = h.consumed().find(group);
    for (const auto& [uid, offset] : first_at) {
      if (consumed != h.consumed().end() && consumed->second.count(uid)) continue;
      for (const sim::CommitMark& m : marks->second) {
        if (m.offset.value() <= offset) continue;
        out.anomalies.push_back(ConsumerAnomaly{group, sim.world().NameOf(m.consumer), offset, true, 0, m.at});
        break;
      }
    }
  }
}

}  // namespace

PartitionRecords BuildPartitionRecords(const sim::Simulation& sim, const TopicPartition& tp, bool cells) {
  PartitionRecords out;
  out.tp = tp;
  AddGhosts(sim, out);
  if (!cells) return out;
  out.detailed = true;
  NodeId who = kNoNode;
  std::map<RecordUid, int64_t> first_at;  // uid -> its first offset in the log
  if (const broker::Partition* p = ServingReplica(sim, tp, &who)) {
    out.replica = sim.world().NameOf(who);
    ReadRecords(sim, *p, out, first_at);
  }
  const std::set<RecordUid> held = sim::HeldAtRisk(sim, tp);
  std::optional<sim::FinalLog> f = sim::FinalLogOf(sim, tp);
  sim.history().acked().ForEach([&](RecordUid uid, int16_t) {
    const sim::SentRecord* s = sim.history().sent().find(uid);
    if (s == nullptr || s->tp != tp) return;
    if (held.count(uid) && !(f && std::binary_search(f->servable.begin(), f->servable.end(), uid))) ++out.at_risk;
  });
  AddAnomalies(sim, first_at, out);
  return out;
}

void DescribePartitionRecords(const PartitionRecords& r, std::string& out) {
  const std::string tp = r.tp.ToString();
  out += "records " + tp + " replica=" + (r.replica.empty() ? "none" : r.replica) +
         " count=" + std::to_string(r.records.size()) + " at_risk=" + std::to_string(r.at_risk) +
         " ghosts=" + std::to_string(r.ghosts.size()) + "\n";
  for (const GhostRecord& g : r.ghosts) {
    out += "ghost " + tp + " offset=" + std::to_string(g.offset) + " " + g.producer + "#" + std::to_string(g.app_seq) +
           " acks=" + (g.acks == -1 ? std::string("all") : std::to_string(g.acks)) +
           " acked=" + CompactSecs(g.acked_at) + " lost=" + CompactSecs(g.lost_at) +
           " event=" + std::to_string(g.lost_event) + " cause=\"" + g.cause + "\"\n";
  }
  for (const DuplicateLink& d : r.duplicates) {
    out += "duplicate " + tp + " offset=" + std::to_string(d.offset) + " twin=" + std::to_string(d.twin_offset) + " " +
           d.producer + "#" + std::to_string(d.app_seq) + "\n";
  }
  for (const ConsumerAnomaly& a : r.anomalies) {
    out += std::string(a.skipped ? "skipped " : "consumed_twice ") + a.group + " " + a.consumer + " " + tp +
           " offset=" + std::to_string(a.offset) + (a.skipped ? "" : " times=" + std::to_string(a.times)) +
           " at=" + CompactSecs(a.at) + "\n";
  }
}

}  // namespace kafkasim::viz
