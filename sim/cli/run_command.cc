// sim/cli/run_command.cc — `kafkasim run` and `kafkasim replay`.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/util/json_writer.h"
#include "sim/cli/cli_util.h"
#include "sim/cli/commands.h"
#include "sim/perfetto.h"
#include "sim/run.h"
#include "sim/trace.h"

namespace kafkasim::cli {
namespace {

constexpr int kExitPass = 0;
constexpr int kExitFail = 1;
constexpr int kExitBadInput = 2;
constexpr const char* kRunUsage =
    "kafkasim run FILE.yaml [--seed N] [--trace out.jsonl] [--perfetto out.json] [--metrics out.jsonl] "
    "[--metrics-interval T]";

// The first line of a trace file: not hashed, so the path used does not
// change the trace hash.
// The scenario is recorded by absolute path, so `kafkasim replay` works from
// any directory.
std::string MetaLine(const std::string& file, uint64_t seed) {
  std::error_code ec;
  std::filesystem::path abs = std::filesystem::absolute(file, ec);
  JsonWriter w;
  w.BeginObject()
      .Field("type", "meta")
      .Field("file", ec ? file : abs.lexically_normal().string())
      .Field("seed", seed)
      .Field("version", "kafkasim 0.1");
  w.EndObject();
  return w.Take();
}

std::string EndLine(const sim::RunResult& r) {
  JsonWriter w;
  w.BeginObject().Field("type", "end").Field("events", r.events).Field("trace_hash", sim::Trace::HashHex(r.trace_hash));
  w.Field("verdict", r.pass ? "PASS" : "FAIL").EndObject();
  return w.Take();
}

// Where `kafkasim run` writes besides stdout (empty: nowhere).
struct RunOutputs {
  std::string trace;
  std::string perfetto;
  std::string metrics;
  TimeNs metrics_interval_ns = kNsPerSec;
};

int RunFile(const std::string& file, std::optional<uint64_t> seed_opt, const RunOutputs& outputs, std::ostream& out,
            std::ostream& err, sim::RunResult* result) {
  const std::string& trace_path = outputs.trace;
  const std::string& perfetto_path = outputs.perfetto;
  auto loaded = LoadOrReport(file, err);
  if (!loaded) return kExitBadInput;
  uint64_t seed = seed_opt.value_or(loaded->seed);
  // Before the run, on stderr (stdout's last line stays the contract's
  // `seed=... verdict=...`): a run that crashes midway still tells its seed.
  err << "kafkasim: running " << loaded->name << " with seed=" << seed << std::endl;
  std::ofstream trace;
  if (!trace_path.empty()) {
    trace.open(trace_path);
    if (!trace) {
      err << "kafkasim: cannot write trace file " << trace_path << "\n";
      return kExitBadInput;
    }
    trace << MetaLine(file, seed) << "\n";
  }
  std::ofstream perfetto_file;
  std::optional<sim::PerfettoWriter> perfetto;
  if (!perfetto_path.empty()) {
    perfetto_file.open(perfetto_path);
    if (!perfetto_file) {
      err << "kafkasim: cannot write Perfetto file " << perfetto_path << "\n";
      return kExitBadInput;
    }
    perfetto.emplace(perfetto_file);
  }
  std::ofstream metrics;
  if (!outputs.metrics.empty()) {
    metrics.open(outputs.metrics);
    if (!metrics) {
      err << "kafkasim: cannot write metrics file " << outputs.metrics << "\n";
      return kExitBadInput;
    }
  }
  sim::RunOptions options{seed, trace_path.empty() ? nullptr : &trace, {}};
  if (metrics.is_open()) {
    options.metrics_out = &metrics;
    options.metrics_interval_ns = outputs.metrics_interval_ns;
  }
  if (perfetto) options.trace_listener = [&perfetto](std::string_view line) { perfetto->Line(line); };
  sim::RunResult r = sim::RunScenario(*loaded, options);
  if (trace.is_open()) trace << EndLine(r) << "\n";
  if (perfetto) perfetto->Finish(*loaded);
  if (result) *result = r;
  sim::PrintReport(*loaded, r, out);
  return r.pass ? kExitPass : kExitFail;
}

}  // namespace

int RunRun(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  ArgParser p(args);
  std::string file = p.Positional();
  std::optional<uint64_t> seed;
  RunOutputs outputs;
  bool interval_given = false;
  while (p.More()) {
    std::string flag = p.Next();
    if (flag == "--seed") {
      auto v = p.Uint(flag);
      if (!v) return p.Fail(err);
      seed = *v;
    } else if (flag == "--trace") {
      outputs.trace = p.Value(flag);
    } else if (flag == "--perfetto") {
      outputs.perfetto = p.Value(flag);
    } else if (flag == "--metrics") {
      outputs.metrics = p.Value(flag);
    } else if (flag == "--metrics-interval") {
      auto interval = ParseCliDuration(p.Value(flag));
      if (!interval || *interval <= 0) {
        err << "kafkasim: --metrics-interval takes a positive duration like 1s or 500ms\n";
        return kExitBadInput;
      }
      outputs.metrics_interval_ns = *interval;
      interval_given = true;
    } else {
      p.Unknown(flag);
    }
  }
  if (p.failed() || file.empty()) {
    if (file.empty()) err << "usage: " << kRunUsage << "\n";
    return p.Fail(err);
  }
  if (interval_given && outputs.metrics.empty()) {
    err << "kafkasim: --metrics-interval needs --metrics out.jsonl (where the samples go)\n";
    return kExitBadInput;
  }
  return RunFile(file, seed, outputs, out, err, nullptr);
}

int RunReplay(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.size() != 1) {
    err << "usage: kafkasim replay TRACE.jsonl\n";
    return kExitBadInput;
  }
  std::ifstream in(args[0]);
  std::string first, line, last;
  if (!in || !std::getline(in, first)) {
    err << "kafkasim: cannot read trace " << args[0] << "\n";
    return kExitBadInput;
  }
  while (std::getline(in, line))
    if (!line.empty()) last = line;
  std::string file = JsonStringField(first, "file");
  auto seed = JsonUintField(first, "seed");
  std::string want = JsonStringField(last, "trace_hash");
  if (file.empty() || !seed || want.empty()) {
    err << "kafkasim: " << args[0] << " is not a complete kafkasim trace (needs the meta and end lines)\n";
    return kExitBadInput;
  }
  std::ostringstream report;
  sim::RunResult r;
  if (RunFile(file, *seed, RunOutputs{}, report, err, &r) == kExitBadInput) {
    err << "kafkasim: cannot replay " << args[0] << ": its scenario " << file << " did not load\n";
    return kExitBadInput;
  }
  std::string got = sim::Trace::HashHex(r.trace_hash);
  out << "replayed " << file << " with seed " << *seed << ": trace_hash " << got
      << (got == want ? " matches the recording\n" : " DIFFERS from the recorded " + want + "\n");
  return got == want ? kExitPass : kExitFail;
}

}  // namespace kafkasim::cli
