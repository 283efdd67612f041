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
  const std::vector<std::string>& chain() const { return chain_; }  // "t=4.002s election: ..."

 private:
  void Chain(std::string_view line, const std::string& text);
  size_t max_chain_;
  Coverage coverage_;
  std::vector<std::string> chain_;
};

}  // namespace kafkasim::sim::search
