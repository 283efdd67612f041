// sim/scenario/load_sections.h — the loader's sections, one file each.
// Internal to sim/scenario: loader.cc calls these in dependency order
// (top-level scalars, cluster, topics, clients, then faults/narration/expect,
// which refer to the nodes and partitions declared before).
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/scenario.h"
#include "sim/scenario/yaml_util.h"

namespace kafkasim::scenario {

struct LoadContext {
  Reader& r;
  Scenario& s;
  bool duration_ok = true;  // false: skip "beyond duration" checks
  bool brokers_ok = true;   // false: skip broker-range checks
};

enum class ConfigKind { kBroker, kTopic, kProducer, kConsumer };

// load_config.cc: validates `node` (a map of Kafka keys) and stores its text.
void LoadConfigMap(const YAML::Node& node, const std::string& path, ConfigKind kind, LoadContext& ctx, ConfigMap* out);

// load_cluster.cc
void LoadCluster(const YAML::Node& node, LoadContext& ctx);
std::optional<LatencySpec> LoadLatency(const YAML::Node& node, const std::string& path, LoadContext& ctx);

// load_topics.cc
void LoadTopics(const YAML::Node& node, LoadContext& ctx);
// A count in [1, max], `max` being kafkasim's bound (core/config/sim_bounds.h)
// where Kafka asks only for >= 1; an error above it says `why`.
std::optional<int64_t> LoadBoundedCount(const YAML::Node& node, const std::string& path, LoadContext& ctx, int64_t max,
                                        std::string_view why);

// load_clients.cc
void LoadProducers(const YAML::Node& node, LoadContext& ctx);
void LoadConsumers(const YAML::Node& node, LoadContext& ctx);
// A client id (`id:` of `map`): a valid name, not reserved, not used twice.
std::optional<std::string> LoadClientId(const YAML::Node& map, const std::string& path, LoadContext& ctx);
// A topic name that `topics:` declares.
std::optional<std::string> LoadTopicRef(const YAML::Node& node, const std::string& path, LoadContext& ctx);

// load_processors.cc
void LoadProcessors(const YAML::Node& node, LoadContext& ctx);

// load_faults.cc
void LoadFaults(const YAML::Node& node, LoadContext& ctx);
void LoadNarration(const YAML::Node& node, LoadContext& ctx);

// load_expect.cc
void LoadExpect(const YAML::Node& node, const std::string& path, LoadContext& ctx, Expectations* out);
void LoadExpectAt(const YAML::Node& node, LoadContext& ctx);

// load_refs.cc: checks against what the scenario declares.
// A time `at` within [0, duration].
std::optional<TimeNs> LoadTime(const YAML::Node& node, const std::string& path, LoadContext& ctx);
// A node reference whose names exist; `allow_all` for heal.
std::optional<NodeRef> LoadNodeRef(const YAML::Node& node, const std::string& path, LoadContext& ctx, bool allow_all);
// "orders-0" naming a declared topic and an existing partition.
std::optional<TopicPartition> LoadPartitionName(const YAML::Node& key, const std::string& path, LoadContext& ctx);
// "broker-N" with N in 1..brokers.
std::optional<int> LoadBrokerName(const YAML::Node& node, const std::string& path, LoadContext& ctx);
// Every node name the scenario declares: broker-1.., zookeeper, client ids.
std::vector<std::string> KnownNodeNames(const Scenario& s);
const TopicSpec* FindTopic(const Scenario& s, std::string_view name);

}  // namespace kafkasim::scenario
