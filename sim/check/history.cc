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
    if (++consumed_[c->group][c->uid] == 1) {
      int64_t& late = consumed_out_of_order_[c->group];
      auto [it, fresh] = max_seq_consumed_.emplace(std::pair{c->group, RecordUidProducer(c->uid)}, RecordUidSeq(c->uid));
      if (!fresh && RecordUidSeq(c->uid) < it->second) ++late;
      if (!fresh) it->second = std::max(it->second, RecordUidSeq(c->uid));
    }
  } else if (auto* k = std::get_if<ObsOffsetCommit>(&obs)) {
    committed_[k->group][k->tp] = k->offset;
  } else if (auto* ce = std::get_if<ObsControllerElected>(&obs)) {
    max_controller_epoch_ = std::max(max_controller_epoch_, ce->epoch);
  }
}

}  // namespace kafkasim::sim
