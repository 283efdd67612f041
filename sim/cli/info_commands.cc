// sim/cli/info_commands.cc — `kafkasim list`, `explain` and `describe`:
// reading scenarios and showing cluster state in Kafka's own formats.
#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/cli/cli_util.h"
#include "sim/cli/commands.h"
#include "sim/cli/describe.h"
#include "sim/cli/describe_quorum.h"
#include "sim/cli/text_wrap.h"
#include "sim/report/story.h"
#include "sim/scenario/loader.h"
#include "sim/simulation.h"
#include "core/util/strings.h"

namespace kafkasim::cli {
namespace {

constexpr const char* kDescribeUsage =
    "kafkasim describe FILE.yaml --at T [--seed N] [--under-replicated-partitions] [--unavailable-partitions] "
    "[--under-min-isr-partitions] [--group G [--members|--state]]";

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
  TopicReport report;
  std::optional<std::string> group;
  GroupView view = GroupView::kOffsets;
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
    } else if (flag == "--under-replicated-partitions") {
      report.under_replicated = true;
    } else if (flag == "--unavailable-partitions") {
      report.unavailable = true;
    } else if (flag == "--under-min-isr-partitions") {
      report.under_min_isr = true;
    } else if (flag == "--group") {
      group = p.Value(flag);
    } else if (flag == "--members") {
      view = GroupView::kMembers;
    } else if (flag == "--state") {
      view = GroupView::kState;
    } else {
      p.Unknown(flag);
    }
  }
  if (p.failed() || file.empty()) {
    if (file.empty()) err << "usage: " << kDescribeUsage << "\n";
    return p.Fail(err);
  }
  if (view != GroupView::kOffsets && !group) {
    err << "kafkasim: --members and --state describe one group: add --group G\n";
    return 2;
  }
  auto s = LoadOrReport(file, err);
  if (!s) return 2;
  if (at && *at > s->duration_ns) {
    err << "kafkasim: --at " << sim::FormatTime(*at).substr(sim::FormatTime(*at).find_first_not_of(' ')) << " is past "
        << file << "'s duration (" << s->duration_ns / kNsPerMs << " ms)\n";
    return 2;
  }
  sim::Simulation sim(*s, seed.value_or(s->seed));
  sim.RunUntil(at.value_or(s->duration_ns));
  std::string when = sim::FormatTime(sim.now());
  when.erase(0, when.find_first_not_of(' '));
  out << "# " << s->name << " at " << when << " (seed " << sim.seed() << ")\n";
  if (!group) DescribeTopics(sim, report, out);
  if (!report.any()) DescribeGroups(sim, group, view, out, err);
  if (!group && !report.any() && s->cluster.mode == scenario::ClusterMode::kKRaft) DescribeQuorum(sim, out);
  return 0;
}

}  // namespace kafkasim::cli
