// sim/cli/info_commands.cc — `kafkasim list`, `explain` and `describe`:
// reading scenarios and showing cluster state in Kafka's own formats.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/broker/broker.h"
#include "core/broker/group_coordinator.h"
#include "sim/cli/cli_util.h"
#include "sim/cli/commands.h"
#include "sim/cli/describe_quorum.h"
#include "sim/cli/text_wrap.h"
#include "sim/controller_view.h"
#include "sim/report/story.h"
#include "sim/scenario/loader.h"
#include "sim/simulation.h"
#include "core/util/strings.h"

namespace kafkasim::cli {
namespace {

std::string FirstSentence(const std::string& text) {
  size_t dot = text.find(". ");
  std::string s = dot == std::string::npos ? text : text.substr(0, dot + 1);
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// `kafkasim list` fits an 80-column terminal: the names in a column, each
// first sentence wrapped beside its name with a hanging indent. A name too
// long for the column (a path to an invalid file) gets a line of its own.
void PrintListRows(const std::vector<std::pair<std::string, std::string>>& rows, std::ostream& out) {
  constexpr size_t kColumns = 80, kMaxNameColumn = 36, kOwnLineIndent = 6;
  size_t name_column = 0;
  for (const auto& [name, text] : rows) {
    size_t w = DisplayWidth(name);
    if (w <= kMaxNameColumn) name_column = std::max(name_column, w);
  }
  const size_t indent = 2 + name_column + 2;
  for (const auto& [name, text] : rows) {
    size_t w = DisplayWidth(name);
    size_t text_indent = w <= kMaxNameColumn ? indent : kOwnLineIndent;
    std::vector<std::string> lines = WrapText(text, kColumns - text_indent);
    if (w > kMaxNameColumn) {
      for (const std::string& piece : WrapText(name, kColumns - 2)) out << "  " << piece << "\n";
    } else {
      out << "  " << name << std::string(name_column - w + 2, ' ') << (lines.empty() ? "" : lines[0]) << "\n";
      if (!lines.empty()) lines.erase(lines.begin());
    }
    for (const std::string& line : lines) out << std::string(text_indent, ' ') << line << "\n";
  }
}

// The freshest metadata a live broker holds for `tp` (the controller's
// UpdateMetadata, highest controller epoch first): what kafka-topics.sh gets
// while ZooKeeper is down.
const PartitionState* MetadataOf(const sim::Simulation& sim, const TopicPartition& tp) {
  const PartitionState* best = nullptr;
  ControllerEpoch best_epoch{-1};
  for (NodeId id : sim.broker_ids()) {
    const broker::Broker* b = sim.broker(id);
    if (!b) continue;
    const PartitionState* st = b->metadata().Find(tp);
    if (st && b->metadata().controller_epoch() > best_epoch) {
      best = st;
      best_epoch = b->metadata().controller_epoch();
    }
  }
  return best;
}

// The replicas as the scenario placed them (used only when nothing else
// knows the partition yet, e.g. before the controller initialised it).
std::vector<NodeId> DeclaredReplicas(const scenario::TopicSpec& t, int p) {
  std::vector<NodeId> out;
  auto it = t.assignment.find(p);
  if (it != t.assignment.end())
    for (int32_t id : it->second) out.push_back(NodeId{id});
  return out;
}

// kafka-topics.sh --describe: Leader and Isr are the controller's view, the
// partition's state znode in ZooKeeper (sim::ControllerViewOf) — never a
// broker's own idea of its role. "Leader: none" while the partition is
// offline (leader -1); a crashed leader is still named until its ZooKeeper
// session ends and the controller acts. Replicas is the assignment, dead
// replicas included. While ZooKeeper is down: the freshest metadata a live
// broker holds (what the tool would get from it).
void DescribeTopics(const sim::Simulation& sim, std::ostream& out) {
  for (const auto& t : sim.scenario().topics) {
    out << "Topic: " << t.name << "\tPartitionCount: " << t.partitions
        << "\tReplicationFactor: " << t.replication_factor << "\n";
    for (int p = 0; p < t.partitions; ++p) {
      TopicPartition tp{t.name, PartitionId{p}};
      NodeId leader = kNoNode;
      std::vector<NodeId> replicas, isr;
      if (auto v = sim::ControllerViewOf(sim, tp)) {
        leader = v->leader;
        isr = v->isr;
        replicas = v->replicas;
      } else if (const PartitionState* md = MetadataOf(sim, tp)) {
        leader = md->leader;
        isr = md->isr;
        replicas = md->replicas;
      }
      if (replicas.empty()) replicas = DeclaredReplicas(t, p);
      out << "\tTopic: " << t.name << "\tPartition: " << p
          << "\tLeader: " << (leader != kNoNode ? std::to_string(leader.value()) : std::string("none"))
          << "\tReplicas: " << JoinIds(replicas) << "\tIsr: " << JoinIds(isr) << "\n";
    }
  }
}

// The group as its coordinator holds it: the live broker that leads the
// group's __consumer_offsets partition.
const broker::GroupMetadata* CoordinatorGroup(const sim::Simulation& sim, const std::string& group) {
  for (NodeId id : sim.broker_ids()) {
    const broker::Broker* b = sim.broker(id);
    if (!b || !b->group_coordinator()) continue;
    const broker::GroupMetadata* g = b->group_coordinator()->group(group);
    if (g && b->replicas().IsLeader(g->offsets_partition)) return g;
  }
  return nullptr;
}

// kafka-consumer-groups.sh --describe: one line per partition the group has
// committed or been assigned. LOG-END-OFFSET is what the tool reads with
// ListOffsets(latest) at read_uncommitted — the leader's high watermark;
// CONSUMER-ID is the member the coordinator assigned the partition to ("-"
// when none, e.g. during a rebalance); "-" also for an unknown offset.
void DescribeGroups(const sim::Simulation& sim, std::ostream& out) {
  std::set<std::string> groups;
  for (const auto& c : sim.scenario().consumers) groups.insert(c.group);
  for (const auto& [group, offsets] : sim.history().committed()) groups.insert(group);
  bool header = false;
  char buf[512];
  for (const std::string& group : groups) {
    const broker::GroupMetadata* g = CoordinatorGroup(sim, group);
    std::map<TopicPartition, std::optional<Offset>> rows;
    std::map<TopicPartition, std::string> owner;
    auto hist = sim.history().committed().find(group);
    if (hist != sim.history().committed().end())
      for (const auto& [tp, off] : hist->second) rows[tp] = off;
    if (g) {
      for (const auto& [tp, off] : g->offsets) rows[tp] = off.offset;
      for (const auto& [id, m] : g->members) {
        for (const TopicPartition& tp : m.assignment) {
          rows.try_emplace(tp, std::nullopt);
          owner[tp] = m.member_id;
        }
      }
    }
    if (rows.empty()) continue;
    if (!header) {
      std::snprintf(buf, sizeof buf, "\n%-12s %-12s %-10s %-15s %-15s %-6s %s\n", "GROUP", "TOPIC", "PARTITION",
                    "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID");
      out << buf;
      header = true;
    }
    for (const auto& [tp, off] : rows) {
      const broker::Broker* b = sim.broker(sim.LeaderOf(tp));
      std::optional<int64_t> end;
      if (b) end = b->replicas().partitions().at(tp)->high_watermark().value();
      std::string cur = off ? std::to_string(off->value()) : "-";
      std::string leo = end ? std::to_string(*end) : "-";
      std::string lag = off && end ? std::to_string(std::max<int64_t>(0, *end - off->value())) : "-";
      auto o = owner.find(tp);
      std::snprintf(buf, sizeof buf, "%-12s %-12s %-10d %-15s %-15s %-6s %s\n", group.c_str(), tp.topic.c_str(),
                    tp.partition.value(), cur.c_str(), leo.c_str(), lag.c_str(),
                    o == owner.end() ? "-" : o->second.c_str());
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
  std::vector<std::pair<std::string, std::string>> rows;  // name, text
  int bad = 0;
  for (const auto& f : files) {
    auto r = scenario::LoadScenarioFile(f);
    if (!r.ok()) {
      rows.emplace_back(f, "(invalid: " + r.errors[0].ToString() + ")");
      ++bad;
      continue;
    }
    rows.emplace_back(r.scenario.name, FirstSentence(r.scenario.description));
  }
  PrintListRows(rows, out);
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
  bool anchored = std::any_of(s->narration.begin(), s->narration.end(),
                              [](const auto& n) { return n.after != scenario::NarrationAnchor::kNone; });
  if (!anchored) {
    for (const auto& n : s->narration) out << sim::FormatTime(n.at_ns) << "  " << n.text << "\n";
    return 0;
  }
  // A step that waits for an event is shown when that event happens: run the
  // scenario (its own seed) to say when.
  sim::Simulation run(*s, s->seed);
  run.RunToEnd();
  for (size_t i = 0; i < s->narration.size(); ++i) {
    const auto& n = s->narration[i];
    const auto& shown = run.narration().shown_at(i);
    out << (shown ? sim::FormatTime(*shown) : std::string("   never")) << "  " << n.text << "\n";
    if (n.after != scenario::NarrationAnchor::kNone) {
      out << "           (after: " << scenario::NarrationAnchorName(n.after) << " — the first at or after "
          << sim::FormatTime(n.at_ns).substr(sim::FormatTime(n.at_ns).find_first_not_of(' ')) << ", seed " << s->seed
          << ")\n";
    }
  }
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
  std::string when = sim::FormatTime(sim.now());
  when.erase(0, when.find_first_not_of(' '));
  out << "# " << s->name << " at " << when << " (seed " << sim.seed() << ")\n";
  DescribeTopics(sim, out);
  DescribeGroups(sim, out);
  if (s->cluster.mode == scenario::ClusterMode::kKRaft) DescribeQuorum(sim, out);
  return 0;
}

}  // namespace kafkasim::cli
