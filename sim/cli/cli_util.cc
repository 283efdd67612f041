#include "sim/cli/cli_util.h"

#include <charconv>

#include "sim/scenario/loader.h"
#include "sim/scenario/units.h"

namespace kafkasim::cli {

std::string ArgParser::Positional() {
  if (pos_ < args_.size() && args_[pos_].rfind("--", 0) != 0) return args_[pos_++];
  return "";
}

std::string ArgParser::Value(const std::string& flag) {
  if (pos_ >= args_.size()) {
    failed_ = true;
    problem_ = flag + " needs a value";
    return "";
  }
  return args_[pos_++];
}

std::optional<uint64_t> ArgParser::Uint(const std::string& flag) {
  std::string v = Value(flag);
  uint64_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (failed_ || ec != std::errc() || p != v.data() + v.size()) {
    failed_ = true;
    problem_ = flag + " takes a non-negative integer, got \"" + v + "\"";
    return std::nullopt;
  }
  return n;
}

void ArgParser::Unknown(const std::string& flag) {
  failed_ = true;
  problem_ = "unknown option " + flag;
}

int ArgParser::Fail(std::ostream& err) const {
  if (!problem_.empty()) err << "kafkasim: " << problem_ << "\n";
  return 2;
}

std::optional<scenario::Scenario> LoadOrReport(const std::string& file, std::ostream& err) {
  scenario::LoadResult r = scenario::LoadScenarioFile(file);
  if (r.ok()) return std::move(r.scenario);
  for (const auto& e : r.errors) err << e.ToString() << "\n";
  return std::nullopt;
}

std::optional<TimeNs> ParseCliDuration(const std::string& text) {
  auto r = scenario::ParseDuration(text);
  if (!r.ok()) return std::nullopt;
  return *r;
}

std::string JsonStringField(const std::string& line, const std::string& key) {
  std::string pat = "\"" + key + "\":\"";
  size_t a = line.find(pat);
  if (a == std::string::npos) return "";
  a += pat.size();
  size_t b = line.find('"', a);
  return b == std::string::npos ? "" : line.substr(a, b - a);
}

std::optional<uint64_t> JsonUintField(const std::string& line, const std::string& key) {
  std::string pat = "\"" + key + "\":";
  size_t a = line.find(pat);
  if (a == std::string::npos) return std::nullopt;
  a += pat.size();
  uint64_t n = 0;
  auto [p, ec] = std::from_chars(line.data() + a, line.data() + line.size(), n);
  if (ec != std::errc()) return std::nullopt;
  return n;
}

}  // namespace kafkasim::cli
