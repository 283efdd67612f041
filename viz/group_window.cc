// viz/group_window.cc — one panel per consumer group, as AKHQ / kafka-ui
// show it: state, generation, coordinator; members by client id with their
// assignment; per partition the committed offset, the consumer's position,
// and the lag (HW - committed, as kafka-consumer-groups.sh). Groups side by
// side while they fit. Drawn from the frame's ViewModel.

#include "viz/theme.h"
#include "viz/windows.h"

namespace kafkasim::viz {

namespace {

ImU32 StateColor(const std::string& state) {
  if (state == "Stable") return theme::kOk;
  if (state == "PreparingRebalance" || state == "CompletingRebalance") return theme::kPaused;
  return theme::kFail;  // Empty, Dead, no coordinator
}

void ShowGroupHeading(const GroupView& g) {
  ImGui::TextColored(theme::ToVec4(theme::kConsumerUp), "%s", g.group.c_str());
  ImGui::SameLine();
  if (g.state.empty()) {
    ImGui::TextColored(theme::ToVec4(theme::kFail), "no live coordinator");
    return;
  }
  ImGui::TextColored(theme::ToVec4(StateColor(g.state)), "%s", g.state.c_str());
  ImGui::SameLine();
  ImGui::Text("gen %d", g.generation);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("generation %d, coordinator %s, assignor %s", g.generation, g.coordinator_name.c_str(),
                      g.protocol.empty() ? "-" : g.protocol.c_str());
  }
}

// Consumers whose own view differs from the coordinator's: crashed,
// (re)joining, a generation behind.
void ShowConsumerTrouble(const GroupView& g) {
  for (const ConsumerView& c : g.consumers) {
    if (!c.alive) {
      ImGui::TextColored(theme::ToVec4(theme::kFail), "%s: crashed", c.client.c_str());
    } else if (!c.stable || (!g.state.empty() && c.generation != g.generation)) {
      ImGui::TextColored(theme::ToVec4(theme::kPaused), "%s: %s (its generation %d)", c.client.c_str(),
                         c.member_id.empty() ? "joining" : "rejoining", c.generation);
    }
  }
}

// The assignment as the coordinator holds it, partition -> member ("c1*":
// the group leader, which ran the assignor).
std::string MemberOf(const GroupView& g, const TopicPartition& tp) {
  for (const GroupMemberView& m : g.members)
    for (const TopicPartition& a : m.assignment)
      if (a == tp) return m.client + (m.leader ? "*" : "");
  return "-";
}

void ShowOffsetRow(const GroupView& g, const GroupPartitionView& p) {
  auto num = [](const std::optional<Offset>& o) { return o ? std::to_string(o->value()) : std::string("-"); };
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(p.tp.ToString().c_str());
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("high watermark %s (lag = HW - committed)", num(p.high_watermark).c_str());
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(MemberOf(g, p.tp).c_str());
  ImGui::TableNextColumn();
  ImGui::TextColored(theme::ToVec4(theme::kCommitted), "%s", num(p.committed).c_str());
  ImGui::TableNextColumn();
  ImGui::TextColored(theme::ToVec4(theme::kPosition), "%s", num(p.position).c_str());
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(p.lag ? std::to_string(*p.lag).c_str() : "-");
}

void ShowOffsets(const GroupView& g) {
  // No zebra rows (6% white: barely seen, and a software rasterizer shades them).
  ImGuiTableFlags flags =
      ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX;
  if (!ImGui::BeginTable(("offsets-" + g.group).c_str(), 5, flags)) return;
  for (const char* h : {"partition", "by", "commit", "pos", "lag"}) ImGui::TableSetupColumn(h);
  ImGui::TableHeadersRow();
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "by: the member the coordinator assigned the partition to (* = group leader)\n"
        "commit: the committed offset; pos: the member's position (next offset to read)\n"
        "lag: high watermark - committed offset, as kafka-consumer-groups.sh shows it");
  }
  // Only the rows in sight are laid out (a 100-partition topic: ~10 of 100).
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(g.partitions.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
      ShowOffsetRow(g, g.partitions[static_cast<size_t>(i)]);
  ImGui::EndTable();
}

// A stream processor of the group: its kind and what it reads and writes
// ("app processor exactly_once_v2: orders -> invoices").
void ShowProcessors(const GroupView& g) {
  for (const ConsumerView& c : g.consumers) {
    if (!c.processor) continue;
    std::string input;
    for (const std::string& t : c.input) input += (input.empty() ? "" : ",") + t;
    // Each part on the line while it fits (the panel is narrow at 1024x768).
    const std::string link = input + " -> " + c.output;
    ImGui::TextColored(theme::ToVec4(theme::kProcessorUp), "%s processor", c.client.c_str());
    SameLineIfFits(ImGui::CalcTextSize(link.c_str()).x);
    ImGui::TextUnformatted(link.c_str());
    SameLineIfFits(ImGui::CalcTextSize(c.guarantee.c_str()).x);
    ImGui::TextColored(theme::ToVec4(theme::kTextDim), "%s", c.guarantee.c_str());
  }
}

void ShowGroup(const GroupView& g) {
  ShowGroupHeading(g);
  ShowProcessors(g);
  ShowOffsets(g);
  ShowConsumerTrouble(g);
}

}  // namespace

void ShowGroupWindow(UiState& ui) {
  if (!ImGui::Begin("Consumer groups")) {
    ImGui::End();
    return;
  }
  const std::vector<GroupView>& groups = ui.view.groups;
  if (groups.empty()) ImGui::TextColored(theme::ToVec4(theme::kTextDim), "no consumer groups");
  // Side by side when each gets room for its table, else one under another.
  // Groups flow side by side, each as wide as its table, while they fit.
  const float spacing = ImGui::GetFontSize() * 1.2f;
  float last_w = 0;
  for (size_t i = 0; i < groups.size(); ++i) {
    if (i > 0) {
      ImGui::SameLine(0, spacing);
      if (ImGui::GetContentRegionAvail().x < last_w) ImGui::NewLine();
    }
    ImGui::BeginGroup();
    ShowGroup(groups[i]);
    ImGui::EndGroup();
    last_w = ImGui::GetItemRectSize().x;
  }
  ImGui::End();
}

}  // namespace kafkasim::viz
