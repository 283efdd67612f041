// viz/replica_rows.cc — drawing one broker's row and one group's lane.
#include "viz/replica_rows.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>

#include "core/util/strings.h"
#include "viz/theme.h"
#include "viz/windows.h"

namespace kafkasim::viz {

namespace {

void DrawMarker(ImDrawList* dl, float x, float y0, float y1, ImU32 color, float u) {
  dl->AddLine(ImVec2(x, y0 - u * 0.15f), ImVec2(x, y1 + u * 0.15f), color, LineWidth(u * 0.18f));
  dl->AddTriangleFilled(ImVec2(x - u * 0.3f, y0 - u * 0.35f), ImVec2(x + u * 0.3f, y0 - u * 0.35f),
                        ImVec2(x, y0 - u * 0.05f), color);
}

// A batch's cell: its leader epoch's colour (dim above the HW, washed out on
// a crashed disk); an aborted transaction's records dark grey; a marker in
// its own colour (drawn again, taller, by DrawTxnMarks).
ImU32 BatchColor(const BatchSpan& b, bool crashed, int64_t hw) {
  if (b.kind == BatchKind::kCommit) return theme::kCommitMarker;
  if (b.kind == BatchKind::kAbort) return theme::kAbortMarker;
  if (b.aborted) return theme::kAborted;
  return crashed ? theme::GreyedEpochColor(b.leader_epoch) : theme::EpochColor(b.leader_epoch, b.last_offset < hw);
}

// Transactions on the bar (the row's band under it holds the letters): each
// COMMIT / ABORT marker a tick through the bar with "C" / "A" under it where
// there is room; an open transaction framed from its first offset to the LEO
// ("open" under its start); the last stable offset a magenta line with a
// triangle under the bar pointing up at it.
void DrawTxnMarks(ImDrawList* dl, const ReplicaBelief& r, const RowLayout& l, ImVec2 pos, float h) {
  const float u = ImGui::GetFontSize(), y0 = pos.y, y1 = pos.y + h, small = u * 0.72f;
  ImFont* font = ImGui::GetFont();
  float free_from = -FLT_MAX;  // the band is free to the right of this x
  // The LSO's triangle owns its part of the band: no letter under it.
  const bool lso_shown = r.lso.value() >= l.lo && r.process != BrokerProcess::kCrashed;
  const float lso_x = lso_shown ? XOf(l, pos.x, r.lso.value()) : -FLT_MAX;
  for (const BatchSpan& b : r.batches) {
    if ((b.kind != BatchKind::kCommit && b.kind != BatchKind::kAbort) || b.base_offset < l.lo) continue;
    const bool commit = b.kind == BatchKind::kCommit;
    const ImU32 c = commit ? theme::kCommitMarker : theme::kAbortMarker;
    const float a = XOf(l, pos.x, b.base_offset), e = std::max(a + 2, XOf(l, pos.x, b.last_offset + 1));
    dl->AddRectFilled(ImVec2(a, y0 - u * 0.1f), ImVec2(e, y1 + u * 0.1f), c);
    const float mid = (a + e) / 2, half = font->CalcTextSizeA(small, FLT_MAX, 0, "C").x / 2;
    if (mid - half < free_from || std::abs(mid - lso_x) < half + u * 0.35f) continue;
    dl->AddText(font, small, ImVec2(mid - half, y1 + u * 0.08f), c, commit ? "C" : "A");
    free_from = mid + half + u * 0.25f;
  }
  const float open_w = font->CalcTextSizeA(small, FLT_MAX, 0, "open").x;
  for (const OpenTxn& t : r.open_txns) {
    if (r.leo.value() < l.lo) continue;
    const float a = std::max(XOf(l, pos.x, t.first_offset), pos.x), e = XOf(l, pos.x, r.leo.value());
    dl->AddRect(ImVec2(a - 1, y0 - 2), ImVec2(std::max(e, a + 2) + 1, y1 + 2), theme::kOpenTxn, 0, 0,
                LineWidth(u * 0.14f));
    // Under its start, else ending at its end (right of the last letter).
    const float at = a >= free_from ? a : std::max(free_from, e - open_w);
    if (at + open_w <= pos.x + l.bar_w + u) {
      dl->AddText(font, small, ImVec2(at, y1 + u * 0.08f), theme::kOpenTxn, "open");
      free_from = at + open_w + u * 0.2f;
    }
  }
  if (lso_shown) {
    const float x = lso_x;
    dl->AddLine(ImVec2(x, y0), ImVec2(x, y1 + u * 0.1f), theme::kLastStable, LineWidth(u * 0.18f));
    dl->AddTriangleFilled(ImVec2(x, y1 + u * 0.05f), ImVec2(x + u * 0.32f, y1 + u * 0.45f),
                          ImVec2(x - u * 0.32f, y1 + u * 0.45f), theme::kLastStable);
  }
}

// The cells (one per batch) and markers of one replica's log.
void DrawLogBar(const ReplicaBelief& r, const RowLayout& l, ImVec2 pos, float h) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float u = ImGui::GetFontSize();
  const bool crashed = r.process == BrokerProcess::kCrashed;
  const float y0 = pos.y, y1 = pos.y + h;
  const int64_t hw = r.hw.value();
  // The bar's background only where no batch is drawn over it (a software
  // rasterizer shades every layer); batches narrower than a few pixels, of
  // one colour and touching, are one rectangle.
  float covered_from = pos.x + l.bar_w, covered_to = pos.x;
  ImVec2 run_lo(0, 0), run_hi(-1, 0);
  ImU32 run_color = 0;
  auto flush = [&] {
    if (run_hi.x > run_lo.x) dl->AddRectFilled(run_lo, run_hi, run_color);
    run_hi.x = -1;
  };
  for (const BatchSpan& b : r.batches) {
    if (b.last_offset < l.lo) continue;
    float a = std::max(XOf(l, pos.x, b.base_offset), pos.x), e = XOf(l, pos.x, b.last_offset + 1);
    float gap = e - a > 4 ? 1.0f : 0.0f;
    ImU32 c = BatchColor(b, crashed, hw);
    covered_from = std::min(covered_from, a);
    covered_to = std::max(covered_to, e);
    if (run_hi.x >= 0 && c == run_color && gap == 0 && a <= run_hi.x + 0.5f) {
      run_hi.x = e;
      continue;
    }
    flush();
    run_lo = ImVec2(a, y0 + 1), run_hi = ImVec2(e - gap, y1 - 1), run_color = c;
  }
  flush();
  if (covered_to <= covered_from) {
    dl->AddRectFilled(ImVec2(pos.x, y0), ImVec2(pos.x + l.bar_w, y1), theme::kBarBackground);
  } else {
    if (covered_from > pos.x) dl->AddRectFilled(ImVec2(pos.x, y0), ImVec2(covered_from, y1), theme::kBarBackground);
    if (covered_to < pos.x + l.bar_w)
      dl->AddRectFilled(ImVec2(covered_to, y0), ImVec2(pos.x + l.bar_w, y1), theme::kBarBackground);
  }
  if (crashed && r.unique_from < r.leo) {  // on this disk and on no live replica
    float a = std::max(XOf(l, pos.x, r.unique_from.value()), pos.x);
    dl->AddRect(ImVec2(a, y0 - 1), ImVec2(XOf(l, pos.x, r.leo.value()), y1 + 1), theme::kOnlyOnDisk, 0, 0,
                LineWidth(u * 0.15f));
  }
  if (r.log_start.value() >= l.lo) {
    float xs = XOf(l, pos.x, r.log_start.value());
    dl->AddLine(ImVec2(xs, y0 - u * 0.1f), ImVec2(xs, y1 + u * 0.1f), theme::kLogStart, LineWidth(u * 0.15f));
  }
  ImU32 dim = theme::kGreyed;
  if (r.transactional) DrawTxnMarks(dl, r, l, pos, h);
  DrawMarker(dl, XOf(l, pos.x, r.leo.value()), y0, y1, crashed ? dim : theme::kLogEnd, u);
  if (hw >= l.lo) DrawMarker(dl, XOf(l, pos.x, hw), y0, y1, crashed ? dim : theme::kHighWatermark, u);
}

// What the broker itself believes, in the role column, and its color.
std::pair<std::string, ImU32> RoleText(const ReplicaBelief& r, const ClusterRecord& rec) {
  if (r.process == BrokerProcess::kCrashed) return {"CRASHED", theme::kFail};
  if (!r.has_replica) return {"no replica", theme::kTextDim};
  std::string epoch = "e" + std::to_string(r.believed_epoch.value());
  if (r.believes_leader) return {"LEADER " + epoch, r.cluster_leader ? theme::kCrown : theme::kDisagree};
  bool stale = rec.known && (r.believed_leader != rec.leader || r.believed_epoch != rec.leader_epoch);
  return {"follower " + epoch, stale ? theme::kDisagree : theme::kTextDim};
}

ImU32 RowColor(const ReplicaBelief& r) {
  if (r.process == BrokerProcess::kCrashed) return theme::kCrashedRow;
  if (r.believes_leader) return r.cluster_leader ? theme::kLeaderRow : theme::kDisagreeRow;
  return theme::kRowBackground;
}

std::string NumbersText(const ReplicaBelief& r) {
  if (!r.has_replica) return "";
  std::string hw = r.hw.value() < 0 ? "-" : std::to_string(r.hw.value());
  std::string s = "HW " + hw;
  if (r.transactional && r.process != BrokerProcess::kCrashed) s += " LSO " + std::to_string(r.lso.value());
  s += " LEO " + std::to_string(r.leo.value());
  if (r.believes_leader && r.process != BrokerProcess::kCrashed) s += " isr" + IdList(r.believed_isr);
  return s;
}

}  // namespace

