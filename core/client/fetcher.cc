// core/client/fetcher.cc — fetches, buffering, ListOffsets resets.
#include "core/client/fetcher.h"

#include "core/client/aborted_txn_filter.h"
#include "core/observe/observation.h"
#include "core/protocol/message.h"

#include "core/client/kafka_producer.h"  // kRecordUidHeader, DecodeUid

namespace kafkasim::client {

namespace {
bool FetchErrorNeedsMetadata(ErrorCode e) {
  return e == ErrorCode::NOT_LEADER_OR_FOLLOWER || e == ErrorCode::FENCED_LEADER_EPOCH ||
         e == ErrorCode::UNKNOWN_LEADER_EPOCH || e == ErrorCode::UNKNOWN_TOPIC_OR_PARTITION ||
         e == ErrorCode::LEADER_NOT_AVAILABLE || e == ErrorCode::REQUEST_TIMED_OUT ||
         e == ErrorCode::NETWORK_EXCEPTION || e == ErrorCode::KAFKA_STORAGE_ERROR;
}
}  // namespace

Fetcher::Fetcher(Env& env, const config::ConsumerConfig& cfg, ClientMetadata& metadata, RequestTracker& tracker,
                 SubscriptionState& subs)
    : env_(env), cfg_(cfg), metadata_(metadata), tracker_(tracker), subs_(subs) {}

Fetcher::~Fetcher() { env_.timers.Cancel(retry_timer_); }

void Fetcher::RetryLater() {
  if (retry_timer_ != 0) return;
  retry_timer_ = env_.timers.Schedule(Ms(cfg_.retry_backoff_ms), [this] {
    retry_timer_ = 0;
    SendRequests();
  });
}

void Fetcher::SendRequests() {
  SendListOffsets();
  std::map<NodeId, std::vector<TopicPartition>> by_leader;
  std::map<NodeId, std::vector<TopicPartition>> to_validate;
  for (auto& [tp, st] : subs_.assigned) {
    if (!st.position || st.awaiting_reset || st.awaiting_validation || buffered_.contains(tp)) continue;
    PartitionLeader leader = metadata_.LeaderOf(tp);
    if (leader.leader == kNoNode) {
      metadata_.RequestUpdate();
      RetryLater();
      continue;
    }
    if (NeedsValidation(st, leader)) {
      to_validate[leader.leader].push_back(tp);
      continue;
    }
    st.validated_leader_epoch = std::max(st.validated_leader_epoch, leader.epoch);
    if (!fetching_.contains(leader.leader)) by_leader[leader.leader].push_back(tp);
  }
  for (const auto& [broker, parts] : to_validate) SendValidation(broker, parts);
  for (const auto& [broker, parts] : by_leader) SendFetch(broker, parts);
}

void Fetcher::SendFetch(NodeId broker, const std::vector<TopicPartition>& parts) {
  FetchRequest req;
  req.max_wait_ms = cfg_.fetch_max_wait_ms;
  req.min_bytes = cfg_.fetch_min_bytes;
  req.isolation_level = cfg_.read_committed ? IsolationLevel::READ_COMMITTED : IsolationLevel::READ_UNCOMMITTED;
  std::map<TopicPartition, Offset> requested;
  for (const auto& tp : parts) {
    Offset pos = *subs_.assigned[tp].position;
    requested[tp] = pos;
    FetchPartition fp;
    fp.tp = tp;
    fp.current_leader_epoch = metadata_.LeaderOf(tp).epoch;
    fp.fetch_offset = pos;
    fp.partition_max_bytes = cfg_.max_partition_fetch_bytes;
    req.partitions.push_back(fp);
  }
  fetching_.insert(broker);
  tracker_.Send(broker, std::move(req), cfg_.request_timeout_ms + cfg_.fetch_max_wait_ms,
                [this, broker, requested, sent = env_.Now()](const Message* m, ErrorCode err) {
                  OnFetchResponse(broker, requested, m, err, sent);
                });
}

void Fetcher::OnFetchResponse(NodeId broker, const std::map<TopicPartition, Offset>& requested, const Message* m,
                              ErrorCode err, TimeNs sent_ns) {
  fetching_.erase(broker);
  const auto* resp = ResponseAs<FetchResponse>(m);
  if (err != ErrorCode::NONE || resp == nullptr || resp->error_code != ErrorCode::NONE) {
    metadata_.RequestUpdate();
    RetryLater();
    return;
  }
  size_t taken = 0;
  bool errors = false;
  for (const auto& p : resp->partitions) {
    auto req = requested.find(p.tp);
    ConsumerPartitionState* st = subs_.Find(p.tp);
    // Stale: revoked meanwhile, or the position moved (Seek, reset).
    if (req == requested.end() || st == nullptr || st->position != req->second) continue;
    if (p.error_code != ErrorCode::NONE) {
      HandlePartitionError(p.tp, p.error_code);
      errors = true;
      continue;
    }
    taken += TakeRecords(broker, p.tp, req->second, p);
  }
  if (taken > 0 && on_data_) on_data_();
  // An empty answer that came back well before fetch.max.wait.ms (a broker
  // that does not hold fetches) must not turn into a busy loop.
  bool early_empty = taken == 0 && env_.Now() - sent_ns < Ms(cfg_.fetch_max_wait_ms) / 2;
  if (errors || early_empty) {
    RetryLater();
  } else {
    SendRequests();
  }
}

size_t Fetcher::TakeRecords(NodeId broker, const TopicPartition& tp, Offset from, const FetchPartitionResponse& p) {
  size_t taken = 0;
  // read_committed: the broker sent records below the LSO only, with the
  // aborted transactions among them (Fetcher.CompletedFetch).
  AbortedTxnFilter filter(cfg_.read_committed ? p.aborted_transactions : std::vector<AbortedTransaction>{});
  Offset next_fetch_offset = from;
  LeaderEpoch next_epoch = kNoLeaderEpoch;
  for (const auto& batch : p.records) {
    if (!batch) continue;
    auto header = record::ParseBatchHeader(*batch);
    if (!header.ok()) break;
    // Skipped batches (control, aborted) still move the position past them
    // (CompletedFetch.nextFetchOffset).
    bool skip = filter.Skip(*header, *batch);
    if (header->last_offset() >= from.value()) {
      next_fetch_offset = Offset{header->last_offset() + 1};
      next_epoch = LeaderEpoch{header->partition_leader_epoch};
    }
    if (skip) continue;
    int64_t first = -1;
    int64_t last = -1;
    auto st = reader_.ForEach(*batch, [&](const record::RecordView& r) {
      if (r.offset < from.value()) return;
      auto& q = buffered_[tp];
      if (q.size() >= kMaxBufferedRecordsPerPartition) return;
      ConsumerRecord rec;
      rec.tp = tp;
      rec.offset = Offset{r.offset};
      rec.timestamp_ms = r.timestamp;
      if (r.key) rec.key.emplace(reinterpret_cast<const char*>(r.key->data()), r.key->size());
      rec.value_bytes = r.value ? r.value->size() : 0;
      for (const auto& h : r.headers)
        if (h.key == kRecordUidHeader && h.value) rec.uid = DecodeUid(*h.value);
      rec.leader_epoch = LeaderEpoch{reader_.header().partition_leader_epoch};
      q.push_back(std::move(rec));
      if (first < 0) first = r.offset;
      last = r.offset;
      ++taken;
    });
    if (!st.ok()) {
      env_.observer.Observe(ObsNote{env_.self, "corrupt batch from " + tp.ToString() + ": " + st.error().message});
      break;
    }
    if (first >= 0)
      env_.observer.Observe(ObsFetched{env_.self, broker, tp, Offset{first}, Offset{last}, cfg_.read_committed});
  }
  // Nothing to hand over (only control or aborted batches): the position
  // moves past them, or the consumer would fetch them again forever.
  ConsumerPartitionState* state = subs_.Find(tp);
  if (taken == 0 && state != nullptr && !buffered_.count(tp) && next_fetch_offset > from)
    state->SetPosition(next_fetch_offset, next_epoch);
  return taken;
}

void Fetcher::HandlePartitionError(const TopicPartition& tp, ErrorCode e) {
  if (e == ErrorCode::OFFSET_OUT_OF_RANGE) {
    ConsumerPartitionState* st = subs_.Find(tp);
    std::string pos = st && st->position ? std::to_string(st->position->value()) : "?";
    if (cfg_.auto_offset_reset == config::OffsetReset::kNone) {
      st->reset_failed = true;
      st->position.reset();
      env_.observer.Observe(ObsNote{env_.self, "offset " + pos + " out of range for " + tp.ToString() +
                                                   " and auto.offset.reset=none: partition stopped"});
      return;
    }
    st->awaiting_reset = true;
    env_.observer.Observe(ObsNote{
        env_.self, "offset " + pos + " out of range for " + tp.ToString() + ": resetting by auto.offset.reset"});
    return;
  }
  if (FetchErrorNeedsMetadata(e)) metadata_.RequestUpdate();
}

bool Fetcher::HasBuffered() const { return !buffered_.empty(); }

std::vector<ConsumerRecord> Fetcher::Drain(size_t max) {
  std::vector<ConsumerRecord> out;
  if (buffered_.empty()) return out;
  // Start after the partition served last, so no partition starves.
  auto it = buffered_.upper_bound(last_drained_);
  if (it == buffered_.end()) it = buffered_.begin();
  while (out.size() < max && !buffered_.empty()) {
    auto& q = it->second;
    ConsumerPartitionState* st = subs_.Find(it->first);
    while (st != nullptr && !q.empty() && out.size() < max) {
      st->SetPosition(q.front().offset + 1, q.front().leader_epoch);
      out.push_back(std::move(q.front()));
      q.pop_front();
    }
    last_drained_ = it->first;
    it = (q.empty() || st == nullptr) ? buffered_.erase(it) : std::next(it);
    if (it == buffered_.end()) it = buffered_.begin();
  }
  return out;
}

void Fetcher::SendListOffsets() {
  std::map<NodeId, ListOffsetsRequest> by_leader;
  for (const auto& [tp, st] : subs_.assigned) {
    if (!st.awaiting_reset || resetting_.contains(tp)) continue;
    PartitionLeader l = metadata_.LeaderOf(tp);
    if (l.leader == kNoNode) {
      metadata_.RequestUpdate();
      RetryLater();
      continue;
    }
    int64_t ts = cfg_.auto_offset_reset == config::OffsetReset::kEarliest ? kEarliestTimestamp : kLatestTimestamp;
    by_leader[l.leader].partitions.push_back({tp, l.epoch, ts});
    resetting_.insert(tp);
  }
  for (auto& [broker, req] : by_leader) {
    req.isolation_level = cfg_.read_committed ? IsolationLevel::READ_COMMITTED : IsolationLevel::READ_UNCOMMITTED;
    std::vector<TopicPartition> parts;
    for (const auto& p : req.partitions) parts.push_back(p.tp);
    tracker_.Send(broker, std::move(req), cfg_.request_timeout_ms, [this, parts](const Message* m, ErrorCode err) {
      for (const auto& tp : parts) resetting_.erase(tp);
      OnListOffsets(m, err);
    });
  }
}

void Fetcher::OnListOffsets(const Message* m, ErrorCode err) {
  const auto* resp = ResponseAs<ListOffsetsResponse>(m);
  if (err != ErrorCode::NONE || resp == nullptr) {
    metadata_.RequestUpdate();
    RetryLater();
    return;
  }
  for (const auto& p : resp->partitions) {
    ConsumerPartitionState* st = subs_.Find(p.tp);
    if (st == nullptr || !st->awaiting_reset) continue;
    if (p.error_code != ErrorCode::NONE || p.offset.value() < 0) {
      if (FetchErrorNeedsMetadata(p.error_code)) metadata_.RequestUpdate();
      RetryLater();
      continue;
    }
    st->awaiting_reset = false;
    st->SetPosition(p.offset);
    Drop(p.tp);
  }
  SendRequests();
}

}  // namespace kafkasim::client
