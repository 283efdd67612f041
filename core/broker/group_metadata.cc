// core/broker/group_metadata.cc — group helpers and the offset-commit
// record codec.
#include "core/broker/group_metadata.h"

#include <algorithm>
#include <charconv>

#include "core/protocol/group.h"
#include "core/record/record_batch.h"
#include "core/util/strings.h"

namespace kafkasim::broker {

std::string_view GroupStateName(GroupState s) {
  switch (s) {
    case GroupState::kEmpty:
      return "Empty";
    case GroupState::kPreparingRebalance:
      return "PreparingRebalance";
    case GroupState::kCompletingRebalance:
      return "CompletingRebalance";
    case GroupState::kStable:
      return "Stable";
    case GroupState::kDead:
      return "Dead";
  }
  return "Dead";
}

bool GroupMetadata::AllJoined() const {
  return std::all_of(members.begin(), members.end(), [](const auto& m) { return m.second.awaiting_join; });
}

bool GroupMetadata::HasPendingTxnOffsets(const TopicPartition& tp) const {
  for (const auto& [producer_id, offsets] : pending_txn_offsets) {
    if (offsets.contains(tp)) return true;
  }
  return false;
}

int32_t GroupMetadata::MaxRebalanceTimeoutMs() const {
  int32_t t = 0;
  for (const auto& [id, m] : members) t = std::max(t, m.rebalance_timeout_ms);
  return t;
}

std::string GroupMetadata::Summary() const {
  std::string s = "generation " + std::to_string(generation) + " (" + protocol + "):";
  for (const auto& [id, m] : members) {
    s += " " + id + "=" + PartitionList(m.assignment);
  }
  return s;
}

ErrorCode MapOffsetsAppendError(ErrorCode e) {  // Kafka's GroupMetadataManager.storeOffsets
  switch (e) {
    case ErrorCode::NONE:
      return ErrorCode::NONE;
    case ErrorCode::UNKNOWN_TOPIC_OR_PARTITION:
    case ErrorCode::NOT_ENOUGH_REPLICAS:
    case ErrorCode::NOT_ENOUGH_REPLICAS_AFTER_APPEND:
    case ErrorCode::REQUEST_TIMED_OUT:
      return ErrorCode::COORDINATOR_NOT_AVAILABLE;
    case ErrorCode::NOT_LEADER_OR_FOLLOWER:
    case ErrorCode::KAFKA_STORAGE_ERROR:
    case ErrorCode::FENCED_LEADER_EPOCH:
      return ErrorCode::NOT_COORDINATOR;
    default:
      return ErrorCode::UNKNOWN_SERVER_ERROR;
  }
}

std::string OffsetCommitKey(const std::string& group, const TopicPartition& tp) {
  return group + "/" + tp.topic + "/" + std::to_string(tp.partition.value());
}

std::optional<ParsedOffsetCommit> ParseOffsetCommit(std::string_view key, std::optional<std::string_view> value) {
  auto p2 = key.rfind('/');
  if (p2 == std::string_view::npos || p2 == 0) return std::nullopt;
  auto p1 = key.rfind('/', p2 - 1);
  if (p1 == std::string_view::npos) return std::nullopt;
  int32_t partition = 0;
  auto pk = key.substr(p2 + 1);
  if (std::from_chars(pk.data(), pk.data() + pk.size(), partition).ec != std::errc{}) return std::nullopt;
  ParsedOffsetCommit out{std::string(key.substr(0, p1)),
                         TopicPartition{std::string(key.substr(p1 + 1, p2 - p1 - 1)), PartitionId{partition}},
                         std::nullopt};
  if (value) {
    // "<offset>" or "<offset>:<leader epoch>"
    const char* end = value->data() + value->size();
    int64_t off = 0;
    auto [p, ec] = std::from_chars(value->data(), end, off);
    if (ec != std::errc{} || p == value->data()) return std::nullopt;
    int32_t epoch = kNoLeaderEpoch.value();
    if (p != end) {
      if (*p != ':') return std::nullopt;
      auto [q, eec] = std::from_chars(p + 1, end, epoch);
      if (eec != std::errc{} || q != end) return std::nullopt;
    }
    out.offset = CommittedOffset{Offset{off}, LeaderEpoch{epoch}};
  }
  return out;
}

Bytes EncodeOffsetCommitBatch(const std::string& group, const std::vector<OffsetCommitPartition>& parts,
                              int64_t timestamp_ms, int64_t producer_id, int16_t producer_epoch) {
  record::BatchBuilder builder(0, 64 * parts.size());
  if (producer_id >= 0) {
    // GroupMetadataManager.storeOffsets: baseSequence 0, transactional.
    builder.SetProducer(producer_id, producer_epoch, 0);
    builder.SetTransactional(true);
  }
  for (const auto& p : parts) {
    std::string key = OffsetCommitKey(group, p.tp);
    std::string value = std::to_string(p.committed_offset.value());
    if (p.committed_leader_epoch != kNoLeaderEpoch) value += ":" + std::to_string(p.committed_leader_epoch.value());
    builder.Append(timestamp_ms, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(key.data()), key.size()),
                   std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(value.data()), value.size()));
  }
  return builder.Build(record::Compression::kNone);
}

}  // namespace kafkasim::broker
