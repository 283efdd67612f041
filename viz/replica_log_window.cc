// viz/replica_log_window.cc — per partition: ZooKeeper's record (leader,
// leader epoch, ISR) in the heading; one row per broker with what that broker
// itself believes (role, leader epoch, its own HW, LEO and — when it thinks it
// leads — its ISR) and whether ZooKeeper's ISR holds it; a crashed broker's
// replica greyed, drawn from its disk; a lane per consumer group with its
// position and committed offset; and, in words, where beliefs and record
// disagree. Everything comes from the frame's ViewModel (ui.view).
#include <imgui_internal.h>

#include <algorithm>

#include "core/util/strings.h"
#include "viz/replica_rows.h"
#include "viz/theme.h"
#include "viz/windows.h"

namespace kafkasim::viz {

namespace {

void ShowRecord(const PartitionView& v);

void ShowHeading(const PartitionView& v) {
  ImGui::TextColored(theme::ToVec4(theme::kCrown), "%s", v.tp.ToString().c_str());
  ImGui::SameLine();
  ImGui::PushTextWrapPos(0);  // a narrow window wraps the record rather than cutting it off
  ShowRecord(v);
  ImGui::PopTextWrapPos();
}

void ShowRecord(const PartitionView& v) {
  const ClusterRecord& c = v.cluster;
  if (!c.known) {
    ImGui::TextColored(theme::ToVec4(theme::kTextDim), "ZooKeeper: %s", c.unknown_why.c_str());
    return;
  }
  bool leader_down = c.leader == kNoNode;
  for (const ReplicaBelief& r : v.replicas) leader_down |= r.broker == c.leader && r.process == BrokerProcess::kCrashed;
  ImGui::TextColored(theme::ToVec4(leader_down ? theme::kFail : theme::kText), "ZooKeeper: leader %s, epoch %d, ISR %s",
                     c.leader_name.c_str(), c.leader_epoch.value(), IdList(c.isr).c_str());
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "The partition state znode the controller writes (and a leader updates on ISR\n"
        "changes): the cluster's record. Controller (per /controller): %s.\n"
        "The rows below show what each broker itself believes.",
        c.controller_name.c_str());
  }
}

void ShowNotes(const PartitionView& v) {
  if (v.notes.empty()) return;
  ImGui::PushTextWrapPos(0);
  for (const std::string& n : v.notes) ImGui::TextColored(theme::ToVec4(theme::kDisagree), "! %s", n.c_str());
  ImGui::PopTextWrapPos();
}

const PartitionRecords* RecordsOf(const UiState& ui, const TopicPartition& tp) {
  for (const PartitionRecords& r : ui.view.records)
    if (r.tp == tp) return &r;
  return nullptr;
}

void ShowPartition(UiState& ui, const PartitionView& v, const std::vector<GroupView>& groups) {
  ShowHeading(v);
  ShowNotes(v);  // the disagreements first: they are the lesson when there are any
  int64_t lo = v.lo;
  if (ui.logs_tail_offsets > 0) lo = std::max(lo, v.hi - ui.logs_tail_offsets);
  RowLayout layout = MeasureRows(v, lo);
  for (const ReplicaBelief& r : v.replicas) ShowReplicaRow(r, v.cluster, layout, r.name == ui.selected_node);
  const PartitionRecords* records = RecordsOf(ui, v.tp);
  for (const GroupView& g : groups) {
    for (const GroupPartitionView& p : g.partitions) {
      if (p.tp != v.tp) continue;
      ShowGroupLane(g, p, layout);
      if (records) ShowLaneAnomalies(ui, g.group, *records, layout);
    }
  }
  if (records) ShowRecordRow(ui, *records, layout);
  if (records) ShowGhostLane(ui, *records, layout);
  ImGui::Spacing();
}

