#include "sim/check/history.h"

#include <algorithm>

namespace kafkasim::sim {

void History::Record(TimeNs at, const Observation& obs) {
  if (auto* s = std::get_if<ObsProduceSend>(&obs)) {
    sent_[s->uid] = SentRecord{s->producer, s->tp, s->key, at};
  } else if (auto* r = std::get_if<ObsProduceResult>(&obs)) {
    for (size_t i = 0; i < r->uids.size(); ++i) {
      RecordUid u = r->uids[i];
      if (r->error == ErrorCode::NONE) {
        acked_[u] = r->acks;
        if (r->base_offset.value() >= 0) acked_offset_[u] = r->base_offset + static_cast<int64_t>(i);
      } else {
        failed_[u] = r->error;
      }
    }
    // Client-side failures (no broker error response preceded them).
    if (r->error == ErrorCode::DELIVERY_TIMEOUT) ++produce_errors_[r->error];
  } else if (auto* e = std::get_if<ObsProduceError>(&obs)) {
    ++produce_errors_[e->error];
  } else if (auto* c = std::get_if<ObsConsumed>(&obs)) {
    const int times = ++consumed_[c->group][c->uid];
    consumed_at_[c->group].push_back(ConsumedAt{c->tp, c->offset, c->uid});
    if (times > 1) repeats_.push_back(RepeatConsumed{c->group, c->consumer, c->tp, c->offset, c->uid, times, at});
    if (times == 1) {
      int64_t& late = consumed_out_of_order_[c->group];
      auto [it, fresh] =
          max_seq_consumed_.emplace(std::pair{c->group, RecordUidProducer(c->uid)}, RecordUidSeq(c->uid));
      if (!fresh && RecordUidSeq(c->uid) < it->second) ++late;
      if (!fresh) it->second = std::max(it->second, RecordUidSeq(c->uid));
    }
  } else if (auto* d = std::get_if<ObsRedelivered>(&obs)) {
    ++dedup_skipped_[d->group];
  } else if (auto* t = std::get_if<ObsTxnCompleted>(&obs)) {
    ++(t->committed ? txn_committed_ : txn_aborted_);
  } else if (auto* k = std::get_if<ObsOffsetCommit>(&obs)) {
    committed_[k->group][k->tp] = k->offset;
    auto& marks = commits_[k->group][k->tp];
    if (marks.empty() || marks.back().offset != k->offset) marks.push_back(CommitMark{k->consumer, k->offset, at});
  } else if (auto* i = std::get_if<ObsIsrChange>(&obs); i != nullptr && i->by_leader) {
    // The leader's own ISR changes only (Partition.scala's listener); the
    // controller removing a dead broker marks no meter.
    if (i->new_isr.size() < i->old_isr.size()) ++meters_[i->node].isr_shrinks;
    if (i->new_isr.size() > i->old_isr.size()) ++meters_[i->node].isr_expands;
  } else if (auto* e = std::get_if<ObsElection>(&obs)) {
    // Not a new partition's first leader (epoch 0): Kafka's meter counts
    // elections after a broker change (ControllerState.BrokerChange).
    if (e->leader != kNoNode && e->leader_epoch.value() > 0) ++meters_[e->controller].leader_elections;
    if (e->unclean) ++meters_[e->controller].unclean_elections;
  } else if (auto* ce = std::get_if<ObsControllerElected>(&obs)) {
    max_controller_epoch_ = std::max(max_controller_epoch_, ce->epoch);
  }
}

}  // namespace kafkasim::sim
