// sim/search/trace_digest.cc — coverage and the chain of events from a trace.
#include "sim/search/trace_digest.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace kafkasim::sim::search {
namespace {

// The raw text of a field's value ("..." without quotes, a number, [..], true).
std::string Field(std::string_view line, std::string_view key) {
  std::string pat = "\"" + std::string(key) + "\":";
  size_t a = line.find(pat);
  if (a == std::string_view::npos) return "";
  a += pat.size();
  if (a < line.size() && line[a] == '"') {
    size_t b = line.find('"', a + 1);
    return b == std::string_view::npos ? "" : std::string(line.substr(a + 1, b - a - 1));
  }
  char close = a < line.size() && line[a] == '[' ? ']' : ',';
  size_t b = line.find(close, a);
  if (b == std::string_view::npos) b = line.find('}', a);
  if (close == ']' && b != std::string_view::npos) ++b;
  return b == std::string_view::npos ? "" : std::string(line.substr(a, b - a));
}

size_t ListSize(const std::string& list) {
  if (list.size() <= 2) return 0;
  return static_cast<size_t>(std::count(list.begin(), list.end(), ',')) + 1;
}

std::string Seconds(std::string_view t_ns) {
  int64_t ns = 0;
  std::from_chars(t_ns.data(), t_ns.data() + t_ns.size(), ns);
  char buf[32];
  std::snprintf(buf, sizeof buf, "t=%.3fs", static_cast<double>(ns) / 1e9);
  return buf;
}

}  // namespace

void Coverage::Add(const Coverage& other) {
  for (const auto& [k, n] : other.counts) counts[k] += n;
}

void TraceDigest::Chain(std::string_view line, const std::string& text) {
  if (chain_.size() < max_chain_) chain_.push_back(Seconds(Field(line, "t")) + " " + text);
}

void TraceDigest::Line(std::string_view line) {
  // Internal topics (__consumer_offsets' 50 partitions) would drown the story.
  if (line.find("\"tp\":\"__") != std::string_view::npos) return;
  const std::string type = Field(line, "type");
  if (type == "fault") {
    Chain(line, "fault: " + Field(line, "what"));
  } else if (type == "election") {
    if (Field(line, "leader") == "-1") {
      coverage_.Count("partition offline (no leader elected)");
    } else {
      const bool unclean = Field(line, "unclean") == "true";
      coverage_.Count(unclean ? "leader election (unclean)" : "leader election (clean)");
    }
    Chain(line, "election " + Field(line, "tp") + ": leader " + Field(line, "leader") + " epoch " +
                    Field(line, "epoch") + " isr " + Field(line, "isr") + " — " + Field(line, "reason"));
  } else if (type == "isr") {
    const std::string old_isr = Field(line, "old"), new_isr = Field(line, "new");
    coverage_.Count(ListSize(new_isr) < ListSize(old_isr) ? "ISR shrink" : "ISR expand");
    Chain(line, "ISR " + Field(line, "tp") + " " + old_isr + " -> " + new_isr + " (" + Field(line, "reason") + ")");
  } else if (type == "truncate") {
    const std::string reason = Field(line, "reason");
    coverage_.Count(reason.find("high watermark") != std::string::npos ? "truncation by HW"
                                                                       : "truncation by leader epoch");
    Chain(line, "broker " + Field(line, "node") + " truncates " + Field(line, "tp") + " from " +
                    Field(line, "old_leo") + " to " + Field(line, "new_leo") + " (" + reason + ")");
  } else if (type == "controller") {
    const std::string epoch = Field(line, "epoch");
    if (epoch != "1") coverage_.Count("controller failover");
    Chain(line, "broker " + Field(line, "node") + " becomes controller (epoch " + epoch + ")");
  } else if (type == "rebalance") {
    coverage_.Count("rebalance");
  }
  if (line.find("FENCED_") != std::string_view::npos) coverage_.Count("fenced request (FENCED_*)");
}

}  // namespace kafkasim::sim::search
