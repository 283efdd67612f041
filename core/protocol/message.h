// core/protocol/message.h — everything that crosses the simulated network.
//
// One variant of request/response structs named as in Kafka's JSON message
// specs (clients/src/main/resources/common/message/*.json). The network
// moves Messages whole; it can delay, drop, duplicate or reorder any of them.
#pragma once

#include <string_view>
#include <variant>

#include "core/protocol/controller_api.h"
#include "core/protocol/fetch.h"
#include "core/protocol/group.h"
#include "core/protocol/kraft.h"
#include "core/protocol/metadata.h"
#include "core/protocol/produce.h"
#include "core/protocol/txn.h"
#include "core/protocol/raft.h"
#include "core/protocol/zk.h"

namespace kafkasim {

using MessageVariant = std::variant<
    ProduceRequest, ProduceResponse, FetchRequest, FetchResponse, MetadataRequest, MetadataResponse, ListOffsetsRequest,
    ListOffsetsResponse, OffsetsForLeaderEpochRequest, OffsetsForLeaderEpochResponse, InitProducerIdRequest,
    InitProducerIdResponse, LeaderAndIsrRequest, LeaderAndIsrResponse, UpdateMetadataRequest, UpdateMetadataResponse,
    AlterIsrRequest, AlterIsrResponse, FindCoordinatorRequest, FindCoordinatorResponse, JoinGroupRequest,
    JoinGroupResponse, SyncGroupRequest, SyncGroupResponse, HeartbeatRequest, HeartbeatResponse, LeaveGroupRequest,
    LeaveGroupResponse, OffsetCommitRequest, OffsetCommitResponse, OffsetFetchRequest, OffsetFetchResponse, ZkRequest,
    ZkResponse, ZkWatchEvent, AddPartitionsToTxnRequest, AddPartitionsToTxnResponse, AddOffsetsToTxnRequest,
    AddOffsetsToTxnResponse, EndTxnRequest, EndTxnResponse, WriteTxnMarkersRequest, WriteTxnMarkersResponse,
    TxnOffsetCommitRequest, TxnOffsetCommitResponse, VoteRequest, VoteResponse, BeginQuorumEpochRequest,
    BeginQuorumEpochResponse, EndQuorumEpochRequest, EndQuorumEpochResponse, RaftFetchRequest, RaftFetchResponse,
    BrokerRegistrationRequest, BrokerRegistrationResponse, BrokerHeartbeatRequest, BrokerHeartbeatResponse,
    AlterPartitionRequest, AlterPartitionResponse, MetadataFetchRequest, MetadataFetchResponse>;

// A struct, not an alias, so that headers can forward-declare it (core/env.h
// does): everything that names a message no longer rebuilds when one changes.
// std::visit, std::get_if and std::holds_alternative take it as the variant.
struct Message : MessageVariant {
  using MessageVariant::MessageVariant;
};

// Kafka's API name for the message ("Produce", "FetchResponse", ...), for
// the trace and the GUI.
std::string_view MessageName(const Message& m);

// Payload size in bytes as the simulated network counts it for bandwidth:
// record bytes plus a fixed header estimate.
size_t MessageBytes(const Message& m);

// The response a client callback was handed, if it is one of type T: null when
// the request failed (m is null) or the broker answered with something else.
template <typename T>
const T* ResponseAs(const Message* m) {
  return m ? std::get_if<T>(m) : nullptr;
}

}  // namespace kafkasim
