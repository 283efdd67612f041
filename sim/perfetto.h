// sim/perfetto.h — exports a run's trace in the Chrome / Perfetto JSON trace
// format (ui.perfetto.dev, chrome://tracing): one track per node, one
// instant event per trace line (the line itself in "args"), and each message
// as a slice on the receiver's track from send to delivery.
#pragma once

#include <map>
#include <ostream>
#include <string>
#include <string_view>

#include "sim/scenario/scenario.h"

namespace kafkasim::sim {

class PerfettoWriter {
 public:
  explicit PerfettoWriter(std::ostream& out);
  // Feed every trace line, in order (Trace's listener).
  void Line(std::string_view json_line);
  // Names the tracks after the scenario's nodes and closes the JSON.
  void Finish(const scenario::Scenario& s);

 private:
  void Event(std::string_view name, char phase, int64_t tid, int64_t ts_ns, int64_t dur_ns, std::string_view args);

  std::ostream& out_;
  bool first_ = true;
  // (from, to, message name) -> send times not yet delivered, FIFO per link
  std::map<std::string, std::multimap<int64_t, int64_t>> sends_;
};

}  // namespace kafkasim::sim
