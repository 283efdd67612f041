// viz/step_words.cc — trace lines told as sentences (reads the fields it
// needs out of the JSON line; the trace's format is kafkasim's own).
#include "viz/step_words.h"

#include <array>
#include <charconv>

#include "viz/windows.h"

namespace kafkasim::viz {

namespace {

// The raw value of "key": a string without its quotes, or a number / list as written.
std::string Field(std::string_view line, std::string_view key) {
  std::string pattern = "\"" + std::string(key) + "\":";
  size_t p = line.find(pattern);
  if (p == std::string_view::npos) return "";
  p += pattern.size();
  if (p < line.size() && line[p] == '"') {
    std::string out;
    for (size_t i = p + 1; i < line.size() && line[i] != '"'; ++i) {
      if (line[i] == '\\' && i + 1 < line.size()) ++i;
      out += line[i];
    }
    return out;
  }
  size_t end = p;
  int depth = 0;
  while (end < line.size() && (depth > 0 || (line[end] != ',' && line[end] != '}'))) {
    if (line[end] == '[') ++depth;
    if (line[end] == ']') --depth;
    ++end;
  }
  return std::string(line.substr(p, end - p));
}

std::string Node(std::string_view line, std::string_view key, const NodeNamer& name) {
  std::string v = Field(line, key);
  int32_t id = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), id);
  if (ec != std::errc() || v.empty()) return v;
  return id < 0 ? "nobody" : name(NodeId{id});
}

// Higher tells more: the line of an event worth naming first.
constexpr std::array<std::string_view, 22> kRank = {
    "election",      "truncate",  "role",      "isr",           "fenced",         "controller", "controller_resigned",
    "fault",         "narration", "rebalance", "produce_error", "produce_result", "hw",         "append",
    "commit",        "consumed",  "fetched",   "note",          "drop",           "deliver",    "send",
    "leader_and_isr"};

size_t Rank(std::string_view type) {
  for (size_t i = 0; i < kRank.size(); ++i)
    if (kRank[i] == type) return i;
  return kRank.size();
}

}  // namespace

std::string DescribeTraceLine(std::string_view line, const NodeNamer& name) {
  auto f = [&](std::string_view k) { return Field(line, k); };
  auto n = [&](std::string_view k) { return Node(line, k, name); };
  std::string type = f("type"), tp = f("tp");
  if (type == "election") {
    if (f("leader") == "-1") return "controller " + n("node") + " found no leader for " + tp + " (offline)";
    return "controller " + n("node") + " elected " + n("leader") + " leader of " + tp + " at epoch " + f("epoch") +
           ", ISR " + f("isr") + (f("unclean") == "true" ? " (UNCLEAN)" : "");
  }
  if (type == "role") {
    if (f("role") == "leader") return n("node") + " became leader of " + tp + " at epoch " + f("epoch");
    return n("node") + " became a follower of " + tp + " (leader " + n("leader_id") + ", epoch " + f("epoch") + ")";
  }
  if (type == "truncate") return n("node") + " truncated " + tp + " from " + f("old_leo") + " to " + f("new_leo");
  if (type == "isr") return "ISR of " + tp + " changed " + f("old") + " -> " + f("new") + " (" + f("reason") + ")";
  if (type == "fenced") return n("node") + " fenced on " + tp + ": " + f("reason");
  if (type == "controller") return n("node") + " became the controller (epoch " + f("epoch") + ")";
  if (type == "controller_resigned") return n("node") + " is no longer the controller";
  if (type == "fault") return "fault: " + f("what");
  if (type == "narration") return "narration: " + f("text");
  if (type == "rebalance") return "group " + f("group") + ": " + f("summary");
  if (type == "produce_error") return n("node") + " got " + f("error") + " for " + tp;
  if (type == "produce_result") {
    if (f("error") != "NONE") return n("node") + "'s batch to " + tp + " failed: " + f("error");
    return n("node") + "'s batch of " + f("records") + " to " + tp + " acknowledged at offset " + f("base") +
           " (acks=" + f("acks") + ")";
  }
  if (type == "hw") return "high watermark of " + tp + " on " + n("node") + ": " + f("old") + " -> " + f("new");
  if (type == "append") {
    return n("node") + " appended offsets " + f("base") + "-" + f("last") + " to " + tp +
           (f("leader") == "true" ? " as leader" : " as follower") + " (epoch " + f("epoch") + ")";
  }
  if (type == "commit") return n("node") + " (group " + f("group") + ") committed " + tp + " at offset " + f("offset");
  if (type == "consumed") return n("node") + " processed " + tp + " offset " + f("offset");
  if (type == "fetched")
    return n("node") + " fetched " + tp + " offsets " + f("first") + "-" + f("last") + " from " + n("from");
  if (type == "note") return n("node") + ": " + f("text");
  if (type == "drop") return f("msg") + " from " + n("from") + " to " + n("to") + " dropped (" + f("reason") + ")";
  if (type == "deliver") return n("to") + " received " + f("msg") + " from " + n("from");
  if (type == "send") return n("from") + " sent " + f("msg") + " to " + n("to");
  if (type == "leader_and_isr") return n("node") + " received LeaderAndIsr from controller " + n("controller");
  return type;
}

std::string DescribeStep(uint64_t event, TimeNs at, const std::vector<std::string>& lines, const NodeNamer& name) {
  std::string head = "ran event " + std::to_string(event) + " at " + FormatSeconds(at) + ": ";
  if (lines.empty()) return head + "a timer fired; nothing observable changed";
  size_t best = 0;
  for (size_t i = 1; i < lines.size(); ++i) {
    if (Rank(Field(lines[i], "type")) < Rank(Field(lines[best], "type"))) best = i;
  }
  std::string text = head + DescribeTraceLine(lines[best], name);
  if (lines.size() > 1) text += " (+" + std::to_string(lines.size() - 1) + " more)";
  return text;
}

}  // namespace kafkasim::viz
