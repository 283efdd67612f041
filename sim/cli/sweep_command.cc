// sim/cli/sweep_command.cc — `kafkasim sweep` and `kafkasim sweep-merge`.
//
// A sweep runs in one process; scale out with --shard I/N (one process or
// Slurm array task per shard) and join the shards with sweep-merge. Lines
// carry no wall time: a shard's lines are byte-identical to the unsharded
// sweep's (and scripts/lint.sh keeps wall clocks out of sim/).
#include <algorithm>
#include <fstream>
#include <map>

#include "sim/cli/cli_util.h"
#include "sim/cli/commands.h"
#include "sim/search/sweep.h"

namespace kafkasim::cli {
namespace {

constexpr const char* kSweepUsage =
    "usage: kafkasim sweep FILE.yaml --seeds A..B [--set KEY=V1,V2 ...] [--faults random] [--shard I/N] --out "
    "FILE.jsonl\n";

struct SweepArgs {
  std::string file, out;
  uint64_t first = 0, last = 0, shard = 0, shards = 1;
  bool random_faults = false;
  std::vector<sim::search::SweepParam> params;
};

// "A..B" or "I/N" -> two numbers.
bool TwoNumbers(const std::string& text, const std::string& sep, uint64_t& a, uint64_t& b) {
  const size_t p = text.find(sep);
  if (p == std::string::npos) return false;
  try {
    size_t used = 0;
    a = std::stoull(text.substr(0, p), &used);
    if (used != p) return false;
    const std::string tail = text.substr(p + sep.size());
    b = std::stoull(tail, &used);
    return used == tail.size();
  } catch (...) {
    return false;
  }
}

std::optional<SweepArgs> ParseSweepArgs(const std::vector<std::string>& args, std::ostream& err) {
  ArgParser p(args);
  SweepArgs a;
  a.file = p.Positional();
  std::string problem;
  bool seeds = false;
  while (p.More() && problem.empty()) {
    std::string flag = p.Next();
    if (flag == "--seeds") {
      std::string v = p.Value(flag);
      seeds = TwoNumbers(v, "..", a.first, a.last) && a.first <= a.last;
      if (!seeds && !p.failed()) problem = "--seeds " + v + ": expected A..B with A <= B";
    } else if (flag == "--set") {
      auto param = sim::search::ParseSweepParam(p.Value(flag), problem);
      if (param) a.params.push_back(*param);
    } else if (flag == "--faults") {
      std::string v = p.Value(flag);
      a.random_faults = v == "random";
      if (!a.random_faults && !p.failed()) problem = "--faults " + v + ": only `random` is known";
    } else if (flag == "--shard") {
      std::string v = p.Value(flag);
      if (!p.failed() && !(TwoNumbers(v, "/", a.shard, a.shards) && a.shards > 0 && a.shard < a.shards))
        problem = "--shard " + v + ": expected I/N with 0 <= I < N";
    } else if (flag == "--out") {
      a.out = p.Value(flag);
    } else {
      p.Unknown(flag);
    }
  }
  if (p.failed()) {
    p.Fail(err);
    return std::nullopt;
  }
  if (problem.empty() && a.file.empty()) problem = "a scenario FILE is required";
  if (problem.empty() && !seeds) problem = "--seeds A..B is required";
  if (problem.empty() && a.out.empty()) problem = "--out FILE.jsonl is required";
  if (!problem.empty()) {
    err << "kafkasim sweep: " << problem << "\n" << kSweepUsage;
    return std::nullopt;
  }
  return a;
}

}  // namespace

int RunSweep(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  auto a = ParseSweepArgs(args, err);
  if (!a) return 2;
  if (!LoadOrReport(a->file, err)) return 2;
  const YAML::Node base = YAML::LoadFile(a->file);
  const auto runs = sim::search::SweepRuns(a->first, a->last, a->params);
  // Every combination of values must load before anything runs.
  for (const sim::search::SweepRun& r : runs) {
    if (r.seed != a->first) continue;
    std::string error;
    if (sim::search::SweepRunYaml(base, a->file, r, false, error).empty()) {
      err << "kafkasim sweep: " << a->file << " with";
      for (const auto& [k, v] : r.params) err << " " << k << "=" << v;
      err << ": " << error << " (line numbers of the file with the values applied)\n";
      return 2;
    }
  }
  std::ofstream file(a->out);
  if (!file) {
    err << "kafkasim sweep: cannot write " << a->out << "\n";
    return 2;
  }
  uint64_t done = 0;
  for (const sim::search::SweepRun& r : runs) {
    if (r.index % a->shards != a->shard) continue;
    auto line = sim::search::RunSweepLine(base, a->file, r, a->random_faults);
    if (!line.error.empty()) {
      err << "kafkasim sweep: run " << r.index << " (seed " << r.seed << "): " << line.error << "\n";
      return 2;
    }
    file << line.line << "\n";
    ++done;
  }
  out << "sweep " << a->file << ": " << done << " of " << runs.size() << " runs (shard " << a->shard << "/" << a->shards
      << ") -> " << a->out << "\n";
  return 0;
}

int RunSweepMerge(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::vector<std::string> inputs;
  std::string out_path;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--out" && i + 1 < args.size())
      out_path = args[++i];
    else
      inputs.push_back(args[i]);
  }
  if (inputs.empty() || out_path.empty()) {
    err << "usage: kafkasim sweep-merge A.jsonl B.jsonl ... --out ALL.jsonl\n";
    return 2;
  }
  std::map<uint64_t, std::string> lines;
  for (const std::string& path : inputs) {
    std::ifstream in(path);
    if (!in) {
      err << "kafkasim sweep-merge: cannot read " << path << "\n";
      return 2;
    }
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
      if (line.empty()) continue;
      auto run = JsonUintField(line, "run");
      if (!run) {
        err << "kafkasim sweep-merge: " << path << ":" << n << ": not a sweep line (no \"run\")\n";
        return 2;
      }
      auto [it, fresh] = lines.emplace(*run, line);
      if (!fresh && it->second != line) {
        err << "kafkasim sweep-merge: " << path << ":" << n << ": run " << *run << " differs from another shard's\n";
        return 2;
      }
    }
  }
  std::ofstream file(out_path);
  for (const auto& [run, line] : lines) file << line << "\n";
  out << "sweep-merge: " << lines.size() << " runs -> " << out_path << "\n";
  return file ? 0 : 2;
}

}  // namespace kafkasim::cli
