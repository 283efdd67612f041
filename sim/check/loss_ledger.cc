// sim/check/loss_ledger.cc — see the header.
#include "sim/check/loss_ledger.h"

#include <algorithm>
#include <cstdint>

#include "core/util/assert.h"
#include "sim/check/final_log.h"
#include "sim/report/story.h"
#include "sim/simulation.h"

namespace kafkasim::sim {
namespace {

std::string Trim(std::string s) {
  while (!s.empty() && s.front() == ' ') s.erase(s.begin());
  return s;
}

// Whether `records` (offset order) hold `uid` at `offset`. Offsets are
// usually contiguous (gaps: control records), so the index is tried first.
bool LedgerHoldsAt(const std::vector<std::pair<int64_t, RecordUid>>& records, int64_t offset, RecordUid uid) {
  if (records.empty()) return false;
  const auto guess = static_cast<uint64_t>(offset - records.front().first);
  if (guess < records.size() && records[guess].first == offset) return records[guess].second == uid;
  auto it = std::lower_bound(records.begin(), records.end(), offset,
                             [](const std::pair<int64_t, RecordUid>& r, int64_t o) { return r.first < o; });
  return it != records.end() && it->first == offset && it->second == uid;
}

}  // namespace

const std::vector<RecordUid>& LossLedger::AckedUids::Normalized() {
  if (sorted < uids.size()) {
    const auto mid = uids.begin() + static_cast<std::ptrdiff_t>(sorted);
    std::sort(mid, uids.end());
    std::inplace_merge(uids.begin(), mid, uids.end());
    uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
    sorted = uids.size();
  }
  return uids;
}

void LossLedger::SetCause(const TopicPartition& tp, uint64_t event, TimeNs at, std::string text) {
  cause_[tp] = LossCause{event, at, std::move(text)};
  rejudge_.insert(tp);
}

void LossLedger::Observe(uint64_t event, TimeNs at, const Observation& obs) {
  auto broker = [](NodeId id) { return "broker-" + std::to_string(id.value()); };
  if (auto* r = std::get_if<ObsProduceResult>(&obs)) {
    if (r->error != ErrorCode::NONE) return;
    for (size_t i = 0; i < r->uids.size(); ++i) {
      const Offset off = r->base_offset.value() >= 0 ? r->base_offset + static_cast<int64_t>(i) : Offset{-1};
      acked_[r->uids[i]] = AckInfo{r->tp, off, r->acks, at, event};
      acked_in_[r->tp].uids.push_back(r->uids[i]);
      fresh_[r->tp].push_back(Ack{r->uids[i], off});
    }
  } else if (auto* e = std::get_if<ObsElection>(&obs)) {
    std::string text = e->leader == kNoNode ? e->tp.ToString() + " went offline (no leader): " + e->reason
                                            : broker(e->leader) + " was elected leader of " + e->tp.ToString() +
                                                  " (epoch " + std::to_string(e->leader_epoch.value()) +
                                                  (e->unclean ? ", UNCLEAN" : "") + "): " + e->reason;
    SetCause(e->tp, event, at, std::move(text));
  } else if (auto* b = std::get_if<ObsBecomeRole>(&obs)) {
    if (!b->leader) {
      rejudge_.insert(b->tp);
      return;
    }
    SetCause(b->tp, event, at, TookOver(event, *b));
  } else if (auto* t = std::get_if<ObsTruncate>(&obs)) {
    SetCause(t->tp, event, at,
             broker(t->node) + " truncated " + t->tp.ToString() + " from offset " + std::to_string(t->old_leo.value()) +
                 " to " + std::to_string(t->new_leo.value()) + " (" + t->reason + ")");
  } else if (auto* c = std::get_if<ObsIsrChange>(&obs)) {
    for (NodeId n : c->new_isr)
      if (std::find(c->old_isr.begin(), c->old_isr.end(), n) == c->old_isr.end()) joined_isr_[{c->tp, n}] = event;
    rejudge_.insert(c->tp);
  }
}

// A broker taking over as leader. When it lost power since the previous
// takeover and has not rejoined the ISR since (it led, or it was still in
// the ISR when every replica went down), its log may lack records it held,
// and its followers truncate to it. Leader epochs (KIP-101) trust the
// leader's log; this is the unclean-shutdown case KIP-966 closes: in Kafka
// 3.9's KRaft a broker registering after an unclean shutdown is taken out of
// every ISR and ELR (ReplicationControlManager.handleBrokerUncleanShutdown).
std::string LossLedger::TookOver(uint64_t event, const ObsBecomeRole& b) {
  const std::string who = "broker-" + std::to_string(b.node.value());
  const std::string epoch = std::to_string(b.leader_epoch.value());
  const Lead before = last_lead_[b.tp];
  last_lead_[b.tp] = Lead{b.node, b.leader_epoch, event};
  auto power = power_failed_at_.find(b.node);
  const uint64_t trusted_since = std::max(before.event, joined_isr_[{b.tp, b.node}]);
  if (power == power_failed_at_.end() || power->second < trusted_since) {
    return who + " took over as leader of " + b.tp.ToString() + " (epoch " + epoch +
           "); a deposed leader's unreplicated records are gone";
  }
  const bool same = before.node == b.node && before.epoch == b.leader_epoch;
  return who + " leads " + b.tp.ToString() + (same ? " again at the same epoch " : " at epoch ") + epoch +
         " after a power failure lost its unsynced records; its followers truncate to its shorter log. "
         "Leader epochs (KIP-101) trust the leader's log: this is the unclean-shutdown case KIP-966 closes "
         "(Kafka 3.9+, KRaft: a broker back from an unclean shutdown leaves every ISR)";
}

void LossLedger::OnFault(uint64_t event, TimeNs at, const std::string& what) {
  for (auto& [tp, records] : acked_in_) cause_[tp] = LossCause{event, at, "fault: " + what};
  rejudge_all_ = true;
}

void LossLedger::AfterEvent(const Simulation& sim, uint64_t event, TimeNs at) {
  if (rejudge_all_) {
    for (const auto& [tp, records] : acked_in_) rejudge_.insert(tp);
    rejudge_all_ = false;
  }
  // A fresh ack is judged by one batch of each replica that may still lead;
  // one nobody such holds (a zombie's, acks=0's) sends its partition to a full look.
  DecodedBatches decoded;  // the logs do not change while this event is judged
  for (const auto& [tp, acks] : fresh_) {
    if (rejudge_.count(tp)) continue;
    if (std::any_of(acks.begin(), acks.end(), [](const Ack& a) { return a.offset.value() < 0; })) {
      unsettled_.insert(tp);  // acks=0: no offset to look at; Settle judges it
      continue;
    }
    const AtRiskHolders h = AtRiskHoldersOf(sim, tp);
    Offset lo{INT64_MAX}, hi{-1};
    for (const Ack& a : acks) {
      lo = std::min(lo, a.offset);
      hi = std::max(hi, a.offset);
    }
    std::vector<std::vector<std::pair<int64_t, RecordUid>>> held_by;  // per holder, read once
    if (lo.value() >= 0) {
      for (NodeId id : h.live) held_by.push_back(ReplicaRecordsBetween(sim, id, tp, lo, hi, decoded));
    }
    // Not at its offset on any live replica that may lead: lost as it is
    // acknowledged (a zombie's ack) — unless a disk or an unreadable
    // ZooKeeper leaves room for doubt, or there is no offset (acks=0): then
    // the whole partition is judged again.
    const bool sure = lo.value() >= 0 && h.zk_known && h.down_leader == kNoNode && !h.live.empty();
    for (const Ack& a : acks) {
      bool held = false;
      for (const auto& records : held_by) held = held || LedgerHoldsAt(records, a.offset.value(), a.uid);
      if (held) continue;
      if (!sure) {
        rejudge_.insert(tp);
        break;
      }
      MarkLost(a.uid, tp, LossCause{event, at, ""});
    }
  }
  fresh_.clear();
  for (const TopicPartition& tp : rejudge_) Rejudge(sim, tp, LossCause{event, at, ""});
  rejudge_.clear();
}

void LossLedger::Settle(const Simulation& sim, uint64_t event, TimeNs at) {
  for (const TopicPartition& tp : std::set<TopicPartition>(unsettled_)) Rejudge(sim, tp, LossCause{event, at, ""});
}

void LossLedger::Rejudge(const Simulation& sim, const TopicPartition& tp, const LossCause& now) {
  unsettled_.erase(tp);
  auto records = acked_in_.find(tp);
  if (records == acked_in_.end()) return;
  std::optional<FinalLog> f = FinalLogOf(sim, tp);
  std::set<RecordUid> held = HeldAtRisk(sim, tp, f);
  if (f) held.insert(f->servable.begin(), f->servable.end());
  for (RecordUid uid : records->second.Normalized()) {
    const AckInfo& a = *acked_.find(uid);
    const bool expired = f && a.offset.value() >= 0 && a.offset < f->log_start;
    if (held.count(uid) || expired) {
      lost_.erase(uid);  // back (a replica holding it was elected after all)
      continue;
    }
    MarkLost(uid, tp, now);
  }
}

void LossLedger::MarkLost(RecordUid uid, const TopicPartition& tp, const LossCause& now) {
  if (lost_.count(uid)) return;
  const AckInfo* found = acked_.find(uid);
  KSIM_ASSERT(found != nullptr, "a record is judged lost only once acknowledged");
  const AckInfo& a = *found;
  const LossCause& cause = cause_[tp];
  LostRecord r{tp, a.offset, a.acks, a.at, a.event, cause};
  if (a.event > cause.event) {
    // Acknowledged after the event that doomed it: lost as it was acknowledged.
    const std::string why = a.acks == 0 ? "acks=0: counted as sent, but no replica that may lead holds it"
                                        : "acknowledged by a replica that can no longer lead";
    r.lost = LossCause{now.event, now.at, why + "; last change: " + (cause.text.empty() ? "none" : cause.text)};
  }
  if (r.lost.text.empty()) r.lost = LossCause{now.event, now.at, "no replica that may lead holds it"};
  lost_.emplace(uid, std::move(r));
}

std::string DescribeLoss(const LostRecord& r) {
  return r.tp.ToString() + " offset " + std::to_string(r.offset.value()) +
         " (acks=" + (r.acks == -1 ? std::string("all") : std::to_string(r.acks)) + ") acknowledged at " +
         Trim(FormatTime(r.acked_at)) + ", lost at " + Trim(FormatTime(r.lost.at)) + " (event " +
         std::to_string(r.lost.event) + "): " + r.lost.text;
}

}  // namespace kafkasim::sim
