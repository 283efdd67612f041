// sim/cli/cli_util.h — small helpers shared by the subcommands: argument
// parsing with clear errors, loading a scenario with its errors printed,
// and reading a field from one JSON line of a trace.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "sim/scenario/scenario.h"

namespace kafkasim::cli {

class ArgParser {
 public:
  explicit ArgParser(const std::vector<std::string>& args) : args_(args) {}
  // The first argument when it does not start with "--" ("" otherwise).
  std::string Positional();
  bool More() const { return pos_ < args_.size() && !failed_; }
  std::string Next() { return args_[pos_++]; }
  std::string Value(const std::string& flag);  // the argument after a flag
  std::optional<uint64_t> Uint(const std::string& flag);
  void Unknown(const std::string& flag);
  bool failed() const { return failed_; }
  // Prints the problem and returns exit code 2.
  int Fail(std::ostream& err) const;

 private:
  const std::vector<std::string>& args_;
  size_t pos_ = 0;
  bool failed_ = false;
  std::string problem_;
};

// Loads a scenario; on errors prints each (file:line:column: field: message)
// and returns nullopt.
std::optional<scenario::Scenario> LoadOrReport(const std::string& file, std::ostream& err);

// "5s", "1500ms", "2min" -> ns.
std::optional<TimeNs> ParseCliDuration(const std::string& text);

std::string JsonStringField(const std::string& line, const std::string& key);
std::optional<uint64_t> JsonUintField(const std::string& line, const std::string& key);

}  // namespace kafkasim::cli
