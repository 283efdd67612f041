// sim/scenario/load_clients.cc — `producers:` (with workload) and `consumers:`.
#include "core/config/config_key.h"
#include "sim/scenario/load_sections.h"
#include "sim/scenario/node_ref.h"
#include "sim/scenario/units.h"

namespace kafkasim::scenario {

namespace {

constexpr int64_t kMaxMessages = 100'000'000;
constexpr int64_t kMaxKeys = 1'000'000;
constexpr int64_t kMaxValueBytes = 100'000'000;
const std::vector<std::string_view> kProducerKeys = {"id", "config", "workload"};
const std::vector<std::string_view> kWorkloadKeys = {"topic",       "messages", "rate",       "keys",
                                                     "value_bytes", "start",    "transaction"};
const std::vector<std::string_view> kTransactionKeys = {"records", "abort_every"};
const std::vector<std::string_view> kConsumerKeys = {"id",     "group",           "topics", "config",
                                                     "commit", "processing_time", "start",  "dedup"};
const std::vector<std::string_view> kCommitModes = {"after-processing", "before-processing", "auto"};
const std::vector<std::string_view> kDedupModes = {"none", "store", "store-unsynced"};  // DedupMode order

bool IsClientId(const Scenario& s, std::string_view id) {
  for (const ProducerSpec& p : s.producers) {
    if (p.id == id) return true;
  }
  for (const ConsumerSpec& c : s.consumers) {
    if (c.id == id) return true;
  }
  for (const ProcessorSpec& p : s.processors) {
    if (p.id == id) return true;
  }
  return false;
}

}  // namespace

// A client id: a valid name, not reserved for other nodes, not used twice.
std::optional<std::string> LoadClientId(const YAML::Node& map, const std::string& path, LoadContext& ctx) {
  YAML::Node node = ctx.r.Require(map, path, "id");
  std::string field = Join(path, "id");
  auto id = ctx.r.Name(node, field);
  if (!id) return std::nullopt;
  if (*id == kZookeeperName || *id == kControllerName || *id == kAllName || *id == "none" ||
      BrokerIdFromName(*id).has_value()) {
    ctx.r.Fail(node, field, "\"" + *id + "\" is reserved for another node; pick another client id");
    return std::nullopt;
  }
  if (IsClientId(ctx.s, *id)) {
    ctx.r.Fail(node, field, "node id \"" + *id + "\" is used twice");
    return std::nullopt;
  }
  return id;
}

// A topic name that `topics:` declares.
std::optional<std::string> LoadTopicRef(const YAML::Node& node, const std::string& path, LoadContext& ctx) {
  auto name = ctx.r.String(node, path);
  if (!name) return std::nullopt;
  if (FindTopic(ctx.s, *name) != nullptr) return name;
  std::vector<std::string_view> names;
  std::string list;
  for (const TopicSpec& t : ctx.s.topics) {
    names.push_back(t.name);
    list += (list.empty() ? "" : ", ") + t.name;
  }
  std::string near = config::NearestName(*name, names);
  std::string msg = "unknown topic \"" + *name + "\"";
  msg += near.empty() ? "; declared topics: " + (list.empty() ? std::string("none") : list)
                      : " (did you mean '" + near + "'?)";
  ctx.r.Fail(node, path, msg);
  return std::nullopt;
}

namespace {

// `transaction: {records: 50, abort_every: 4}` (the producer's config must
// set transactional.id; LoadProducer checks).
void LoadTransaction(const YAML::Node& node, const std::string& path, LoadContext& ctx, WorkloadSpec* w) {
  Reader& r = ctx.r;
  if (!r.ExpectMap(node, path)) return;
  r.CheckKeys(node, path, kTransactionKeys);
  if (auto n = r.Int(r.Require(node, path, "records"), Join(path, "records"), 1, kMaxMessages))
    w->transaction.records = *n;
  if (YAML::Node n = node["abort_every"]; n.IsDefined()) {
    if (auto v = r.Int(n, Join(path, "abort_every"), 0, kMaxMessages)) w->transaction.abort_every = *v;
  }
}

void LoadWorkload(const YAML::Node& node, const std::string& path, LoadContext& ctx, WorkloadSpec* w) {
  Reader& r = ctx.r;
  if (!r.ExpectMap(node, path)) return;
  r.CheckKeys(node, path, kWorkloadKeys);
  if (auto t = LoadTopicRef(r.Require(node, path, "topic"), Join(path, "topic"), ctx)) w->topic = *t;
  if (auto m = r.Int(r.Require(node, path, "messages"), Join(path, "messages"), 0, kMaxMessages)) w->messages = *m;
  if (YAML::Node n = node["rate"]; n.IsDefined()) {
    if (auto text = r.String(n, Join(path, "rate"))) {
      Result<double> rate = ParseRate(*text);
      if (rate.ok()) {
        w->rate_per_sec = *rate;
      } else {
        r.Fail(n, Join(path, "rate"), rate.error().message);
      }
    }
  }
  if (YAML::Node n = node["keys"]; n.IsDefined()) {
    if (auto k = r.Int(n, Join(path, "keys"), 0, kMaxKeys)) w->keys = static_cast<int>(*k);
  }
  if (YAML::Node n = node["value_bytes"]; n.IsDefined()) {
    if (auto v = r.Int(n, Join(path, "value_bytes"), 0, kMaxValueBytes)) w->value_bytes = static_cast<int>(*v);
  }
  if (YAML::Node n = node["start"]; n.IsDefined()) {
    if (auto t = LoadTime(n, Join(path, "start"), ctx)) w->start_ns = *t;
  }
  if (YAML::Node n = node["transaction"]; n.IsDefined()) LoadTransaction(n, Join(path, "transaction"), ctx, w);
}

void LoadProducer(const YAML::Node& node, const std::string& path, LoadContext& ctx) {
  if (!ctx.r.ExpectMap(node, path)) return;
  ctx.r.CheckKeys(node, path, kProducerKeys);
  ProducerSpec p;
  p.loc = ctx.r.Loc(node);
  auto id = LoadClientId(node, path, ctx);
  if (id) p.id = *id;
  if (YAML::Node n = node["config"]; n.IsDefined()) {
    LoadConfigMap(n, Join(path, "config"), ConfigKind::kProducer, ctx, &p.config);
  }
  LoadWorkload(ctx.r.Require(node, path, "workload"), Join(path, "workload"), ctx, &p.workload);
  const bool transactional = p.config.count("transactional.id") > 0 && p.config.at("transactional.id") != "null";
  if (p.workload.transaction.records > 0 && !transactional) {
    ctx.r.Fail(node["workload"]["transaction"], Join(Join(path, "workload"), "transaction"),
               "a transaction workload needs a transactional producer: set config.transactional.id");
  } else if (transactional && p.workload.transaction.records == 0) {
    ctx.r.Fail(node["config"], Join(path, "config"),
               "a transactional producer (transactional.id) needs workload.transaction: {records: N}");
  }
  if (id) ctx.s.producers.push_back(std::move(p));
}

void LoadConsumerFields(const YAML::Node& node, const std::string& path, LoadContext& ctx, ConsumerSpec* c) {
  Reader& r = ctx.r;
  if (auto g = r.Name(r.Require(node, path, "group"), Join(path, "group"))) c->group = *g;
  YAML::Node topics = r.Require(node, path, "topics");
  if (topics.IsDefined() && r.ExpectList(topics, Join(path, "topics"))) {
    if (topics.size() == 0) r.Fail(topics, Join(path, "topics"), "expected at least one topic");
    for (size_t i = 0; i < topics.size(); ++i) {
      if (auto t = LoadTopicRef(topics[i], Index(Join(path, "topics"), i), ctx)) c->topics.push_back(*t);
    }
  }
  if (YAML::Node n = node["config"]; n.IsDefined()) {
    LoadConfigMap(n, Join(path, "config"), ConfigKind::kConsumer, ctx, &c->config);
  }
  if (YAML::Node n = node["commit"]; n.IsDefined()) {
    if (auto i = r.Enum(n, Join(path, "commit"), kCommitModes)) c->commit = static_cast<CommitMode>(*i);
  }
  if (YAML::Node n = node["dedup"]; n.IsDefined()) {
    if (auto i = r.Enum(n, Join(path, "dedup"), kDedupModes)) c->dedup = static_cast<DedupMode>(*i);
  }
  if (YAML::Node n = node["processing_time"]; n.IsDefined()) {
    if (auto d = r.Duration(n, Join(path, "processing_time"))) c->processing_time_ns = *d;
  }
  if (YAML::Node n = node["start"]; n.IsDefined()) {
    if (auto t = LoadTime(n, Join(path, "start"), ctx)) c->start_ns = *t;
  }
}

}  // namespace

void LoadProducers(const YAML::Node& node, LoadContext& ctx) {
  if (!ctx.r.ExpectList(node, "producers")) return;
  for (size_t i = 0; i < node.size(); ++i) LoadProducer(node[i], Index("producers", i), ctx);
}

void LoadConsumers(const YAML::Node& node, LoadContext& ctx) {
  if (!ctx.r.ExpectList(node, "consumers")) return;
  for (size_t i = 0; i < node.size(); ++i) {
    std::string path = Index("consumers", i);
    if (!ctx.r.ExpectMap(node[i], path)) continue;
    ctx.r.CheckKeys(node[i], path, kConsumerKeys);
    ConsumerSpec c;
    c.loc = ctx.r.Loc(node[i]);
    auto id = LoadClientId(node[i], path, ctx);
    if (id) c.id = *id;
    LoadConsumerFields(node[i], path, ctx, &c);
    if (id) ctx.s.consumers.push_back(std::move(c));
  }
}

}  // namespace kafkasim::scenario