RowLayout MeasureRows(const PartitionView& v, int64_t lo) {
  const float u = ImGui::GetFontSize();
  RowLayout l;
  l.lo = lo;
  l.hi = std::max(v.hi, lo + 1);
  for (const ReplicaBelief& r : v.replicas) l.txn |= r.transactional;
  l.name_w = ImGui::CalcTextSize("broker-00").x;
  l.role_w = ImGui::CalcTextSize("follower e00").x;
  l.zk_w = ImGui::CalcTextSize("ISR").x;
  l.label_w = u * 0.3f + l.name_w + u * 0.5f + l.role_w + u * 0.5f + l.zk_w + u * 0.6f;
  float numbers_w = ImGui::CalcTextSize("pos 0000 com 0000 lag 0000").x;
  for (const ReplicaBelief& r : v.replicas)
    numbers_w = std::max(numbers_w, ImGui::CalcTextSize(NumbersText(r).c_str()).x);
  // Leave room for a vertical scrollbar even before one appears.
  float avail = ImGui::GetContentRegionAvail().x - (ImGui::GetScrollMaxY() > 0 ? 0 : ImGui::GetStyle().ScrollbarSize);
  l.bar_w = std::max(u * 5, avail - l.label_w - numbers_w - u * 0.8f);
  if (l.label_w + l.bar_w + u * 0.6f + numbers_w > avail) {  // would run off the window
    l.numbers_below = true;
    l.bar_w = std::max(u * 2, avail - l.label_w - u * 0.3f);
  }
  return l;
}