// One line: the column headings of the rows, then the marker legend over the
// log column, then the tail control.
void ShowLegend(UiState& ui, const RowLayout& l, bool consumers) {
  ShowRowHeadings(l);
  if (l.label_w + ImGui::CalcTextSize("| HW").x < ImGui::GetContentRegionMax().x) {
    ImGui::SameLine(l.label_w + ImGui::GetStyle().WindowPadding.x);  // over the log column
  }
  ImGui::TextColored(theme::ToVec4(theme::kHighWatermark), "| HW");
  SameLineIfFits(ImGui::CalcTextSize("| LEO").x);
  ImGui::TextColored(theme::ToVec4(theme::kLogEnd), "| LEO");
  if (l.txn) {  // transactions (KIP-98) on some log
    SameLineIfFits(ImGui::CalcTextSize("^ LSO").x);
    ImGui::TextColored(theme::ToVec4(theme::kLastStable), "^ LSO");
    SameLineIfFits(ImGui::CalcTextSize("[] open txn").x);
    ImGui::TextColored(theme::ToVec4(theme::kOpenTxn), "[] open txn");
    SameLineIfFits(ImGui::CalcTextSize("C commit").x);
    ImGui::TextColored(theme::ToVec4(theme::kCommitMarker), "C commit");
    SameLineIfFits(ImGui::CalcTextSize("A abort").x);
    ImGui::TextColored(theme::ToVec4(theme::kAbortMarker), "A abort");
    const float u = ImGui::GetFontSize();
    SameLineIfFits(u * 1.2f + ImGui::CalcTextSize("aborted").x);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + u * 0.2f), ImVec2(p.x + u, p.y + u * 0.9f),
                                              theme::kAborted);
    ImGui::Dummy(ImVec2(u, u));
    ImGui::SameLine(0, u * 0.2f);
    ImGui::TextColored(theme::ToVec4(theme::kTextDim), "aborted");
  }
  if (consumers) {
    SameLineIfFits(ImGui::CalcTextSize("^ position").x);
    ImGui::TextColored(theme::ToVec4(theme::kPosition), "^ position");
    SameLineIfFits(ImGui::CalcTextSize("<> committed").x);
    ImGui::TextColored(theme::ToVec4(theme::kCommitted), "<> committed");
  }
  SameLineIfFits(ImGui::CalcTextSize("(?)").x);
  ImGui::TextColored(theme::ToVec4(theme::kTextDim), "(?)");
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "Heading: ZooKeeper's record of the partition (leader, leader epoch, ISR).\n"
        "Rows: what each broker itself believes: its role and leader epoch, its HW and LEO,\n"
        "and, if it thinks it leads, its own ISR. ZK: is it in ZooKeeper's ISR?\n"
        "Cells: one per record batch, colored by the leader epoch that wrote it; dim above the HW.\n"
        "A crashed broker's row is grey and shows what its disk holds; a red frame marks\n"
        "offsets on that disk and on no live replica. Orange: a belief ZooKeeper contradicts.\n"
        "Transactions: ^ LSO, the last stable offset (read_committed consumers read below it);\n"
        "an orange frame, a transaction still open (from its first record to the LEO);\n"
        "C / A, the COMMIT / ABORT markers the transaction coordinator writes; dark grey,\n"
        "the records of aborted transactions (read_committed consumers skip them).");
  }
  SameLineIfFits(ImGui::GetFontSize() * 3 + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize("tail").x);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 3);
  ImGui::DragInt("tail", &ui.logs_tail_offsets, 5, 0, 100000, ui.logs_tail_offsets == 0 ? "all" : "%d");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("show only the last N offsets (0 = the whole log)");
}

}  // namespace

void ShowReplicaLogWindow(UiState& ui) {
  if (!ImGui::Begin("Replica logs")) {
    ImGui::End();
    return;
  }
  if (!ui.view.partitions.empty()) {
    RowLayout first = MeasureRows(ui.view.partitions.front(), 0);
    for (const PartitionView& v : ui.view.partitions)
      for (const ReplicaBelief& r : v.replicas) first.txn |= r.transactional;
    ShowLegend(ui, first, !ui.view.groups.empty());
  }
  // A partition scrolled out of sight is a gap of the height it had when last
  // drawn: with 100 partitions the hidden ones cost no vertices (the
  // software rasterizer's time goes with them; docs/performance.md).
  ui.partition_block_h.resize(ui.view.partitions.size(), 0);
  const ImRect clip(ImGui::GetWindowPos(), ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x,
                                                  ImGui::GetWindowPos().y + ImGui::GetWindowSize().y));
  for (size_t i = 0; i < ui.view.partitions.size(); ++i) {
    float y0 = ImGui::GetCursorScreenPos().y, h = ui.partition_block_h[i];
    if (h > 0 && (y0 + h < clip.Min.y || y0 > clip.Max.y)) {
      ImGui::Dummy(ImVec2(1, std::max(0.0f, h - ImGui::GetStyle().ItemSpacing.y)));
      continue;
    }
    ShowPartition(ui, ui.view.partitions[i], ui.view.groups);
    ui.partition_block_h[i] = ImGui::GetCursorScreenPos().y - y0;
  }
  ImGui::End();
}

}  // namespace kafkasim::viz
