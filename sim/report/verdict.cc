#include "sim/report/verdict.h"

#include "core/broker/broker.h"
#include "core/controller/kraft/controller_node.h"
#include "sim/simulation.h"
#include "core/util/strings.h"

namespace kafkasim::sim {
namespace {

std::string Ids(const std::vector<int>& ids) {
  return "[" + Join(ids, ", ", [](int id) { return std::to_string(id); }) + "]";
}

class Evaluator {
 public:
  Evaluator(const Simulation& sim, TimeNs at) : sim_(sim), at_(at) {}

  void Num(const std::string& key, const std::optional<scenario::Comparison>& c, int64_t measured) {
    if (c) Add(key, c->ToString(), std::to_string(measured), c->Holds(measured));
  }
  void Add(std::string key, std::string expected, std::string measured, bool pass) {
    lines_.push_back(VerdictLine{std::move(key), std::move(expected), std::move(measured), pass, at_});
  }
  const broker::Partition* LeaderReplica(const std::string& tp_text) const {
    for (const TopicPartition& tp : sim_.AllPartitions()) {
      if (tp.ToString() != tp_text) continue;
      NodeId leader = sim_.LeaderOf(tp);
      const broker::Broker* b = sim_.broker(leader);
      return b ? b->replicas().partitions().at(tp).get() : nullptr;
    }
    return nullptr;
  }
  std::string NodeName(NodeId id) const { return id == kNoNode ? "none" : sim_.world().NameOf(id); }
  const Simulation& sim() const { return sim_; }
  bool at_end() const { return at_ < 0; }
  std::vector<VerdictLine> Take() { return std::move(lines_); }