void ShowRowHeadings(const RowLayout& l) {
  const float u = ImGui::GetFontSize();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 pos = ImGui::GetCursorScreenPos();
  float y = pos.y + ImGui::GetStyle().FramePadding.y;
  float x = pos.x + u * 0.3f;
  dl->AddText(ImVec2(x, y), theme::kTextDim, "broker");
  x += l.name_w + u * 0.5f;
  dl->AddText(ImVec2(x, y), theme::kTextDim, "own view");
  x += l.role_w + u * 0.5f;
  dl->AddText(ImVec2(x, y), theme::kTextDim, "ZK");
  ImGui::Dummy(ImVec2(l.label_w - u * 0.3f, ImGui::GetFrameHeight()));
}

void ShowReplicaRow(const ReplicaBelief& r, const ClusterRecord& rec, const RowLayout& l, bool selected) {
  const float u = ImGui::GetFontSize();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 pos = ImGui::GetCursorScreenPos();
  const float band = l.txn ? u * 0.75f : 0;  // the transaction letters under the bar
  const float h = u * 1.3f + band, ty = pos.y + u * 0.15f;
  const bool crashed = r.process == BrokerProcess::kCrashed;
  dl->AddRectFilled(pos, ImVec2(pos.x + l.label_w - u * 0.3f, pos.y + h), RowColor(r), u * 0.2f);
  if (selected) dl->AddRect(pos, ImVec2(pos.x + l.label_w - u * 0.3f, pos.y + h), theme::kSelected, u * 0.2f);
  float x = pos.x + u * 0.3f;
  ImU32 name_color = crashed ? theme::kGreyed : r.process == BrokerProcess::kPaused ? theme::kPaused : theme::kText;
  dl->AddText(ImVec2(x, ty), name_color, r.name.c_str());
  x += l.name_w + u * 0.5f;
  auto [role, role_color] = RoleText(r, rec);
  dl->AddText(ImVec2(x, ty), role_color, role.c_str());
  x += l.role_w + u * 0.5f;
  if (rec.known) {
    ImU32 c = crashed ? theme::kGreyed : r.in_cluster_isr ? theme::kOk : theme::kFail;
    dl->AddText(ImVec2(x, ty), c, r.in_cluster_isr ? "ISR" : "out");
  } else {
    dl->AddText(ImVec2(x, ty), theme::kTextDim, "?");
  }
  if (r.has_replica) {
    DrawLogBar(r, l, ImVec2(pos.x + l.label_w, pos.y + u * 0.3f), h - band - u * 0.5f);
    ImVec2 at =
        l.numbers_below ? ImVec2(pos.x + l.label_w, pos.y + h) : ImVec2(pos.x + l.label_w + l.bar_w + u * 0.6f, ty);
    dl->AddText(at, crashed ? theme::kGreyed : theme::kText, NumbersText(r).c_str());
  }
  ImGui::Dummy(ImVec2(l.label_w + l.bar_w, l.numbers_below ? h + u * 1.05f : h));
}

