// sim/scenario/yaml_util.h — typed reading of YAML nodes with error collection.
//
// Every read names the dotted field path and the node's line and column; a
// bad value records a LoadError and returns nullopt, so loading continues and
// one run reports every problem in the file. Internal to sim/scenario.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/loader.h"
#include "sim/scenario/scenario.h"

namespace kafkasim::scenario {

// "cluster" + "brokers" -> "cluster.brokers"; "" + "name" -> "name".
std::string Join(const std::string& path, std::string_view key);
// Shortest form of a number: 1 -> "1", 0.5 -> "0.5".
std::string FormatNumber(double v);
// "topics" + 2 -> "topics[2]".
std::string Index(const std::string& path, size_t i);
// How a node looks in a message: "\"three\"", "a map", "a list", "nothing".
std::string Describe(const YAML::Node& node);

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  void Fail(const YAML::Node& at, const std::string& path, std::string message);
  void FailAt(const YAML::Mark& mark, const std::string& path, std::string message);
  SourceLoc Loc(const YAML::Node& node) const;
  const std::string& file() const { return file_; }
  size_t error_count() const { return errors_.size(); }
  // All errors, in file order (line, then column).
  std::vector<LoadError> TakeErrors();

  bool ExpectMap(const YAML::Node& node, const std::string& path);
  bool ExpectList(const YAML::Node& node, const std::string& path);
  // Reports keys of `map` that are not in `allowed` (suggesting the nearest
  // valid one). Returns false if any was bad. (Keys written twice are
  // CheckDuplicateKeys' business: it sees every map of the file.)
  bool CheckKeys(const YAML::Node& map, const std::string& path, const std::vector<std::string_view>& allowed);
  // Reports every key written twice in one map anywhere under `root`, naming
  // both lines. YAML allows a key once per map; yaml-cpp keeps both pairs and
  // `map[key]` answers the first, while a loop over the pairs keeps the last,
  // so a duplicate must never reach the section loaders. Returns false if
  // any was found.
  bool CheckDuplicateKeys(const YAML::Node& root);
  // Reports a missing key; returns the (possibly undefined) child.
  YAML::Node Require(const YAML::Node& map, const std::string& path, std::string_view key);

  std::optional<std::string> String(const YAML::Node& node, const std::string& path);
  std::optional<std::string> Name(const YAML::Node& node, const std::string& path);  // [a-z0-9-]+
  std::optional<int64_t> Int(const YAML::Node& node, const std::string& path, int64_t min, int64_t max);
  std::optional<double> Double(const YAML::Node& node, const std::string& path, double min, double max);
  std::optional<double> Probability(const YAML::Node& node, const std::string& path) {
    return Double(node, path, 0.0, 1.0);
  }
  std::optional<bool> Bool(const YAML::Node& node, const std::string& path);
  std::optional<TimeNs> Duration(const YAML::Node& node, const std::string& path);
  std::optional<Comparison> Compare(const YAML::Node& node, const std::string& path);
  // One of `allowed`; the error lists them.
  std::optional<size_t> Enum(const YAML::Node& node, const std::string& path,
                             const std::vector<std::string_view>& allowed);
  // A list of strings (each checked with String()).
  std::optional<std::vector<std::string>> StringList(const YAML::Node& node, const std::string& path);

 private:
  bool ExpectScalar(const YAML::Node& node, const std::string& path, std::string_view what);
  struct KeyWalk;

  std::string file_;
  std::vector<LoadError> errors_;
};

}  // namespace kafkasim::scenario
