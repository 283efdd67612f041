// sim/cli/search_command.cc — `kafkasim search`: seeds spread over worker
// processes (fork; each run single-threaded and deterministic), their reports
// merged in seed order, findings deduplicated, written and summarised.
//
// Two phases, each over worker processes that take seeds round-robin and
// stream one framed report per seed through a pipe: run every seed; then
// group the failing seeds by failing check + drawn fault kinds and shrink only
// each group's first seed; groups whose shrunk cases agree (check + shrunk
// kinds) become one finding. The parent orders everything by seed, so the
// findings, their counts and the files written do not depend on --jobs or on
// scheduling.
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "sim/cli/cli_util.h"
#include "sim/cli/commands.h"
#include "sim/cli/search_wire.h"
#include "sim/scenario/loader.h"
#include "sim/search/search.h"

namespace kafkasim::cli {
namespace {

constexpr const char* kSearchUsage =
    "usage: kafkasim search FILE.yaml --seeds N --faults random [--jobs J] [--kinds K1,K2,...] --out DIR\n";

struct SearchArgs {
  std::string file, out_dir, faults;
  uint64_t seeds = 0;
  uint64_t jobs = 0;
  std::vector<sim::RandomFaultKind> kinds;
};

bool ParseKinds(const std::string& list, std::vector<sim::RandomFaultKind>& kinds, std::ostream& err) {
  std::stringstream in(list);
  std::string token;
  while (std::getline(in, token, ',')) {
    auto k = sim::ParseRandomFaultKind(token);
    if (!k) {
      err << "kafkasim: --kinds: unknown fault kind \"" << token << "\" (known:";
      for (int i = 0; i < sim::kRandomFaultKinds; ++i)
        err << " " << sim::RandomFaultKindToken(static_cast<sim::RandomFaultKind>(i));
      err << ")\n";
      return false;
    }
    kinds.push_back(*k);
  }
  return !kinds.empty();
}

std::optional<SearchArgs> ParseSearchArgs(const std::vector<std::string>& args, std::ostream& err) {
  ArgParser p(args);
  SearchArgs a;
  a.file = p.Positional();
  std::string kinds;
  while (p.More()) {
    std::string flag = p.Next();
    if (flag == "--seeds" || flag == "--jobs") {
      auto v = p.Uint(flag);
      if (v) (flag == "--seeds" ? a.seeds : a.jobs) = *v;
    } else if (flag == "--faults") {
      a.faults = p.Value(flag);
    } else if (flag == "--kinds") {
      kinds = p.Value(flag);
    } else if (flag == "--out") {
      a.out_dir = p.Value(flag);
    } else {
      p.Unknown(flag);
    }
  }
  if (p.failed()) {
    p.Fail(err);
    return std::nullopt;
  }
  std::string problem;
  if (a.file.empty())
    problem = "a scenario FILE is required";
  else if (a.seeds == 0)
    problem = "--seeds N (N >= 1) is required";
  else if (a.faults != "random")
    problem = "--faults random is required (the only fault source so far)";
  else if (a.out_dir.empty())
    problem = "--out DIR is required";
  if (!problem.empty()) {
    err << "kafkasim search: " << problem << "\n" << kSearchUsage;
    return std::nullopt;
  }
  if (!kinds.empty() && !ParseKinds(kinds, a.kinds, err)) return std::nullopt;
  if (a.jobs == 0) a.jobs = static_cast<uint64_t>(std::max(1L, sysconf(_SC_NPROCESSORS_ONLN)));
  a.jobs = std::min(a.jobs, a.seeds);
  return a;
}

// Every kind the plan writer knows, power failures (torn or not) included.
std::vector<sim::RandomFaultKind> DefaultKinds() {
  std::vector<sim::RandomFaultKind> all;
  for (int i = 0; i < sim::kRandomFaultKinds; ++i) all.push_back(static_cast<sim::RandomFaultKind>(i));
  return all;
}

enum class Phase { kRun, kShrink };

[[noreturn]] void Worker(const sim::search::SearchSpec& spec, const std::vector<uint64_t>& seeds, size_t first,
                         size_t step, Phase phase, int fd) {
  for (size_t i = first; i < seeds.size(); i += step)
    WriteAll(fd, EncodeReport(phase == Phase::kRun ? sim::search::RunSeed(spec, seeds[i])
                                                   : sim::search::ShrinkSeed(spec, seeds[i])));
  close(fd);
  _exit(0);
}

// Runs `seeds` in `a.jobs` processes; returns every seed's report, by seed.
std::map<uint64_t, sim::search::SeedReport> RunWorkers(const sim::search::SearchSpec& spec, const SearchArgs& a,
                                                       const std::vector<uint64_t>& seeds, Phase phase,
                                                       std::ostream& err) {
  std::map<uint64_t, sim::search::SeedReport> reports;
  std::vector<pollfd> fds;
  std::vector<pid_t> pids;
  std::vector<std::string> buffers;
  err.flush();
  const size_t jobs = std::min<size_t>(a.jobs, seeds.size());
  for (size_t j = 0; j < jobs; ++j) {
    int p[2];
    if (pipe(p) != 0) break;
    pid_t pid = fork();
    if (pid == 0) {
      close(p[0]);
      Worker(spec, seeds, j, jobs, phase, p[1]);
    }
    close(p[1]);
    pids.push_back(pid);
    fds.push_back({p[0], POLLIN, 0});
    buffers.emplace_back();
  }
  const bool tty = isatty(STDERR_FILENO) != 0;
  size_t findings = 0, open = fds.size();
  while (open > 0) {
    if (poll(fds.data(), fds.size(), -1) < 0) break;
    for (size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP))) continue;
      char buf[65536];
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open;
        continue;
      }
      buffers[i].append(buf, static_cast<size_t>(n));
      while (auto r = DecodeReport(buffers[i])) {
        findings += r->found ? 1 : 0;
        reports[r->seed] = std::move(*r);
      }
    }
    if (tty)
      err << "\rsearch: " << (phase == Phase::kRun ? "ran " : "shrunk ") << reports.size() << "/" << seeds.size()
          << " seeds, " << findings << " failing" << std::flush;
  }
  if (tty) err << "\n";
  for (pid_t pid : pids) waitpid(pid, nullptr, 0);
  return reports;
}

