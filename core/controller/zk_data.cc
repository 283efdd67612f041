// core/controller/zk_data.cc — encoders/decoders for Kafka's znode JSON.
#include "core/controller/zk_data.h"

#include <cstdio>

#include "core/controller/json_value.h"
#include "core/util/json_writer.h"

namespace kafkasim::controller {
namespace {

void WriteIds(JsonWriter& w, const std::vector<NodeId>& ids) {
  w.BeginArray();
  for (NodeId id : ids) w.Int(id.value());
  w.EndArray();
}

std::vector<NodeId> ToIds(const std::vector<int64_t>& v) {
  std::vector<NodeId> out;
  out.reserve(v.size());
  for (int64_t x : v) out.push_back(NodeId{static_cast<int32_t>(x)});
  return out;
}

std::optional<std::vector<NodeId>> IdArray(const JsonValue& v) {
  if (v.kind != JsonValue::Kind::kArray) return std::nullopt;
  std::vector<NodeId> out;
  for (const JsonValue& e : v.items) {
    if (e.kind != JsonValue::Kind::kInt) return std::nullopt;
    out.push_back(NodeId{static_cast<int32_t>(e.i)});
  }
  return out;
}

std::string Millis(TimeNs now) { return std::to_string(now / kNsPerMs); }

}  // namespace

std::string BrokerIdPath(BrokerId id) { return std::string(kBrokerIdsPath) + "/" + std::to_string(id.value()); }
std::string TopicPath(const std::string& topic) { return std::string(kBrokerTopicsPath) + "/" + topic; }
std::string TopicPartitionsPath(const std::string& topic) { return TopicPath(topic) + "/partitions"; }
std::string TopicPartitionPath(const TopicPartition& tp) {
  return TopicPartitionsPath(tp.topic) + "/" + std::to_string(tp.partition.value());
}
std::string TopicPartitionStatePath(const TopicPartition& tp) { return TopicPartitionPath(tp) + "/state"; }

std::string EncodePartitionState(const LeaderIsrAndControllerEpoch& s) {
  JsonWriter w;
  w.BeginObject();
  w.Field("controller_epoch", s.controller_epoch.value());
  w.Field("leader", s.leader.value());
  w.Field("version", int32_t{1});
  w.Field("leader_epoch", s.leader_epoch.value());
  w.Key("isr");
  WriteIds(w, s.isr);
  w.EndObject();
  return w.Take();
}

std::optional<LeaderIsrAndControllerEpoch> DecodePartitionState(std::string_view json, int32_t zk_version) {
  auto v = ParseJson(json);
  if (!v) return std::nullopt;
  auto ce = v->IntAt("controller_epoch");
  auto leader = v->IntAt("leader");
  auto le = v->IntAt("leader_epoch");
  auto isr = v->IntArrayAt("isr");
  if (!ce || !leader || !le || !isr) return std::nullopt;
  LeaderIsrAndControllerEpoch s;
  s.controller_epoch = ControllerEpoch{static_cast<int32_t>(*ce)};
  s.leader = NodeId{static_cast<int32_t>(*leader)};
  s.leader_epoch = LeaderEpoch{static_cast<int32_t>(*le)};
  s.isr = ToIds(*isr);
  s.zk_version = zk_version;
  return s;
}

std::string EncodeController(BrokerId id, TimeNs now) {
  JsonWriter w;
  w.BeginObject().Field("version", int32_t{1}).Field("brokerid", id.value()).Field("timestamp", Millis(now));
  w.EndObject();
  return w.Take();
}

std::optional<BrokerId> DecodeController(std::string_view json) {
  auto v = ParseJson(json);
  if (!v) return std::nullopt;
  auto id = v->IntAt("brokerid");
  if (!id) return std::nullopt;
  return BrokerId{static_cast<int32_t>(*id)};
}

std::string EncodeControllerEpoch(ControllerEpoch e) { return std::to_string(e.value()); }

std::optional<ControllerEpoch> DecodeControllerEpoch(std::string_view data) {
  auto v = ParseJson(data);
  if (!v || v->kind != JsonValue::Kind::kInt) return std::nullopt;
  return ControllerEpoch{static_cast<int32_t>(v->i)};
}

std::string EncodeBrokerRegistration(BrokerId id, int64_t broker_epoch, TimeNs now) {
  std::string host = "broker-" + std::to_string(id.value());
  JsonWriter w;
  w.BeginObject();
  w.Key("features").BeginObject().EndObject();
  w.Key("listener_security_protocol_map").BeginObject().Field("PLAINTEXT", "PLAINTEXT").EndObject();
  w.Key("endpoints").BeginArray().String("PLAINTEXT://" + host + ":9092").EndArray();
  w.Field("jmx_port", int32_t{-1}).Field("port", int32_t{9092}).Field("host", host);
  w.Field("version", int32_t{5}).Field("timestamp", Millis(now));
  w.Field("broker_epoch", broker_epoch);  // kafkasim: stands in for the znode's czxid
  w.EndObject();
  return w.Take();
}

std::optional<int64_t> DecodeBrokerEpoch(std::string_view json) {
  auto v = ParseJson(json);
  if (!v) return std::nullopt;
  return v->IntAt("broker_epoch");
}

std::string EncodeTopicAssignment(const std::vector<std::vector<NodeId>>& replicas) {
  JsonWriter w;
  w.BeginObject().Field("version", int32_t{2});
  w.Key("partitions").BeginObject();
  for (size_t p = 0; p < replicas.size(); ++p) {
    w.Key(std::to_string(p));
    WriteIds(w, replicas[p]);
  }
  w.EndObject();
  w.Key("adding_replicas").BeginObject().EndObject();
  w.Key("removing_replicas").BeginObject().EndObject();
  w.EndObject();
  return w.Take();
}

std::optional<std::vector<std::vector<NodeId>>> DecodeTopicAssignment(std::string_view json) {
  auto v = ParseJson(json);
  if (!v) return std::nullopt;
  const JsonValue* parts = v->Find("partitions");
  if (parts == nullptr || parts->kind != JsonValue::Kind::kObject) return std::nullopt;
  std::vector<std::vector<NodeId>> out(parts->keys.size());
  for (size_t i = 0; i < parts->keys.size(); ++i) {
    size_t p = 0;
    for (char c : parts->keys[i]) {
      if (c < '0' || c > '9') return std::nullopt;
      p = p * 10 + static_cast<size_t>(c - '0');
    }
    auto ids = IdArray(parts->items[i]);
    if (p >= out.size() || !ids) return std::nullopt;  // partitions must be 0..n-1
    out[p] = std::move(*ids);
  }
  return out;
}

std::string EncodeIsrChangeNotification(const std::vector<TopicPartition>& partitions) {
  JsonWriter w;
  w.BeginObject().Field("version", int32_t{1});
  w.Key("partitions").BeginArray();
  for (const TopicPartition& tp : partitions) {
    w.BeginObject().Field("topic", tp.topic).Field("partition", tp.partition.value()).EndObject();
  }
  w.EndArray().EndObject();
  return w.Take();
}

std::optional<std::vector<TopicPartition>> DecodeIsrChangeNotification(std::string_view json) {
  auto v = ParseJson(json);
  if (!v) return std::nullopt;
  const JsonValue* parts = v->Find("partitions");
  if (parts == nullptr || parts->kind != JsonValue::Kind::kArray) return std::nullopt;
  std::vector<TopicPartition> out;
  for (const JsonValue& e : parts->items) {
    const JsonValue* topic = e.Find("topic");
    auto p = e.IntAt("partition");
    if (topic == nullptr || topic->kind != JsonValue::Kind::kString || !p) return std::nullopt;
    out.push_back(TopicPartition{topic->s, PartitionId{static_cast<int32_t>(*p)}});
  }
  return out;
}

}  // namespace kafkasim::controller
