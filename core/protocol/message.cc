#include "core/protocol/message.h"

namespace kafkasim {
namespace {

constexpr std::string_view kNames[] = {
    "Produce",
    "ProduceResponse",
    "Fetch",
    "FetchResponse",
    "Metadata",
    "MetadataResponse",
    "ListOffsets",
    "ListOffsetsResponse",
    "OffsetsForLeaderEpoch",
    "OffsetsForLeaderEpochResponse",
    "InitProducerId",
    "InitProducerIdResponse",
    "LeaderAndIsr",
    "LeaderAndIsrResponse",
    "UpdateMetadata",
    "UpdateMetadataResponse",
    "AlterIsr",
    "AlterIsrResponse",
    "FindCoordinator",
    "FindCoordinatorResponse",
    "JoinGroup",
    "JoinGroupResponse",
    "SyncGroup",
    "SyncGroupResponse",
    "Heartbeat",
    "HeartbeatResponse",
    "LeaveGroup",
    "LeaveGroupResponse",
    "OffsetCommit",
    "OffsetCommitResponse",
    "OffsetFetch",
    "OffsetFetchResponse",
    "ZkRequest",
    "ZkResponse",
    "ZkWatchEvent",
    "AddPartitionsToTxn",
    "AddPartitionsToTxnResponse",
    "AddOffsetsToTxn",
    "AddOffsetsToTxnResponse",
    "EndTxn",
    "EndTxnResponse",
    "WriteTxnMarkers",
    "WriteTxnMarkersResponse",
    "TxnOffsetCommit",
    "TxnOffsetCommitResponse",
    "Vote",
    "VoteResponse",
    "BeginQuorumEpoch",
    "BeginQuorumEpochResponse",
    "EndQuorumEpoch",
    "EndQuorumEpochResponse",
    "Fetch(__cluster_metadata)",
    "FetchResponse(__cluster_metadata)",
    "BrokerRegistration",
    "BrokerRegistrationResponse",
    "BrokerHeartbeat",
    "BrokerHeartbeatResponse",
    "AlterPartition",
    "AlterPartitionResponse",
    "MetadataFetch",
    "MetadataFetchResponse",
};
static_assert(std::size(kNames) == std::variant_size_v<MessageVariant>);

constexpr size_t kHeaderBytes = 64;

}  // namespace

std::string_view MessageName(const Message& m) { return kNames[m.index()]; }

size_t MessageBytes(const Message& m) {
  size_t n = kHeaderBytes;
  if (auto* p = std::get_if<ProduceRequest>(&m)) {
    for (const auto& d : p->partitions) n += d.records ? d.records->size() : 0;
  } else if (auto* f = std::get_if<FetchResponse>(&m)) {
    for (const auto& d : f->partitions)
      for (const auto& r : d.records) n += r ? r->size() : 0;
  } else if (auto* rf = std::get_if<RaftFetchResponse>(&m); rf && rf->records) {
    for (const auto& r : *rf->records) n += r.payload.size() + 16;
  } else if (auto* mf = std::get_if<MetadataFetchResponse>(&m); mf && mf->records) {
    for (const auto& r : *mf->records) n += r.payload.size() + 16;
  }
  return n;
}

}  // namespace kafkasim
