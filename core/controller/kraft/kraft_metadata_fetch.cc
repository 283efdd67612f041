// core/controller/kraft/kraft_metadata_fetch.cc — a KRaft broker learning
// metadata: MetadataFetch of committed records, replayed into its image and
// handed to the broker as LeaderAndIsr / UpdateMetadata (Kafka 3.x's
// BrokerMetadataPublisher -> ReplicaManager.applyDelta and the
// KRaftMetadataCache, here through the ZooKeeper-mode messages).
#include <algorithm>

#include "core/controller/kraft/kraft_control_plane.h"
#include "core/protocol/message.h"

namespace kafkasim::controller::kraft {
namespace {

constexpr int64_t kFetchTimeoutMs = 1500;  // above the controller's 500 ms wait for new records

}  // namespace

void KRaftControlPlane::SendMetadataFetch() {
  const uint64_t attempt = ++fetch_attempt_;
  env_.net.Send(controller_, MetadataFetchRequest{env_.self, image_.next_offset()});
  After(Ms(kFetchTimeoutMs), [this, attempt] {
    if (attempt != fetch_attempt_) return;
    Retarget(kNoNode);
    SendMetadataFetch();
  });
}

void KRaftControlPlane::OnMetadataFetch(const MetadataFetchResponse& r) {
  if (r.leader_id != kNoNode) controller_ = r.leader_id;
  std::set<TopicPartition> changed;
  bool brokers_changed = false;
  if (r.records) {
    for (size_t i = 0; i < r.records->size(); ++i) {
      const Offset offset = r.records_offset + static_cast<int64_t>(i);
      if (offset != image_.next_offset()) continue;  // already applied, or a gap (a stale answer)
      const RaftRecord& rec = (*r.records)[i];
      image_.ApplyRaw(rec.payload, rec.control, offset);
      last_record_epoch_ = std::max(last_record_epoch_, rec.epoch);
      if (rec.control) continue;
      auto decoded = Decode(rec.payload);
      if (const auto* p = std::get_if<PartitionRecord>(&*decoded))
        changed.insert(p->tp);
      else if (const auto* c = std::get_if<PartitionChangeRecord>(&*decoded))
        changed.insert(c->tp);
      else
        brokers_changed = true;
    }
  }
  if (!changed.empty() || brokers_changed) Deliver(changed, brokers_changed);
  // BrokerLifecycleManager: a fenced broker that has caught up with its
  // registration asks to be unfenced at once.
  if (broker_epoch_ >= 0 && fenced_ && !heartbeat_in_flight_ && CurrentMetadataOffset().value() >= broker_epoch_) {
    heartbeat_in_flight_ = true;
    env_.net.Send(controller_, BrokerHeartbeatRequest{env_.self, broker_epoch_, CurrentMetadataOffset(), false});
  }
  SendMetadataFetch();
}

void KRaftControlPlane::Deliver(const std::set<TopicPartition>& changed, bool brokers_changed) {
  if (!deliver_) return;
  const ControllerEpoch epoch{last_record_epoch_.value()};
  std::vector<PartitionState> mine;
  std::vector<PartitionState> all;
  for (const TopicPartition& tp : changed) {
    const PartitionRegistration* p = image_.Partition(tp);
    if (p == nullptr) continue;
    PartitionState st{tp, epoch, p->leader, p->leader_epoch, p->isr, p->partition_epoch, p->replicas};
    if (std::find(p->replicas.begin(), p->replicas.end(), env_.self) != p->replicas.end()) mine.push_back(st);
    all.push_back(std::move(st));
  }
  const int32_t id = next_correlation_id_++;
  if (!mine.empty()) deliver_(env_.self, LeaderAndIsrRequest{id, controller_, epoch, mine, {}});
  if (!all.empty() || brokers_changed) {
    deliver_(env_.self, UpdateMetadataRequest{id, controller_, epoch, all, image_.UnfencedBrokers()});
  }
}

}  // namespace kafkasim::controller::kraft
