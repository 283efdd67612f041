// sim/search/trace_digest.h — reading a run's trace for a search: which Kafka
// events it reached (the coverage summary) and the chain of events a finding's
// explanation quotes (faults, elections, ISR changes, truncations, controller
// changes, rebalances), in order.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kafkasim::sim::search {

// Event name -> how many times it happened ("election (clean)", "truncation by HW", ...).
struct Coverage {
  std::map<std::string, int64_t> counts;
  void Add(const Coverage& other);
  void Count(const std::string& what, int64_t n = 1) { counts[what] += n; }
};

class TraceDigest {
 public:
  explicit TraceDigest(size_t max_chain = 0) : max_chain_(max_chain) {}
  void Line(std::string_view line);  // a trace JSON line
  const Coverage& coverage() const { return coverage_; }
  const std::vector<std::string>& chain() const { return chain_; }          // "t=4.002s election: ..."
  const std::vector<int64_t>& chain_at_ns() const { return chain_at_ns_; }  // each chain line's time
  // Set when a broker that lost power led a partition again before it had
  // rejoined the ISR: the unclean-shutdown case leader epochs cannot catch
  // (KIP-966). Words for the explanation; empty when it did not happen.
  const std::string& unclean_leader() const { return unclean_leader_; }
  // ... and it kept the leader epoch it had before the power failure: then
  // not even leader epochs can see where its log forked from its followers'.
  bool unclean_leader_same_epoch() const { return unclean_same_epoch_; }

 private:
  void Chain(std::string_view line, const std::string& text);
  void Role(std::string_view line);
  void IsrJoins(std::string_view line);
  size_t max_chain_;
  Coverage coverage_;
  std::vector<std::string> chain_;
  std::vector<int64_t> chain_at_ns_;
  int64_t lines_ = 0;
  std::map<std::string, int64_t> power_failed_;  // broker id -> line of its last power failure
  struct Takeover {
    std::string node, epoch;
    int64_t line = 0;
  };
  std::map<std::string, Takeover> leader_;  // tp -> the last takeover
  bool unclean_same_epoch_ = false;
  std::map<std::string, int64_t> joined_isr_;  // "tp broker" -> line it rejoined the ISR
  std::string unclean_leader_;
};

}  // namespace kafkasim::sim::search
