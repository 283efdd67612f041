#include "sim/check/measure.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "core/broker/broker.h"
#include "core/record/record_uid.h"
#include "sim/apps/processor_app.h"
#include "sim/check/final_log.h"
#include "sim/check/output_check.h"
#include "sim/simulation.h"

namespace kafkasim::sim {
namespace {

constexpr size_t kMaxExamples = 5;

int64_t Divergence(const broker::Partition& leader, const broker::Partition& other) {
  std::map<int64_t, uint32_t> crc_at;
  leader.log().ForEachBatch([&](const record::BatchHeader& h, const SharedBytes&) { crc_at[h.base_offset] = h.crc; });
  Offset limit = std::min(leader.high_watermark(), other.log_end_offset());
  int64_t diverged = 0;
  other.log().ForEachBatch([&](const record::BatchHeader& h, const SharedBytes&) {
    if (Offset{h.last_offset()} >= limit) return;
    auto it = crc_at.find(h.base_offset);
    if (it == crc_at.end() || it->second != h.crc) diverged += h.last_offset_delta + 1;
  });
  return diverged;
}

}  // namespace

Measurements Measure(const Simulation& sim) {
  Measurements m;
  const History& h = sim.history();
  m.acked = static_cast<int64_t>(h.acked().size());
  m.produce_errors = h.produce_errors();
  std::vector<RecordUid> in_log;  // every record of every partition's log
  std::vector<RecordUid> servable;
  std::set<std::tuple<TopicPartition, Offset, RecordUid>> aborted;  // records of aborted transactions
  std::map<TopicPartition, std::vector<LogEntry>> logs;
  std::map<TopicPartition, Offset> log_start;
  for (const TopicPartition& tp : sim.AllPartitions()) {
    std::optional<FinalLog> f = FinalLogOf(sim, tp);
    if (!f) continue;
    logs[tp] = std::move(f->entries);
    log_start[tp] = f->log_start;
    for (const LogEntry& e : logs[tp]) {
      in_log.push_back(e.uid);
      if (e.txn == TxnOutcome::kAborted) aborted.emplace(tp, e.offset, e.uid);
    }
    servable.insert(servable.end(), f->servable.begin(), f->servable.end());
    // In-sync replicas must agree with the leader below its HW; one outside
    // the ISR (a zombie cut off from ZooKeeper, a follower not yet truncated)
    // may hold anything until it rejoins.
    if (const broker::Partition* p = f->live) {
      for (NodeId id : p->isr()) {
        const broker::Partition* r = sim.Replica(id, tp);
        if (r && r != p) m.replica_divergence += Divergence(*p, *r);
      }
    }
  }
  // Sorted vectors instead of a tree node per record.
  std::sort(in_log.begin(), in_log.end());
  for (size_t i = 1; i < in_log.size(); ++i) m.duplicates_in_log += in_log[i] == in_log[i - 1];
  std::sort(servable.begin(), servable.end());
  m.transactions_committed = h.transactions_committed();
  m.transactions_aborted = h.transactions_aborted();
  if (const auto& first = sim.replica_agreement().first()) m.examples.push_back("first divergence: " + *first);
  const size_t max_examples = m.examples.size() + kMaxExamples;
  std::map<TopicPartition, std::set<RecordUid>> at_risk;  // read once per partition, when needed
  h.acked().ForEach([&](RecordUid uid, int16_t acks) {
    if (std::binary_search(servable.begin(), servable.end(), uid)) return;
    if (const SentRecord* s = h.sent().find(uid)) {
      auto [it, fresh] = at_risk.try_emplace(s->tp);
      if (fresh) it->second = HeldAtRisk(sim, s->tp);
      if (it->second.count(uid)) {
        ++m.at_risk_acked;
        return;
      }
    }
    // Deleted by retention (acknowledged below the log start offset): expired, not lost.
    const Offset* off = h.acked_offset().find(uid);
    const SentRecord* sent = h.sent().find(uid);
    if (off != nullptr && sent != nullptr) {
      auto start = log_start.find(sent->tp);
      if (start != log_start.end() && *off < start->second) return;
    }
    ++m.lost_acked;
    if (acks == -1) ++m.lost_acked_all;
    if (m.examples.size() < max_examples) {
      std::string where = sent == nullptr ? "?" : sent->tp.ToString();
      const auto& producers = sim.scenario().producers;
      const uint32_t index = RecordUidProducer(uid);
      std::string who = index < producers.size() ? producers[index].id : "producer " + std::to_string(index);
      std::string at = off == nullptr ? "" : " at offset " + std::to_string(off->value());
      auto why = sim.losses().lost().find(uid);
      std::string when = why == sim.losses().lost().end()
                             ? ""
                             : "; lost at " + std::to_string(why->second.lost.at / kNsPerMs) + " ms (event " +
                                   std::to_string(why->second.lost.event) + "): " + why->second.lost.text;
      m.examples.push_back("record #" + std::to_string(RecordUidSeq(uid)) + " of " + who +
                           " was acknowledged (acks=" + (acks == -1 ? std::string("all") : std::to_string(acks)) + ")" +
                           at + " but is not in " + where + "'s committed log" + when);
    }
  });
  // Order per (producer, key): a record sent earlier must not follow a later one.
  for (const auto& [tp, entries] : logs) {
    std::map<std::pair<uint32_t, std::string>, uint64_t> max_seq;
    for (const LogEntry& e : entries) {
      const SentRecord* s = h.sent().find(e.uid);
      if (s == nullptr || s->key.empty()) continue;
      auto key = std::pair{RecordUidProducer(e.uid), s->key};
      uint64_t seq = RecordUidSeq(e.uid);
      auto [it, fresh] = max_seq.emplace(key, seq);
      if (!fresh && seq < it->second) ++m.reordered;
      if (!fresh) it->second = std::max(it->second, seq);
    }
  }
  m.consumed_out_of_order = h.consumed_out_of_order();
  std::set<std::string> read_committed;
  for (const scenario::ConsumerSpec& c : sim.scenario().consumers) {
    auto it = c.config.find("isolation.level");
    if (it != c.config.end() && it->second == "read_committed") read_committed.insert(c.group);
  }
  for (const scenario::ProcessorSpec& p : sim.scenario().processors) {
    if (ProcessorConsumerConfig(p).read_committed) read_committed.insert(p.group);
  }
  // By where it was read: a processor's output can be in the log twice with
  // one uid, once aborted and once committed.
  for (const auto& [group, reads] : h.consumed_at()) {
    std::set<std::pair<TopicPartition, Offset>> seen;
    for (const ConsumedAt& c : reads) {
      if (!aborted.contains({c.tp, c.offset, c.uid}) || !seen.emplace(c.tp, c.offset).second) continue;
      ++m.aborted_read[group];
      if (read_committed.count(group)) ++m.aborted_read_committed;
    }
  }
  for (const auto& [group, counts] : h.consumed()) {
    m.consumed[group] = static_cast<int64_t>(counts.size());
    for (const auto& [uid, n] : counts) {
      m.duplicates_consumed += n - 1;
      if (n > 1) m.redelivered[group] += n - 1;
    }
  }
  for (const auto& [group, n] : h.dedup_skipped()) m.redelivered[group] += n;
  for (const auto& [group, offsets] : h.committed()) {
    auto consumed = h.consumed().find(group);
    for (const auto& [tp, committed] : offsets) {
      auto log = logs.find(tp);
      if (log == logs.end()) continue;
      for (const LogEntry& e : log->second) {
        if (e.offset >= committed) break;
        if (e.txn == TxnOutcome::kAborted) continue;  // never committed: nothing to consume
        bool seen = consumed != h.consumed().end() && consumed->second.count(e.uid);
        if (!seen) ++m.consumer_lost;
      }
    }
  }
  OutputMeasure out = MeasureOutput(sim.scenario(), h, logs);
  m.duplicates_output = out.duplicates_output;
  m.lost_output = out.lost_output;
  for (std::string& e : out.examples) m.examples.push_back(std::move(e));
  return m;
}

}  // namespace kafkasim::sim
