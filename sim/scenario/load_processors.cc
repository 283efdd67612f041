// sim/scenario/load_processors.cc — `processors:` (consume-transform-produce
// applications, Kafka Streams' processing.guarantee).
#include "core/config/client_config.h"
#include "core/config/config_key.h"
#include "sim/scenario/load_sections.h"

namespace kafkasim::scenario {

namespace {

const std::vector<std::string_view> kProcessorKeys = {"id",     "group", "input",           "output",
                                                      "config", "dedup", "processing_time", "start"};
const std::vector<std::string_view> kGuarantees = {"at_least_once", "exactly_once_v2"};  // ProcessingGuarantee order
const std::vector<std::string_view> kProcessorDedupModes = {"none", "store", "store-unsynced"};  // DedupMode order
constexpr std::string_view kGuaranteeKey = "processing.guarantee";
constexpr std::string_view kCommitIntervalKey = "commit.interval.ms";

// Keys Kafka Streams sets on its clients itself (StreamsConfig's
// CONSUMER_DEFAULT_OVERRIDES, and transactional.id per thread with exactly_once_v2).
std::optional<std::string> StreamsOwned(std::string_view key) {
  if (key == "enable.auto.commit")
    return std::string("Kafka Streams commits itself (every commit.interval.ms) and sets enable.auto.commit=false");
  if (key == "transactional.id")
    return std::string("Kafka Streams sets transactional.id itself with exactly_once_v2 (here <group>-<id>)");
  return std::nullopt;
}

std::string UnknownKey(const std::string& key) {
  std::vector<config::ConfigKey> keys = config::ConsumerConfig::Keys();
  for (const config::ConfigKey& k : config::ProducerConfig::Keys()) keys.push_back(k);
  std::string near = config::NearestKey(key, keys);
  if (near.empty() && (key.find("guarantee") != std::string::npos || key.find("interval") != std::string::npos))
    near = key.find("guarantee") != std::string::npos ? std::string(kGuaranteeKey) : std::string(kCommitIntervalKey);
  std::string msg = "unknown processor config key \"" + key + "\" (neither a consumer nor a producer key, nor " +
                    std::string(kGuaranteeKey) + " / " + std::string(kCommitIntervalKey) + ")";
  return near.empty() ? msg : msg + " (did you mean '" + near + "'?)";
}

// One client key: checked against a scratch config of each client that knows it.
void LoadClientKey(const YAML::Node& key_node, const YAML::Node& value_node, const std::string& key,
                   const std::string& field, LoadContext& ctx, ProcessorSpec* p) {
  const bool consumer = config::FindKey(key, config::ConsumerConfig::Keys()) != nullptr;
  const bool producer = config::FindKey(key, config::ProducerConfig::Keys()) != nullptr;
  if (!consumer && !producer) return ctx.r.Fail(key_node, field, UnknownKey(key));
  if (auto why = StreamsOwned(key)) return ctx.r.Fail(key_node, field, *why);
  std::optional<std::string> value = ctx.r.String(value_node, field);
  if (!value) return;
  config::ConsumerConfig c;
  config::ProducerConfig pr;
  Status s = consumer ? c.Set(key, *value) : pr.Set(key, *value);
  if (s.ok() && consumer && producer) s = pr.Set(key, *value);
  if (!s.ok()) return ctx.r.Fail(value_node, field, s.error().message);
  if (consumer) p->consumer_config[key] = *value;
  if (producer) p->producer_config[key] = *value;
}

void LoadProcessorConfig(const YAML::Node& node, const std::string& path, LoadContext& ctx, ProcessorSpec* p) {
  if (node.IsNull() || !ctx.r.ExpectMap(node, path)) return;
  for (const auto& kv : node) {
    std::optional<std::string> key = ctx.r.String(kv.first, path);
    if (!key) continue;
    std::string field = Join(path, *key);
    if (*key == kGuaranteeKey) {
      if (auto i = ctx.r.Enum(kv.second, field, kGuarantees)) p->guarantee = static_cast<ProcessingGuarantee>(*i);
    } else if (*key == kCommitIntervalKey) {
      if (auto ms = ctx.r.Int(kv.second, field, 0, INT32_MAX)) p->commit_interval_ns = Ms(*ms);
    } else {
      LoadClientKey(kv.first, kv.second, *key, field, ctx, p);
    }
  }
}

void LoadProcessorFields(const YAML::Node& node, const std::string& path, LoadContext& ctx, ProcessorSpec* p) {
  Reader& r = ctx.r;
  if (auto g = r.Name(r.Require(node, path, "group"), Join(path, "group"))) p->group = *g;
  YAML::Node input = r.Require(node, path, "input");
  if (input.IsDefined() && r.ExpectList(input, Join(path, "input"))) {
    if (input.size() == 0) r.Fail(input, Join(path, "input"), "expected at least one topic");
    for (size_t i = 0; i < input.size(); ++i) {
      if (auto t = LoadTopicRef(input[i], Index(Join(path, "input"), i), ctx)) p->input.push_back(*t);
    }
  }
  YAML::Node output = r.Require(node, path, "output");
  if (auto t = output.IsDefined() ? LoadTopicRef(output, Join(path, "output"), ctx) : std::nullopt) {
    p->output = *t;
    for (const std::string& in : p->input) {
      if (in == *t) r.Fail(output, Join(path, "output"), "the output topic is also an input topic: a loop");
    }
  }
  if (YAML::Node n = node["config"]; n.IsDefined()) LoadProcessorConfig(n, Join(path, "config"), ctx, p);
  if (YAML::Node n = node["dedup"]; n.IsDefined()) {
    if (auto i = r.Enum(n, Join(path, "dedup"), kProcessorDedupModes)) p->dedup = static_cast<DedupMode>(*i);
  }
  if (YAML::Node n = node["processing_time"]; n.IsDefined()) {
    if (auto d = r.Duration(n, Join(path, "processing_time"))) p->processing_time_ns = *d;
  }
  if (YAML::Node n = node["start"]; n.IsDefined()) {
    if (auto t = LoadTime(n, Join(path, "start"), ctx)) p->start_ns = *t;
  }
}

}  // namespace

void LoadProcessors(const YAML::Node& node, LoadContext& ctx) {
  if (!ctx.r.ExpectList(node, "processors")) return;
  for (size_t i = 0; i < node.size(); ++i) {
    std::string path = Index("processors", i);
    if (!ctx.r.ExpectMap(node[i], path)) continue;
    ctx.r.CheckKeys(node[i], path, kProcessorKeys);
    ProcessorSpec p;
    p.loc = ctx.r.Loc(node[i]);
    auto id = LoadClientId(node[i], path, ctx);
    if (id) p.id = *id;
    LoadProcessorFields(node[i], path, ctx, &p);
    if (id) ctx.s.processors.push_back(std::move(p));
  }
}

}  // namespace kafkasim::scenario
