// sim/search/sweep.cc — sweep runs and their JSON lines (see sweep.h).
#include "sim/search/sweep.h"

#include <sstream>

#include "core/config/broker_config.h"
#include "core/config/client_config.h"
#include "core/config/topic_config.h"
#include "core/util/json_writer.h"
#include "sim/scenario/loader.h"
#include "sim/search/search_case.h"
#include "sim/trace.h"

namespace kafkasim::sim::search {
namespace {

bool Has(const std::string& key, const std::vector<config::ConfigKey>& keys) {
  return config::FindKey(key, keys) != nullptr;
}

void SetIn(YAML::Node list, const std::string& key, const std::string& value) {
  if (!list) return;
  for (YAML::Node item : list) item["config"][key] = value;
}

std::string Emit(const YAML::Node& doc) {
  YAML::Emitter e;
  e << doc;
  return e.c_str();
}

}  // namespace

std::optional<SweepParam> ParseSweepParam(const std::string& text, std::string& error) {
  const size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size()) {
    error = "--set " + text + ": expected KEY=V1,V2,...";
    return std::nullopt;
  }
  SweepParam p;
  p.key = text.substr(0, eq);
  std::stringstream in(text.substr(eq + 1));
  std::string v;
  while (std::getline(in, v, ','))
    if (!v.empty()) p.values.push_back(v);
  if (p.values.empty()) {
    error = "--set " + text + ": no values";
    return std::nullopt;
  }
  return p;
}

std::vector<SweepRun> SweepRuns(uint64_t first_seed, uint64_t last_seed, const std::vector<SweepParam>& params) {
  std::vector<std::vector<std::pair<std::string, std::string>>> combos = {{}};
  for (const SweepParam& p : params) {
    std::vector<std::vector<std::pair<std::string, std::string>>> next;
    for (const auto& c : combos)
      for (const std::string& v : p.values) {
        next.push_back(c);
        next.back().emplace_back(p.key, v);
      }
    combos = std::move(next);
  }
  std::vector<SweepRun> runs;
  for (const auto& c : combos)
    for (uint64_t s = first_seed; s <= last_seed; ++s) runs.push_back({runs.size(), s, c});
  return runs;
}

bool ApplyParam(YAML::Node& doc, const std::string& key, const std::string& value, std::string& error) {
  const size_t dot = key.find('.');
  const std::string scope = dot == std::string::npos ? "" : key.substr(0, dot);
  const std::string rest = dot == std::string::npos ? key : key.substr(dot + 1);
  if (scope == "cluster")
    doc["cluster"]["config"][rest] = value;
  else if (scope == "topic")
    SetIn(doc["topics"], rest, value);
  else if (scope == "producer")
    SetIn(doc["producers"], rest, value);
  else if (scope == "consumer")
    SetIn(doc["consumers"], rest, value);
  else if (Has(key, config::TopicConfig::Keys()))
    SetIn(doc["topics"], key, value);
  else if (Has(key, config::ProducerConfig::Keys()) || Has(key, config::ConsumerConfig::Keys())) {
    if (Has(key, config::ProducerConfig::Keys())) SetIn(doc["producers"], key, value);
    if (Has(key, config::ConsumerConfig::Keys())) SetIn(doc["consumers"], key, value);
  } else if (Has(key, config::BrokerConfig::Keys()))
    doc["cluster"]["config"][key] = value;
  else {
    error = "--set " + key + ": not a broker, topic, producer or consumer config key";
    return false;
  }
  return true;
}

std::string SweepRunYaml(const YAML::Node& base, const std::string& file, const SweepRun& run, bool random_faults,
                         std::string& error) {
  YAML::Node doc = YAML::Clone(base);
  for (const auto& [k, v] : run.params)
    if (!ApplyParam(doc, k, v, error)) return "";
  doc["seed"] = run.seed;
  std::string yaml = Emit(doc);
  auto loaded = scenario::LoadScenarioString(yaml, file);
  if (!loaded.ok()) {
    error = loaded.errors.front().ToString();
    return "";
  }
  if (!random_faults) return yaml;
  SearchSpec spec = MakeSearchSpec(doc, loaded.scenario, {});
  return Compose(spec, DrawCase(spec, run.seed), loaded.scenario.name, loaded.scenario.description);
}

SweepLineResult RunSweepLine(const YAML::Node& base, const std::string& file, const SweepRun& run, bool random_faults) {
  SweepLineResult out;
  const std::string yaml = SweepRunYaml(base, file, run, random_faults, out.error);
  if (yaml.empty()) return out;
  CaseOutcome o = JudgeYaml(yaml, file, {});
  if (!o.loaded) {
    out.error = o.load_error;
    return out;
  }
  JsonWriter w;
  w.BeginObject().Field("run", run.index).Field("seed", run.seed).Key("params").BeginObject();
  for (const auto& [k, v] : run.params) w.Field(k, v);
  w.EndObject().Key("measured").BeginObject();
  for (const VerdictLine& v : o.result.verdicts)
    w.Field(v.at >= 0 ? v.key + " at " + std::to_string(v.at / kNsPerMs) + "ms" : v.key, v.measured);
  const Measurements& m = o.result.measurements;
  w.EndObject()
      .Field("acked", m.acked)
      .Field("lost_acked", m.lost_acked)
      .Field("duplicates_in_log", m.duplicates_in_log);
  w.Field("replica_divergence", m.replica_divergence).Field("verdict", o.result.pass ? "PASS" : "FAIL");
  w.Field("failing_check", o.check).Field("trace_hash", Trace::HashHex(o.result.trace_hash));
  w.Field("events", o.result.events).Field("sim_ms", static_cast<int64_t>(o.result.end_time / kNsPerMs)).EndObject();
  out.line = w.Take();
  return out;
}

}  // namespace kafkasim::sim::search
