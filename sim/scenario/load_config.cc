// sim/scenario/load_config.cc — Kafka config maps, checked against core/config.
#include "core/config/broker_config.h"
#include "core/config/client_config.h"
#include "core/config/topic_config.h"
#include "sim/scenario/load_sections.h"

namespace kafkasim::scenario {

namespace {

std::string_view KindName(ConfigKind kind) {
  switch (kind) {
    case ConfigKind::kBroker: return "broker";
    case ConfigKind::kTopic: return "topic";
    case ConfigKind::kProducer: return "producer";
    case ConfigKind::kConsumer: return "consumer";
  }
  return "?";
}

const std::vector<config::ConfigKey>& KeysOf(ConfigKind kind) {
  switch (kind) {
    case ConfigKind::kBroker: return config::BrokerConfig::Keys();
    case ConfigKind::kTopic: return config::TopicConfig::Keys();
    case ConfigKind::kProducer: return config::ProducerConfig::Keys();
    case ConfigKind::kConsumer: return config::ConsumerConfig::Keys();
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
      case ConfigKind::kBroker: return broker.Set(key, value);
      case ConfigKind::kTopic: return topic.Set(key, value);
      case ConfigKind::kProducer: return producer.Set(key, value);
      case ConfigKind::kConsumer: return consumer.Set(key, value);
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

}  // namespace

void LoadConfigMap(const YAML::Node& node, const std::string& path, ConfigKind kind, LoadContext& ctx,
                   ConfigMap* out) {
  if (node.IsNull()) return;  // "config:" with nothing under it
  if (!ctx.r.ExpectMap(node, path)) return;
  Scratch scratch;
  for (const auto& kv : node) {
    std::optional<std::string> key = ctx.r.String(kv.first, path);
    if (!key) continue;
    std::string field = Join(path, *key);
    if (config::FindKey(*key, KeysOf(kind)) == nullptr) {
      ctx.r.Fail(kv.first, field, UnknownKeyMessage(kind, *key));
      continue;
    }
    if (out->count(*key) != 0) {
      ctx.r.Fail(kv.first, field, "key \"" + *key + "\" is written twice");
      continue;
    }
    std::optional<std::string> value = ctx.r.String(kv.second, field);
    if (!value) continue;
    Status s = scratch.Set(kind, *key, *value);
    if (!s.ok()) {
      // Set() names the key itself; the field path already does.
      std::string msg = s.error().message;
      if (msg.rfind(*key + ": ", 0) == 0) msg.erase(0, key->size() + 2);
      ctx.r.Fail(kv.second, field, msg);
      continue;
    }
    (*out)[*key] = *value;
  }
}

}  // namespace kafkasim::scenario
