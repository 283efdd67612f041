// sim/check/output_check.h — what the processors made of their input
// (sim/apps/processor_app.h), measured on the final logs:
//
//   duplicates_output  input records whose output appears more than once in
//                      the output topic's committed log (records of aborted
//                      and still-open transactions do not count), per group
//   lost_output        input records below the committed offset of a
//                      processor group whose output is not in that committed
//                      log (input records of aborted transactions owe nothing)
//
// An output record names its input (sim/apps/output_uid.h), so both are
// counted per (group, input record).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "sim/check/final_log.h"
#include "sim/check/history.h"
#include "sim/scenario/scenario.h"

namespace kafkasim::sim {

struct OutputMeasure {
  int64_t duplicates_output = 0;
  int64_t lost_output = 0;
  std::vector<std::string> examples;  // at most a few
};

OutputMeasure MeasureOutput(const scenario::Scenario& s, const History& h,
                            const std::map<TopicPartition, std::vector<LogEntry>>& logs);

}  // namespace kafkasim::sim
