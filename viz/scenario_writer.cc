// viz/scenario_writer.cc — Scenario -> YAML, section by section, with
// yaml-cpp's emitter doing the quoting. Expectations live in
// scenario_writer_expect.cc.
#include "viz/scenario_writer.h"

#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>

#include "sim/scenario/units.h"
#include "viz/scenario_writer_internal.h"

namespace kafkasim::viz {

namespace {

using scenario::FormatDuration;

void WriteConfig(YAML::Emitter& out, const char* key, const scenario::ConfigMap& config) {
  if (config.empty()) return;
  out << YAML::Key << key << YAML::Value << YAML::BeginMap;
  for (const auto& [k, v] : config) out << YAML::Key << k << YAML::Value << v;
  out << YAML::EndMap;
}

void WriteLatency(YAML::Emitter& out, const scenario::LatencySpec& l) {
  if (l.min_ns == l.max_ns) {
    out << FormatDuration(l.min_ns);
    return;
  }
  out << YAML::Flow << YAML::BeginMap << YAML::Key << "min" << YAML::Value << FormatDuration(l.min_ns) << YAML::Key
      << "max" << YAML::Value << FormatDuration(l.max_ns) << YAML::EndMap;
}

void WriteNetwork(YAML::Emitter& out, const scenario::NetworkSpec& n) {
  out << YAML::Key << "network" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "latency" << YAML::Value;
  WriteLatency(out, n.latency);
  if (n.loss != 0) out << YAML::Key << "loss" << YAML::Value << FormatDouble(n.loss);
  if (n.duplicate != 0) out << YAML::Key << "duplicate" << YAML::Value << FormatDouble(n.duplicate);
  if (n.reorder != 0) out << YAML::Key << "reorder" << YAML::Value << FormatDouble(n.reorder);
  if (n.bandwidth_bytes_per_sec > 0) {
    out << YAML::Key << "bandwidth" << YAML::Value << std::to_string(n.bandwidth_bytes_per_sec) + "B/s";
  }
  out << YAML::EndMap;
}

void WriteCluster(YAML::Emitter& out, const scenario::ClusterSpec& c) {
  out << YAML::Key << "cluster" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "brokers" << YAML::Value << c.brokers;
  if (!c.racks.empty()) out << YAML::Key << "racks" << YAML::Value << YAML::Flow << c.racks;
  WriteConfig(out, "config", c.config);
  WriteNetwork(out, c.network);
  out << YAML::Key << "disk" << YAML::Value << YAML::BeginMap << YAML::Key << "flush" << YAML::Value
      << (c.disk.flush == scenario::FlushMode::kPageCache ? "page-cache" : "every-write") << YAML::EndMap;
  out << YAML::EndMap;
}

void WriteTopics(YAML::Emitter& out, const std::vector<scenario::TopicSpec>& topics) {
  if (topics.empty()) return;
  out << YAML::Key << "topics" << YAML::Value << YAML::BeginSeq;
  for (const scenario::TopicSpec& t : topics) {
    out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << t.name;
    out << YAML::Key << "partitions" << YAML::Value << t.partitions;
    out << YAML::Key << "replication.factor" << YAML::Value << t.replication_factor;
    if (!t.assignment.empty()) {
      out << YAML::Key << "assignment" << YAML::Value << YAML::Flow << YAML::BeginMap;
      for (const auto& [p, ids] : t.assignment) out << YAML::Key << p << YAML::Value << YAML::Flow << ids;
      out << YAML::EndMap;
    }
    WriteConfig(out, "config", t.config);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
}

void WriteProducers(YAML::Emitter& out, const std::vector<scenario::ProducerSpec>& producers) {
  if (producers.empty()) return;
  out << YAML::Key << "producers" << YAML::Value << YAML::BeginSeq;
  for (const scenario::ProducerSpec& p : producers) {
    const scenario::WorkloadSpec& w = p.workload;
    out << YAML::BeginMap << YAML::Key << "id" << YAML::Value << p.id;
    WriteConfig(out, "config", p.config);
    out << YAML::Key << "workload" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "topic" << YAML::Value << w.topic;
    out << YAML::Key << "messages" << YAML::Value << w.messages;
    out << YAML::Key << "rate" << YAML::Value << FormatRate(w.rate_per_sec);
    out << YAML::Key << "keys" << YAML::Value << w.keys;
    out << YAML::Key << "value_bytes" << YAML::Value << w.value_bytes;
    out << YAML::Key << "start" << YAML::Value << FormatDuration(w.start_ns);
    out << YAML::EndMap << YAML::EndMap;
  }
  out << YAML::EndSeq;
}

const char* CommitName(scenario::CommitMode m) {
  switch (m) {
    case scenario::CommitMode::kAfterProcessing:
      return "after-processing";
    case scenario::CommitMode::kBeforeProcessing:
      return "before-processing";
    case scenario::CommitMode::kAuto:
      return "auto";
  }
  return "after-processing";
}

void WriteConsumers(YAML::Emitter& out, const std::vector<scenario::ConsumerSpec>& consumers) {
  if (consumers.empty()) return;
  out << YAML::Key << "consumers" << YAML::Value << YAML::BeginSeq;
  for (const scenario::ConsumerSpec& c : consumers) {
    out << YAML::BeginMap << YAML::Key << "id" << YAML::Value << c.id;
    out << YAML::Key << "group" << YAML::Value << c.group;
    out << YAML::Key << "topics" << YAML::Value << YAML::Flow << c.topics;
    WriteConfig(out, "config", c.config);
    out << YAML::Key << "commit" << YAML::Value << CommitName(c.commit);
    out << YAML::Key << "processing_time" << YAML::Value << FormatDuration(c.processing_time_ns);
    out << YAML::Key << "start" << YAML::Value << FormatDuration(c.start_ns);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
}

void WriteStep(YAML::Emitter& out, const scenario::NarrationStep& n) {
  out << YAML::Flow << YAML::BeginMap << YAML::Key << "at" << YAML::Value << FormatDuration(n.at_ns);
  if (n.after != scenario::NarrationAnchor::kNone) {
    out << YAML::Key << "after" << YAML::Value << std::string(scenario::NarrationAnchorName(n.after));
  }
  out << YAML::Key << "text" << YAML::Value << YAML::DoubleQuoted << n.text << YAML::EndMap;
}

void WriteNarration(YAML::Emitter& out, const std::vector<scenario::NarrationStep>& steps) {
  if (steps.empty()) return;
  out << YAML::Key << "narration" << YAML::Value << YAML::BeginSeq;
  for (const scenario::NarrationStep& n : steps) WriteStep(out, n);
  out << YAML::EndSeq;
}

}  // namespace

std::string FormatDouble(double v) {
  char buf[64];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v);
  if (ec != std::errc()) return "0";
  return std::string(buf, ptr);
}

std::string NarrationFlowText(const scenario::NarrationStep& n) {
  YAML::Emitter out;
  WriteStep(out, n);
  return out.c_str();
}

std::string FormatRate(double per_sec) {
  // Try the shortest decimal "/s" spelling, then "/min", keeping only a
  // spelling that ParseRate turns back into exactly `per_sec`.
  for (const auto& [value, unit] : {std::pair{per_sec, "/s"}, std::pair{per_sec * 60.0, "/min"}}) {
    for (int digits = 0; digits <= 9; ++digits) {
      char buf[64];
      auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, digits);
      if (ec != std::errc()) continue;
      std::string text = std::string(buf, ptr) + unit;
      Result<double> back = scenario::ParseRate(text);
      if (back.ok() && *back == per_sec) return text;
    }
  }
  char buf[64];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, per_sec, std::chars_format::fixed, 9);
  return (ec == std::errc() ? std::string(buf, ptr) : std::string("1")) + "/s";
}

