// bench/bench_main.cc — benchmark workloads for kafkasim.
//
//   kafkasim-bench event-loop N   N timer events through sim::EventLoop
//   kafkasim-bench bare-heap N    the same schedule through a bare binary heap
//                                 of (time, seq) — the floor to compare with
//   kafkasim-bench acks-all N     N records, acks=all, through 3 brokers (RF 3)
//
// The cluster-scale workloads are scenarios run by the CLI (so that a build
// of any version runs the same file): bench/scale-*.yaml.
//
// Each prints a checksum so the work cannot be optimised away. Timing is done
// from outside (/usr/bin/time -v, hyperfine), so this file reads no clock.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "sim/event_loop.h"
#include "sim/prng.h"
#include "sim/run.h"
#include "sim/scenario/loader.h"
#include "sim/trace.h"

namespace {

using kafkasim::TimeNs;

// Each event reschedules itself a pseudo-random delay ahead, keeping ~1000
// events pending — the shape of a simulation's timer and delivery load.
constexpr int kPending = 1000;

uint64_t EventLoopBench(uint64_t n) {
  kafkasim::sim::EventLoop loop;
  kafkasim::sim::Prng prng(1);
  uint64_t done = 0, sum = 0;
  std::function<void()> tick = [&] {
    sum += static_cast<uint64_t>(loop.now());
    if (++done + kPending <= n) loop.After(static_cast<TimeNs>(prng.Below(1000000)), tick);
  };
  for (int i = 0; i < kPending; ++i) loop.After(static_cast<TimeNs>(prng.Below(1000000)), tick);
  while (loop.Step()) {
  }
  return sum ^ done;
}

uint64_t BareHeapBench(uint64_t n) {
  struct Ev {
    TimeNs at;
    uint64_t seq;
  };
  auto later = [](const Ev& a, const Ev& b) { return a.at != b.at ? a.at > b.at : a.seq > b.seq; };
  std::vector<Ev> heap;
  kafkasim::sim::Prng prng(1);
  uint64_t seq = 0, done = 0, sum = 0;
  TimeNs now = 0;
  auto push = [&](TimeNs at) {
    heap.push_back({at, seq++});
    std::push_heap(heap.begin(), heap.end(), later);
  };
  for (int i = 0; i < kPending; ++i) push(static_cast<TimeNs>(prng.Below(1000000)));
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), later);
    now = heap.back().at;
    heap.pop_back();
    sum += static_cast<uint64_t>(now);
    if (++done + kPending <= n) push(now + static_cast<TimeNs>(prng.Below(1000000)));
  }
  return sum ^ done;
}

int AcksAllBench(uint64_t n) {
  std::string yaml = R"(name: bench-acks-all
duration: 600s
cluster: {brokers: 3, network: {latency: 1ms}}
topics: [{name: bench, partitions: 1, replication.factor: 3, config: {min.insync.replicas: 2}}]
producers:
  - id: p1
    config: {acks: all, linger.ms: 5, batch.size: 65536, max.in.flight.requests.per.connection: 5}
    workload: {topic: bench, messages: )" +
                     std::to_string(n) + R"(, rate: 200000/s, keys: 0, value_bytes: 100}
expect: {acked: )" + std::to_string(n) +
                     "}\n";
  auto loaded = kafkasim::scenario::LoadScenarioString(yaml, "bench-acks-all");
  if (!loaded.ok()) {
    for (const auto& e : loaded.errors) std::cerr << e.ToString() << "\n";
    return 2;
  }
  auto r = kafkasim::sim::RunScenario(loaded.scenario, {1, nullptr});
  std::cout << "acked=" << r.measurements.acked << " events=" << r.events << " simulated_ms=" << r.end_time / 1000000
            << " trace_hash=" << kafkasim::sim::Trace::HashHex(r.trace_hash)
            << " verdict=" << (r.pass ? "PASS" : "FAIL") << "\n";
  return r.pass ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: kafkasim-bench event-loop|bare-heap|acks-all N\n";
    return 2;
  }
  std::string what = argv[1];
  uint64_t n = std::strtoull(argv[2], nullptr, 10);
  if (what == "event-loop")
    std::cout << "checksum " << EventLoopBench(n) << "\n";
  else if (what == "bare-heap")
    std::cout << "checksum " << BareHeapBench(n) << "\n";
  else if (what == "acks-all")
    return AcksAllBench(n);
  else {
    std::cerr << "unknown benchmark " << what << "\n";
    return 2;
  }
  return 0;
}