 private:
  const Simulation& sim_;
  TimeNs at_;
  std::vector<VerdictLine> lines_;
};

// KRaft mode: fenced brokers as the active controller holds them, and the
// metadata quorum's safety (always checked there).
void EvaluateKRaft(const scenario::Expectations& e, Evaluator& ev) {
  const Simulation& sim = ev.sim();
  if (sim.scenario().cluster.mode != scenario::ClusterMode::kKRaft) return;
  if (e.fenced_brokers) {
    const controller::kraft::ControllerNode* c = sim.ActiveController();
    std::vector<int> got;
    if (c != nullptr) {
      for (const auto& [id, b] : c->active()->image().brokers())
        if (b.fenced) got.push_back(id.value());
    }
    ev.Add("fenced_brokers", Ids(*e.fenced_brokers), c ? Ids(got) : "no active controller",
           c != nullptr && got == *e.fenced_brokers);
  }
  const int64_t divergence = sim.metadata_quorum().violations();
  const std::string detail =
      divergence == 0 ? "0" : std::to_string(divergence) + " (" + *sim.metadata_quorum().messages().begin() + ")";
  if (e.metadata_divergence) {
    ev.Add("metadata_divergence", e.metadata_divergence->ToString(), detail, e.metadata_divergence->Holds(divergence));
  } else if (ev.at_end()) {
    ev.Add("metadata quorum safe: one leader per epoch, committed records agree (always checked)", "== 0", detail,
           divergence == 0);
  }
}

void EvaluatePartitions(const scenario::Expectations& e, Evaluator& ev) {
  for (const auto& [tp, want] : e.leader_of) {
    const broker::Partition* p = ev.LeaderReplica(tp);
    std::string got = p ? ev.NodeName(p->leader()) : "none";
    ev.Add("leader_of " + tp, want, got, got == want);
  }
  for (const auto& [tp, want] : e.isr_of) {
    const broker::Partition* p = ev.LeaderReplica(tp);
    std::vector<int> got;
    if (p)
      for (NodeId id : p->isr()) got.push_back(id.value());
    ev.Add("isr_of " + tp, Ids(want), p ? Ids(got) : "offline", p && got == want);
  }
  for (const auto& [tp, c] : e.leader_epoch_of) {
    const broker::Partition* p = ev.LeaderReplica(tp);
    int64_t got = p ? p->leader_epoch().value() : -1;
    ev.Add("leader_epoch_of " + tp, c.ToString(), std::to_string(got), c.Holds(got));
  }
  for (const auto& [tp, c] : e.high_watermark_of) {
    const broker::Partition* p = ev.LeaderReplica(tp);
    int64_t got = p ? p->high_watermark().value() : -1;
    ev.Add("high_watermark_of " + tp, c.ToString(), std::to_string(got), c.Holds(got));
  }
  for (const auto& [tp, c] : e.last_stable_offset_of) {
    const broker::Partition* p = ev.LeaderReplica(tp);
    int64_t got = p ? p->last_stable_offset().value() : -1;
    ev.Add("last_stable_offset_of " + tp, c.ToString(), std::to_string(got), c.Holds(got));
  }
}

}  // namespace

std::vector<VerdictLine> Evaluate(const scenario::Expectations& e, const Simulation& sim, const Measurements& m,
                                  TimeNs at) {
  Evaluator ev(sim, at);
  ev.Num("acked", e.acked, m.acked);
  ev.Num("lost_acked", e.lost_acked, m.lost_acked);
  ev.Num("at_risk_acked", e.at_risk_acked, m.at_risk_acked);
  ev.Num("duplicates_in_log", e.duplicates_in_log, m.duplicates_in_log);
  ev.Num("duplicates_consumed", e.duplicates_consumed, m.duplicates_consumed);
  ev.Num("consumer_lost", e.consumer_lost, m.consumer_lost);
  ev.Num("reordered", e.reordered, m.reordered);
  ev.Num("replica_divergence", e.replica_divergence, m.replica_divergence);
  ev.Num("duplicates_output", e.duplicates_output, m.duplicates_output);
  ev.Num("lost_output", e.lost_output, m.lost_output);
  for (const auto& [name, c] : e.produce_errors) {
    int64_t n = 0;
    if (auto code = ErrorFromName(name); code && m.produce_errors.count(*code)) n = m.produce_errors.at(*code);
    ev.Add("produce_errors " + name, c.ToString(), std::to_string(n), c.Holds(n));
  }
  for (const auto& [group, c] : e.consumed) {
    auto it = m.consumed.find(group);
    int64_t n = it == m.consumed.end() ? 0 : it->second;
    ev.Add("consumed " + group, c.ToString(), std::to_string(n), c.Holds(n));
  }
  for (const auto& [group, c] : e.consumed_out_of_order) {
    auto it = m.consumed_out_of_order.find(group);
    int64_t n = it == m.consumed_out_of_order.end() ? 0 : it->second;
    ev.Add("consumed_out_of_order " + group, c.ToString(), std::to_string(n), c.Holds(n));
  }
  for (const auto& [group, c] : e.redelivered) {
    auto it = m.redelivered.find(group);
    int64_t n = it == m.redelivered.end() ? 0 : it->second;
    ev.Add("redelivered " + group, c.ToString(), std::to_string(n), c.Holds(n));
  }
  for (const auto& [group, c] : e.aborted_read) {
    auto it = m.aborted_read.find(group);
    int64_t n = it == m.aborted_read.end() ? 0 : it->second;
    ev.Add("aborted_read " + group, c.ToString(), std::to_string(n), c.Holds(n));
  }
  ev.Num("transactions committed", e.transactions_committed, m.transactions_committed);
  ev.Num("transactions aborted", e.transactions_aborted, m.transactions_aborted);
  EvaluatePartitions(e, ev);
  if (e.controller) {
    std::string got = ev.NodeName(sim.Controller());
    ev.Add("controller", *e.controller, got, got == *e.controller);
  }
  if (e.controller_epoch) {
    int64_t got = sim.history().max_controller_epoch().value();
    ev.Add("controller_epoch", e.controller_epoch->ToString(), std::to_string(got), e.controller_epoch->Holds(got));
  }
  EvaluateKRaft(e, ev);
  return ev.Take();
}

// Divergence first: replicas that disagree below the HW are never repaired
// (KIP-101's second case), and such a run usually loses records too — a
// search names it by the worse of the two.
std::vector<VerdictLine> DefaultDataChecks(const scenario::Expectations& e, const Measurements& m) {
  std::vector<VerdictLine> out;
  if (!e.replica_divergence) {
    out.push_back(VerdictLine{"replicas agree below the HW (always checked)", "== 0",
                              std::to_string(m.replica_divergence), m.replica_divergence == 0, -1});
  }
  if (!e.lost_acked) {
    out.push_back(VerdictLine{"no acks=all record lost (always checked)", "== 0", std::to_string(m.lost_acked_all),
                              m.lost_acked_all == 0, -1});
  }
  if (m.aborted_read_committed > 0 || m.transactions_committed + m.transactions_aborted > 0) {
    out.push_back(VerdictLine{"no record of an aborted transaction read_committed (always checked)", "== 0",
                              std::to_string(m.aborted_read_committed), m.aborted_read_committed == 0, -1});
  }
  return out;
}

}  // namespace kafkasim::sim