struct Finding {
  sim::search::SeedReport first;  // the lowest seed that hit it
  std::vector<uint64_t> seeds;
};

void WriteFindings(const std::vector<Finding>& findings, const SearchArgs& a, std::ostream& out) {
  int k = 0;
  for (const Finding& f : findings) {
    ++k;
    const std::string base = (std::filesystem::path(a.out_dir) / ("finding-" + std::to_string(k))).string();
    std::ofstream(base + ".yaml") << f.first.yaml;
    std::ostringstream seeds;
    for (uint64_t s : f.seeds) seeds << " " << s;
    std::ofstream(base + ".txt") << f.first.explanation << "Hit by " << f.seeds.size() << " seed(s):" << seeds.str()
                                 << "\nReproduce: kafkasim run " << base << ".yaml\n";
    sim::RunOptions no_hash;
    no_hash.trace_hash = false;
    auto replay = sim::search::JudgeYaml(f.first.yaml, base + ".yaml", no_hash);
    out << "finding " << k << ": " << f.first.check << " [" << f.first.shape << "] x" << f.seeds.size()
        << " seeds (first: seed " << f.first.seed << ") -> " << base << ".yaml"
        << (replay.check == f.first.check ? "" : "  (WARNING: replay fails " + replay.check + ")") << "\n";
  }
}

void PrintCoverage(const sim::search::Coverage& c, std::ostream& out) {
  out << "coverage:\n";
  for (const auto& [what, n] : c.counts) out << "  " << what << ": " << n << "\n";
}

}  // namespace

int RunSearch(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  auto a = ParseSearchArgs(args, err);
  if (!a) return 2;
  auto loaded = LoadOrReport(a->file, err);
  if (!loaded) return 2;
  std::error_code ec;
  std::filesystem::create_directories(a->out_dir, ec);
  if (ec || !std::filesystem::is_directory(a->out_dir)) {
    err << "kafkasim search: --out " << a->out_dir << ": cannot create the directory\n";
    return 2;
  }
  auto spec =
      sim::search::MakeSearchSpec(YAML::LoadFile(a->file), *loaded, a->kinds.empty() ? DefaultKinds() : a->kinds);
  std::vector<uint64_t> all;
  for (uint64_t seed = 1; seed <= a->seeds; ++seed) all.push_back(seed);
  auto reports = RunWorkers(spec, *a, all, Phase::kRun, err);
  // Failing seeds grouped by check + drawn kinds; only each group's first seed is shrunk.
  std::map<std::string, std::vector<uint64_t>> groups;
  std::vector<uint64_t> representatives;
  sim::search::Coverage coverage;
  for (auto& [seed, r] : reports) {
    coverage.Add(r.coverage);
    if (!r.found) continue;
    auto& members = groups[r.check + " | " + r.shape];
    if (members.empty()) representatives.push_back(seed);
    members.push_back(seed);
  }
  auto shrunk = RunWorkers(spec, *a, representatives, Phase::kShrink, err);
  std::vector<Finding> findings;
  std::map<std::string, size_t> by_key;
  for (uint64_t seed : representatives) {
    const sim::search::SeedReport& r = shrunk[seed];
    const auto& members = groups[reports[seed].check + " | " + reports[seed].shape];
    auto [it, fresh] = by_key.emplace(r.Key(), findings.size());
    if (fresh) findings.push_back({r, {}});
    auto& list = findings[it->second].seeds;
    list.insert(list.end(), members.begin(), members.end());
  }
  for (Finding& f : findings) std::sort(f.seeds.begin(), f.seeds.end());
  out << "search " << a->file << ": " << reports.size() << " seeds, " << findings.size() << " distinct finding(s)\n";
  WriteFindings(findings, *a, out);
  PrintCoverage(coverage, out);
  if (reports.size() != a->seeds || shrunk.size() != representatives.size()) {
    err << "kafkasim search: only " << reports.size() << " of " << a->seeds << " seeds reported (a worker died)\n";
    return 2;
  }
  return findings.empty() ? 0 : 1;
}

}  // namespace kafkasim::cli
