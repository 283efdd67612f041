// sim/scenario/load_faults.cc — `faults:` (one action per entry) and `narration:`.
#include <algorithm>

#include "sim/scenario/load_sections.h"

namespace kafkasim::scenario {

namespace {

const std::vector<std::string_view> kFaultKeys = {"at",         "for",     "crash",     "power_fail",
                                                  "torn_write", "restart", "pause",     "partition",
                                                  "link",       "heal",    "disk_full", "disk_error"};
const std::vector<std::string_view> kActions = {"crash", "power_fail", "restart",   "pause",     "partition",
                                                "link",  "heal",       "disk_full", "disk_error"};
const std::vector<std::string_view> kLinkKeys = {"from", "to", "between", "drop", "duplicate", "latency"};
const std::vector<std::string_view> kNarrationKeys = {"at", "text", "after"};

bool TakesFor(std::string_view action) {
  return action == "pause" || action == "partition" || action == "link" || action == "disk_full" ||
         action == "disk_error";
}

// Disk faults act on a broker's log dir: broker-N, controller or leader(t-p).
bool IsBrokerRef(const NodeRef& ref) { return ref.kind != NodeRef::Kind::kNamed || ref.name.rfind("broker-", 0) == 0; }

std::optional<PartitionFault> LoadPartition(const YAML::Node& node, const std::string& path, LoadContext& ctx) {
  Reader& r = ctx.r;
  if (!r.ExpectList(node, path)) return std::nullopt;
  PartitionFault f;
  bool ok = true;
  std::vector<std::string> seen;
  for (size_t g = 0; g < node.size(); ++g) {
    std::string gpath = Index(path, g);
    if (!r.ExpectList(node[g], gpath)) {
      ok = false;
      continue;
    }
    if (node[g].size() == 0) r.Fail(node[g], gpath, "a group needs at least one node");
    std::vector<NodeRef> group;
    for (size_t i = 0; i < node[g].size(); ++i) {
      auto ref = LoadNodeRef(node[g][i], Index(gpath, i), ctx, /*allow_all=*/false);
      if (!ref) {
        ok = false;
      } else if (std::find(seen.begin(), seen.end(), ref->text) != seen.end()) {
        r.Fail(node[g][i], Index(gpath, i), "node \"" + ref->text + "\" is in more than one group");
        ok = false;
      } else {
        seen.push_back(ref->text);
        group.push_back(*ref);
      }
    }
    f.groups.push_back(std::move(group));
  }
  if (ok && f.groups.size() < 2) {
    r.Fail(node, path, "expected at least two groups, e.g. [[broker-1], [broker-2, broker-3]]");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return f;
}

// from/to or between: [a, b].
bool LoadLinkEnds(const YAML::Node& node, const std::string& path, LoadContext& ctx, LinkSpec* l) {
  Reader& r = ctx.r;
  YAML::Node between = node["between"];
  if (between.IsDefined() == (node["from"].IsDefined() || node["to"].IsDefined())) {
    r.Fail(node, path, "expected either {from: a, to: b} (one way) or {between: [a, b]} (both ways)");
    return false;
  }
  std::optional<NodeRef> a, b;
  if (between.IsDefined()) {
    std::string bpath = Join(path, "between");
    if (!r.ExpectList(between, bpath)) return false;
    if (between.size() != 2) {
      r.Fail(between, bpath, "expected two nodes, got " + std::to_string(between.size()));
      return false;
    }
    a = LoadNodeRef(between[0], Index(bpath, 0), ctx, false);
    b = LoadNodeRef(between[1], Index(bpath, 1), ctx, false);
    l->both_ways = true;
  } else {
    a = LoadNodeRef(r.Require(node, path, "from"), Join(path, "from"), ctx, false);
    b = LoadNodeRef(r.Require(node, path, "to"), Join(path, "to"), ctx, false);
  }
  if (!a || !b) return false;
  if (a->text == b->text) {
    r.Fail(node, path, "a link needs two different nodes, got \"" + a->text + "\" twice");
    return false;
  }
  l->from = *a;
  l->to = *b;
  return true;
}

std::optional<LinkFault> LoadLink(const YAML::Node& node, const std::string& path, LoadContext& ctx) {
  Reader& r = ctx.r;
  if (!r.ExpectMap(node, path)) return std::nullopt;
  bool ok = r.CheckKeys(node, path, kLinkKeys);
  LinkFault f;
  ok = LoadLinkEnds(node, path, ctx, &f.link) && ok;
  if (YAML::Node n = node["drop"]; n.IsDefined()) {
    f.link.drop = r.Probability(n, Join(path, "drop"));
    ok = ok && f.link.drop.has_value();
  }
  if (YAML::Node n = node["duplicate"]; n.IsDefined()) {
    f.link.duplicate = r.Probability(n, Join(path, "duplicate"));
    ok = ok && f.link.duplicate.has_value();
  }
  if (YAML::Node n = node["latency"]; n.IsDefined()) {
    f.link.latency = LoadLatency(n, Join(path, "latency"), ctx);
    ok = ok && f.link.latency.has_value();
  }
  if (!node["drop"].IsDefined() && !node["duplicate"].IsDefined() && !node["latency"].IsDefined()) {
    r.Fail(node, path, "a link fault needs at least one of drop, duplicate, latency");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return f;
}

// The action of one fault, by its key; false if it is bad.
bool LoadAction(std::string_view action, const YAML::Node& node, const std::string& path, LoadContext& ctx, Fault* f) {
  if (action == "partition") {
    auto p = LoadPartition(node, path, ctx);
    if (p) f->action = std::move(*p);
    return p.has_value();
  }
  if (action == "link") {
    auto l = LoadLink(node, path, ctx);
    if (l) f->action = std::move(*l);
    return l.has_value();
  }
  auto ref = LoadNodeRef(node, path, ctx, /*allow_all=*/action == "heal");
  if (!ref) return false;
  if ((action == "disk_full" || action == "disk_error") && !IsBrokerRef(*ref)) {
    ctx.r.Fail(node, path,
               std::string(action) + " takes a broker (broker-N, controller or leader(topic-p)); \"" + ref->text +
                   "\" has no log dir");
    return false;
  }
  if (action == "disk_full") f->action = DiskFailFault{*ref, true};
  if (action == "disk_error") f->action = DiskFailFault{*ref, false};
  if (action == "crash") f->action = CrashFault{*ref};
  if (action == "power_fail") f->action = PowerFailFault{*ref};
  if (action == "restart") f->action = RestartFault{*ref};
  if (action == "pause") f->action = PauseFault{*ref};
  if (action == "heal") f->action = HealFault{*ref};
  return true;
}

// `torn_write: true|false`, which only a power failure takes.
bool LoadTornWrite(const YAML::Node& node, const std::string& path, std::string_view action, Reader& r, Fault* f) {
  YAML::Node torn = node["torn_write"];
  if (!torn.IsDefined()) return true;
  const std::string tpath = Join(path, "torn_write");
  if (action != "power_fail") {
    r.Fail(torn, tpath, "`torn_write` applies only to power_fail (a process crash loses nothing on disk)");
    return false;
  }
  auto on = r.Bool(torn, tpath);
  if (!on) return false;
  if (auto* p = std::get_if<PowerFailFault>(&f->action)) p->torn_write = *on;
  return true;
}

// The one action key of a fault entry, or "" (reported) if there is none or several.
// `report_missing` is false when a misspelt key was already reported.
std::string_view FindAction(const YAML::Node& node, const std::string& path, Reader& r, bool report_missing) {
  std::vector<std::string_view> found;
  for (std::string_view a : kActions) {
    if (node[std::string(a)].IsDefined()) found.push_back(a);
  }
  if (found.size() == 1) return found[0];
  if (found.empty()) {
    if (report_missing) {
      r.Fail(node, path,
             "expected one action: crash, power_fail, restart, pause, partition, link, heal, disk_full or "
             "disk_error");
    }
  } else {
    r.Fail(node, path,
           "one action per fault, found " + std::string(found[0]) + " and " + std::string(found[1]) +
               "; write two entries with the same `at`");
  }
  return "";
}

void LoadFault(const YAML::Node& node, const std::string& path, LoadContext& ctx) {
  Reader& r = ctx.r;
  if (!r.ExpectMap(node, path)) return;
  bool ok = r.CheckKeys(node, path, kFaultKeys);
  Fault f;
  f.loc = r.Loc(node);
  auto at = LoadTime(r.Require(node, path, "at"), Join(path, "at"), ctx);
  ok = ok && at.has_value();
  std::string_view action = FindAction(node, path, r, ok);
  if (action.empty()) return;
  ok = LoadAction(action, node[std::string(action)], Join(path, action), ctx, &f) && ok;
  YAML::Node for_node = node["for"];
  if (for_node.IsDefined() && !TakesFor(action)) {
    r.Fail(for_node, Join(path, "for"),
           "`for` does not apply to " + std::string(action) + " (only pause, partition, link, disk_full, disk_error)" +
               (action == "crash" || action == "power_fail" ? "; add a restart fault instead" : ""));
    ok = false;
  } else if (for_node.IsDefined()) {
    f.for_ns = r.Duration(for_node, Join(path, "for"));
    if (f.for_ns && *f.for_ns <= 0) r.Fail(for_node, Join(path, "for"), "expected a duration above zero");
    ok = ok && f.for_ns.has_value() && *f.for_ns > 0;
  } else if (action == "pause") {
    r.Fail(node, Join(path, "for"), "pause needs `for:` (how long the node stays paused)");
    ok = false;
  }
  ok = LoadTornWrite(node, path, action, r, &f) && ok;
  if (!ok) return;
  f.at_ns = *at;
  ctx.s.faults.push_back(std::move(f));
}

}  // namespace

void LoadFaults(const YAML::Node& node, LoadContext& ctx) {
  if (node.IsNull()) return;
  if (!ctx.r.ExpectList(node, "faults")) return;
  for (size_t i = 0; i < node.size(); ++i) LoadFault(node[i], Index("faults", i), ctx);
  std::stable_sort(ctx.s.faults.begin(), ctx.s.faults.end(),
                   [](const Fault& a, const Fault& b) { return a.at_ns < b.at_ns; });
}

void LoadNarration(const YAML::Node& node, LoadContext& ctx) {
  if (node.IsNull()) return;
  if (!ctx.r.ExpectList(node, "narration")) return;
  for (size_t i = 0; i < node.size(); ++i) {
    std::string path = Index("narration", i);
    if (!ctx.r.ExpectMap(node[i], path)) continue;
    ctx.r.CheckKeys(node[i], path, kNarrationKeys);
    auto at = LoadTime(ctx.r.Require(node[i], path, "at"), Join(path, "at"), ctx);
    auto text = ctx.r.String(ctx.r.Require(node[i], path, "text"), Join(path, "text"));
    NarrationAnchor after = NarrationAnchor::kNone;
    if (YAML::Node a = node[i]["after"]; a.IsDefined()) {
      std::vector<std::string_view> names(std::begin(kNarrationAnchorNames), std::end(kNarrationAnchorNames));
      auto kind = ctx.r.Enum(a, Join(path, "after"), names);
      if (!kind) continue;
      after = static_cast<NarrationAnchor>(*kind + 1);
    }
    if (at && text) ctx.s.narration.push_back(NarrationStep{*at, *text, after});
  }
  std::stable_sort(ctx.s.narration.begin(), ctx.s.narration.end(),
                   [](const NarrationStep& a, const NarrationStep& b) { return a.at_ns < b.at_ns; });
}

}  // namespace kafkasim::scenario
