// sim/cli/describe_topics.cc — kafka-topics.sh --describe (Kafka 3.4
// TopicCommand: TopicDescription.printDescription and
// PartitionDescription.printDescription), and the Uuids it prints.
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/broker/broker.h"
#include "core/config/topic_config.h"
#include "core/util/strings.h"
#include "sim/cli/describe.h"
#include "sim/controller_view.h"
#include "sim/simulation.h"

namespace kafkasim::cli {
namespace {

uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// 16 bytes with java.util.UUID.randomUUID's version (4) and variant bits.
std::array<uint8_t, 16> UuidBytes(uint64_t seed, const std::string& name, uint64_t attempt) {
  uint64_t state = 0xCBF29CE484222325ULL ^ seed;
  for (unsigned char c : name) state = (state ^ c) * 0x100000001B3ULL;
  state ^= attempt;
  std::array<uint8_t, 16> b{};
  for (int half = 0; half < 2; ++half) {
    uint64_t v = SplitMix64(state);
    for (int i = 0; i < 8; ++i) b[static_cast<size_t>(half * 8 + i)] = static_cast<uint8_t>(v >> (56 - 8 * i));
  }
  b[6] = static_cast<uint8_t>((b[6] & 0x0F) | 0x40);
  b[8] = static_cast<uint8_t>((b[8] & 0x3F) | 0x80);
  return b;
}

std::string Base64Url(const std::array<uint8_t, 16>& b) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (uint8_t byte : b) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(acc >> bits) & 0x3F];
    }
  }
  if (bits > 0) out += kAlphabet[(acc << (6 - bits)) & 0x3F];
  return out;  // 22 characters: no padding (Base64.getUrlEncoder().withoutPadding())
}

// The topic configs a describe shows: ConfigEntry.isDefault is false for a
// topic override (TOPIC_CONFIG) and for a value the broker's static config
// sets through a synonym (STATIC_BROKER_CONFIG: ConfigHelper.createTopicConfigEntry).
// Kafka lists them in its configs map's order; kafkasim sorts them by name.
std::string NonDefaultConfigs(const sim::Simulation& sim, const scenario::TopicSpec& t) {
  const scenario::Scenario& s = sim.scenario();
  config::BrokerConfig broker;
  for (const auto& [k, v] : s.cluster.config) (void)broker.Set(k, v);  // validated by the loader
  config::TopicConfig topic;
  for (const auto& [k, v] : t.config) (void)topic.Set(k, v);
  const config::EffectiveTopicConfig e = config::Resolve(topic, broker);
  auto num = [](int64_t v) { return std::to_string(v); };
  // topic key, its broker synonym (LogConfig.TopicConfigSynonyms), the value.
  const std::vector<std::array<std::string, 3>> keys = {
      {"flush.messages", "log.flush.interval.messages", num(e.flush_messages)},
      {"flush.ms", "log.flush.interval.ms", num(e.flush_ms)},
      {"max.message.bytes", "message.max.bytes", num(e.max_message_bytes)},
      {"min.insync.replicas", "min.insync.replicas", num(e.min_insync_replicas)},
      {"retention.bytes", "log.retention.bytes", num(e.retention_bytes)},
      {"retention.ms", "log.retention.ms", num(e.retention_ms)},
      {"segment.bytes", "log.segment.bytes", num(e.segment_bytes)},
      {"segment.ms", "log.roll.ms", num(e.segment_ms)},
      {"unclean.leader.election.enable", "unclean.leader.election.enable",
       e.unclean_leader_election_enable ? "true" : "false"},
  };
  std::string out;
  for (const auto& [key, synonym, value] : keys) {
    if (!t.config.count(key) && !s.cluster.config.count(synonym)) continue;
    if (!out.empty()) out += ',';
    out.append(key).append("=").append(value);
  }
  return out;
}

// The freshest metadata a live broker holds for `tp` (the controller's
// UpdateMetadata, highest controller epoch first): what kafka-topics.sh gets
// while ZooKeeper is down.
const PartitionState* MetadataOf(const sim::Simulation& sim, const TopicPartition& tp) {
  const PartitionState* best = nullptr;
  ControllerEpoch best_epoch{-1};
  for (NodeId id : sim.broker_ids()) {
    const broker::Broker* b = sim.broker(id);
    if (!b) continue;
    const PartitionState* st = b->metadata().Find(tp);
    if (st && b->metadata().controller_epoch() > best_epoch) {
      best = st;
      best_epoch = b->metadata().controller_epoch();
    }
  }
  return best;
}