void ShowGroupLane(const GroupView& g, const GroupPartitionView& p, const RowLayout& l) {
  const float u = ImGui::GetFontSize();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 pos = ImGui::GetCursorScreenPos();
  const float h = u * 1.15f, ty = pos.y + (h - u) / 2;
  float x = pos.x + u * 0.3f;
  // A processor's lane says where it writes what it reads ("app -> invoices").
  const ConsumerView* proc = nullptr;
  for (const ConsumerView& c : g.consumers)
    if (c.processor && c.client == p.owner) proc = &c;
  // The group, then who reads: set smaller when longer than the label
  // columns (a group name wider than "broker-00" ran into the next column).
  std::string owner = p.owner.empty() ? "(nobody)" : proc ? p.owner + " -> " + proc->output : "read by " + p.owner;
  ImFont* font = ImGui::GetFont();
  const float gap = u * 0.5f, group_w = ImGui::CalcTextSize(g.group.c_str()).x;
  const float room = l.label_w - u * 0.6f;
  const float want = std::max(l.name_w, group_w) + gap + ImGui::CalcTextSize(owner.c_str()).x;
  const float fs = want > room ? std::max(u * 0.6f, u * room / want) : u, k = fs / u;
  const float fy = pos.y + (h - fs) / 2;
  dl->AddText(font, fs, ImVec2(x, fy), proc ? theme::kProcessorUp : theme::kConsumerUp, g.group.c_str());
  x += std::max(l.name_w * k, group_w * k) + gap * k;
  dl->AddText(font, fs, ImVec2(x, fy), theme::kTextDim, owner.c_str());
  const float bx = pos.x + l.label_w, my = pos.y + h / 2;
  dl->AddLine(ImVec2(bx, my), ImVec2(bx + l.bar_w, my), theme::kLink, 1.0f);
  if (p.committed && p.committed->value() >= l.lo) {  // a diamond
    float cx = XOf(l, bx, p.committed->value()), r = u * 0.38f;
    dl->AddQuadFilled(ImVec2(cx, my - r), ImVec2(cx + r, my), ImVec2(cx, my + r), ImVec2(cx - r, my),
                      theme::kCommitted);
  }
  if (p.position && p.position->value() >= l.lo) {  // a triangle pointing up at the log
    float px = XOf(l, bx, p.position->value()), r = u * 0.36f;
    dl->AddTriangleFilled(ImVec2(px, my - r), ImVec2(px + r, my + r), ImVec2(px - r, my + r), theme::kPosition);
  }
  auto num = [](const std::optional<Offset>& o) { return o ? std::to_string(o->value()) : std::string("-"); };
  std::string text = "pos " + num(p.position) + " com " + num(p.committed) + " lag " +
                     (p.lag ? std::to_string(*p.lag) : std::string("-"));
  ImVec2 at = l.numbers_below ? ImVec2(bx, ImGui::GetCursorScreenPos().y + h) : ImVec2(bx + l.bar_w + u * 0.6f, ty);
  dl->AddText(at, theme::kText, text.c_str());
  ImGui::Dummy(ImVec2(l.label_w + l.bar_w, l.numbers_below ? h + u * 1.05f : h));
}

}  // namespace kafkasim::viz
