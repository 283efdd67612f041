// sim/cli/info_commands.cc — `kafkasim list`, `explain` and `describe`:
// reading scenarios and showing cluster state in Kafka's own formats.
#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "core/broker/broker.h"
#include "sim/cli/cli_util.h"
#include "sim/cli/commands.h"
#include "sim/report/story.h"
#include "sim/scenario/loader.h"
#include "sim/simulation.h"

namespace kafkasim::cli {
namespace {

std::string FirstSentence(const std::string& text) {
  size_t dot = text.find(". ");
  std::string s = dot == std::string::npos ? text : text.substr(0, dot + 1);
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string Ids(const std::vector<NodeId>& ids) {
  std::string s;
  for (size_t i = 0; i < ids.size(); ++i) s += (i ? "," : "") + std::to_string(ids[i].value());
  return s;
}

// kafka-topics.sh --describe
void DescribeTopics(const sim::Simulation& sim, std::ostream& out) {
  for (const auto& t : sim.scenario().topics) {
    out << "Topic: " << t.name << "\tPartitionCount: " << t.partitions << "\tReplicationFactor: "
        << t.replication_factor << "\n";
    for (int p = 0; p < t.partitions; ++p) {
      TopicPartition tp{t.name, PartitionId{p}};
      NodeId leader = sim.LeaderOf(tp);
      const broker::Broker* b = sim.broker(leader);
      std::vector<NodeId> replicas, isr;
      if (b) {
        const auto& part = *b->replicas().partitions().at(tp);
        replicas = part.replicas();
        isr = part.isr();
      }
      out << "\tTopic: " << t.name << "\tPartition: " << p << "\tLeader: " << (b ? leader.value() : -1)
          << "\tReplicas: " << Ids(replicas) << "\tIsr: " << Ids(isr) << "\n";
    }
  }
}

// kafka-consumer-groups.sh --describe
void DescribeGroups(const sim::Simulation& sim, std::ostream& out) {
  const auto& committed = sim.history().committed();
  if (committed.empty()) return;
  char buf[256];
  std::snprintf(buf, sizeof buf, "\n%-12s %-12s %-10s %-15s %-15s %-6s %s\n", "GROUP", "TOPIC", "PARTITION",
                "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID");
  out << buf;
  for (const auto& [group, offsets] : committed) {
    for (const auto& [tp, off] : offsets) {
      const broker::Broker* b = sim.broker(sim.LeaderOf(tp));
      int64_t leo = b ? b->replicas().partitions().at(tp)->log_end_offset().value() : -1;
      std::snprintf(buf, sizeof buf, "%-12s %-12s %-10d %-15lld %-15lld %-6lld %s\n", group.c_str(),
                    tp.topic.c_str(), tp.partition.value(), static_cast<long long>(off.value()),
                    static_cast<long long>(leo), static_cast<long long>(leo < 0 ? 0 : leo - off.value()), "-");
      out << buf;
    }
  }
}

}  // namespace

int RunList(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string dir = args.empty() ? "scenarios" : args[0];
  std::error_code ec;
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".yaml") files.push_back(e.path().string());
  if (ec) {
    err << "kafkasim: cannot list " << dir << ": " << ec.message() << "\n";
    return 2;
  }
  std::sort(files.begin(), files.end());
  int bad = 0;
  for (const auto& f : files) {
    auto r = scenario::LoadScenarioFile(f);
    if (!r.ok()) {
      out << "  " << f << "  (invalid: " << r.errors[0].ToString() << ")\n";
      ++bad;
      continue;
    }
    char buf[96];
    std::snprintf(buf, sizeof buf, "  %-34s ", r.scenario.name.c_str());
    out << buf << FirstSentence(r.scenario.description) << "\n";
  }
  return bad ? 2 : 0;
}

int RunExplain(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.size() != 1) {
    err << "usage: kafkasim explain FILE.yaml\n";
    return 2;
  }
  auto s = LoadOrReport(args[0], err);
  if (!s) return 2;
  out << s->name << "\n\n" << s->description << "\n\n";
  for (const auto& n : s->narration) out << sim::FormatTime(n.at_ns) << "  " << n.text << "\n";
  return 0;
}

int RunDescribe(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  ArgParser p(args);
  std::string file = p.Positional();
  std::optional<uint64_t> seed;
  std::optional<TimeNs> at;
  while (p.More()) {
    std::string flag = p.Next();
    if (flag == "--seed") {
      seed = p.Uint(flag);
    } else if (flag == "--at") {
      at = ParseCliDuration(p.Value(flag));
      if (!at) {
        err << "kafkasim: --at takes a duration like 5s or 1500ms\n";
        return 2;
      }
    } else {
      p.Unknown(flag);
    }
  }
  if (p.failed() || file.empty()) {
    if (file.empty()) err << "usage: kafkasim describe FILE.yaml --at T [--seed N]\n";
    return p.Fail(err);
  }
  auto s = LoadOrReport(file, err);
  if (!s) return 2;
  sim::Simulation sim(*s, seed.value_or(s->seed));
  sim.RunUntil(at.value_or(s->duration_ns));
  out << "# " << s->name << " at " << sim::FormatTime(sim.now()) << " (seed " << sim.seed() << ")\n";
  DescribeTopics(sim, out);
  DescribeGroups(sim, out);
  return 0;
}

}  // namespace kafkasim::cli
