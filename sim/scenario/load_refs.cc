// sim/scenario/load_refs.cc — references to what the scenario declares:
// times within the run, nodes, brokers and partitions.
#include <algorithm>

#include "core/config/config_key.h"
#include "sim/scenario/load_sections.h"
#include "sim/scenario/node_ref.h"
#include "sim/scenario/units.h"

namespace kafkasim::scenario {

namespace {

std::string NodeList(const std::vector<std::string>& names) {
  std::string list;
  for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
  return list;
}

// "" if the partition exists, else why not.
std::string CheckPartition(const Scenario& s, const TopicPartition& tp) {
  const TopicSpec* t = FindTopic(s, tp.topic);
  if (t == nullptr) {
    std::vector<std::string_view> names;
    for (const TopicSpec& topic : s.topics) names.push_back(topic.name);
    std::string near = config::NearestName(tp.topic, names);
    return "unknown partition \"" + tp.ToString() + "\": no topic \"" + tp.topic + "\" is declared" +
           (near.empty() ? "" : " (did you mean '" + near + "'?)");
  }
  if (tp.partition.value() >= t->partitions) {
    return "unknown partition \"" + tp.ToString() + "\": topic \"" + tp.topic + "\" has " +
           std::to_string(t->partitions) + " partition(s), numbered from 0";
  }
  return "";
}

}  // namespace

const TopicSpec* FindTopic(const Scenario& s, std::string_view name) {
  for (const TopicSpec& t : s.topics) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

std::vector<std::string> KnownNodeNames(const Scenario& s) {
  std::vector<std::string> names;
  for (int b = 1; b <= s.cluster.brokers; ++b) names.push_back(BrokerName(b));
  if (s.cluster.mode == ClusterMode::kKRaft) {
    for (int c = 1; c <= s.cluster.controllers; ++c) names.push_back(ControllerName(c));
  } else {
    names.emplace_back(kZookeeperName);
  }
  for (const ProducerSpec& p : s.producers) names.push_back(p.id);
  for (const ConsumerSpec& c : s.consumers) names.push_back(c.id);
  for (const ProcessorSpec& p : s.processors) names.push_back(p.id);
  return names;
}

std::optional<TimeNs> LoadTime(const YAML::Node& node, const std::string& path, LoadContext& ctx) {
  auto t = ctx.r.Duration(node, path);
  if (!t) return std::nullopt;
  if (ctx.duration_ok && *t > ctx.s.duration_ns) {
    ctx.r.Fail(
        node, path,
        FormatDuration(*t) + " is after the end of the run (duration " + FormatDuration(ctx.s.duration_ns) + ")");
    return std::nullopt;
  }
  return t;
}

std::optional<NodeRef> LoadNodeRef(const YAML::Node& node, const std::string& path, LoadContext& ctx, bool allow_all) {
  auto text = ctx.r.String(node, path);
  if (!text) return std::nullopt;
  Result<NodeRef> ref = ParseNodeRef(*text);
  if (!ref.ok()) {
    ctx.r.Fail(node, path, ref.error().message);
    return std::nullopt;
  }
  if (ref->kind == NodeRef::Kind::kAll && !allow_all) {
    ctx.r.Fail(node, path, "\"all\" is only valid in `heal: all`; name one node");
    return std::nullopt;
  }
  if (ref->kind == NodeRef::Kind::kLeaderOf) {
    std::string why = CheckPartition(ctx.s, ref->tp);
    if (!why.empty()) {
      ctx.r.Fail(node, path, why);
      return std::nullopt;
    }
  }
  if (ref->kind == NodeRef::Kind::kNamed && ref->name == kZookeeperName && ctx.s.cluster.mode == ClusterMode::kKRaft) {
    ctx.r.Fail(node, path,
               "there is no ZooKeeper in KRaft mode (cluster.mode: kraft): name a controller-N (1.." +
                   std::to_string(ctx.s.cluster.controllers) + ") or `controller` (the active controller)");
    return std::nullopt;
  }
  if (ref->kind == NodeRef::Kind::kNamed && ctx.brokers_ok) {
    std::vector<std::string> known = KnownNodeNames(ctx.s);
    if (BrokerIdFromName(ref->name) && std::find(known.begin(), known.end(), ref->name) == known.end()) {
      int n = ctx.s.cluster.brokers;
      ctx.r.Fail(node, path,
                 "unknown node \"" + ref->name + "\": the cluster has " + std::to_string(n) + " broker(s), " +
                     BrokerName(1) + (n > 1 ? " .. " + BrokerName(n) : ""));
      return std::nullopt;
    }
    if (std::find(known.begin(), known.end(), ref->name) == known.end()) {
      std::vector<std::string_view> views(known.begin(), known.end());
      std::string near = config::NearestName(ref->name, views);
      ctx.r.Fail(node, path,
                 "unknown node \"" + ref->name + "\"" + (near.empty() ? "" : " (did you mean '" + near + "'?)") +
                     "; nodes: " + NodeList(known) + ", controller, leader(topic-p)");
      return std::nullopt;
    }
  }
  return ref.value();
}

std::optional<TopicPartition> LoadPartitionName(const YAML::Node& key, const std::string& path, LoadContext& ctx) {
  auto text = ctx.r.String(key, path);
  if (!text) return std::nullopt;
  Result<TopicPartition> tp = ParseTopicPartition(*text);
  std::string why = tp.ok() ? CheckPartition(ctx.s, *tp) : tp.error().message;
  if (!why.empty()) {
    ctx.r.Fail(key, path, why);
    return std::nullopt;
  }
  return tp.value();
}

std::optional<int> LoadBrokerName(const YAML::Node& node, const std::string& path, LoadContext& ctx) {
  auto text = ctx.r.String(node, path);
  if (!text) return std::nullopt;
  std::optional<int> id = BrokerIdFromName(*text);
  if (!id || (ctx.brokers_ok && (*id < 1 || *id > ctx.s.cluster.brokers))) {
    ctx.r.Fail(node, path,
               "expected a broker name broker-1 .. broker-" + std::to_string(ctx.s.cluster.brokers) + ", got " +
                   Describe(node));
    return std::nullopt;
  }
  return id;
}

}  // namespace kafkasim::scenario
