// sim/scenario/load_cluster.cc — `cluster:` (brokers, racks, config, network, disk).
#include "core/config/sim_bounds.h"
#include "sim/scenario/load_sections.h"
#include "sim/scenario/units.h"

namespace kafkasim::scenario {

namespace {

const std::vector<std::string_view> kClusterKeys = {"mode",   "controllers", "brokers", "racks",
                                                    "config", "network",     "disk"};
const std::vector<std::string_view> kClusterModes = {"zookeeper", "kraft"};
constexpr int64_t kMaxControllers = 9;
const std::vector<std::string_view> kNetworkKeys = {"latency", "loss", "duplicate", "reorder", "bandwidth"};
const std::vector<std::string_view> kLatencyKeys = {"min", "max"};
const std::vector<std::string_view> kDiskKeys = {"flush"};
const std::vector<std::string_view> kFlushModes = {"page-cache", "every-write"};

void LoadNetwork(const YAML::Node& node, const std::string& path, LoadContext& ctx, NetworkSpec* out) {
  Reader& r = ctx.r;
  if (!r.ExpectMap(node, path)) return;
  r.CheckKeys(node, path, kNetworkKeys);
  if (YAML::Node n = node["latency"]; n.IsDefined()) {
    if (auto l = LoadLatency(n, Join(path, "latency"), ctx)) out->latency = *l;
  }
  if (YAML::Node n = node["loss"]; n.IsDefined()) {
    if (auto p = r.Probability(n, Join(path, "loss"))) out->loss = *p;
  }
  if (YAML::Node n = node["duplicate"]; n.IsDefined()) {
    if (auto p = r.Probability(n, Join(path, "duplicate"))) out->duplicate = *p;
  }
  if (YAML::Node n = node["reorder"]; n.IsDefined()) {
    if (auto p = r.Probability(n, Join(path, "reorder"))) out->reorder = *p;
  }
  if (YAML::Node n = node["bandwidth"]; n.IsDefined()) {
    std::string field = Join(path, "bandwidth");
    if (auto text = r.String(n, field)) {
      Result<int64_t> b = ParseBandwidth(*text);
      if (b.ok()) {
        out->bandwidth_bytes_per_sec = *b;
      } else {
        r.Fail(n, field, b.error().message);
      }
    }
  }
}

void LoadDisk(const YAML::Node& node, const std::string& path, LoadContext& ctx, DiskSpec* out) {
  if (!ctx.r.ExpectMap(node, path)) return;
  ctx.r.CheckKeys(node, path, kDiskKeys);
  if (YAML::Node n = node["flush"]; n.IsDefined()) {
    if (auto i = ctx.r.Enum(n, Join(path, "flush"), kFlushModes)) {
      out->flush = *i == 0 ? FlushMode::kPageCache : FlushMode::kEveryWrite;
    }
  }
}

// cluster.mode and cluster.controllers (KRaft: controller-1..N form the quorum).
void LoadMode(const YAML::Node& node, LoadContext& ctx) {
  Reader& r = ctx.r;
  ClusterSpec& c = ctx.s.cluster;
  if (YAML::Node n = node["mode"]; n.IsDefined()) {
    if (auto i = r.Enum(n, "cluster.mode", kClusterModes))
      c.mode = *i == 0 ? ClusterMode::kZooKeeper : ClusterMode::kKRaft;
  }
  YAML::Node n = node["controllers"];
  if (!n.IsDefined()) return;
  if (c.mode != ClusterMode::kKRaft) {
    r.Fail(n, "cluster.controllers",
           "only valid with cluster.mode: kraft (ZooKeeper mode elects a broker as controller)");
    return;
  }
  if (n.IsScalar() && n.Scalar() == "0") {
    r.Fail(n, "cluster.controllers",
           "combined mode (process.roles=broker,controller, controllers: 0) is not simulated yet; use 1 or more "
           "dedicated controllers");
    return;
  }
  if (auto v = LoadBoundedCount(n, "cluster.controllers", ctx, kMaxControllers,
                                "simulator bound on controller quorum voters")) {
    c.controllers = static_cast<int>(*v);
  }
}

void LoadRacks(const YAML::Node& node, LoadContext& ctx) {
  auto racks = ctx.r.StringList(node, "cluster.racks");
  if (!racks) return;
  if (ctx.brokers_ok && racks->size() != static_cast<size_t>(ctx.s.cluster.brokers)) {
    ctx.r.Fail(node, "cluster.racks",
               "expected one rack per broker (" + std::to_string(ctx.s.cluster.brokers) + "), got " +
                   std::to_string(racks->size()));
    return;
  }
  ctx.s.cluster.racks = *racks;
}

}  // namespace

std::optional<LatencySpec> LoadLatency(const YAML::Node& node, const std::string& path, LoadContext& ctx) {
  Reader& r = ctx.r;
  if (node.IsScalar()) {
    auto d = r.Duration(node, path);
    if (!d) return std::nullopt;
    return LatencySpec{*d, *d};
  }
  if (!node.IsMap()) {
    r.Fail(node, path, "expected a duration (2ms) or {min: 1ms, max: 5ms}, got " + Describe(node));
    return std::nullopt;
  }
  r.CheckKeys(node, path, kLatencyKeys);
  auto min = r.Duration(r.Require(node, path, "min"), Join(path, "min"));
  auto max = r.Duration(r.Require(node, path, "max"), Join(path, "max"));
  if (!min || !max) return std::nullopt;
  if (*min > *max) {
    r.Fail(node, path, "min (" + FormatDuration(*min) + ") is above max (" + FormatDuration(*max) + ")");
    return std::nullopt;
  }
  return LatencySpec{*min, *max};
}

void LoadCluster(const YAML::Node& node, LoadContext& ctx) {
  Reader& r = ctx.r;
  ClusterSpec& c = ctx.s.cluster;
  if (!r.ExpectMap(node, "cluster")) return;
  r.CheckKeys(node, "cluster", kClusterKeys);
  LoadMode(node, ctx);
  if (YAML::Node n = node["brokers"]; n.IsDefined()) {
    auto b = LoadBoundedCount(n, "cluster.brokers", ctx, config::kMaxBrokers, config::kWhyBrokers);
    ctx.brokers_ok = b.has_value();
    if (b) c.brokers = static_cast<int>(*b);
  }
  if (YAML::Node n = node["racks"]; n.IsDefined()) LoadRacks(n, ctx);
  if (YAML::Node n = node["config"]; n.IsDefined()) {
    LoadConfigMap(n, "cluster.config", ConfigKind::kBroker, ctx, &c.config);
  }
  if (YAML::Node n = node["network"]; n.IsDefined()) LoadNetwork(n, "cluster.network", ctx, &c.network);
  if (YAML::Node n = node["disk"]; n.IsDefined()) LoadDisk(n, "cluster.disk", ctx, &c.disk);
}

}  // namespace kafkasim::scenario
