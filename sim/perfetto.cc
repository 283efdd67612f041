#include "sim/perfetto.h"

#include <charconv>
#include <cstdio>

#include "core/util/json_writer.h"

namespace kafkasim::sim {
namespace {

std::string_view StrField(std::string_view line, std::string_view key) {
  std::string pat = "\"" + std::string(key) + "\":\"";
  size_t a = line.find(pat);
  if (a == std::string_view::npos) return {};
  a += pat.size();
  size_t b = line.find('"', a);
  return b == std::string_view::npos ? std::string_view{} : line.substr(a, b - a);
}

int64_t IntField(std::string_view line, std::string_view key, int64_t fallback) {
  std::string pat = "\"" + std::string(key) + "\":";
  size_t a = line.find(pat);
  if (a == std::string_view::npos) return fallback;
  a += pat.size();
  int64_t v = fallback;
  std::from_chars(line.data() + a, line.data() + line.size(), v);
  return v;
}

}  // namespace

PerfettoWriter::PerfettoWriter(std::ostream& out) : out_(out) { out_ << "{\"traceEvents\":[\n"; }

void PerfettoWriter::Event(std::string_view name, char phase, int64_t tid, int64_t ts_ns, int64_t dur_ns,
                           std::string_view args) {
  char ts[48];
  std::snprintf(ts, sizeof ts, "%lld.%03lld", static_cast<long long>(ts_ns / 1000),
                static_cast<long long>(ts_ns % 1000));
  std::string ev;
  ev += first_ ? "" : ",\n";
  first_ = false;
  ev += "{\"name\":";
  AppendJsonEscaped(ev, name);
  ev += ",\"ph\":\"";
  ev += phase;
  ev += "\",\"pid\":1,\"tid\":" + std::to_string(tid) + ",\"ts\":" + ts;
  if (phase == 'X') {
    std::snprintf(ts, sizeof ts, "%lld.%03lld", static_cast<long long>(dur_ns / 1000),
                  static_cast<long long>(dur_ns % 1000));
    ev += ",\"dur\":";
    ev += ts;
  }
  if (phase == 'i') ev += ",\"s\":\"t\"";
  if (!args.empty()) ev += ",\"args\":" + std::string(args);
  ev += "}";
  out_ << ev;
}

void PerfettoWriter::Line(std::string_view line) {
  std::string_view type = StrField(line, "type");
  int64_t t = IntField(line, "t", 0);
  if (type == "send" && IntField(line, "from", -1) >= 0 && !StrField(line, "msg").empty()) {
    std::string link = std::to_string(IntField(line, "from", 0)) + ">" + std::to_string(IntField(line, "to", 0)) + ":" +
                       std::string(StrField(line, "msg"));
    sends_[link].emplace(t, t);
    return;
  }
  if (type == "deliver") {
    int64_t from = IntField(line, "from", 0), to = IntField(line, "to", 0);
    std::string msg(StrField(line, "msg"));
    auto& pending = sends_[std::to_string(from) + ">" + std::to_string(to) + ":" + msg];
    int64_t sent = pending.empty() ? t : pending.begin()->second;
    if (!pending.empty()) pending.erase(pending.begin());
    Event(msg, 'X', to, sent, t - sent, line);
    return;
  }
  int64_t node = IntField(line, "node", IntField(line, "from", 0));
  Event(type, 'i', node, t, 0, line);
}

void PerfettoWriter::Finish(const scenario::Scenario& s) {
  auto name = [this](int64_t tid, const std::string& n) {
    std::string args = "{\"name\":";
    AppendJsonEscaped(args, n);
    args += "}";
    Event("thread_name", 'M', tid, 0, 0, args);
  };
  name(0, "run");
  name(kZooKeeperNode.value(), "zookeeper");
  for (int b = 1; b <= s.cluster.brokers; ++b) name(b, "broker-" + std::to_string(b));
  for (size_t i = 0; i < s.producers.size(); ++i) name(kFirstProducerNode + static_cast<int64_t>(i), s.producers[i].id);
  for (size_t i = 0; i < s.consumers.size(); ++i) name(kFirstConsumerNode + static_cast<int64_t>(i), s.consumers[i].id);
  for (size_t i = 0; i < s.processors.size(); ++i)
    name(kFirstProcessorNode + static_cast<int64_t>(i), s.processors[i].id);
  out_ << "\n],\"displayTimeUnit\":\"ms\"}\n";
}

}  // namespace kafkasim::sim
