// sim/search/search.cc — one seed of a search (see search.h).
#include "sim/search/search.h"

#include <algorithm>
#include <sstream>

#include <yaml-cpp/yaml.h>

namespace kafkasim::sim::search {
namespace {

constexpr size_t kChainLines = 40;

std::string Explain(const SearchSpec& spec, const SearchCase& original, const ShrinkResult& s,
                    const std::vector<std::string>& chain, const std::string& unclean_leader) {
  const Measurements& m = s.outcome.result.measurements;
  std::ostringstream out;
  out << "Failing check: " << s.outcome.check << " — " << s.outcome.detail << "\n";
  if (!unclean_leader.empty()) out << "Why: " << unclean_leader << ".\n";
  out << "Found by search seed " << original.seed << " on " << spec.scenario.path << " with " << original.groups.size()
      << " random fault(s): " << original.Shape() << "; shrunk in " << s.runs << " runs to " << s.smallest.groups.size()
      << ": " << s.smallest.Shape() << ".\n";
  if (const std::string smaller = s.smallest.Smaller(spec); !smaller.empty())
    out << "Smaller than the file: " << smaller << ".\n";
  out << "Measured: acked=" << m.acked << " lost_acked=" << m.lost_acked << " (acks=all: " << m.lost_acked_all
      << ") duplicates_in_log=" << m.duplicates_in_log << " replica_divergence=" << m.replica_divergence
      << " reordered=" << m.reordered << " consumer_lost=" << m.consumer_lost << "\n";
  for (const Violation& v : s.outcome.result.violations)
    out << "Checker " << v.checker << " at event " << v.event << ": " << v.explanation << "\n";
  for (const std::string& e : m.examples) out << "  " << e << "\n";
  out << "Faults (the settle step heals all links and restarts every broker at " << spec.shape.settle_ns / kNsPerMs
      << "ms):\n";
  std::vector<std::pair<const FaultEntry*, RandomFaultKind>> entries;
  for (const FaultGroup& g : s.smallest.groups)
    for (const FaultEntry& e : g.entries) entries.emplace_back(&e, g.kind);
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto& a, const auto& b) { return a.first->at_ns < b.first->at_ns; });
  for (const auto& [e, kind] : entries) out << "  " << RandomFaultKindName(kind) << ": " << e->ToYaml().substr(4);
  out << "Chain of events (from the trace):\n";
  for (const std::string& c : chain) out << "  " << c << "\n";
  return out.str();
}

// "# line\n" for every line of `text`.
std::string Commented(const std::string& text) {
  std::istringstream in(text);
  std::string line, out;
  while (std::getline(in, line)) out += "# " + line + "\n";
  return out;
}

// The explanation as narration, so the GUI's banner and `kafkasim explain`
// tell it: the finding at 0 ms, then each event of the chain at its moment
// (events at the same millisecond share one step).
std::string Narration(const std::string& finding, const TraceDigest& chain) {
  std::vector<std::pair<TimeNs, std::string>> steps = {{0, finding}};
  for (size_t i = 0; i < chain.chain().size(); ++i) {
    const TimeNs at = chain.chain_at_ns()[i] / kNsPerMs * kNsPerMs;
    std::string text = chain.chain()[i];
    text = text.substr(std::min(text.size(), text.find(' ') + 1));  // drop the "t=1.234s " prefix
    if (steps.back().first == at)
      steps.back().second += "; " + text;
    else
      steps.emplace_back(at, text);
  }
  std::string out = "\nnarration:\n";
  for (const auto& [at, text] : steps) {
    YAML::Emitter e;
    e << YAML::Flow << YAML::BeginMap << YAML::Key << "at" << YAML::Value << std::to_string(at / kNsPerMs) + "ms"
      << YAML::Key << "text" << YAML::Value << YAML::DoubleQuoted << text << YAML::EndMap;
    out += std::string("  - ") + e.c_str() + "\n";
  }
  return out;
}

}  // namespace

SeedReport RunSeed(const SearchSpec& spec, uint64_t seed) {
  SeedReport r;
  r.seed = seed;
  SearchCase c = DrawCase(spec, seed);
  for (const FaultGroup& g : c.groups) r.coverage.Count(std::string("fault: ") + RandomFaultKindToken(g.kind));
  TraceDigest digest;
  RunOptions opt;
  opt.trace_listener = [&digest](std::string_view line) { digest.Line(line); };
  CaseOutcome o = RunCase(spec, c, opt);
  r.coverage.Add(digest.coverage());
  r.shape = c.Shape();
  if (!o.loaded) {
    r.found = true;
    r.check = "scenario did not load: " + o.load_error;
    return r;
  }
  r.found = !o.check.empty();
  r.check = o.check;
  return r;
}

SeedReport ShrinkSeed(const SearchSpec& spec, uint64_t seed, const SearchLimits& limits) {
  SeedReport r;
  r.seed = seed;
  SearchCase c = DrawCase(spec, seed);
  CaseOutcome o = RunCase(spec, c);
  if (o.check.empty()) return r;
  r.found = true;
  r.check = o.check;
  ShrinkResult s = Shrink(spec, c, o, limits.shrink_runs);
  r.shape = s.smallest.Shape();
  TraceDigest chain(kChainLines);
  RunOptions copt;
  copt.trace_listener = [&chain](std::string_view line) { chain.Line(line); };
  RunCase(spec, s.smallest, copt);
  r.explanation = Explain(spec, c, s, chain.chain(), chain.unclean_leader());
  const std::string description =
      "Found by kafkasim search (seed " + std::to_string(seed) + "): " + r.check + " fails — " + s.outcome.detail;
  const std::string finding = "Found by kafkasim search (seed " + std::to_string(seed) + "), shrunk to " +
                              s.smallest.Shape() + ": " + r.check + " fails — " + s.outcome.detail +
                              ". The steps below are the chain of events from the trace.";
  r.yaml = Commented(r.explanation) + Compose(spec, s.smallest, spec.scenario.name + "-finding", description) +
           Narration(finding, chain);
  return r;
}

SeedReport SearchSeed(const SearchSpec& spec, uint64_t seed, const SearchLimits& limits) {
  SeedReport run = RunSeed(spec, seed);
  if (!run.found || run.check.rfind("scenario did not load", 0) == 0) return run;
  SeedReport r = ShrinkSeed(spec, seed, limits);
  r.coverage = run.coverage;
  return r;
}

}  // namespace kafkasim::sim::search
