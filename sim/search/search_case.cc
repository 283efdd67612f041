// sim/search/search_case.cc — composing and running one seed of a search.
#include "sim/search/search_case.h"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "sim/scenario/loader.h"

namespace kafkasim::sim::search {
namespace {

std::string Ms(TimeNs t) { return std::to_string(t / kNsPerMs) + "ms"; }

// "1234ms" -> ns (the only form the plan writer uses).
std::optional<TimeNs> ParseMs(const std::string& s) {
  if (s.size() < 3 || s.compare(s.size() - 2, 2, "ms") != 0) return std::nullopt;
  try {
    return static_cast<TimeNs>(std::stoll(s.substr(0, s.size() - 2))) * kNsPerMs;
  } catch (...) {
    return std::nullopt;
  }
}

std::vector<FaultEntry> ParseEntries(const std::string& yaml) {
  std::vector<FaultEntry> out;
  std::istringstream in(yaml);
  std::string line;
  while (std::getline(in, line))
    if (auto e = FaultEntry::Parse(line)) out.push_back(*e);
  return out;
}

std::string EmitFlow(const YAML::Node& n) {
  YAML::Emitter e;
  e << YAML::Flow << n;
  return e.c_str();
}

}  // namespace

std::string FaultEntry::ToYaml() const {
  return "  - {at: " + Ms(at_ns) + ", " + body + (for_ns ? ", for: " + Ms(*for_ns) : "") + "}\n";
}

std::optional<FaultEntry> FaultEntry::Parse(const std::string& line) {
  const std::string head = "  - {at: ";
  if (line.compare(0, head.size(), head) != 0 || line.back() != '}') return std::nullopt;
  std::string rest = line.substr(head.size(), line.size() - head.size() - 1);
  const size_t comma = rest.find(", ");
  if (comma == std::string::npos) return std::nullopt;
  FaultEntry e;
  auto at = ParseMs(rest.substr(0, comma));
  if (!at) return std::nullopt;
  e.at_ns = *at;
  e.body = rest.substr(comma + 2);
  const size_t f = e.body.rfind(", for: ");
  if (f != std::string::npos && e.body.find('}', f) == std::string::npos) {
    e.for_ns = ParseMs(e.body.substr(f + 7));
    if (!e.for_ns) return std::nullopt;
    e.body.resize(f);
  }
  return e;
}

SearchSpec MakeSearchSpec(YAML::Node base, scenario::Scenario s, std::vector<RandomFaultKind> kinds) {
  SearchSpec spec;
  spec.base = base;  // YAML::Node assigns by const reference: a move would do nothing
  spec.shape.brokers = s.cluster.brokers;
  for (const scenario::TopicSpec& t : s.topics)
    for (int p = 0; p < t.partitions; ++p) spec.shape.partitions.push_back(t.name + "-" + std::to_string(p));
  for (const scenario::ProducerSpec& p : s.producers) spec.shape.clients.push_back(p.id);
  for (const scenario::ConsumerSpec& c : s.consumers) spec.shape.clients.push_back(c.id);
  spec.shape.first_ns = 1 * kNsPerSec;
  spec.shape.last_ns = std::max<TimeNs>(3 * kNsPerSec, s.duration_ns * 6 / 10 / kNsPerMs * kNsPerMs);
  spec.shape.settle_ns = spec.shape.last_ns + 5 * kNsPerSec;
  spec.shape.kinds = std::move(kinds);
  spec.shape.power_failures = std::find(spec.shape.kinds.begin(), spec.shape.kinds.end(),
                                        RandomFaultKind::kPowerFail) != spec.shape.kinds.end();
  spec.duration_ns = std::max(s.duration_ns, spec.shape.settle_ns + 20 * kNsPerSec);
  spec.scenario = std::move(s);
  return spec;
}

namespace {

// The shrunk cluster and clients, written over the file's.
void ApplySmaller(const SearchCase& c, YAML::Node& doc) {
  if (c.brokers) doc["cluster"]["brokers"] = c.brokers;
  if (doc["topics"])
    for (YAML::Node t : doc["topics"])
      if (auto it = c.partitions.find(t["name"].as<std::string>("")); it != c.partitions.end())
        t["partitions"] = it->second;
  for (const char* section : {"producers", "consumers"}) {
    if (!doc[section] || c.dropped_clients.empty()) continue;
    YAML::Node kept(YAML::NodeType::Sequence);
    for (const YAML::Node& client : doc[section])
      if (!c.dropped_clients.count(client["id"].as<std::string>(""))) kept.push_back(client);
    doc[section] = kept;
  }
}

}  // namespace

bool SearchCase::Mentions(const std::string& node) const {
  auto word = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_'; };
  for (const FaultGroup& g : groups)
    for (const FaultEntry& e : g.entries)
      for (size_t p = e.body.find(node); p != std::string::npos; p = e.body.find(node, p + 1)) {
        const size_t end = p + node.size();
        if ((p == 0 || !word(e.body[p - 1])) && (end == e.body.size() || !word(e.body[end]))) return true;
      }
  return false;
}

std::string SearchCase::Smaller(const SearchSpec& spec) const {
  std::string out;
  auto add = [&out](const std::string& s) { out += (out.empty() ? "" : ", ") + s; };
  if (brokers) add(std::to_string(brokers) + " broker(s) (of " + std::to_string(spec.scenario.cluster.brokers) + ")");
  for (const scenario::TopicSpec& t : spec.scenario.topics)
    if (auto it = partitions.find(t.name); it != partitions.end())
      add(t.name + ": " + std::to_string(it->second) + " partition(s) (of " + std::to_string(t.partitions) + ")");
  for (const std::string& id : dropped_clients) add("without " + id);
  return out;
}

std::string SearchCase::Shape() const {
  std::vector<std::string> kinds;
  for (const FaultGroup& g : groups) kinds.push_back(RandomFaultKindToken(g.kind));
  std::sort(kinds.begin(), kinds.end());
  std::string s;
  for (const std::string& k : kinds) s += (s.empty() ? "" : "+") + k;
  return s.empty() ? "no random faults" : s;
}

SearchCase DrawCase(const SearchSpec& spec, uint64_t seed) {
  SearchCase c;
  c.seed = seed;
  Prng prng(seed * 7919 + 17);
  RandomFaultPlan plan = DrawRandomFaultPlan(spec.shape, prng);
  for (size_t i = 0; i < plan.kinds.size(); ++i) c.groups.push_back({plan.kinds[i], ParseEntries(plan.fault_yaml[i])});
  c.settle = ParseEntries(plan.settle_yaml);
  for (const scenario::ProducerSpec& p : spec.scenario.producers) c.messages.push_back(p.workload.messages);
  return c;
}

std::string Compose(const SearchSpec& spec, const SearchCase& c, const std::string& name,
                    const std::string& description) {
  YAML::Node doc = YAML::Clone(spec.base);
  doc["name"] = name;
  doc["description"] = description;
  doc["seed"] = c.seed;
  if (std::any_of(c.groups.begin(), c.groups.end(),
                  [](const FaultGroup& g) { return g.kind == RandomFaultKind::kBuggify; }))
    doc["buggify"] = true;
  doc["duration"] = Ms(spec.duration_ns);
  if (doc["producers"])
    for (size_t i = 0; i < c.messages.size() && i < doc["producers"].size(); ++i)
      if (doc["producers"][i]["workload"]) doc["producers"][i]["workload"]["messages"] = c.messages[i];
  ApplySmaller(c, doc);
  YAML::Node own = doc["faults"];
  doc.remove("faults");
  doc.remove("narration");  // the file's story no longer matches this run
  YAML::Emitter e;
  e << doc;
  std::string out = std::string(e.c_str()) + "\nfaults:\n";
  if (own && own.IsSequence())
    for (const YAML::Node& f : own) out += "  - " + EmitFlow(f) + "\n";
  std::vector<FaultEntry> all;
  for (const FaultGroup& g : c.groups) all.insert(all.end(), g.entries.begin(), g.entries.end());
  std::stable_sort(all.begin(), all.end(), [](const FaultEntry& a, const FaultEntry& b) { return a.at_ns < b.at_ns; });
  for (const FaultEntry& f : c.settle)  // no restart of a broker the shrinker removed
    if (!c.brokers || f.body.rfind("restart: broker-", 0) != 0 || std::stoi(f.body.substr(16)) <= c.brokers)
      all.push_back(f);
  for (const FaultEntry& f : all) out += f.ToYaml();
  return out;
}

CaseOutcome JudgeYaml(const std::string& yaml, const std::string& display_name, const RunOptions& options) {
  CaseOutcome o;
  auto loaded = scenario::LoadScenarioString(yaml, display_name);
  if (!loaded.ok()) {
    o.load_error = loaded.errors.front().ToString();
    return o;
  }
  o.loaded = true;
  RunOptions opt = options;
  opt.seed = loaded.scenario.seed;
  o.result = RunScenario(loaded.scenario, opt);
  if (!o.result.violations.empty()) {
    o.check = o.result.violations.front().checker;
    o.detail = o.result.violations.front().explanation;
    return o;
  }
  for (const VerdictLine& v : o.result.verdicts)
    if (!v.pass) {
      o.check = v.key + (v.at >= 0 ? " at " + Ms(v.at) : "");
      o.detail = "expected " + v.expected + ", measured " + v.measured;
      return o;
    }
  if (!o.result.pass) o.check = "run failed";
  return o;
}

CaseOutcome RunCase(const SearchSpec& spec, const SearchCase& c, const RunOptions& extra) {
  RunOptions opt = extra;
  opt.trace_hash = false;  // a search reads checks, never the hash
  return JudgeYaml(Compose(spec, c, spec.scenario.name, spec.scenario.description), spec.scenario.name + ".yaml", opt);
}

}  // namespace kafkasim::sim::search
