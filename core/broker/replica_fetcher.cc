#include "core/broker/replica_fetcher.h"

#include <algorithm>

#include "core/broker/replica_manager.h"
#include "core/observe/observation.h"
#include "core/protocol/message.h"

namespace kafkasim::broker {

ReplicaFetcher::ReplicaFetcher(Env& env, const config::BrokerConfig& cfg, ReplicaManager& rm)
    : env_(env), cfg_(cfg), rm_(rm) {}

ReplicaFetcher::Follow* ReplicaFetcher::FindFollow(const TopicPartition& tp, NodeId leader) {
  auto it = follows_.find(tp);
  return it == follows_.end() || it->second.leader != leader ? nullptr : &it->second;
}

void ReplicaFetcher::AddPartition(Partition& p) {
  Follow& f = follows_[p.tp()];
  f = Follow{p.leader(), p.leader_epoch(), State::kTruncating};
  // A new partition joins the next fetch at once (Kafka's fetcher thread
  // wakes on addPartitions); an outstanding fetch to this leader — perhaps to
  // a process that died and will never answer — is abandoned, its response
  // ignored by correlation id.
  Session& s = sessions_[f.leader];
  if (s.in_flight >= 0) {
    env_.timers.Cancel(s.timeout);
    s.in_flight = -1;
  }
  BeginTruncation(p, f);
}

void ReplicaFetcher::Remove(const TopicPartition& tp) { follows_.erase(tp); }

void ReplicaFetcher::BeginTruncation(Partition& p, Follow& f) {
  std::optional<LeaderEpoch> latest = p.log().LatestEpoch();
  if (cfg_.log_truncation == config::TruncationMode::kHighWatermark || !latest) {
    // Before KIP-101 a new follower cut its log at its own high watermark —
    // which may be behind what the cluster committed.
    p.TruncateTo(p.high_watermark(), "truncate to own high watermark " + std::to_string(p.high_watermark().value()) +
                                         (latest ? " (legacy, pre KIP-101)" : " (no leader epochs yet)"));
    f.state = State::kFetching;
    MaybeFetch(f.leader);
    return;
  }
  int32_t corr = next_correlation_++;
  epoch_requests_[corr] = p.tp();
  OffsetsForLeaderEpochRequest req{corr, env_.self.value(), {{p.tp(), f.epoch, *latest}}};
  env_.net.Send(f.leader, std::move(req));
  // A lost request or response is retried after the socket timeout.
  TopicPartition tp = p.tp();
  env_.timers.Schedule(Ms(cfg_.replica_socket_timeout_ms), [this, tp, corr] {
    if (!epoch_requests_.erase(corr)) return;
    Partition* q = rm_.partition(tp);
    auto it = follows_.find(tp);
    if (q && it != follows_.end() && it->second.state == State::kTruncating) BeginTruncation(*q, it->second);
  });
}

void ReplicaFetcher::OnEpochResponse(NodeId from, const OffsetsForLeaderEpochResponse& resp) {
  auto req = epoch_requests_.find(resp.correlation_id);
  if (req == epoch_requests_.end()) return;
  epoch_requests_.erase(req);
  for (const EpochEndOffset& e : resp.partitions) {
    Follow* f = FindFollow(e.tp, from);
    Partition* p = rm_.partition(e.tp);
    if (!f || !p || f->state != State::kTruncating) continue;
    if (e.error_code != ErrorCode::NONE) {
      f->state = State::kDelayed;
      TopicPartition tp = e.tp;
      env_.timers.Schedule(Ms(cfg_.replica_fetch_backoff_ms), [this, tp] {
        auto it = follows_.find(tp);
        Partition* q = rm_.partition(tp);
        if (it != follows_.end() && q && it->second.state == State::kDelayed) {
          it->second.state = State::kTruncating;
          BeginTruncation(*q, it->second);
        }
      });
      continue;
    }
    TruncateForLeaderEpoch(*p, e);
    f->state = State::kFetching;
  }
  MaybeFetch(from);
}

void ReplicaFetcher::TruncateForLeaderEpoch(Partition& p, const EpochEndOffset& e) {
  if (e.leader_epoch == kNoLeaderEpoch || e.end_offset < Offset{0}) {
    p.TruncateTo(p.high_watermark(), "leader has no such epoch: truncate to high watermark");
    return;
  }
  const std::string answer = "leader epoch " + std::to_string(e.leader_epoch.value()) + " ends at " +
                             std::to_string(e.end_offset.value()) + " on the leader (OffsetsForLeaderEpoch)";
  if (cfg_.log_truncation == config::TruncationMode::kLeaderEpochV0) {
    // KIP-101 as first shipped: the answer is only an offset. A follower whose
    // last epoch the leader never had keeps everything below that offset —
    // records of its own epoch sitting where the leader has others (KIP-279).
    p.TruncateTo(std::min(e.end_offset, p.log_end_offset()), answer + ", legacy v0: epoch not compared");
    return;
  }
  // KIP-279: the leader answers with the largest epoch it has at or below
  // ours; truncate to min(leader's end of that epoch, our own end of it).
  Offset my_end = p.log().EndOffsetForEpoch(e.leader_epoch).end_offset;
  Offset target = my_end < Offset{0} ? e.end_offset : std::min(e.end_offset, my_end);
  p.TruncateTo(target, answer);
}

void ReplicaFetcher::MaybeFetch(NodeId leader) {
  Session& s = sessions_[leader];
  if (s.in_flight >= 0 || s.backoff_scheduled) return;
  FetchRequest req;
  req.replica_id = env_.self.value();
  req.max_wait_ms = cfg_.replica_fetch_wait_max_ms;
  req.min_bytes = cfg_.replica_fetch_min_bytes;
  for (auto& [tp, f] : follows_) {
    if (f.leader != leader || f.state != State::kFetching) continue;
    Partition* p = rm_.partition(tp);
    if (!p) continue;
    // KIP-320: the leader epoch this follower knows, so a leader on a newer
    // epoch fences it (replica.fetch.leader.epoch=false: legacy, none sent).
    LeaderEpoch known = cfg_.replica_fetch_leader_epoch ? f.epoch : kNoLeaderEpoch;
    req.partitions.push_back(
        FetchPartition{tp, known, p->log_end_offset(), p->log().log_start_offset(), cfg_.replica_fetch_max_bytes});
  }
  if (req.partitions.empty()) return;
  req.correlation_id = next_correlation_++;
  s.in_flight = req.correlation_id;
  int32_t corr = req.correlation_id;
  env_.net.Send(leader, std::move(req));
  TimeNs timeout = Ms(cfg_.replica_socket_timeout_ms) + Ms(cfg_.replica_fetch_wait_max_ms);
  s.timeout = env_.timers.Schedule(timeout, [this, leader, corr] {
    Session& t = sessions_[leader];
    if (t.in_flight != corr) return;
    t.in_flight = -1;
    MaybeFetch(leader);
  });
}

void ReplicaFetcher::Backoff(NodeId leader) {
  Session& s = sessions_[leader];
  if (s.backoff_scheduled) return;
  s.backoff_scheduled = true;
  env_.timers.Schedule(Ms(cfg_.replica_fetch_backoff_ms), [this, leader] {
    sessions_[leader].backoff_scheduled = false;
    for (auto& [tp, f] : follows_)
      if (f.leader == leader && f.state == State::kDelayed) f.state = State::kFetching;
    MaybeFetch(leader);
  });
}

bool ReplicaFetcher::ApplyFetched(Partition& p, const FetchPartitionResponse& r) {
  if (r.error_code == ErrorCode::OFFSET_OUT_OF_RANGE) {
    if (r.log_end_offset >= Offset{0} && r.log_end_offset < p.log_end_offset()) {
      p.TruncateTo(r.log_end_offset, "fetch offset beyond the leader's log end (unclean leader?)");
    } else if (r.log_start_offset > p.log_end_offset()) {
      p.log().TruncateFullyAndStartAt(r.log_start_offset);
    }
    return true;
  }
  if (r.error_code == ErrorCode::FENCED_LEADER_EPOCH) {
    env_.observer.Observe(ObsFenced{env_.self, p.tp(),
                                    "fetch from the leader refused (FENCED_LEADER_EPOCH): this follower still knows "
                                    "leader epoch " +
                                        std::to_string(p.leader_epoch().value()) +
                                        "; it waits for the controller's LeaderAndIsr (KIP-320)"});
  }
  if (r.error_code != ErrorCode::NONE) return false;
  for (const SharedBytes& batch : r.records) {
    auto h = record::ParseBatchHeader(*batch);
    if (!h.ok()) return false;
    if (Offset{h->last_offset()} < p.log_end_offset()) continue;  // already have it
    if (Offset{h->base_offset} < p.log_end_offset()) {
      p.TruncateTo(Offset{h->base_offset}, "batch boundary differs from the leader's");
    }
    if (!p.AppendAsFollower(batch).ok()) return false;
  }
  p.UpdateFollowerHighWatermark(r.high_watermark);
  rm_.OnFollowerProgress(p.tp());
  return true;
}

void ReplicaFetcher::OnFetchResponse(NodeId from, const FetchResponse& resp) {
  Session& s = sessions_[from];
  if (s.in_flight != resp.correlation_id) return;  // late or duplicated
  s.in_flight = -1;
  env_.timers.Cancel(s.timeout);
  bool backoff = false;
  for (const auto& r : resp.partitions) {
    Follow* f = FindFollow(r.tp, from);
    Partition* p = rm_.partition(r.tp);
    if (!f || !p || f->state != State::kFetching) continue;
    if (!ApplyFetched(*p, r)) {
      f->state = State::kDelayed;
      backoff = true;
    }
  }
  if (backoff) Backoff(from);
  MaybeFetch(from);
}

void ReplicaFetcher::OnPeerUnreachable(NodeId leader) {
  auto it = sessions_.find(leader);
  if (it == sessions_.end() || it->second.in_flight < 0) return;
  env_.timers.Cancel(it->second.timeout);
  it->second.in_flight = -1;
  Backoff(leader);
}

bool ReplicaFetcher::OnMessage(NodeId from, const Message& m) {
  if (auto* f = std::get_if<FetchResponse>(&m)) {
    OnFetchResponse(from, *f);
    return true;
  }
  if (auto* e = std::get_if<OffsetsForLeaderEpochResponse>(&m)) {
    OnEpochResponse(from, *e);
    return true;
  }
  return false;
}

}  // namespace kafkasim::broker
