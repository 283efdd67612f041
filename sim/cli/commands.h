// sim/cli/commands.h — the `kafkasim` subcommands. Each takes its arguments
// (without the program name and the subcommand), writes results to `out` and
// diagnostics to `err`, and returns the process exit code (2 = bad usage or
// unreadable input).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace kafkasim::cli {

// kafkasim dump-batch --hex HEX|--file F [--format json|text]
int RunDumpBatch(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// kafkasim partition-for --key K --partitions N [--partitioner murmur2|consistent_random]
int RunPartitionFor(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace kafkasim::cli

namespace kafkasim::cli {

// kafkasim run FILE.yaml [--seed N] [--trace out.jsonl] [--perfetto out.json]
int RunRun(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// kafkasim replay TRACE.jsonl — re-runs the recorded scenario and seed, compares hashes
int RunReplay(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// kafkasim list [DIR]
int RunList(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// kafkasim explain FILE.yaml
int RunExplain(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// kafkasim describe FILE.yaml --at T [--seed N]
int RunDescribe(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// kafkasim search FILE.yaml --seeds N --faults random [--jobs J] [--kinds K,...] --out DIR
int RunSearch(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// kafkasim sweep FILE.yaml --seeds A..B [--set KEY=V1,V2 ...] [--faults random] [--shard I/N] --out FILE.jsonl
int RunSweep(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// kafkasim sweep-merge A.jsonl ... --out ALL.jsonl
int RunSweepMerge(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace kafkasim::cli
