// sim/cli/main.cc — the `kafkasim` command line: dispatches subcommands.
#include <iostream>
#include <string>
#include <vector>

#include "sim/cli/commands.h"

namespace {

constexpr const char* kVersion = "kafkasim 0.1.0";

constexpr const char* kHelp = R"(kafkasim — a deterministic simulation of Apache Kafka for teaching and fault injection

usage: kafkasim <command> [args]

  run FILE.yaml [--seed N] [--trace out.jsonl] [--perfetto out.json]
      [--metrics out.jsonl] [--metrics-interval T]
                         run a scenario; prints the timeline, the expectations and
                         `seed=.. events=.. trace_hash=.. verdict=PASS|FAIL`
                         (exit 0 pass, 1 an expectation or checker failed, 2 bad input);
                         --metrics: Kafka's JMX metrics every T (default 1s) as JSON Lines
  replay TRACE.jsonl     re-run a recorded trace's scenario and seed; compare the hash
  list [DIR]             the scenarios in DIR (default: scenarios/)
  explain FILE.yaml      a scenario's description and narration
  describe FILE.yaml --at T [--seed N] [--under-replicated-partitions]
      [--unavailable-partitions] [--under-min-isr-partitions]
      [--group G [--members|--state]]
                         topics and groups at time T, as Kafka's kafka-topics.sh
                         and kafka-consumer-groups.sh describe them
  search FILE.yaml --seeds N --faults random [--jobs J] [--kinds K1,K2,...] --out DIR
                         run N seeds, each with a random fault plan on top of the
                         file's faults; shrink each failure and write it to DIR as
                         a plain scenario (exit 1 found, 0 none, 2 bad input)
  sweep FILE.yaml --seeds A..B [--set KEY=V1,V2 ...] [--faults random] [--shard I/N] --out F.jsonl
                         one JSON line per run over seeds x the product of the values
  sweep-merge A.jsonl ... --out ALL.jsonl
                         join sweep shards (same lines, same order as unsharded)
  dump-batch --hex HEX|--file F [--format json|text]
                         decode RecordBatch v2 bytes
  partition-for --key K --partitions N [--partitioner murmur2|consistent_random] [--seed S]
                         which partition a key goes to (--seed: consistent_random's
                         random partition for an empty key)
  --help, --version
)";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kHelp;
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version") {
    std::cout << kVersion << "\n";
    return 0;
  }
  std::string cmd = args[0];
  std::vector<std::string> rest(args.begin() + 1, args.end());
  using namespace kafkasim::cli;
  if (cmd == "run") return RunRun(rest, std::cout, std::cerr);
  if (cmd == "replay") return RunReplay(rest, std::cout, std::cerr);
  if (cmd == "list") return RunList(rest, std::cout, std::cerr);
  if (cmd == "explain") return RunExplain(rest, std::cout, std::cerr);
  if (cmd == "describe") return RunDescribe(rest, std::cout, std::cerr);
  if (cmd == "search") return RunSearch(rest, std::cout, std::cerr);
  if (cmd == "sweep") return RunSweep(rest, std::cout, std::cerr);
  if (cmd == "sweep-merge") return RunSweepMerge(rest, std::cout, std::cerr);
  if (cmd == "dump-batch") return RunDumpBatch(rest, std::cout, std::cerr);
  if (cmd == "partition-for") return RunPartitionFor(rest, std::cout, std::cerr);
  std::cerr << "kafkasim: unknown command \"" << cmd << "\" (see kafkasim --help)\n";
  return 2;
}
