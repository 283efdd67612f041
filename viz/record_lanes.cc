// viz/record_lanes.cc — records, not only batches, in the Replica logs
// window: a records row (one cell per record once the tail is short enough
// to show them; duplicates linked to their twins by an arc), a ghost lane of
// acknowledged records that were lost (where, when and why), and marks on a
// consumer group's lane where it processed a record twice or committed past
// one it never processed. Hover for the facts; click to jump to the moment.
// Everything comes from ui.view.records (record_view.h).
#include <algorithm>
#include <cstdio>
#include <string>

#include "viz/replica_rows.h"
#include "viz/theme.h"
#include "viz/windows.h"

namespace kafkasim::viz {

namespace {

constexpr ImU32 kGhost = IM_COL32(255, 90, 90, 255);
constexpr ImU32 kAtRisk = IM_COL32(255, 255, 255, 255);  // frame: above the HW
constexpr ImU32 kDuplicate = IM_COL32(200, 120, 255, 255);
constexpr ImU32 kTwice = IM_COL32(255, 150, 40, 255);
constexpr ImU32 kSkipped = IM_COL32(255, 60, 60, 255);

std::string Secs(TimeNs t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f s", static_cast<double>(t) / kNsPerSec);
  return buf;
}

// Label column text, then the bar's origin.
// Where a lane's numbers go: right of its bar, or below it when the window
// is too narrow for both (RowLayout::numbers_below, as the replica rows).
ImVec2 TailAt(const RowLayout& l, ImVec2 o, float h) {
  const float u = ImGui::GetFontSize();
  return l.numbers_below ? ImVec2(o.x, o.y + h) : ImVec2(o.x + l.bar_w + u * 0.6f, o.y + (h - u) / 2);
}

float LaneHeight(const RowLayout& l, float h) { return l.numbers_below ? h + ImGui::GetFontSize() * 1.05f : h; }

ImVec2 LaneStart(const RowLayout& l, const char* name, const char* what, ImU32 color, float h) {
  const float u = ImGui::GetFontSize();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 pos = ImGui::GetCursorScreenPos();
  const float ty = pos.y + (h - u) / 2;
  dl->AddText(ImVec2(pos.x + u * 0.3f, ty), color, name);
  dl->AddText(ImVec2(pos.x + u * 0.3f + l.name_w + u * 0.5f, ty), theme::kTextDim, what);
  return ImVec2(pos.x + l.label_w, pos.y);
}

// The records row when each record gets a cell at least ~0.8 em wide.
void DrawCells(UiState& ui, const PartitionRecords& r, const RowLayout& l, ImVec2 o, float h) {
  const float u = ImGui::GetFontSize();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (const RecordCell& c : r.records) {
    if (c.offset < l.lo || c.offset >= l.hi) continue;
    const float a = XOf(l, o.x, c.offset), e = XOf(l, o.x, c.offset + 1);
    ImVec2 p0(a, o.y + u * 0.15f), p1(e - 1, o.y + h - u * 0.15f);
    const ImU32 fill = c.kind == BatchKind::kCommit  ? theme::kCommitMarker
                       : c.kind == BatchKind::kAbort ? theme::kAbortMarker
                       : c.aborted                   ? theme::kAborted
                                                     : theme::EpochColor(c.leader_epoch, c.committed);
    dl->AddRectFilled(p0, p1, fill);
    if (!c.committed) dl->AddRect(p0, p1, kAtRisk, 0, 0, LineWidth(u * 0.1f));
    const std::string label = c.kind == BatchKind::kCommit  ? "C"
                              : c.kind == BatchKind::kAbort ? "A"
                              : c.key.empty()               ? std::to_string(c.app_seq % 100)
                                                            : c.key.substr(c.key.size() > 2 ? c.key.size() - 2 : 0);
    if (ImGui::CalcTextSize(label.c_str()).x < e - a - 2)
      dl->AddText(ImVec2(a + 1, o.y + (h - u) / 2), theme::kBackground, label.c_str());
    if (e - a >= 3 && ImGui::IsMouseHoveringRect(p0, p1)) {
      if (c.kind == BatchKind::kCommit || c.kind == BatchKind::kAbort) {
        ImGui::SetTooltip("offset %lld: %s marker (a control record the transaction coordinator wrote)",
                          static_cast<long long>(c.offset), c.kind == BatchKind::kCommit ? "COMMIT" : "ABORT");
        continue;
      }
      ImGui::SetTooltip("offset %lld  key %s\nproducer %s, record #%llu, sequence %d\nleader epoch %d, %s%s",
                        static_cast<long long>(c.offset), c.key.empty() ? "(null)" : c.key.c_str(), c.producer.c_str(),
                        static_cast<unsigned long long>(c.app_seq), c.sequence, c.leader_epoch,
                        c.committed ? "committed (below the HW)" : "above the HW: acknowledged with acks=1 is at risk",
                        c.aborted ? "\nits transaction ABORTED: read_committed consumers skip it" : "");
    }
  }
  (void)ui;
}

void DrawDuplicates(UiState& ui, const PartitionRecords& r, const RowLayout& l, ImVec2 o) {
  const float u = ImGui::GetFontSize();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (const DuplicateLink& d : r.duplicates) {
    if (d.offset < l.lo || d.twin_offset < l.lo) continue;
    const float a = XOf(l, o.x, d.twin_offset) + 2, b = XOf(l, o.x, d.offset) + 2;
    const ImVec2 pa(a, o.y), pb(b, o.y), ctl((a + b) / 2, o.y - u * 0.9f);
    dl->AddBezierQuadratic(pa, ctl, pb, kDuplicate, LineWidth(u * 0.12f));
    ImVec2 m0(std::min(a, b) - 2, o.y - u * 0.6f), m1(std::max(a, b) + 2, o.y + u * 0.2f);
    if (ImGui::IsMouseHoveringRect(m0, m1)) {
      ImGui::SetTooltip(
          "duplicate: %s's record #%llu is at offset %lld and again at %lld\n"
          "(a retry the broker could not recognise)%s",
          d.producer.c_str(), static_cast<unsigned long long>(d.app_seq), static_cast<long long>(d.twin_offset),
          static_cast<long long>(d.offset), d.acked_at >= 0 ? "\nclick: jump to its acknowledgement" : "");
      if (d.acked_at >= 0 && ImGui::IsMouseClicked(0)) ui.jump_to = d.acked_at;
    }
  }
}

}  // namespace

void ShowRecordRow(UiState& ui, const PartitionRecords& r, const RowLayout& l) {
  const float u = ImGui::GetFontSize(), h = u * 1.2f;
  // Not decoded in a large cluster (kRecordDetailMaxPartitions): say so,
  // rather than "no live replica".
  const std::string what = !r.detailed ? "not decoded (> " + std::to_string(kRecordDetailMaxPartitions) + " partitions)"
                           : r.replica.empty() ? "no live replica"
                                               : "of " + r.replica;
  ImVec2 o = LaneStart(l, "records", what.c_str(), theme::kText, h);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  DrawCells(ui, r, l, o, h);
  DrawDuplicates(ui, r, l, o);
  const ImVec2 row0(o.x, o.y), row1(o.x + l.bar_w, o.y + h);
  if (ImGui::IsMouseHoveringRect(row0, row1) && !ImGui::IsAnyItemHovered() && !ImGui::GetIO().WantTextInput &&
      l.bar_w / static_cast<float>(std::max<int64_t>(1, l.hi - l.lo)) < u * 0.8f) {
    ImGui::SetTooltip(
        "%zu records of %s; white frame: above the HW (acks=1: at risk).\n"
        "Set tail <= %d to see each record (key, producer, sequence, epoch).",
        r.records.size(), r.replica.c_str(), std::max(1, static_cast<int>(l.bar_w / (u * 0.8f))));
  }
  std::string tail = "at risk " + std::to_string(r.at_risk) + "  lost " + std::to_string(r.ghosts.size());
  if (!r.duplicates.empty()) tail += "  dup " + std::to_string(r.duplicates.size());
  dl->AddText(TailAt(l, o, h), r.at_risk ? theme::kHighWatermark : theme::kText, tail.c_str());
  ImGui::Dummy(ImVec2(l.label_w + l.bar_w, LaneHeight(l, h)));
}

void ShowGhostLane(UiState& ui, const PartitionRecords& r, const RowLayout& l) {
  if (r.ghosts.empty()) return;
  const float u = ImGui::GetFontSize(), h = u * 1.2f;
  ImVec2 o = LaneStart(l, "LOST", "acked, gone", kGhost, h);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const GhostRecord* hovered = nullptr;
  for (const GhostRecord& g : r.ghosts) {
    if (g.offset < l.lo) continue;
    const float a = XOf(l, o.x, std::max<int64_t>(g.offset, 0)), e = std::max(a + 2, XOf(l, o.x, g.offset + 1) - 1);
    ImVec2 p0(a, o.y + u * 0.15f), p1(e, o.y + h - u * 0.15f);
    DrawDashedLine(dl, p0, ImVec2(p1.x, p0.y), kGhost, 1.5f, u * 0.25f);
    DrawDashedLine(dl, ImVec2(p0.x, p1.y), p1, kGhost, 1.5f, u * 0.25f);
    dl->AddRectFilled(p0, p1, IM_COL32(255, 90, 90, 50));
    if (ImGui::IsMouseHoveringRect(ImVec2(a - 2, p0.y), ImVec2(e + 2, p1.y))) hovered = &g;
  }
  dl->AddText(TailAt(l, o, h), kGhost, (std::to_string(r.ghosts.size()) + " lost").c_str());
  if (hovered) {
    const GhostRecord& g = *hovered;
    ImGui::SetTooltip(
        "GHOST of offset %lld: %s's record #%llu, key %s\nacknowledged (acks=%s) at %s\n"
        "lost at %s (event %llu): %s\nclick: jump to the moment it was lost",
        static_cast<long long>(g.offset), g.producer.c_str(), static_cast<unsigned long long>(g.app_seq),
        g.key.empty() ? "(null)" : g.key.c_str(), g.acks == -1 ? "all" : std::to_string(g.acks).c_str(),
        Secs(g.acked_at).c_str(), Secs(g.lost_at).c_str(), static_cast<unsigned long long>(g.lost_event),
        g.cause.c_str());
    if (ImGui::IsMouseClicked(0)) ui.jump_to = g.lost_at;
  }
  ImGui::Dummy(ImVec2(l.label_w + l.bar_w, LaneHeight(l, h)));
}

void ShowLaneAnomalies(UiState& ui, const std::string& group, const PartitionRecords& r, const RowLayout& l) {
  const ImVec2 lane0 = ImGui::GetItemRectMin(), lane1 = ImGui::GetItemRectMax();
  const float u = ImGui::GetFontSize(), bx = lane0.x + l.label_w, my = (lane0.y + lane1.y) / 2;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ConsumerAnomaly* hovered = nullptr;
  int skipped = 0, twice = 0;
  float first_x = -1;
  for (const ConsumerAnomaly& a : r.anomalies) {
    if (a.group != group || a.offset < l.lo) continue;
    const float x = XOf(l, bx, a.offset), s = u * 0.3f;
    if (a.skipped) {  // a red X: committed past, never processed
      dl->AddLine(ImVec2(x - s, my - s), ImVec2(x + s, my + s), kSkipped, LineWidth(u * 0.15f));
      dl->AddLine(ImVec2(x - s, my + s), ImVec2(x + s, my - s), kSkipped, LineWidth(u * 0.15f));
    } else {  // an orange ring: processed again
      dl->AddCircle(ImVec2(x, my), s, kTwice, 0, LineWidth(u * 0.13f));
    }
    if (ImGui::IsMouseHoveringRect(ImVec2(x - s, my - s), ImVec2(x + s, my + s))) hovered = &a;
    (a.skipped ? skipped : twice) += 1;
    if (first_x < 0) first_x = x;
  }
  if (skipped + twice > 0) {  // the count in words, beside the first mark
    std::string words = skipped ? std::to_string(skipped) + " skipped" : "";
    if (twice) words += (words.empty() ? "" : ", ") + std::to_string(twice) + " twice";
    const float w = ImGui::CalcTextSize(words.c_str()).x;
    // Left of the marks when there is room there, else right of them.
    float x = first_x - bx > w + u * 0.6f ? first_x - w - u * 0.5f : std::min(first_x + u * 0.6f, bx + l.bar_w - w);
    x = std::max(bx, x);
    dl->AddRectFilled(ImVec2(x - 2, my - u * 0.5f), ImVec2(x + w + 2, my + u * 0.5f), theme::kBackground);
    dl->AddText(ImVec2(x, my - u * 0.5f), skipped ? kSkipped : kTwice, words.c_str());
  }
  if (!hovered) return;
  if (hovered->skipped) {
    ImGui::SetTooltip(
        "SKIPPED by %s: offset %lld was never processed, but %s committed past it at %s\n"
        "click: jump there",
        group.c_str(), static_cast<long long>(hovered->offset), hovered->consumer.c_str(), Secs(hovered->at).c_str());
  } else {
    ImGui::SetTooltip("PROCESSED AGAIN by %s (%s): offset %lld, time #%d, at %s\nclick: jump there", group.c_str(),
                      hovered->consumer.c_str(), static_cast<long long>(hovered->offset), hovered->times,
                      Secs(hovered->at).c_str());
  }
  if (ImGui::IsMouseClicked(0)) ui.jump_to = hovered->at;
}

}  // namespace kafkasim::viz
