// sim/scenario/load_topics.cc — `topics:` (name, partitions, replication, assignment, config).
#include <algorithm>

#include "core/config/sim_bounds.h"
#include "sim/scenario/load_sections.h"

namespace kafkasim::scenario {

namespace {

using config::kMaxPartitions;
const std::vector<std::string_view> kTopicKeys = {"name", "partitions", "replication.factor", "assignment", "config"};

// One `p: [ids]` entry of an assignment; false if it is bad.
bool LoadReplicaList(const YAML::Node& key, const YAML::Node& value, const std::string& path, LoadContext& ctx,
                     TopicSpec* t) {
  Reader& r = ctx.r;
  auto p = r.Int(key, path, 0, INT32_MAX);
  std::string field = Join(path, key.Scalar());
  if (p && *p >= t->partitions) {
    r.Fail(key, field,
           "topic \"" + t->name + "\" has " + std::to_string(t->partitions) + " partition(s), numbered from 0");
    return false;
  }
  if (!r.ExpectList(value, field) || !p) return false;
  // `0:` and `00:` are different YAML keys but the same partition.
  if (t->assignment.count(static_cast<int>(*p)) != 0) {
    r.Fail(key, field, "partition " + std::to_string(*p) + " is assigned twice");
    return false;
  }
  std::vector<int> replicas;
  bool ok = true;
  for (size_t i = 0; i < value.size(); ++i) {
    int64_t max_id = ctx.brokers_ok ? ctx.s.cluster.brokers : INT32_MAX;
    auto id = r.Int(value[i], Index(field, i), 1, max_id);
    if (!id) {
      ok = false;
    } else if (std::find(replicas.begin(), replicas.end(), *id) != replicas.end()) {
      r.Fail(value[i], Index(field, i), "broker " + std::to_string(*id) + " is listed twice");
      ok = false;
    } else {
      replicas.push_back(static_cast<int>(*id));
    }
  }
  if (ok && replicas.size() != static_cast<size_t>(t->replication_factor)) {
    r.Fail(value, field,
           "expected " + std::to_string(t->replication_factor) + " replica(s) (replication.factor), got " +
               std::to_string(replicas.size()));
    return false;
  }
  if (ok) t->assignment[static_cast<int>(*p)] = replicas;
  return ok;
}

void LoadAssignment(const YAML::Node& node, const std::string& path, LoadContext& ctx, TopicSpec* t) {
  if (!ctx.r.ExpectMap(node, path)) return;
  for (const auto& kv : node) {
    LoadReplicaList(kv.first, kv.second, path, ctx, t);
  }
}

void LoadTopic(const YAML::Node& node, const std::string& path, LoadContext& ctx) {
  Reader& r = ctx.r;
  if (!r.ExpectMap(node, path)) return;
  r.CheckKeys(node, path, kTopicKeys);
  TopicSpec t;
  t.loc = r.Loc(node);
  YAML::Node name_node = r.Require(node, path, "name");
  auto name = r.Name(name_node, Join(path, "name"));
  if (name && FindTopic(ctx.s, *name) != nullptr) {
    r.Fail(name_node, Join(path, "name"), "topic \"" + *name + "\" is declared twice");
    name.reset();
  }
  if (name) t.name = *name;
  bool sizes_ok = true;
  if (YAML::Node n = node["partitions"]; n.IsDefined()) {
    auto p = LoadBoundedCount(n, Join(path, "partitions"), ctx, kMaxPartitions, config::kWhyPartitions);
    sizes_ok = p.has_value();
    if (p) t.partitions = static_cast<int>(*p);
  }
  if (YAML::Node n = node["replication.factor"]; n.IsDefined()) {
    std::string field = Join(path, "replication.factor");
    auto rf = LoadBoundedCount(n, field, ctx, config::kMaxBrokers, config::kWhyBrokers);
    sizes_ok = sizes_ok && rf.has_value();
    if (rf) t.replication_factor = static_cast<int>(*rf);
    if (rf && ctx.brokers_ok && *rf > ctx.s.cluster.brokers) {
      r.Fail(n, field,
             "replication.factor " + std::to_string(*rf) + " is larger than the number of brokers (" +
                 std::to_string(ctx.s.cluster.brokers) + ")");
      sizes_ok = false;
    }
  }
  if (YAML::Node n = node["assignment"]; n.IsDefined() && sizes_ok) {
    LoadAssignment(n, Join(path, "assignment"), ctx, &t);
  }
  if (YAML::Node n = node["config"]; n.IsDefined()) {
    LoadConfigMap(n, Join(path, "config"), ConfigKind::kTopic, ctx, &t.config);
  }
  if (name) ctx.s.topics.push_back(std::move(t));  // nameless topics cannot be referred to
}

}  // namespace

std::optional<int64_t> LoadBoundedCount(const YAML::Node& node, const std::string& path, LoadContext& ctx, int64_t max,
                                        std::string_view why) {
  std::optional<int64_t> v = ctx.r.Int(node, path, INT64_MIN, INT64_MAX);
  if (v && (*v < 1 || *v > max)) {
    std::string msg = "expected an integer in [1, " + std::to_string(max) + "], got " + std::to_string(*v);
    ctx.r.Fail(node, path, *v > max ? msg + " (" + std::string(why) + ")" : msg);
    return std::nullopt;
  }
  return v;
}

void LoadTopics(const YAML::Node& node, LoadContext& ctx) {
  if (!ctx.r.ExpectList(node, "topics")) return;
  for (size_t i = 0; i < node.size(); ++i) LoadTopic(node[i], Index("topics", i), ctx);
}

}  // namespace kafkasim::scenario
