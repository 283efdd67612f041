// sim/scenario/yaml_util.cc — typed field reading with error collection.
#include "sim/scenario/yaml_util.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "core/config/config_key.h"
#include "sim/scenario/node_ref.h"
#include "sim/scenario/units.h"

namespace kafkasim::scenario {

std::string Join(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string Index(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

std::string FormatNumber(double v) {
  char buf[32];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  return ec == std::errc() ? std::string(buf, ptr) : std::to_string(v);
}

std::string Describe(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "nothing";
  if (node.IsMap()) return "a map";
  if (node.IsSequence()) return "a list";
  return "\"" + node.Scalar() + "\"";
}

void Reader::Fail(const YAML::Node& at, const std::string& path, std::string message) {
  FailAt(at.IsDefined() ? at.Mark() : YAML::Mark::null_mark(), path, std::move(message));
}

void Reader::FailAt(const YAML::Mark& mark, const std::string& path, std::string message) {
  LoadError e;
  e.file = file_;
  e.line = mark.is_null() ? 0 : mark.line + 1;
  e.column = mark.is_null() ? 0 : mark.column + 1;
  e.field = path;
  e.message = std::move(message);
  errors_.push_back(std::move(e));
}

SourceLoc Reader::Loc(const YAML::Node& node) const {
  SourceLoc loc{file_, 0, 0};
  if (node.IsDefined() && !node.Mark().is_null()) {
    loc.line = node.Mark().line + 1;
    loc.column = node.Mark().column + 1;
  }
  return loc;
}

std::vector<LoadError> Reader::TakeErrors() {
  // Errors without a position (line 0) come first: they concern the whole file.
  std::stable_sort(errors_.begin(), errors_.end(), [](const LoadError& a, const LoadError& b) {
    return std::pair(a.line, a.column) < std::pair(b.line, b.column);
  });
  return std::move(errors_);
}

bool Reader::ExpectMap(const YAML::Node& node, const std::string& path) {
  if (!node.IsDefined()) return false;  // a missing key: Require() reported it
  if (node.IsMap()) return true;
  Fail(node, path, "expected a map, got " + Describe(node));
  return false;
}

bool Reader::ExpectList(const YAML::Node& node, const std::string& path) {
  if (!node.IsDefined()) return false;  // a missing key: Require() reported it
  if (node.IsSequence()) return true;
  Fail(node, path, "expected a list, got " + Describe(node));
  return false;
}

bool Reader::CheckKeys(const YAML::Node& map, const std::string& path, const std::vector<std::string_view>& allowed) {
  bool ok = true;
  for (const auto& kv : map) {
    const YAML::Node& key = kv.first;
    std::string name = key.IsScalar() ? key.Scalar() : "";
    if (!key.IsScalar()) {
      Fail(key, path, "expected a key name, got " + Describe(key));
      ok = false;
    } else if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      std::string near = config::NearestName(name, allowed);
      std::string hint;
      if (!near.empty()) {
        hint = " (did you mean '" + near + "'?)";
      } else {
        for (std::string_view a : allowed) hint.append(hint.empty() ? "; valid keys: " : ", ").append(a);
      }
      std::string message = "unknown key \"" + name + "\"";
      Fail(key, Join(path, name), message.append(hint));
      ok = false;
    }
  }
  return ok;
}

// The walk behind CheckDuplicateKeys. A collection reached again through an
// alias (`*name`) is the same node, at the same position: it is walked once,
// so a file of nested aliases cannot make the walk exponential.
struct Reader::KeyWalk {
  Reader& r;
  std::set<std::pair<int, int>> walked;  // (line, column) of collections seen
  bool ok = true;

  void Walk(const YAML::Node& node, const std::string& path) {
    if (!node.IsMap() && !node.IsSequence()) return;
    if (!walked.insert({node.Mark().line, node.Mark().column}).second) return;
    if (node.IsSequence()) {
      for (size_t i = 0; i < node.size(); ++i) Walk(node[i], Index(path, i));
      return;
    }
    std::map<std::string, int> first_line;  // key text -> line (1-based)
    for (const auto& kv : node) {
      const YAML::Node& key = kv.first;
      std::string name = key.IsScalar() ? key.Scalar() : "";
      if (key.IsScalar()) {
        auto [it, fresh] = first_line.emplace(name, key.Mark().line + 1);
        if (!fresh) {
          r.Fail(key, Join(path, name),
                 "key \"" + name + "\" is written twice (first at line " + std::to_string(it->second) +
                     "); YAML allows each key once per map");
          ok = false;
        }
      }
      Walk(kv.second, Join(path, key.IsScalar() ? name : "?"));
    }
  }
};

bool Reader::CheckDuplicateKeys(const YAML::Node& root) {
  KeyWalk walk{*this, {}, true};
  walk.Walk(root, "");
  return walk.ok;
}

YAML::Node Reader::Require(const YAML::Node& map, const std::string& path, std::string_view key) {
  YAML::Node child = map[std::string(key)];
  if (!child.IsDefined()) Fail(map, Join(path, key), "missing required key \"" + std::string(key) + "\"");
  return child;
}

bool Reader::ExpectScalar(const YAML::Node& node, const std::string& path, std::string_view what) {
  if (!node.IsDefined()) return false;  // a missing key: Require() reported it
  if (node.IsScalar()) return true;
  Fail(node, path, "expected " + std::string(what) + ", got " + Describe(node));
  return false;
}

std::optional<std::string> Reader::String(const YAML::Node& node, const std::string& path) {
  if (!ExpectScalar(node, path, "a string")) return std::nullopt;
  return node.Scalar();
}

std::optional<std::string> Reader::Name(const YAML::Node& node, const std::string& path) {
  if (!ExpectScalar(node, path, "a name")) return std::nullopt;
  if (!IsValidName(node.Scalar())) {
    Fail(node, path, "expected a name of lower-case letters, digits and '-' ([a-z0-9-]+), got " + Describe(node));
    return std::nullopt;
  }
  return node.Scalar();
}

std::optional<int64_t> Reader::Int(const YAML::Node& node, const std::string& path, int64_t min, int64_t max) {
  if (!ExpectScalar(node, path, "an integer")) return std::nullopt;
  const std::string& s = node.Scalar();
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size()) {
    Fail(node, path, "expected an integer, got " + Describe(node));
    return std::nullopt;
  }
  if (v < min || v > max) {
    std::string range = max == INT64_MAX ? ">= " + std::to_string(min)
                                         : "in [" + std::to_string(min) + ", " + std::to_string(max) + "]";
    Fail(node, path, "expected an integer " + range + ", got " + std::to_string(v));
    return std::nullopt;
  }
  return v;
}

std::optional<double> Reader::Double(const YAML::Node& node, const std::string& path, double min, double max) {
  if (!ExpectScalar(node, path, "a number")) return std::nullopt;
  const std::string& s = node.Scalar();
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v) || v < min || v > max) {
    std::string range = "a number in [" + FormatNumber(min) + ", " + FormatNumber(max) + "]";
    Fail(node, path, "expected " + range + ", got " + Describe(node));
    return std::nullopt;
  }
  return v;
}

}  // namespace kafkasim::scenario
