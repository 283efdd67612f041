// viz/cluster_faults.cc — fault injection by mouse in the cluster view:
// drag node to node for a link fault (drop / latency / duplicate, both ways
// or one way), drag across empty space for a partition between the two
// sides of the line, "heal all". Each choice becomes an InjectFaultCommand.
#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "sim/scenario/units.h"
#include "viz/theme.h"
#include "viz/windows.h"

namespace kafkasim::viz {

namespace {

constexpr const char* kPopup = "drag-fault";

ImVec2 ToVec(Point p) { return ImVec2(p.x, p.y); }
Point ToPoint(ImVec2 v) { return Point{v.x, v.y}; }

std::string Join(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

TimeNs Seconds(float s) { return static_cast<TimeNs>(std::max(0.0f, s) * 1000.0f) * kNsPerMs; }

// The rubber band while dragging; for a partition, each side's nodes ringed in its colour.
void DrawDrag(const UiState& ui, const std::vector<NodeBox>& nodes, Point box, ImDrawList* dl) {
  float u = ImGui::GetFontSize();
  ImVec2 mouse = ImGui::GetIO().MousePos;
  std::string from = NodeAt(nodes, box, ui.faults.drag_from);
  if (!from.empty()) {
    dl->AddLine(ToVec(ui.faults.drag_from), mouse, theme::kCutLink, u * 0.25f);
    return;
  }
  DrawDashedLine(dl, ToVec(ui.faults.drag_from), mouse, theme::kCrown, u * 0.2f, u * 0.5f);
  LineSplit split = SplitByLine(nodes, ui.faults.drag_from, ToPoint(mouse));
  for (const NodeBox& n : nodes) {
    bool left = std::find(split.left.begin(), split.left.end(), n.name) != split.left.end();
    dl->AddCircle(ToVec(n.center), box.y * 0.75f, left ? theme::kCrown : theme::kBrokerUp, 0, u * 0.2f);
  }
}

void LinkPopup(UiState& ui, const sim::Simulation& sim, UiCommands& out) {
  FaultUiState& f = ui.faults;
  const std::string& a = f.pending.a;
  const std::string& b = f.pending.b;
  ImGui::Text("Link %s - %s, at %s", a.c_str(), b.c_str(), FormatSeconds(InjectionTime(sim.now())).c_str());
  ImGui::Separator();
  int effect = static_cast<int>(f.link.effect);
  ImGui::RadioButton("drop", &effect, static_cast<int>(LinkEffect::kDrop));
  ImGui::SameLine();
  ImGui::RadioButton("slow", &effect, static_cast<int>(LinkEffect::kLatency));
  ImGui::SameLine();
  ImGui::RadioButton("duplicate", &effect, static_cast<int>(LinkEffect::kDuplicate));
  f.link.effect = static_cast<LinkEffect>(effect);
  if (f.link.effect == LinkEffect::kLatency) {
    ImGui::SliderFloat("latency ms", &f.link_latency_ms, 1.0f, 5000.0f, "%.0f", ImGuiSliderFlags_Logarithmic);
  } else {
    float p = static_cast<float>(f.link.probability);
    ImGui::SliderFloat("probability", &p, 0.0f, 1.0f, "%.2f");
    f.link.probability = p;
  }
  int dir = static_cast<int>(f.link.direction);
  ImGui::RadioButton("both ways", &dir, static_cast<int>(LinkDirection::kBoth));
  ImGui::SameLine();
  ImGui::RadioButton((a + " -> " + b).c_str(), &dir, static_cast<int>(LinkDirection::kAToB));
  ImGui::SameLine();
  ImGui::RadioButton((b + " -> " + a).c_str(), &dir, static_cast<int>(LinkDirection::kBToA));
  f.link.direction = static_cast<LinkDirection>(dir);
  ImGui::SliderFloat("for (s, 0 = until healed)", &f.for_seconds, 0.0f, 30.0f, "%.1f");
  bool cut = f.link.effect == LinkEffect::kDrop && f.link.probability >= 1.0;
  if (ImGui::Button(cut ? "Cut link" : "Apply")) {
    f.link.latency = static_cast<TimeNs>(f.link_latency_ms) * kNsPerMs;
    f.link.for_ns = Seconds(f.for_seconds);
    out.push_back({InjectFaultCommand{MakeLinkFault(a, b, f.link, sim.now())}});
    ImGui::CloseCurrentPopup();
  }
  NoteItem(ui, "button:link_apply");
}

void PartitionPopup(UiState& ui, const sim::Simulation& sim, UiCommands& out) {
  FaultUiState& f = ui.faults;
  ImGui::Text("Partition at %s", FormatSeconds(InjectionTime(sim.now())).c_str());
  ImGui::Separator();
  ImGui::TextColored(theme::ToVec4(theme::kCrown), "%s", Join(f.pending.sides.left).c_str());
  ImGui::Text("  cut off from");
  ImGui::TextColored(theme::ToVec4(theme::kBrokerUp), "%s", Join(f.pending.sides.right).c_str());
  ImGui::SliderFloat("for (s, 0 = until healed)", &f.for_seconds, 0.0f, 30.0f, "%.1f");
  if (ImGui::Button("Partition")) {
    out.push_back({InjectFaultCommand{
        MakePartitionFault(f.pending.sides.left, f.pending.sides.right, Seconds(f.for_seconds), sim.now())}});
    ImGui::CloseCurrentPopup();
  }
  NoteItem(ui, "button:partition_apply");
}

// True when the segment a-b runs through the box of a node other than its ends.
bool CrossesABox(const std::vector<NodeBox>& nodes, Point box, Point a, Point b) {
  for (int k = 2; k < 30; ++k) {
    float t = static_cast<float>(k) / 32;
    std::string hit = NodeAt(nodes, box, Point{a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t});
    if (!hit.empty() && NodeAt(nodes, box, a) != hit && NodeAt(nodes, box, b) != hit) return true;
  }
  return false;
}

std::string RuleText(const sim::LinkRule& r) {
  std::string t;
  if (r.drop > 0) t += " drop " + std::to_string(static_cast<int>(r.drop * 100)) + "%";
  if (r.duplicate > 0) t += " dup " + std::to_string(static_cast<int>(r.duplicate * 100)) + "%";
  if (r.latency_max_ns) t += " +" + scenario::FormatDuration(*r.latency_max_ns);
  return t.empty() ? t : t.substr(1);
}

// Link faults that are not full cuts (those are the red dashes): an amber
// dotted line (bowed below a node in the way) labelled with what it does,
// and an arrow "->" naming the direction when only one way is affected.
// Drawn after the nodes, so a label between two close boxes stays readable.
// Each label on its road where it covers no node and no other label.
void DrawLinkLabels(UiState& ui, ImDrawList* dl, const std::vector<NodeBox>& nodes, Point box, ImVec2 origin,
                    ImVec2 size) {
  float u = ImGui::GetFontSize();
  std::vector<LinkLabelRoad> roads;
  for (auto& [label, road] : ui.faults.link_labels) {
    ImVec2 ts = ImGui::CalcTextSize(label.c_str());
    road.size = Point{ts.x + 6, ts.y + 2};
    roads.push_back(road);
  }
  std::vector<Point> at =
      PlaceLinkLabels(roads, nodes, box, ToPoint(origin), Point{origin.x + size.x, origin.y + size.y});
  for (size_t i = 0; i < at.size(); ++i) {
    const std::string& label = ui.faults.link_labels[i].first;
    ImVec2 ts = ImGui::CalcTextSize(label.c_str());
    ImVec2 lo(at[i].x - ts.x / 2, at[i].y - ts.y / 2);
    ui.rects.push_back({"link_label:" + label, lo.x, lo.y, lo.x + ts.x, lo.y + ts.y});
    dl->AddRectFilled(ImVec2(lo.x - 3, lo.y - 1), ImVec2(lo.x + ts.x + 3, lo.y + ts.y + 1), theme::kBackground,
                      u * 0.2f);
    dl->AddText(lo, theme::kCrown, label.c_str());
  }
}

}  // namespace

void DrawLinkFaults(UiState& ui, const sim::Simulation& sim, const std::vector<NodeBox>& nodes, Point box) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ui.faults.link_labels.clear();
  const sim::World& world = sim.world();
  const auto& rules = world.network().rules();
  std::map<std::string, Point> at;
  for (const NodeBox& n : nodes) at[n.name] = n.center;
  float u = ImGui::GetFontSize();
  for (const auto& [link, rule] : rules) {
    if (rule.drop >= 1.0) continue;
    std::string from = world.NameOf(link.first), to = world.NameOf(link.second);
    bool both = false;
    for (auto [b, e] = rules.equal_range({link.second, link.first}); b != e; ++b)
      both |= RuleText(b->second) == RuleText(rule);
    if (both && link.second < link.first) continue;  // drawn once, from the other end
    if (!at.count(from) || !at.count(to)) continue;
    Point a = at[from], b = at[to];
    ImVec2 mid((a.x + b.x) / 2, (a.y + b.y) / 2);
    if (CrossesABox(nodes, box, a, b)) {
      mid.y += box.y * 1.6f;
      DrawDashedCurve(dl, ToVec(a), mid, ToVec(b), theme::kCrown, u * 0.15f, u * 0.25f);
    } else {
      DrawDashedLine(dl, ToVec(a), ToVec(b), theme::kCrown, u * 0.15f, u * 0.25f);
    }
    ui.faults.link_labels.push_back(
        {RuleText(rule) + (both ? "" : " -> " + to), LinkLabelRoad{{}, a, ToPoint(mid), b}});
  }
}

void NoteItem(UiState& ui, const std::string& name) {
  ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
  ui.rects.push_back({name, lo.x, lo.y, hi.x, hi.y});
}

void ClusterFaultGestures(UiState& ui, const sim::Simulation& sim, const std::vector<NodeBox>& nodes, Point box,
                          ImVec2 origin, ImVec2 size, UiCommands& out) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float u = ImGui::GetFontSize();
  DrawLinkLabels(ui, dl, nodes, box, origin, size);
  ui.rects.push_back({"canvas:cluster", origin.x, origin.y, origin.x + size.x, origin.y + size.y});
  for (const NodeBox& n : nodes) {
    ui.rects.push_back({"node:" + n.name, n.center.x - box.x / 2, n.center.y - box.y / 2, n.center.x + box.x / 2,
                        n.center.y + box.y / 2});
  }
  ImVec2 keep = ImGui::GetCursorScreenPos();
  // Before the canvas: the item submitted first wins the hover. In the
  // top-right corner, beside ZooKeeper's row (the bottom-left one is the
  // first client's place, which it covered).
  const float heal_w = ImGui::CalcTextSize("heal all").x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SetCursorScreenPos(ImVec2(origin.x + size.x - heal_w, origin.y));
  if (ImGui::SmallButton("heal all")) out.push_back({InjectFaultCommand{MakeHealAllFault(sim.now())}});
  NoteItem(ui, "button:heal_all");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("heal every cut, partition and link fault now");
  // Empty space: an item so a drag there draws a line instead of moving the window.
  ImGui::SetCursorScreenPos(origin);
  ImGui::InvisibleButton("cluster-canvas", size);
  ImGui::SetCursorScreenPos(keep);
  ImGuiIO& io = ImGui::GetIO();
  bool inside = io.MousePos.x >= origin.x && io.MousePos.y >= origin.y && io.MousePos.x < origin.x + size.x &&
                io.MousePos.y < origin.y + size.y;
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && inside &&
      ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) &&
      !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) {
    ui.faults.dragging = true;
    ui.faults.drag_from = ToPoint(io.MousePos);
  }
  if (ui.faults.dragging && ImGui::IsMouseDown(ImGuiMouseButton_Left)) DrawDrag(ui, nodes, box, dl);
  if (ui.faults.dragging && ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
    ui.faults.dragging = false;
    ui.faults.pending = ClassifyDrag(nodes, box, ui.faults.drag_from, ToPoint(io.MousePos), u * 1.5f);
    if (ui.faults.pending.kind != DragGesture::Kind::kNone) ImGui::OpenPopup(kPopup);
  }
  if (ImGui::BeginPopup(kPopup)) {
    if (ui.faults.pending.kind == DragGesture::Kind::kLink) LinkPopup(ui, sim, out);
    if (ui.faults.pending.kind == DragGesture::Kind::kPartition) PartitionPopup(ui, sim, out);
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
  ImGui::SetCursorScreenPos(keep);
}

}  // namespace kafkasim::viz
