#include "core/broker/replica_manager.h"

#include <algorithm>

#include "core/broker/hw_checkpoint.h"
#include "core/broker/replica_fetcher.h"
#include "core/observe/observation.h"
#include "core/protocol/message.h"
#include "core/util/strings.h"

namespace kafkasim::broker {
namespace {

constexpr int64_t kHwCheckpointIntervalMs = 5000;  // replica.high.watermark.checkpoint.interval.ms

std::string LogDir(const TopicPartition& tp) { return tp.ToString() + "/"; }

}  // namespace

ReplicaManager::ReplicaManager(Env& env, const config::BrokerConfig& cfg,
                               std::map<std::string, config::TopicConfig> topics, ControlPlane& control_plane)
    : env_(env),
      log_dir_(env.disk, [this](const Error& e) { OnLogDirFailure(e); }),
      cfg_(cfg),
      topic_configs_(std::move(topics)),
      control_plane_(control_plane),
      produce_purgatory_(env, [this](const TopicPartition& tp) { return partition(tp); }),
      fetch_purgatory_(
          env,
          [this](const FetchRequest& req, ReadFrom read_from, size_t& bytes) {
            return ReadForFetch(req, read_from, bytes);
          },
          [this](NodeId to, FetchResponse r) { env_.net.Send(to, std::move(r)); },
          [this](const FetchRequest& req) { return NothingNewToFetch(req); }),
      fetcher_(std::make_unique<ReplicaFetcher>(env, cfg, *this)) {}

ReplicaManager::~ReplicaManager() = default;

void ReplicaManager::Start() {
  LoadHighWatermarks();
  // Kafka checks ISRs every replica.lag.time.max.ms / 2.
  Every(std::max<int64_t>(1, cfg_.replica_lag_time_max_ms / 2), [this] { CheckIsr(); });
  Every(kHwCheckpointIntervalMs, [this] { CheckpointHighWatermarks(); });
  Every(cfg_.log_retention_check_interval_ms, [this] { RunRetention(); });
}

void ReplicaManager::Every(int64_t period_ms, std::function<void()> fn) {
  env_.timers.Schedule(Ms(period_ms), [this, period_ms, fn = std::move(fn)]() mutable {
    fn();
    Every(period_ms, std::move(fn));
  });
}

Partition* ReplicaManager::partition(const TopicPartition& tp) {
  auto it = partition_index_.find(tp);
  return it == partition_index_.end() ? nullptr : it->second;
}

const Partition* ReplicaManager::partition(const TopicPartition& tp) const {
  auto it = partition_index_.find(tp);
  return it == partition_index_.end() ? nullptr : it->second;
}

// Kafka's getOrCreatePartition + LogManager.getOrCreateLog. A log that
// cannot be opened — the disk refused a write its recovery needs — is an
// error value (Kafka: KafkaStorageException), and the log dir is offline
// with it (log_dir_ reported the failure).
Result<Partition*> ReplicaManager::GetOrCreate(const TopicPartition& tp) {
  if (Partition* p = partition(tp)) return p;
  auto tc = topic_configs_.count(tp.topic) ? topic_configs_.at(tp.topic) : config::TopicConfig{};
  config::EffectiveTopicConfig eff = config::Resolve(tc, cfg_);
  auto log = log::Log::Open(log_dir_, LogDir(tp), log::LogSettings::From(eff), env_.Now());
  if (!log.ok()) {
    env_.observer.Observe(ObsNote{env_.self, "log " + tp.ToString() + " cannot be opened: " + log.error().message});
    return log.error();
  }
  if (const auto& cut = (*log)->recovery_cut()) {
    std::string text = "log recovery cut " + tp.ToString() + " at offset " + std::to_string(cut->at.value()) + ": " +
                       cut->reason + " (" + std::to_string(cut->bytes) + " bytes dropped";
    if (cut->later_segments_deleted > 0)
      text += ", " + std::to_string(cut->later_segments_deleted) + " later segment(s)";
    env_.observer.Observe(ObsNote{env_.self, text + ")"});
  }
  auto p = std::make_unique<Partition>(env_, tp, std::move(log).value(), eff, cfg_.replica_lag_time_max_ms);
  auto hw = checkpointed_hw_.find(tp);
  if (hw != checkpointed_hw_.end()) p->RestoreHighWatermark(hw->second);
  Partition* ref = p.get();
  partitions_[tp] = std::move(p);
  partition_index_[tp] = ref;
  return ref;
}

// ---------------------------------------------------------------- produce

ProducePartitionResponse ReplicaManager::AppendOne(const ProducePartitionData& d, int16_t acks, Offset& required,
                                                   AppendOrigin origin) {
  ProducePartitionResponse r;
  r.tp = d.tp;
  Partition* p = partition(d.tp);
  if (p == nullptr || !p->is_leader()) {
    r.error_code = p ? ErrorCode::NOT_LEADER_OR_FOLLOWER : ErrorCode::UNKNOWN_TOPIC_OR_PARTITION;
    if (p == nullptr && topic_configs_.count(d.tp.topic)) r.error_code = ErrorCode::NOT_LEADER_OR_FOLLOWER;
    return r;
  }
  Bytes batch = d.records ? *d.records : Bytes{};
  LeaderAppendResult a = p->AppendAsLeader(batch, acks, origin);
  r.error_code = a.error;
  r.error_message = a.message;
  r.base_offset = a.base_offset;
  r.log_start_offset = p->log().log_start_offset();
  required = a.last_offset + 1;
  if (a.error == ErrorCode::NONE) {
    messages_in_ += a.last_offset.value() - a.base_offset.value() + 1;
    bytes_in_ += static_cast<int64_t>(batch.size());
    fetch_purgatory_.Wake(d.tp);
    if (!env_.buggify.Fire("skip_flush")) p->log().MaybeFlush(env_.Now());
  }
  return r;
}

// Kafka 3.4 ReplicaManager.appendToLocalLog marks failedProduceRequestRate
// (FailedProduceRequestsPerSec) per partition whose append threw — except for
// the known errors it lists (UnknownTopicOrPartition, NotLeaderOrFollower,
// RecordTooLarge, RecordBatchTooLarge, CorruptRecord, KafkaStorage): "it is
// supposed to indicate un-expected failures". NOT_ENOUGH_REPLICAS counts.
bool ReplicaManager::CountsAsFailedProduce(ErrorCode e) {
  switch (e) {
    case ErrorCode::NONE:
    case ErrorCode::DUPLICATE_SEQUENCE_NUMBER:  // answered as the original append
    case ErrorCode::UNKNOWN_TOPIC_OR_PARTITION:
    case ErrorCode::NOT_LEADER_OR_FOLLOWER:
    case ErrorCode::MESSAGE_TOO_LARGE:
    case ErrorCode::CORRUPT_MESSAGE:
    case ErrorCode::KAFKA_STORAGE_ERROR:
      return false;
    default:
      return true;
  }
}

void ReplicaManager::HandleProduce(NodeId from, const ProduceRequest& req) {
  std::vector<PendingPartition> pending;
  bool any_appended = false;
  for (const auto& d : req.partitions) {
    Offset required{0};
    ProducePartitionResponse r = AppendOne(d, req.acks, required);
    if (CountsAsFailedProduce(r.error_code)) ++failed_produce_requests_;
    // A retried idempotent batch already in the log (DUPLICATE_SEQUENCE_NUMBER)
    // is acknowledged like the original append: with acks=all only once the HW
    // passes it (Kafka answers it through the same delayed produce). Answering
    // at once would acknowledge records only this leader has.
    bool appended = r.error_code == ErrorCode::NONE || r.error_code == ErrorCode::DUPLICATE_SEQUENCE_NUMBER;
    any_appended |= appended;
    // Only successful appends wait for replication; errors answer at once.
    pending.push_back(PendingPartition{d.tp, required, r, !(appended && req.acks == -1)});
  }
  if (req.acks == 0) return;  // acks=0: the producer expects no response at all
  auto reply = [this, from](ProduceResponse resp) { env_.net.Send(from, std::move(resp)); };
  if (req.acks == -1 && any_appended) {
    produce_purgatory_.Add(req.correlation_id, req.timeout_ms, std::move(pending), reply);
    return;
  }
  ProduceResponse resp{req.correlation_id, {}};
  for (auto& p : pending) resp.partitions.push_back(p.response);
  reply(std::move(resp));
}

// ---------------------------------------------------------------- fetch

FetchPartitionResponse ReplicaManager::ReadPartition(const FetchRequest& req, const FetchPartition& fp,
                                                     ReadFrom read_from) {
  FetchPartitionResponse r;
  r.tp = fp.tp;
  Partition* p = partition(fp.tp);
  if (p == nullptr || !p->is_leader()) {
    r.error_code = ErrorCode::NOT_LEADER_OR_FOLLOWER;
    return r;
  }
  // KIP-320: a fetcher on an older epoch is fenced; a newer one means we are stale.
  if (fp.current_leader_epoch != kNoLeaderEpoch) {
    if (fp.current_leader_epoch < p->leader_epoch()) r.error_code = ErrorCode::FENCED_LEADER_EPOCH;
    if (fp.current_leader_epoch > p->leader_epoch()) r.error_code = ErrorCode::UNKNOWN_LEADER_EPOCH;
    if (r.error_code != ErrorCode::NONE) return r;
  }
  bool is_follower = req.replica_id >= 0;
  // Kafka's FetchIsolation: followers read to the LEO, consumers to the HW
  // or, at read_committed, to the LSO.
  FetchIsolation isolation = is_follower ? FetchIsolation::kLogEnd : FetchIsolation::kHighWatermark;
  if (!is_follower && req.isolation_level == IsolationLevel::READ_COMMITTED) isolation = FetchIsolation::kTxnCommitted;
  // BUGGIFY: a short fetch — one batch only, as with a tiny max bytes.
  int32_t max_bytes = env_.buggify.Fire("short_fetch") ? 1 : fp.partition_max_bytes;
  auto read = p->ReadRecords(fp.fetch_offset, max_bytes, isolation);
  if (read.ok()) {
    r.records = std::move(read->records);
    r.aborted_transactions = std::move(read->aborted_transactions);
  } else {
    r.error_code = read.error().code;
  }
  // The offsets as read: a HW this follower's own fetch moves reaches it with
  // its next response, as in Kafka (LogReadInfo is taken before the update).
  r.high_watermark = p->high_watermark();
  r.last_stable_offset = p->last_stable_offset();
  r.log_start_offset = p->log().log_start_offset();
  r.log_end_offset = p->log_end_offset();
  // The follower's position is recorded once, when its request arrives, and
  // only after a clean read (Kafka 3.4 Partition.fetchRecords: updateFetchState
  // = !readFromPurgatory; ReplicaManager.updateFollowerFetchState skips errors).
  // A parked fetch that is woken or expires says nothing new about the follower.
  if (is_follower && read_from == ReadFrom::kRequest && r.error_code == ErrorCode::NONE) {
    if (p->UpdateFollowerFetchState(NodeId{req.replica_id}, fp.fetch_offset)) OnHighWatermarkMaybeMoved(fp.tp);
    MaybeExpandIsr(*p, NodeId{req.replica_id});
  }
  return r;
}

FetchResponse ReplicaManager::ReadForFetch(const FetchRequest& req, ReadFrom read_from, size_t& bytes) {
  FetchResponse resp;
  resp.correlation_id = req.correlation_id;
  bytes = 0;
  resp.partitions.reserve(req.partitions.size());
  for (const auto& fp : req.partitions) {
    FetchPartitionResponse r = ReadPartition(req, fp, read_from);
    for (const auto& b : r.records) bytes += b->size();
    resp.partitions.push_back(std::move(r));
  }
  return resp;
}

// FetchPurgatory's NothingNew: true only when ReadPartition(kPurgatory) of
// every partition of `req` would return no batches and no error. All checks
// first, then the draws: when the answer is true every partition reaches
// ReadPartition's short_fetch draw, so it is drawn once per partition in order,
// as ReadForFetch would (a short read of an empty range is empty too). Any
// doubt answers false and the fetch is read.
bool ReplicaManager::NothingNewToFetch(const FetchRequest& req) {
  const bool is_follower = req.replica_id >= 0;
  for (const auto& fp : req.partitions) {
    const Partition* p = partition(fp.tp);
    if (p == nullptr || !p->is_leader()) return false;
    if (fp.current_leader_epoch != kNoLeaderEpoch && fp.current_leader_epoch != p->leader_epoch()) return false;
    // The read's upper bound, as ReadPartition picks the isolation and
    // Partition::ReadRecords maps it to an offset.
    Offset bound = p->high_watermark();
    if (is_follower) bound = p->log_end_offset();
    if (!is_follower && req.isolation_level == IsolationLevel::READ_COMMITTED) bound = p->last_stable_offset();
    // Log::Read: OFFSET_OUT_OF_RANGE outside [log start, LEO]; inside, every
    // batch it reaches ends at or after the fetch offset, so none is below a
    // bound at or before the fetch offset.
    if (fp.fetch_offset < p->log().log_start_offset() || fp.fetch_offset > p->log_end_offset()) return false;
    if (fp.fetch_offset < bound) return false;
  }
  for (size_t i = 0; i < req.partitions.size(); ++i) env_.buggify.Fire("short_fetch");
  return true;
}

void ReplicaManager::HandleFetch(NodeId from, const FetchRequest& req) { fetch_purgatory_.Fetch(from, req); }

void ReplicaManager::HandleListOffsets(NodeId from, const ListOffsetsRequest& req) {
  ListOffsetsResponse resp{req.correlation_id, {}};
  for (const auto& lp : req.partitions) {
    ListOffsetsPartitionResponse r{lp.tp, ErrorCode::NONE, lp.timestamp, Offset{-1}};
    Partition* p = partition(lp.tp);
    if (p == nullptr || !p->is_leader()) {
      r.error_code = ErrorCode::NOT_LEADER_OR_FOLLOWER;
    } else if (lp.timestamp == kEarliestTimestamp) {
      r.offset = p->log().log_start_offset();
    } else if (lp.timestamp == kLatestTimestamp) {
      // UnifiedLog.fetchOffsetByTimestamp: LEO for replicas, the LSO at
      // read_committed, else the HW.
      r.offset = req.replica_id >= 0 ? p->log_end_offset() : p->high_watermark();
      if (req.replica_id < 0 && req.isolation_level == IsolationLevel::READ_COMMITTED)
        r.offset = p->last_stable_offset();
    } else {
      auto found = p->log().OffsetForTimestamp(lp.timestamp);
      r.offset = found ? found->offset : p->high_watermark();
    }
    resp.partitions.push_back(r);
  }
  env_.net.Send(from, std::move(resp));
}

void ReplicaManager::HandleOffsetsForLeaderEpoch(NodeId from, const OffsetsForLeaderEpochRequest& req) {
  OffsetsForLeaderEpochResponse resp{req.correlation_id, {}};
  for (const auto& op : req.partitions) {
    EpochEndOffset r{op.tp, ErrorCode::NONE, kNoLeaderEpoch, Offset{-1}};
    Partition* p = partition(op.tp);
    if (p == nullptr || !p->is_leader()) {
      r.error_code = ErrorCode::NOT_LEADER_OR_FOLLOWER;
    } else if (op.current_leader_epoch != kNoLeaderEpoch && op.current_leader_epoch < p->leader_epoch()) {
      r.error_code = ErrorCode::FENCED_LEADER_EPOCH;
    } else {
      log::EpochEndOffset end = p->log().EndOffsetForEpoch(op.leader_epoch);
      r.leader_epoch = end.epoch;
      r.end_offset = end.end_offset;
    }
    resp.partitions.push_back(r);
  }
  env_.net.Send(from, std::move(resp));
}

bool ReplicaManager::HandleFetcherMessage(NodeId from, const Message& m) { return fetcher_->OnMessage(from, m); }

void ReplicaManager::OnPeerUnreachable(NodeId peer) { fetcher_->OnPeerUnreachable(peer); }

void ReplicaManager::OnFollowerProgress(const TopicPartition& tp) {
  Partition* p = partition(tp);
  if (p) p->log().MaybeFlush(env_.Now());
}

void ReplicaManager::OnHighWatermarkMaybeMoved(const TopicPartition& tp) {
  produce_purgatory_.CheckPartition(tp);
  fetch_purgatory_.Wake(tp);
}

// ---------------------------------------------------------------- ISR

void ReplicaManager::MaybeExpandIsr(Partition& p, NodeId follower) {
  if (!p.CanExpandIsrWith(follower)) return;
  std::vector<NodeId> isr = p.isr();
  isr.push_back(follower);
  std::sort(isr.begin(), isr.end());
  AlterIsr(p, std::move(isr), "broker " + std::to_string(follower.value()) + " caught up");
}

void ReplicaManager::CheckIsr() {
  for (auto& [tp, p] : partitions_) {
    if (!p->is_leader() || p->isr_change_in_flight()) continue;
    std::vector<NodeId> lagging = p->OutOfSyncReplicas();
    if (lagging.empty()) continue;
    std::vector<NodeId> isr;
    for (NodeId r : p->isr())
      if (std::find(lagging.begin(), lagging.end(), r) == lagging.end()) isr.push_back(r);
    AlterIsr(*p, std::move(isr),
             "followers " + IdList(lagging) +
                 " not caught up for replica.lag.time.max.ms=" + std::to_string(cfg_.replica_lag_time_max_ms));
  }
}

void ReplicaManager::AlterIsr(Partition& p, std::vector<NodeId> new_isr, std::string reason) {
  p.BeginIsrChange(new_isr);
  const std::vector<NodeId> committed = p.isr();
  const bool early = cfg_.isr_update == config::IsrUpdate::kOptimistic && new_isr.size() < committed.size();
  if (early) {
    // Legacy (isr.update=optimistic): act on the smaller ISR before the
    // controller has it — the HW may now pass records that a replica the
    // controller still counts as in sync does not have.
    p.ApplyIsrBeforeCommit(new_isr, reason + "; applied before the controller has it (isr.update=optimistic)");
    OnHighWatermarkMaybeMoved(p.tp());
  }
  TopicPartition tp = p.tp();
  LeaderEpoch epoch = p.leader_epoch();
  control_plane_.AlterIsr(
      tp, epoch, new_isr, p.partition_epoch(),
      [this, tp, epoch, reason, early, committed](ErrorCode err, const std::vector<NodeId>& isr, int32_t version) {
        Partition* q = partition(tp);
        if (q == nullptr || !q->is_leader() || q->leader_epoch() != epoch) return;
        if (err != ErrorCode::NONE) {
          q->AbortIsrChange();
          // The early shrink is undone, so CheckIsr proposes it again.
          if (early) q->ApplyIsrBeforeCommit(committed, "ISR update refused: back to the committed ISR");
          env_.observer.Observe(ObsFenced{
              env_.self, tp, "ISR update refused (" + std::string(ErrorName(err)) + "): wait for the controller"});
          return;
        }
        q->CompleteIsrChange(isr, version, reason.c_str());
        OnHighWatermarkMaybeMoved(tp);
      });
}

// ---------------------------------------------------------------- LeaderAndIsr

void ReplicaManager::HandleLeaderAndIsr(NodeId from, const LeaderAndIsrRequest& req) {
  LeaderAndIsrResponse resp{req.correlation_id, ErrorCode::NONE};
  if (req.controller_epoch < controller_epoch_) {
    env_.observer.Observe(ObsFenced{env_.self, TopicPartition{},
                                    "ignored LeaderAndIsr from broker " + std::to_string(req.controller_id.value()) +
                                        " with stale controller epoch " +
                                        std::to_string(req.controller_epoch.value())});
    resp.error_code = ErrorCode::STALE_CONTROLLER_EPOCH;
    env_.net.Send(from, resp);
    return;
  }
  controller_epoch_ = req.controller_epoch;
  for (const PartitionState& st : req.partition_states) ApplyPartitionState(st);
  env_.net.Send(from, resp);
}

void ReplicaManager::ApplyPartitionState(const PartitionState& st) {
  auto created = GetOrCreate(st.tp);
  if (!created.ok()) return;  // the log dir is offline: the broker halts (HandleLogDirFailure)
  Partition& p = **created;
  // Kafka applies a LeaderAndIsr only when its leader epoch is higher than
  // the partition's (ReplicaManager.becomeLeaderOrFollower, 2.8-3.4): a
  // resend of the one already applied (its response was lost) must not
  // roll the leader's cached ISR and ZooKeeper version back, and in
  // ZooKeeper mode every controller change of leader or ISR bumps the epoch.
  if (p.leader_epoch() != kNoLeaderEpoch && st.leader_epoch <= p.leader_epoch()) return;
  bool was_leader = p.is_leader();
  if (st.leader == env_.self) {
    fetcher_->Remove(st.tp);
    p.MakeLeader(st);
    if (coordinator_role_ && !was_leader) coordinator_role_(st.tp, true);
  } else {
    p.MakeFollower(st);
    fetcher_->Remove(st.tp);
    if (st.leader != kNoNode) fetcher_->AddPartition(p);
    if (coordinator_role_ && was_leader) coordinator_role_(st.tp, false);
  }
  OnHighWatermarkMaybeMoved(st.tp);
}

// ---------------------------------------------------------------- checkpoints, retention

void ReplicaManager::CheckpointHighWatermarks() {
  std::map<TopicPartition, Offset> hws;
  for (auto& [tp, p] : partitions_) hws[tp] = p->high_watermark();
  // Kafka: a failed checkpoint write goes to the LogDirFailureChannel (here
  // log_dir_ reports it); the previous checkpoint stays.
  if (!WriteHighWatermarkCheckpoint(log_dir_, hws).ok()) return;
  checkpointed_hw_ = std::move(hws);
}

void ReplicaManager::LoadHighWatermarks() { checkpointed_hw_ = ReadHighWatermarkCheckpoint(log_dir_); }

// Kafka's LogDirFailureChannel.maybeAddOfflineLogDir: the failing operation
// gets its KafkaStorageException at once (a produce answers
// KAFKA_STORAGE_ERROR, code 56) and the LogDirFailureHandler thread handles
// the directory afterwards — here a timer at the same instant, so it runs
// after the handler that hit the failure.
void ReplicaManager::OnLogDirFailure(const Error& e) {
  env_.observer.Observe(ObsNote{env_.self, "log dir offline: " + e.message});
  env_.timers.Schedule(0, [this, e] { HandleLogDirFailure(e); });
}

// Kafka 3.4 ReplicaManager.handleLogDirFailure: stop fetching the partitions
// in the failed dir and mark them offline, then LogManager.handleLogDirFailure
// removes the dir from the live ones and, when none is left, logs "Shutdown
// broker because all log dirs in ... have failed" and calls Exit.halt(1) —
// before propagateLogDirEvent would write /log_dir_event_notification.
// kafkasim's broker has one log dir, so it always halts: the controller
// learns of it as of a crash (the broker's ZooKeeper session ends; in KRaft
// mode its heartbeats stop) and moves leadership to another ISR member.
void ReplicaManager::HandleLogDirFailure(const Error& e) {
  for (const auto& [tp, p] : partitions_) fetcher_->Remove(tp);
  env_.observer.Observe(ObsNote{env_.self, "all log dirs have failed: the broker halts (" + e.message + ")"});
  env_.process.Halt("all log dirs have failed: " + e.message);
}

void ReplicaManager::RunRetention() {
  for (auto& [tp, p] : partitions_) p->log().DeleteRetentionSegments(env_.Now(), p->high_watermark());
}

// ---------------------------------------------------------------- OffsetsLog

bool ReplicaManager::IsLeader(PartitionId pid) const { return LeadsPartition(TopicPartition{kOffsetsTopic, pid}); }

void ReplicaManager::Append(PartitionId pid, Bytes batch, std::function<void(ErrorCode)> done) {
  AppendInternal(TopicPartition{kOffsetsTopic, pid}, std::move(batch), AppendOrigin::kCoordinator, std::move(done));
}

void ReplicaManager::ForEachBatchToLogEnd(PartitionId pid,
                                          const std::function<void(std::span<const uint8_t>)>& fn) const {
  ForEachBatchOf(TopicPartition{kOffsetsTopic, pid}, false, fn);
}

// ---------------------------------------------------------------- coordinators' topics

bool ReplicaManager::LeadsPartition(const TopicPartition& tp) const {
  auto it = partition_index_.find(tp);
  return it != partition_index_.end() && it->second->is_leader();
}

LeaderEpoch ReplicaManager::LeaderEpochOf(const TopicPartition& tp) const {
  auto it = partition_index_.find(tp);
  return it == partition_index_.end() ? kNoLeaderEpoch : it->second->leader_epoch();
}

void ReplicaManager::AppendInternal(const TopicPartition& tp, Bytes batch, AppendOrigin origin,
                                    std::function<void(ErrorCode)> done) {
  ProducePartitionData d{tp, MakeShared(std::move(batch))};
  Offset required{0};
  ProducePartitionResponse r = AppendOne(d, -1, required, origin);
  if (r.error_code != ErrorCode::NONE) {
    done(r.error_code);
    return;
  }
  std::vector<PendingPartition> parts{PendingPartition{d.tp, required, r, false}};
  produce_purgatory_.Add(0, 5000, std::move(parts), [done](ProduceResponse resp) {
    done(resp.partitions.empty() ? ErrorCode::UNKNOWN_SERVER_ERROR : resp.partitions[0].error_code);
  });
}

void ReplicaManager::ForEachBatchOf(const TopicPartition& tp, bool committed_only,
                                    const std::function<void(std::span<const uint8_t>)>& fn) const {
  auto it = partitions_.find(tp);
  if (it == partitions_.end()) return;
  const Partition& p = *it->second;
  p.log().ForEachBatch([&](const record::BatchHeader& h, const SharedBytes& bytes) {
    if (!committed_only || Offset{h.last_offset()} < p.high_watermark()) fn(*bytes);
  });
}

}  // namespace kafkasim::broker
