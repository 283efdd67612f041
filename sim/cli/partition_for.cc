// sim/cli/partition_for.cc — `kafkasim partition-for`: which partition a key
// lands in under the Java client's murmur2 partitioner or librdkafka's
// consistent_random, with the arithmetic shown.
#include <charconv>
#include <optional>
#include <string>

#include "core/record/partitioner.h"
#include "sim/cli/commands.h"
#include "sim/prng.h"

namespace kafkasim::cli {
namespace {

constexpr const char* kPartitionForUsage =
    "usage: kafkasim partition-for --key K --partitions N [--partitioner murmur2|consistent_random] [--seed S]";

struct PartitionArgs {
  std::optional<std::string> key;
  int32_t partitions = 0;
  std::string partitioner = "murmur2";
  uint64_t seed = 0;  // only for consistent_random with an empty key
};

template <typename T>
bool ParseNumber(const std::string& s, T& v) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size();
}

std::optional<PartitionArgs> ParsePartitionArgs(const std::vector<std::string>& args, std::ostream& err) {
  PartitionArgs a;
  bool have_partitions = false;
  for (size_t i = 0; i < args.size(); i += 2) {
    const std::string& flag = args[i];
    if (i + 1 >= args.size()) {
      err << "partition-for: missing value for " << flag << "\n" << kPartitionForUsage << "\n";
      return std::nullopt;
    }
    const std::string& v = args[i + 1];
    if (flag == "--key") {
      a.key = v;
    } else if (flag == "--partitions") {
      have_partitions = ParseNumber(v, a.partitions) && a.partitions > 0;
      if (!have_partitions) {
        err << "partition-for: --partitions must be a positive integer, not '" << v << "'\n";
        return std::nullopt;
      }
    } else if (flag == "--partitioner") {
      a.partitioner = v;
    } else if (flag == "--seed") {
      if (!ParseNumber(v, a.seed)) {
        err << "partition-for: --seed must be an unsigned integer\n";
        return std::nullopt;
      }
    } else {
      err << "partition-for: unknown option " << flag << "\n" << kPartitionForUsage << "\n";
      return std::nullopt;
    }
  }
  if (!a.key || !have_partitions) {
    err << "partition-for: --key and --partitions are required\n" << kPartitionForUsage << "\n";
    return std::nullopt;
  }
  if (a.partitioner != "murmur2" && a.partitioner != "consistent_random") {
    err << "partition-for: unknown partitioner '" << a.partitioner << "' (murmur2 or consistent_random)\n";
    return std::nullopt;
  }
  return a;
}

}  // namespace

int RunPartitionFor(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  auto a = ParsePartitionArgs(args, err);
  if (!a) return 2;
  std::span<const uint8_t> key(reinterpret_cast<const uint8_t*>(a->key->data()), a->key->size());
  const std::string quoted = "\"" + *a->key + "\"";
  if (a->partitioner == "murmur2") {
    int32_t h = record::Murmur2(key);
    int32_t p = record::Murmur2Partition(key, a->partitions);
    out << "partition " << p << "  (murmur2(" << quoted << ") = " << h << " -> toPositive = " << record::ToPositive(h)
        << " % " << a->partitions << ")\n";
    return 0;
  }
  sim::Prng random(a->seed);
  int32_t p = record::ConsistentRandomPartition(key, a->partitions, random);
  if (key.empty()) {
    out << "partition " << p << "  (empty key -> random partition, seed " << a->seed << ")\n";
  } else {
    out << "partition " << p << "  (crc32(" << quoted << ") = " << record::Crc32(key) << " % " << a->partitions
        << ")\n";
  }
  return 0;
}

}  // namespace kafkasim::cli
