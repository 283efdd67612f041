// sim/check/output_check.cc — duplicates_output and lost_output.
#include "sim/check/output_check.h"

#include <set>

#include "sim/apps/output_uid.h"

namespace kafkasim::sim {
namespace {

constexpr size_t kMaxOutputExamples = 3;

std::string Describe(RecordUid input) {
  return "record #" + std::to_string(RecordUidSeq(input)) + " of slot " + std::to_string(RecordUidProducer(input));
}

// (group, input uid) -> committed outputs.
using OutputCounts = std::map<std::pair<std::string, RecordUid>, int64_t>;

OutputCounts CountOutputs(const scenario::Scenario& s, const std::map<TopicPartition, std::vector<LogEntry>>& logs) {
  const auto first = static_cast<uint32_t>(s.producers.size());
  const auto total = static_cast<uint32_t>(s.producers.size() + s.processors.size());
  std::set<std::string> outputs;
  for (const scenario::ProcessorSpec& p : s.processors) outputs.insert(p.output);
  OutputCounts counts;
  for (const auto& [tp, entries] : logs) {
    if (!outputs.contains(tp.topic)) continue;
    for (const LogEntry& e : entries) {
      if (e.txn == TxnOutcome::kAborted || e.txn == TxnOutcome::kOpen) continue;
      const uint32_t slot = RecordUidProducer(e.uid);
      if (slot < first || slot >= total) continue;
      const scenario::ProcessorSpec& p = s.processors[slot - first];
      if (p.output == tp.topic) ++counts[{p.group, InputUidOf(e.uid, total)}];
    }
  }
  return counts;
}

}  // namespace

OutputMeasure MeasureOutput(const scenario::Scenario& s, const History& h,
                            const std::map<TopicPartition, std::vector<LogEntry>>& logs) {
  OutputMeasure m;
  if (s.processors.empty()) return m;
  const OutputCounts counts = CountOutputs(s, logs);
  for (const auto& [key, n] : counts) {
    if (n <= 1) continue;
    ++m.duplicates_output;
    if (m.examples.size() < kMaxOutputExamples)
      m.examples.push_back("group " + key.first + " wrote the output of " + Describe(key.second) + " " +
                           std::to_string(n) + " times");
  }
  std::set<std::pair<std::string, std::string>> inputs;  // (group, input topic)
  for (const scenario::ProcessorSpec& p : s.processors)
    for (const std::string& t : p.input) inputs.insert({p.group, t});
  for (const auto& [group, offsets] : h.committed()) {
    for (const auto& [tp, committed] : offsets) {
      auto log = logs.find(tp);
      if (!inputs.contains({group, tp.topic}) || log == logs.end()) continue;
      for (const LogEntry& e : log->second) {
        if (e.offset >= committed) break;
        if (e.txn == TxnOutcome::kAborted || counts.contains({group, e.uid})) continue;
        ++m.lost_output;
        if (m.examples.size() < kMaxOutputExamples)
          m.examples.push_back("group " + group + " committed " + tp.ToString() + " past offset " +
                               std::to_string(e.offset.value()) + " (" + Describe(e.uid) +
                               ") but its output is not in the committed output log");
      }
    }
  }
  return m;
}

}  // namespace kafkasim::sim
