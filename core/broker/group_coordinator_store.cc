// core/broker/group_coordinator_store.cc — the group coordinator's durable
// state: group metadata stored after each rebalance and every offset commit,
// both in __consumer_offsets, and both loaded by the broker that takes the
// partition over (Kafka's GroupMetadataManager).
#include <algorithm>

#include "core/broker/group_coordinator.h"
#include "core/observe/observation.h"
#include "core/protocol/message.h"
#include "core/record/record_batch.h"

namespace kafkasim::broker {

void GroupCoordinator::StoreGroup(const GroupMetadata& g, std::function<void(ErrorCode)> done) {
  Bytes batch = EncodeGroupMetadataBatch(g, env_.Now() / kNsPerMs);
  log_.Append(g.offsets_partition, std::move(batch), [done = std::move(done)](ErrorCode e) {
    if (done) done(e);
  });
}

// The leader's assignment is stored (or failed to be): answer every member
// waiting in SyncGroup. On failure, as Kafka's resetAndPropagateAssignmentError,
// they get the error and the group rebalances.
void GroupCoordinator::FinishSync(const std::string& group, int32_t generation, ErrorCode e) {
  auto it = groups_.find(group);
  if (it == groups_.end()) return;  // resigned meanwhile: members find the new coordinator
  GroupMetadata& g = it->second;
  if (g.generation != generation || g.state != GroupState::kCompletingRebalance) return;
  ErrorCode mapped = MapOffsetsAppendError(e);
  if (mapped == ErrorCode::NONE) g.state = GroupState::kStable;
  std::vector<std::string> ids;
  for (auto& [id, m] : g.members) {
    ids.push_back(id);
    if (mapped != ErrorCode::NONE) m.assignment.clear();
    if (!m.awaiting_sync) continue;
    m.awaiting_sync = false;
    env_.net.Send(m.client, SyncGroupResponse{m.sync_correlation_id, mapped, m.assignment});
  }
  if (mapped != ErrorCode::NONE) {
    PrepareRebalance(g, "storing the assignment failed (" + std::string(ErrorName(e)) + ")");
    return;
  }
  env_.observer.Observe(ObsRebalance{self_, g.group_id, g.generation, std::move(ids), g.Summary()});
}

// A stored generation replaces what this coordinator knew of the group; its
// members keep their ids and assignments and have one session timeout to
// heartbeat here.
void GroupCoordinator::LoadGroup(StoredGroup stored) {
  GroupMetadata& g = GetOrCreate(stored.group_id);
  for (auto& [id, m] : g.members) env_.timers.Cancel(m.session_timer);
  g.members.clear();
  g.generation = stored.generation;
  g.protocol = stored.protocol;
  g.leader = stored.leader;
  g.state = stored.members.empty() ? GroupState::kEmpty : GroupState::kStable;
  for (MemberMetadata& m : stored.members) {
    g.next_join_order = std::max(g.next_join_order, m.join_order + 1);
    std::string id = m.member_id;
    g.members.emplace(id, std::move(m));
  }
}

void GroupCoordinator::OnBecomeLeader(PartitionId p) {
  size_t offsets = 0, groups = 0;
  record::BatchReader reader;
  log_.ForEachBatchToLogEnd(p, [&](std::span<const uint8_t> batch) {
    auto header = record::ParseBatchHeader(batch);
    if (header.ok() && (header->is_transactional() || header->is_control())) {
      LoadTxnBatch(*header, batch, offsets);
      return;
    }
    auto st = reader.ForEach(batch, [&](const record::RecordView& rec) {
      if (!rec.key) return;
      std::string_view key(reinterpret_cast<const char*>(rec.key->data()), rec.key->size());
      std::optional<std::string_view> value;
      if (rec.value) value = std::string_view(reinterpret_cast<const char*>(rec.value->data()), rec.value->size());
      if (IsGroupMetadataKey(key)) {
        if (auto stored = value ? ParseGroupMetadata(key, *value) : std::nullopt) {
          LoadGroup(std::move(*stored));
          ++groups;
        }
        return;
      }
      auto parsed = ParseOffsetCommit(key, value);
      if (!parsed) return;
      GroupMetadata& g = GetOrCreate(parsed->group);
      if (parsed->offset) {
        g.offsets[parsed->tp] = *parsed->offset;
      } else {
        g.offsets.erase(parsed->tp);
      }
      ++offsets;
    });
    (void)st;  // a corrupt batch below the HW is the log's concern; skip it
  });
  for (auto& [id, g] : groups_) {
    if (g.offsets_partition != p) continue;
    for (auto& [mid, m] : g.members) ScheduleSessionExpiry(g, m);
  }
  Note("group coordinator for " + std::string(kOffsetsTopic) + "-" + std::to_string(p.value()) + ": loaded " +
       std::to_string(groups) + " group metadata and " + std::to_string(offsets) + " offset commits");
}

}  // namespace kafkasim::broker
