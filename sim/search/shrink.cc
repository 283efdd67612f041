// sim/search/shrink.cc — the greedy shrinker (see shrink.h).
#include "sim/search/shrink.h"

#include <algorithm>
#include <functional>

namespace kafkasim::sim::search {
namespace {

constexpr TimeNs kMinFor = 100 * kNsPerMs;
constexpr int64_t kMinMessages = 20;

bool IsRestart(const FaultEntry& e) { return e.body.rfind("restart: ", 0) == 0; }

// Halves the group's outage; false when it is already short.
bool Shorten(FaultGroup& g) {
  bool changed = false;
  for (FaultEntry& e : g.entries)
    if (e.for_ns && *e.for_ns > kMinFor) {
      e.for_ns = std::max(kMinFor, *e.for_ns / 2 / kNsPerMs * kNsPerMs);
      changed = true;
    }
  if (g.entries.size() == 2 && IsRestart(g.entries[1])) {
    const TimeNs gap = g.entries[1].at_ns - g.entries[0].at_ns;
    if (gap > kMinFor) {
      g.entries[1].at_ns = g.entries[0].at_ns + std::max(kMinFor, gap / 2 / kNsPerMs * kNsPerMs);
      changed = true;
    }
  }
  return changed;
}

// Moves the whole group later; false when it would reach the settle step.
bool Later(FaultGroup& g, TimeNs settle_ns) {
  if (g.entries.empty()) return false;  // buggify: no moment to move
  TimeNs last = 0;
  for (const FaultEntry& e : g.entries) last = std::max(last, e.at_ns + e.for_ns.value_or(0));
  const TimeNs step = (settle_ns - last) / 4 / kNsPerMs * kNsPerMs;
  if (step < 200 * kNsPerMs) return false;
  for (FaultEntry& e : g.entries) e.at_ns += step;
  return true;
}

// Expectations on how many records were acknowledged or consumed would fail
// for fewer records alone: then the shrinker keeps the count.
bool CountsMatter(const scenario::Scenario& s) {
  auto counts = [](const scenario::Expectations& e) { return e.acked || !e.consumed.empty(); };
  if (counts(s.expect)) return true;
  for (const scenario::TimedExpectations& t : s.expect_at)
    if (counts(t.expect)) return true;
  return false;
}

bool FewerRecords(SearchCase& c) {
  bool changed = false;
  for (int64_t& m : c.messages)
    if (m >= 2 * kMinMessages) {
      m /= 2;
      changed = true;
    }
  return changed;
}

class Shrinker {
 public:
  Shrinker(const SearchSpec& spec, ShrinkResult& r, int max_runs) : spec_(spec), r_(r), max_runs_(max_runs) {}

  // Keeps `candidate` when it still fails the same check.
  bool Try(const SearchCase& candidate) {
    if (r_.runs >= max_runs_) return false;
    ++r_.runs;
    CaseOutcome o = RunCase(spec_, candidate);
    if (o.check != r_.outcome.check) return false;
    r_.smallest = candidate;
    r_.outcome = std::move(o);
    return true;
  }

  // One pass over every kind of step; true when something shrank.
  bool Pass() {
    bool any = false;
    for (size_t i = r_.smallest.groups.size(); i-- > 0;) {
      SearchCase c = r_.smallest;
      c.groups.erase(c.groups.begin() + static_cast<std::ptrdiff_t>(i));
      any |= Try(c);
    }
    for (size_t i = 0; i < r_.smallest.groups.size(); ++i) {
      SearchCase c = r_.smallest;
      if (Shorten(c.groups[i])) any |= Try(c);
      c = r_.smallest;
      if (Later(c.groups[i], spec_.shape.settle_ns)) any |= Try(c);
    }
    SearchCase c = r_.smallest;
    if (!CountsMatter(spec_.scenario) && FewerRecords(c)) any |= Try(c);
    return SmallerCluster() | any;
  }

  // Fewer clients, partitions and brokers, each only where no fault names
  // what goes (a candidate the loader refuses fails differently: not kept).
  bool SmallerCluster() {
    bool any = false;
    for (const std::string& id : spec_.shape.clients) {
      SearchCase c = r_.smallest;
      if (c.dropped_clients.count(id) || c.Mentions(id)) continue;
      c.dropped_clients.insert(id);
      any |= Try(c);
    }
    for (const scenario::TopicSpec& t : spec_.scenario.topics) {
      SearchCase c = r_.smallest;
      int& n = c.partitions.try_emplace(t.name, t.partitions).first->second;
      const int fewer = n / 2;
      bool named = false;
      for (int p = fewer; p < n; ++p) named |= c.Mentions("leader(" + t.name + "-" + std::to_string(p) + ")");
      if (fewer < 1 || named) continue;
      n = fewer;
      any |= Try(c);
    }
    SearchCase c = r_.smallest;
    const int brokers = c.brokers ? c.brokers : spec_.scenario.cluster.brokers;
    if (brokers > 1 && !c.Mentions("broker-" + std::to_string(brokers))) {
      c.brokers = brokers - 1;
      any |= Try(c);
    }
    return any;
  }

 private:
  const SearchSpec& spec_;
  ShrinkResult& r_;
  int max_runs_;
};

}  // namespace

ShrinkResult Shrink(const SearchSpec& spec, const SearchCase& failing, const CaseOutcome& outcome, int max_runs) {
  ShrinkResult r{failing, outcome, 0, failing.groups.size()};
  Shrinker s(spec, r, max_runs);
  while (r.runs < max_runs && s.Pass()) {
  }
  return r;
}

}  // namespace kafkasim::sim::search