std::string WriteScenarioYaml(const scenario::Scenario& s) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << s.name;
  if (!s.description.empty()) out << YAML::Key << "description" << YAML::Value << YAML::DoubleQuoted << s.description;
  out << YAML::Key << "seed" << YAML::Value << s.seed;
  out << YAML::Key << "duration" << YAML::Value << FormatDuration(s.duration_ns);
  if (s.buggify) out << YAML::Key << "buggify" << YAML::Value << true;
  WriteCluster(out, s.cluster);
  WriteTopics(out, s.topics);
  WriteProducers(out, s.producers);
  WriteConsumers(out, s.consumers);
  WriteFaults(out, s.faults);
  WriteNarration(out, s.narration);
  WriteExpectSections(out, s);
  out << YAML::EndMap;
  std::string text = "# Saved by kafkasim-viz. Load it with `kafkasim run` or `kafkasim-viz`.\n";
  return text + out.c_str() + "\n";
}

std::string SaveScenarioFile(const scenario::Scenario& s, const std::string& path) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f) return "cannot write " + path + ": " + std::strerror(errno);
  f << WriteScenarioYaml(s);
  f.close();
  if (!f) return "cannot write " + path + ": " + std::strerror(errno);
  return "";
}

}  // namespace kafkasim::viz
