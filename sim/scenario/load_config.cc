// sim/scenario/load_config.cc — Kafka config maps, checked against core/config.
#include "core/config/broker_config.h"
#include "core/config/client_config.h"
#include "core/config/config_checks.h"
#include "core/config/topic_config.h"
#include "sim/scenario/load_sections.h"

namespace kafkasim::scenario {

namespace {

std::string_view KindName(ConfigKind kind) {
  switch (kind) {
    case ConfigKind::kBroker:
      return "broker";
    case ConfigKind::kTopic:
      return "topic";
    case ConfigKind::kProducer:
      return "producer";
    case ConfigKind::kConsumer:
      return "consumer";
  }
  return "?";
}

const std::vector<config::ConfigKey>& KeysOf(ConfigKind kind) {
  switch (kind) {
    case ConfigKind::kBroker:
      return config::BrokerConfig::Keys();
    case ConfigKind::kTopic:
      return config::TopicConfig::Keys();
    case ConfigKind::kProducer:
      return config::ProducerConfig::Keys();
    case ConfigKind::kConsumer:
      return config::ConsumerConfig::Keys();
  }
  return config::BrokerConfig::Keys();
}

// Applies every key to a scratch config of the kind, so bad values are found now.
struct Scratch {
  config::BrokerConfig broker;
  config::TopicConfig topic;
  config::ProducerConfig producer;
  config::ConsumerConfig consumer;
  Status Set(ConfigKind kind, std::string_view key, std::string_view value) {
    switch (kind) {
      case ConfigKind::kBroker:
        return broker.Set(key, value);
      case ConfigKind::kTopic:
        return topic.Set(key, value);
      case ConfigKind::kProducer:
        return producer.Set(key, value);
      case ConfigKind::kConsumer:
        return consumer.Set(key, value);
    }
    return OkStatus();
  }
};

std::string UnknownKeyMessage(ConfigKind kind, const std::string& key) {
  std::string msg = "unknown " + std::string(KindName(kind)) + " config key \"" + key + "\"";
  std::string near = config::NearestKey(key, KeysOf(kind));
  if (!near.empty()) return msg + " (did you mean '" + near + "'?)";
  // A key of another kind in the wrong place: say where it belongs.
  for (ConfigKind other : {ConfigKind::kBroker, ConfigKind::kTopic, ConfigKind::kProducer, ConfigKind::kConsumer}) {
    if (other != kind && config::FindKey(key, KeysOf(other)) != nullptr) {
      return msg + " (it is a " + std::string(KindName(other)) + " config)";
    }
  }
  return msg + "; docs/configs.md lists the " + std::string(KindName(kind)) + " keys";
}

// The value node of `key` in `map` (for its line), or the map itself.
YAML::Node NodeOfKey(const YAML::Node& map, std::string_view key) {
  for (const auto& kv : map) {
    if (kv.first.IsScalar() && kv.first.Scalar() == key) return kv.second;
  }
  return map;
}

// Kafka's rules across keys (config_checks.h): what Kafka refuses is an error
// at the key it is about. Adjustments are the client's to apply and tell.
void CheckAcrossKeys(const YAML::Node& node, const std::string& path, ConfigKind kind, Scratch& scratch,
                     const ConfigMap& written, LoadContext& ctx) {
  config::Originals originals;
  for (const auto& kv : written) originals.insert(kv.first);
  config::CheckResult r;
  switch (kind) {
    case ConfigKind::kBroker:
      r = config::Check(scratch.broker, originals);
      break;
    case ConfigKind::kProducer:
      r = config::PostProcess(scratch.producer, originals);
      break;
    case ConfigKind::kConsumer:
      r = config::Check(scratch.consumer, originals);
      break;
    case ConfigKind::kTopic:
      break;
  }
  for (const config::ConfigProblem& e : r.errors) {
    ctx.r.Fail(NodeOfKey(node, e.key), Join(path, std::string(e.key)), e.message);
  }
}

}  // namespace

void LoadConfigMap(const YAML::Node& node, const std::string& path, ConfigKind kind, LoadContext& ctx, ConfigMap* out) {
  if (node.IsNull()) return;  // "config:" with nothing under it
  if (!ctx.r.ExpectMap(node, path)) return;
  Scratch scratch;
  bool all_set = true;  // false: a key was refused, so the scratch config is not the file's
  for (const auto& kv : node) {
    std::optional<std::string> key = ctx.r.String(kv.first, path);
    if (!key) {
      all_set = false;
      continue;
    }
    std::string field = Join(path, *key);
    if (config::FindKey(*key, KeysOf(kind)) == nullptr) {
      ctx.r.Fail(kv.first, field, UnknownKeyMessage(kind, *key));
      all_set = false;
      continue;
    }
    if (out->count(*key) != 0) {
      ctx.r.Fail(kv.first, field, "key \"" + *key + "\" is written twice");
      continue;
    }
    std::optional<std::string> value = ctx.r.String(kv.second, field);
    if (!value) {
      all_set = false;
      continue;
    }
    Status s = scratch.Set(kind, *key, *value);
    if (!s.ok()) {
      // Set() names the key itself; the field path already does.
      std::string msg = s.error().message;
      if (msg.rfind(*key + ": ", 0) == 0) msg.erase(0, key->size() + 2);
      ctx.r.Fail(kv.second, field, msg);
      all_set = false;
      continue;
    }
    (*out)[*key] = *value;
  }
  if (all_set) CheckAcrossKeys(node, path, kind, scratch, *out, ctx);
}

}  // namespace kafkasim::scenario
