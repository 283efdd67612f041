// sim/scenario/load_expect.cc — `expect:` and `expect_at:`.
#include <algorithm>
#include <utility>

#include "core/config/config_key.h"
#include "core/protocol/errors.h"
#include "sim/scenario/load_sections.h"
#include "sim/scenario/node_ref.h"

namespace kafkasim::scenario {

namespace {

using CountField = std::optional<Comparison> Expectations::*;
const std::vector<std::pair<std::string_view, CountField>> kCounts = {
    {"lost_acked", &Expectations::lost_acked},
    {"at_risk_acked", &Expectations::at_risk_acked},
    {"duplicates_in_log", &Expectations::duplicates_in_log},
    {"duplicates_consumed", &Expectations::duplicates_consumed},
    {"consumer_lost", &Expectations::consumer_lost},
    {"reordered", &Expectations::reordered},
    {"acked", &Expectations::acked},
    {"replica_divergence", &Expectations::replica_divergence},
    {"duplicates_output", &Expectations::duplicates_output},
    {"lost_output", &Expectations::lost_output},
    {"controller_epoch", &Expectations::controller_epoch},
    {"metadata_divergence", &Expectations::metadata_divergence},
};
const std::vector<std::string_view> kExpectKeys = {"lost_acked",
                                                   "duplicates_in_log",
                                                   "duplicates_consumed",
                                                   "consumer_lost",
                                                   "reordered",
                                                   "acked",
                                                   "replica_divergence",
                                                   "controller_epoch",
                                                   "produce_errors",
                                                   "leader_of",
                                                   "isr_of",
                                                   "controller",
                                                   "leader_epoch_of",
                                                   "high_watermark_of",
                                                   "consumed",
                                                   "consumed_out_of_order",
                                                   "at_risk_acked",
                                                   "redelivered",
                                                   "aborted_read",
                                                   "transactions",
                                                   "last_stable_offset_of",
                                                   "duplicates_output",
                                                   "lost_output",
                                                   "fenced_brokers",
                                                   "metadata_divergence"};
const std::vector<std::string_view> kTransactionsKeys = {"committed", "aborted"};

std::vector<std::string_view> ErrorNames() {
  std::vector<std::string_view> names;
  for (int code = -100; code <= 100; ++code) {
    std::string_view n = ErrorName(static_cast<ErrorCode>(code));
    if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
  }
  return names;
}

void LoadProduceErrors(const YAML::Node& node, const std::string& path, LoadContext& ctx, Expectations* out) {
  if (!ctx.r.ExpectMap(node, path)) return;
  for (const auto& kv : node) {
    auto name = ctx.r.String(kv.first, path);
    if (!name) continue;
    std::string field = Join(path, *name);
    if (!ErrorFromName(*name)) {
      std::string near = config::NearestName(*name, ErrorNames());
      ctx.r.Fail(kv.first, field,
                 "unknown Kafka error name \"" + *name + "\"" +
                     (near.empty() ? std::string(" (e.g. NOT_ENOUGH_REPLICAS)") : " (did you mean '" + near + "'?)"));
      continue;
    }
    if (auto c = ctx.r.Compare(kv.second, field)) out->produce_errors[*name] = *c;
  }
}

// `consumed: {g1: 500}` (and `consumed_out_of_order`): group name ->
// comparison; the group must be one a consumer declares.
void LoadGroupCounts(const YAML::Node& node, const std::string& path, LoadContext& ctx,
                     std::map<std::string, Comparison>* out) {
  if (!ctx.r.ExpectMap(node, path)) return;
  std::vector<std::string_view> groups;
  for (const auto& c : ctx.s.consumers)
    if (std::find(groups.begin(), groups.end(), c.group) == groups.end()) groups.push_back(c.group);
  for (const auto& p : ctx.s.processors)  // a processor is a member of its group too
    if (std::find(groups.begin(), groups.end(), p.group) == groups.end()) groups.push_back(p.group);
  for (const auto& kv : node) {
    auto name = ctx.r.String(kv.first, path);
    if (!name) continue;
    std::string field = Join(path, *name);
    if (std::find(groups.begin(), groups.end(), *name) == groups.end()) {
      std::string near = config::NearestName(*name, groups);
      ctx.r.Fail(kv.first, field,
                 "unknown consumer group \"" + *name + "\": no consumer or processor declares it" +
                     (near.empty() ? std::string() : " (did you mean '" + near + "'?)"));
      continue;
    }
    if (auto c = ctx.r.Compare(kv.second, field)) (*out)[*name] = *c;
  }
}

// A map from partition names ("orders-0") to values read by `read`.
template <typename T, typename ReadFn>
void LoadPartitionMap(const YAML::Node& node, const std::string& path, LoadContext& ctx, std::map<std::string, T>* out,
                      ReadFn read) {
  if (!ctx.r.ExpectMap(node, path)) return;
  for (const auto& kv : node) {
    std::string field = Join(path, kv.first.IsScalar() ? kv.first.Scalar() : "?");
    auto tp = LoadPartitionName(kv.first, field, ctx);
    if (!tp) continue;
    if (std::optional<T> v = read(kv.second, field)) (*out)[kv.first.Scalar()] = std::move(*v);
  }
}

std::optional<std::vector<int>> LoadIsr(const YAML::Node& node, const std::string& path, LoadContext& ctx) {
  if (!ctx.r.ExpectList(node, path)) return std::nullopt;
  std::vector<int> isr;
  bool ok = true;
  for (size_t i = 0; i < node.size(); ++i) {
    auto id = ctx.r.Int(node[i], Index(path, i), 1, ctx.brokers_ok ? ctx.s.cluster.brokers : INT32_MAX);
    if (id && std::find(isr.begin(), isr.end(), *id) != isr.end()) {
      ctx.r.Fail(node[i], Index(path, i), "broker " + std::to_string(*id) + " is listed twice");
      id.reset();
    }
    if (id) isr.push_back(static_cast<int>(*id));
    ok = ok && id.has_value();
  }
  if (!ok) return std::nullopt;
  return isr;
}

std::optional<std::string> LoadLeaderName(const YAML::Node& node, const std::string& path, LoadContext& ctx) {
  if (node.IsScalar() && node.Scalar() == "none") return std::string("none");
  if (!LoadBrokerName(node, path, ctx)) return std::nullopt;
  return node.Scalar();
}

void LoadPartitionExpectations(const YAML::Node& node, const std::string& path, LoadContext& ctx, Expectations* out) {
  auto compare = [&](const YAML::Node& n, const std::string& f) { return ctx.r.Compare(n, f); };
  if (YAML::Node n = node["leader_of"]; n.IsDefined()) {
    LoadPartitionMap<std::string>(n, Join(path, "leader_of"), ctx, &out->leader_of,
                                  [&](const YAML::Node& v, const std::string& f) { return LoadLeaderName(v, f, ctx); });
  }
  if (YAML::Node n = node["isr_of"]; n.IsDefined()) {
    LoadPartitionMap<std::vector<int>>(n, Join(path, "isr_of"), ctx, &out->isr_of,
                                       [&](const YAML::Node& v, const std::string& f) { return LoadIsr(v, f, ctx); });
  }
  if (YAML::Node n = node["leader_epoch_of"]; n.IsDefined()) {
    LoadPartitionMap<Comparison>(n, Join(path, "leader_epoch_of"), ctx, &out->leader_epoch_of, compare);
  }
  if (YAML::Node n = node["high_watermark_of"]; n.IsDefined()) {
    LoadPartitionMap<Comparison>(n, Join(path, "high_watermark_of"), ctx, &out->high_watermark_of, compare);
  }
  if (YAML::Node n = node["last_stable_offset_of"]; n.IsDefined()) {
    LoadPartitionMap<Comparison>(n, Join(path, "last_stable_offset_of"), ctx, &out->last_stable_offset_of, compare);
  }
}

// The expectation keys of `node` (a map already checked for unknown keys).
void LoadExpectFields(const YAML::Node& node, const std::string& path, LoadContext& ctx, Expectations* out) {
  out->loc = ctx.r.Loc(node);
  for (const auto& [key, field] : kCounts) {
    if (YAML::Node n = node[std::string(key)]; n.IsDefined()) out->*field = ctx.r.Compare(n, Join(path, key));
  }
  if (YAML::Node n = node["produce_errors"]; n.IsDefined()) {
    LoadProduceErrors(n, Join(path, "produce_errors"), ctx, out);
  }
  if (YAML::Node n = node["consumed"]; n.IsDefined()) LoadGroupCounts(n, Join(path, "consumed"), ctx, &out->consumed);
  if (YAML::Node n = node["consumed_out_of_order"]; n.IsDefined()) {
    LoadGroupCounts(n, Join(path, "consumed_out_of_order"), ctx, &out->consumed_out_of_order);
  }
  if (YAML::Node n = node["redelivered"]; n.IsDefined()) {
    LoadGroupCounts(n, Join(path, "redelivered"), ctx, &out->redelivered);
  }
  if (YAML::Node n = node["aborted_read"]; n.IsDefined()) {
    LoadGroupCounts(n, Join(path, "aborted_read"), ctx, &out->aborted_read);
  }
  if (YAML::Node n = node["transactions"]; n.IsDefined()) {
    // `transactions: {committed: ">0", aborted: 3}`: completed by their coordinators.
    const std::string tpath = Join(path, "transactions");
    if (ctx.r.ExpectMap(n, tpath)) {
      ctx.r.CheckKeys(n, tpath, kTransactionsKeys);
      if (YAML::Node c = n["committed"]; c.IsDefined())
        out->transactions_committed = ctx.r.Compare(c, Join(tpath, "committed"));
      if (YAML::Node a = n["aborted"]; a.IsDefined())
        out->transactions_aborted = ctx.r.Compare(a, Join(tpath, "aborted"));
    }
  }
  if (YAML::Node n = node["controller"]; n.IsDefined()) {
    const std::string field = Join(path, "controller");
    if (ctx.s.cluster.mode == ClusterMode::kKRaft) {
      // KRaft: the active controller is a controller-N.
      auto i = n.IsScalar() ? ControllerIndexFromName(n.Scalar()) : std::nullopt;
      if (i && *i <= ctx.s.cluster.controllers) {
        out->controller = n.Scalar();
      } else {
        ctx.r.Fail(n, field,
                   "expected controller-1 .. controller-" + std::to_string(ctx.s.cluster.controllers) +
                       " (KRaft mode), got " + Describe(n));
      }
    } else if (LoadBrokerName(n, field, ctx)) {
      out->controller = n.Scalar();
    }
  }
  if (YAML::Node n = node["fenced_brokers"]; n.IsDefined()) {
    const std::string field = Join(path, "fenced_brokers");
    if (ctx.s.cluster.mode != ClusterMode::kKRaft) {
      ctx.r.Fail(n, field, "only valid with cluster.mode: kraft (ZooKeeper mode does not fence brokers)");
    } else if (auto ids = LoadIsr(n, field, ctx)) {
      out->fenced_brokers = *ids;
    }
  }
  LoadPartitionExpectations(node, path, ctx, out);
}

}  // namespace

void LoadExpect(const YAML::Node& node, const std::string& path, LoadContext& ctx, Expectations* out) {
  if (node.IsNull()) return;
  if (!ctx.r.ExpectMap(node, path)) return;
  ctx.r.CheckKeys(node, path, kExpectKeys);
  LoadExpectFields(node, path, ctx, out);
}

void LoadExpectAt(const YAML::Node& node, LoadContext& ctx) {
  if (node.IsNull()) return;
  if (!ctx.r.ExpectList(node, "expect_at")) return;
  std::vector<std::string_view> keys = kExpectKeys;
  keys.insert(keys.begin(), "at");
  for (size_t i = 0; i < node.size(); ++i) {
    std::string path = Index("expect_at", i);
    if (!ctx.r.ExpectMap(node[i], path)) continue;
    ctx.r.CheckKeys(node[i], path, keys);
    TimedExpectations t;
    auto at = LoadTime(ctx.r.Require(node[i], path, "at"), Join(path, "at"), ctx);
    LoadExpectFields(node[i], path, ctx, &t.expect);
    if (!at) continue;
    t.at_ns = *at;
    ctx.s.expect_at.push_back(std::move(t));
  }
  std::stable_sort(ctx.s.expect_at.begin(), ctx.s.expect_at.end(),
                   [](const TimedExpectations& a, const TimedExpectations& b) { return a.at_ns < b.at_ns; });
}

}  // namespace kafkasim::scenario
