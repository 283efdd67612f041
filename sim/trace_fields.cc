// sim/trace_fields.cc — observations as trace fields (see header).
#include "sim/trace_fields.h"

namespace kafkasim::sim {
namespace {

void Ids(JsonWriter& w, std::string_view key, const std::vector<NodeId>& ids) {
  w.Key(key).BeginArray();
  for (NodeId id : ids) w.Int(id.value());
  w.EndArray();
}

struct FieldWriter {
  JsonWriter& w;

  void Tp(const TopicPartition& tp) { w.Field("tp", tp.ToString()); }

  void operator()(const ObsAppend& o) {
    w.Field("node", o.node.value());
    Tp(o.tp);
    w.Field("base", o.base_offset.value()).Field("last", o.last_offset.value());
    w.Field("epoch", o.leader_epoch.value()).Field("leader", o.as_leader);
  }
  void operator()(const ObsHighWatermark& o) {
    w.Field("node", o.node.value());
    Tp(o.tp);
    w.Field("old", o.old_hw.value()).Field("new", o.new_hw.value()).Field("leader", o.as_leader);
  }
  void operator()(const ObsIsrChange& o) {
    w.Field("node", o.node.value());
    Tp(o.tp);
    Ids(w, "old", o.old_isr);
    Ids(w, "new", o.new_isr);
    w.Field("partition_epoch", o.partition_epoch).Field("reason", o.reason);
  }
  void operator()(const ObsBecomeRole& o) {
    w.Field("node", o.node.value());
    Tp(o.tp);
    w.Field("role", o.leader ? "leader" : "follower");
    w.Field("leader_id", o.leader_id.value()).Field("epoch", o.leader_epoch.value());
  }
  void operator()(const ObsElection& o) {
    w.Field("node", o.controller.value());
    Tp(o.tp);
    w.Field("leader", o.leader.value()).Field("epoch", o.leader_epoch.value());
    Ids(w, "isr", o.isr);
    w.Field("unclean", o.unclean).Field("reason", o.reason);
  }
  void operator()(const ObsControllerElected& o) { w.Field("node", o.node.value()).Field("epoch", o.epoch.value()); }
  void operator()(const ObsControllerResigned& o) { w.Field("node", o.node.value()).Field("epoch", o.epoch.value()); }
  void operator()(const ObsTruncate& o) {
    w.Field("node", o.node.value());
    Tp(o.tp);
    w.Field("old_leo", o.old_leo.value()).Field("new_leo", o.new_leo.value()).Field("reason", o.reason);
  }
  void operator()(const ObsFenced& o) {
    w.Field("node", o.node.value());
    Tp(o.tp);
    w.Field("reason", o.reason);
  }
  void operator()(const ObsProduceSend& o) {
    w.Field("node", o.producer.value());
    Tp(o.tp);
    w.Field("uid", o.uid).Field("key", o.key);
  }
  void operator()(const ObsProduceResult& o) {
    w.Field("node", o.producer.value());
    Tp(o.tp);
    w.Field("error", ErrorName(o.error)).Field("base", o.base_offset.value());
    w.Field("acks", int32_t{o.acks}).Field("records", static_cast<uint64_t>(o.uids.size()));
  }
  void operator()(const ObsProduceError& o) {
    w.Field("node", o.producer.value());
    Tp(o.tp);
    w.Field("error", ErrorName(o.error)).Field("retry", o.will_retry);
  }
  void operator()(const ObsConsumed& o) {
    w.Field("node", o.consumer.value()).Field("group", o.group);
    Tp(o.tp);
    w.Field("offset", o.offset.value()).Field("uid", o.uid);
  }
  void operator()(const ObsRedelivered& o) {
    w.Field("node", o.consumer.value()).Field("group", o.group);
    Tp(o.tp);
    w.Field("offset", o.offset.value()).Field("uid", o.uid);
  }
  void operator()(const ObsFetched& o) {
    w.Field("node", o.consumer.value()).Field("from", o.from_broker.value());
    Tp(o.tp);
    w.Field("first", o.first_offset.value()).Field("last", o.last_offset.value());
    if (o.read_committed) w.Field("read_committed", true);
  }
  void operator()(const ObsOffsetCommit& o) {
    w.Field("node", o.consumer.value()).Field("group", o.group);
    Tp(o.tp);
    w.Field("offset", o.offset.value());
  }
  void operator()(const ObsRebalance& o) {
    w.Field("node", o.coordinator.value()).Field("group", o.group).Field("generation", o.generation);
    w.Key("members").BeginArray();
    for (const auto& m : o.members) w.String(m);
    w.EndArray();
    w.Field("summary", o.summary);
  }
  void operator()(const ObsNote& o) { w.Field("node", o.node.value()).Field("text", o.text); }
  void operator()(const ObsTxnCompleted& o) {
    w.Field("node", o.coordinator.value()).Field("transactional_id", o.transactional_id);
    w.Field("producer_id", o.producer_id).Field("producer_epoch", static_cast<int64_t>(o.producer_epoch));
    w.Field("committed", o.committed).Field("partitions", o.partitions);
  }
  void operator()(const ObsLeaderAndIsr& o) {
    w.Field("node", o.node.value()).Field("controller", o.controller.value());
    w.Field("controller_epoch", o.controller_epoch.value()).Field("partitions", o.partitions);
  }
};

constexpr std::string_view kKinds[] = {
    "append",   "hw",        "isr",  "role",           "election",      "controller",    "controller_resigned",
    "truncate", "fenced",    "send", "produce_result", "produce_error", "consumed",      "fetched",
    "commit",   "rebalance", "note", "leader_and_isr", "redelivered",   "txn_completed",
};
static_assert(std::size(kKinds) == std::variant_size_v<ObservationVariant>);

}  // namespace

std::string_view ObservationKind(const Observation& o) { return kKinds[o.index()]; }

void WriteObservationFields(const Observation& o, JsonWriter& w) { std::visit(FieldWriter{w}, o); }

}  // namespace kafkasim::sim
