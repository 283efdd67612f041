// sim/scenario/yaml_values.cc — Reader's reads of unit and enum values.
#include <algorithm>

#include "sim/scenario/units.h"
#include "sim/scenario/yaml_util.h"

namespace kafkasim::scenario {

std::optional<bool> Reader::Bool(const YAML::Node& node, const std::string& path) {
  if (!ExpectScalar(node, path, "true or false")) return std::nullopt;
  if (node.Scalar() == "true") return true;
  if (node.Scalar() == "false") return false;
  Fail(node, path, "expected true or false, got " + Describe(node));
  return std::nullopt;
}

std::optional<TimeNs> Reader::Duration(const YAML::Node& node, const std::string& path) {
  if (!ExpectScalar(node, path, "a duration like 2ms, 4s or 1min")) return std::nullopt;
  Result<TimeNs> d = ParseDuration(node.Scalar());
  if (!d.ok()) {
    Fail(node, path, d.error().message);
    return std::nullopt;
  }
  return *d;
}

std::optional<Comparison> Reader::Compare(const YAML::Node& node, const std::string& path) {
  constexpr std::string_view kHint = "a number or a comparison like \">0\", \">=2\", \"<5\", \"<=5\", \"!=0\", \"==3\"";
  if (!ExpectScalar(node, path, kHint)) return std::nullopt;
  std::optional<Comparison> c = Comparison::Parse(node.Scalar());
  if (!c) Fail(node, path, "expected " + std::string(kHint) + ", got " + Describe(node));
  return c;
}

std::optional<size_t> Reader::Enum(const YAML::Node& node, const std::string& path,
                                   const std::vector<std::string_view>& allowed) {
  std::string list;
  for (std::string_view a : allowed) list += (list.empty() ? "" : " | ") + std::string(a);
  if (!ExpectScalar(node, path, "one of " + list)) return std::nullopt;
  auto it = std::find(allowed.begin(), allowed.end(), node.Scalar());
  if (it == allowed.end()) {
    Fail(node, path, "expected one of " + list + ", got " + Describe(node));
    return std::nullopt;
  }
  return static_cast<size_t>(it - allowed.begin());
}

std::optional<std::vector<std::string>> Reader::StringList(const YAML::Node& node, const std::string& path) {
  if (!ExpectList(node, path)) return std::nullopt;
  std::vector<std::string> out;
  bool ok = true;
  for (size_t i = 0; i < node.size(); ++i) {
    std::optional<std::string> s = String(node[i], Index(path, i));
    if (s) {
      out.push_back(*s);
    } else {
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace kafkasim::scenario
