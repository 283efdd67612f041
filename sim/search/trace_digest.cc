// sim/search/trace_digest.cc — coverage and the chain of events from a trace.
#include "sim/search/trace_digest.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <set>

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

// "[1,2]" -> {"1", "2"}.
std::set<std::string> Ids(const std::string& list) {
  std::set<std::string> out;
  std::string id;
  for (char c : list) {
    if (c >= '0' && c <= '9') {
      id += c;
    } else if (!id.empty()) {
      out.insert(id);
      id.clear();
    }
  }
  return out;
}

size_t ListSize(const std::string& list) {
  if (list.size() <= 2) return 0;
  return static_cast<size_t>(std::count(list.begin(), list.end(), ',')) + 1;
}

int64_t Nanos(std::string_view t_ns) {
  int64_t ns = 0;
  std::from_chars(t_ns.data(), t_ns.data() + t_ns.size(), ns);
  return ns;
}

std::string Seconds(int64_t ns) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "t=%.3fs", static_cast<double>(ns) / 1e9);
  return buf;
}

}  // namespace

void Coverage::Add(const Coverage& other) {
  for (const auto& [k, n] : other.counts) counts[k] += n;
}

void TraceDigest::Chain(std::string_view line, const std::string& text) {
  if (chain_.size() >= max_chain_) return;
  const int64_t at = Nanos(Field(line, "t"));
  chain_.push_back(Seconds(at) + " " + text);
  chain_at_ns_.push_back(at);
}

// A broker taking over a partition. When it lost power since the previous
// takeover and has not rejoined the ISR since, its log may lack records it
// acknowledged, and followers truncate to it: leader epochs (KIP-101) trust
// the leader's log. KIP-966 closes this (Kafka 3.9's KRaft takes a broker back
// from an unclean shutdown out of every ISR and ELR:
// ReplicationControlManager.handleBrokerUncleanShutdown).
void TraceDigest::Role(std::string_view line) {
  if (Field(line, "role") != "leader") return;
  const std::string node = Field(line, "node"), tp = Field(line, "tp"), epoch = Field(line, "epoch");
  const Takeover before = leader_[tp];
  leader_[tp] = Takeover{node, epoch, lines_};
  auto power = power_failed_.find(node);
  const int64_t trusted_since = std::max(before.line, joined_isr_[tp + " " + node]);
  if (power == power_failed_.end() || power->second < trusted_since) return;
  const bool same_epoch = before.node == node && before.epoch == epoch;
  unclean_same_epoch_ = unclean_same_epoch_ || same_epoch;
  const std::string words = "broker-" + node + " leads " + tp + (before.node == node ? " again" : "") +
                            (same_epoch ? " at the same leader epoch " : " at leader epoch ") + epoch +
                            " after a power failure lost its unsynced records: its followers truncate to its "
                            "shorter log, or keep records it no longer has. Leader epochs (KIP-101) trust the "
                            "leader's log; this unclean-shutdown case is what KIP-966 closes (Kafka 3.9+, KRaft: a "
                            "broker back from an unclean shutdown leaves every ISR)";
  coverage_.Count("leader back from a power failure (KIP-966 case)");
  if (unclean_leader_.empty()) unclean_leader_ = words;
  Chain(line, words);
}

void TraceDigest::IsrJoins(std::string_view line) {
  const std::set<std::string> before = Ids(Field(line, "old"));
  const std::string tp = Field(line, "tp");
  for (const std::string& id : Ids(Field(line, "new")))
    if (!before.count(id)) joined_isr_[tp + " " + id] = lines_;
}

void TraceDigest::Line(std::string_view line) {
  ++lines_;
  // Internal topics (__consumer_offsets' 50 partitions) would drown the story.
  if (line.find("\"tp\":\"__") != std::string_view::npos) return;
  const std::string type = Field(line, "type");
  if (type == "fault") {
    const std::string what = Field(line, "what");
    if (what.rfind("buggify ", 0) == 0) {  // frequent: counted, kept out of the story
      coverage_.Count("buggify fired: " + what.substr(8));
      return;
    }
    const std::string power = "power failure broker-";
    if (what.rfind(power, 0) == 0)
      power_failed_[what.substr(power.size(), what.find(' ', power.size()) - power.size())] = lines_;
    Chain(line, "fault: " + what);
  } else if (type == "role") {
    Role(line);
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
    IsrJoins(line);
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