struct PartitionRow {
  NodeId leader = kNoNode;
  std::vector<NodeId> replicas, isr;
};

// Leader and Isr are the controller's view, the partition's state znode
// (sim::ControllerViewOf) — never a broker's own idea of its role. While
// ZooKeeper is down: the freshest metadata a live broker holds. Replicas is
// the assignment (as declared, before the controller wrote it).
PartitionRow RowOf(const sim::Simulation& sim, const scenario::TopicSpec& t, int p) {
  TopicPartition tp{t.name, PartitionId{p}};
  PartitionRow r;
  if (auto v = sim::ControllerViewOf(sim, tp)) {
    r = PartitionRow{v->leader, v->replicas, v->isr};
  } else if (const PartitionState* md = MetadataOf(sim, tp)) {
    r = PartitionRow{md->leader, md->replicas, md->isr};
  }
  if (r.replicas.empty()) {
    auto it = t.assignment.find(p);
    if (it != t.assignment.end())
      for (int32_t id : it->second) r.replicas.push_back(NodeId{id});
  }
  return r;
}

// A broker the tool's metadata lists: running and registered.
bool LiveBroker(const sim::Simulation& sim, NodeId id) {
  const broker::Broker* b = sim.broker(id);
  return b != nullptr && b->control_plane().registered();
}

// TopicCommand.DescribeOptions.shouldPrintTopicPartition.
bool Reported(const sim::Simulation& sim, const TopicReport& report, const PartitionRow& r, int32_t min_isr) {
  if (!report.any()) return true;
  const bool has_leader = r.leader != kNoNode;
  if (report.under_replicated && r.replicas.size() > r.isr.size()) return true;
  if (report.unavailable && (!has_leader || !LiveBroker(sim, r.leader))) return true;
  return report.under_min_isr && (!has_leader || static_cast<int32_t>(r.isr.size()) < min_isr);
}

}  // namespace

std::string KafkaUuidBase64(uint64_t seed, const std::string& name) {
  // Uuid.randomUuid draws again while the string starts with '-'.
  for (uint64_t attempt = 0;; ++attempt) {
    std::string s = Base64Url(UuidBytes(seed, name, attempt));
    if (s[0] != '-') return s;
  }
}

std::string JavaUuidString(uint64_t seed, const std::string& name) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  const auto b = UuidBytes(seed, name, 0);
  for (size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[b[i] >> 4];
    out += kHex[b[i] & 0x0F];
  }
  return out;
}

void DescribeTopics(const sim::Simulation& sim, const TopicReport& report, std::ostream& out) {
  config::BrokerConfig broker;
  for (const auto& [k, v] : sim.scenario().cluster.config) (void)broker.Set(k, v);
  for (const auto& t : sim.scenario().topics) {
    if (!report.any()) {
      out << "Topic: " << t.name << "\tTopicId: " << KafkaUuidBase64(sim.seed(), t.name)
          << "\tPartitionCount: " << t.partitions << "\tReplicationFactor: " << t.replication_factor
          << "\tConfigs: " << NonDefaultConfigs(sim, t) << "\n";
    }
    config::TopicConfig topic;
    for (const auto& [k, v] : t.config) (void)topic.Set(k, v);
    const int32_t min_isr = config::Resolve(topic, broker).min_insync_replicas;
    for (int p = 0; p < t.partitions; ++p) {
      PartitionRow r = RowOf(sim, t, p);
      if (!Reported(sim, report, r, min_isr)) continue;
      out << "\tTopic: " << t.name << "\tPartition: " << p
          << "\tLeader: " << (r.leader != kNoNode ? std::to_string(r.leader.value()) : std::string("none"))
          << "\tReplicas: " << JoinIds(r.replicas) << "\tIsr: " << JoinIds(r.isr) << "\n";
    }
  }
}

}  // namespace kafkasim::cli
