// viz/cluster_window.cc — the cluster view: nodes as boxes colored by state,
// the controller crowned, cut links red and dashed, messages in flight as
// dots travelling from sender to receiver. Right-click a node to inject a fault.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <map>
#include <string>
#include <utility>

#include "core/broker/broker.h"
#include "viz/cluster_layout.h"
#include "viz/fault_injection.h"
#include "viz/cluster_node.h"
#include "viz/message_view.h"
#include "viz/theme.h"
#include "viz/windows.h"

namespace kafkasim::viz {

namespace {

struct ClusterGeometry {
  std::map<NodeId, ImVec2> centers;
  ImVec2 box;  // box size
  float unit = 13;
};

// The scenario's stream processor named `name`, if it is one.
const scenario::ProcessorSpec* ProcessorNamed(const sim::Simulation& sim, const std::string& name) {
  for (const scenario::ProcessorSpec& p : sim.scenario().processors)
    if (p.id == name) return &p;
  return nullptr;
}

ClusterGeometry Place(const sim::Simulation& sim, ImVec2 origin, ImVec2 size) {
  ClusterGeometry g;
  g.unit = ImGui::GetFontSize();
  std::vector<NodeInfo> infos;
  for (const auto& [id, slot] : sim.world().slots())
    infos.push_back({id, slot->kind(), ProcessorNamed(sim, slot->name()) != nullptr});
  float cols = static_cast<float>(WidestRow(infos));
  float crown = g.unit * 0.9f;
  // Rows 1/(rows-1) of the height apart: a box takes ~60% of that.
  const float rows = static_cast<float>(RowCount(infos));
  g.box =
      ImVec2(std::min(g.unit * 7.5f, size.x / cols * 0.74f), std::min(g.unit * 2.6f, (size.y - crown) / (rows * 1.2f)));
  // Columns split the full width (boxes are narrower than a column); rows
  // keep a box's half height (and the crown) inside the view.
  float top = origin.y + g.box.y * 0.5f + crown, bottom = origin.y + size.y - g.box.y * 0.5f - 4;
  for (const auto& [id, p] : LayoutCluster(infos)) {
    g.centers[id] = ImVec2(origin.x + size.x * p.x, top + (bottom - top) * p.y);
  }
  return g;
}

ImU32 UpColor(sim::NodeKind kind) {
  switch (kind) {
    case sim::NodeKind::kBroker:
      return theme::kBrokerUp;
    case sim::NodeKind::kZooKeeper:
    case sim::NodeKind::kController:  // KRaft voters: the coordination row
      return theme::kZooKeeperUp;
    case sim::NodeKind::kProducer:
      return theme::kProducerUp;
    case sim::NodeKind::kConsumer:
      return theme::kConsumerUp;
  }
  return theme::kBrokerUp;
}

// True when the straight line between two nodes runs through a third node's
// box (broker-1 to broker-3 behind broker-2, on one row).
bool PassesBehindANode(const ClusterGeometry& g, NodeId from, NodeId to) {
  ImVec2 a = g.centers.at(from), b = g.centers.at(to);
  for (const auto& [id, c] : g.centers) {
    if (id == from || id == to) continue;
    for (int k = 1; k < 32; ++k) {
      float t = static_cast<float>(k) / 32;
      float x = a.x + (b.x - a.x) * t, y = a.y + (b.y - a.y) * t;
      if (std::abs(x - c.x) < g.box.x * 0.5f && std::abs(y - c.y) < g.box.y * 0.5f) return true;
    }
  }
  return false;
}

// A one-way cut: an arrowhead at `at` pointing from the side whose messages
// are dropped towards the side that does not get them, and "one-way".
void DrawOneWayArrow(ImDrawList* dl, ImVec2 from, ImVec2 to, ImVec2 at, float u) {
  const float dx = to.x - from.x, dy = to.y - from.y, len = std::max(1.0f, std::sqrt(dx * dx + dy * dy));
  const ImVec2 d(dx / len, dy / len), n(-d.y, d.x);
  const float s = u * 0.7f;
  ImVec2 tip(at.x + d.x * s, at.y + d.y * s);
  ImVec2 l(at.x - d.x * s + n.x * s, at.y - d.y * s + n.y * s), r(at.x - d.x * s - n.x * s, at.y - d.y * s - n.y * s);
  dl->AddTriangleFilled(tip, l, r, theme::kCutLink);
  dl->AddTriangle(tip, l, r, IM_COL32(0, 0, 0, 220), 1.0f);
  const ImVec2 size = ImGui::CalcTextSize("one-way");
  dl->AddText(ImVec2(at.x + s * 0.5f, at.y - s * 1.1f - size.y), theme::kCutLink, "one-way");
}

// A cut link as a red dashed line — bowed over the row when a straight one
// would pass behind another node and look like a cut to that node.
void DrawCutLinks(ImDrawList* dl, const sim::Simulation& sim, const ClusterGeometry& g) {
  const sim::SimNetwork& net = sim.world().network();
  for (auto a = g.centers.begin(); a != g.centers.end(); ++a) {
    for (auto b = std::next(a); b != g.centers.end(); ++b) {
      const bool ab = net.IsCut(a->first, b->first), ba = net.IsCut(b->first, a->first);
      if (!ab && !ba) continue;
      // The arrow of a one-way cut sits 3/4 of the way to the side not reached.
      const ImVec2 from = ab ? a->second : b->second, to = ab ? b->second : a->second;
      ImVec2 mid((a->second.x + b->second.x) * 0.5f, (a->second.y + b->second.y) * 0.5f);
      ImVec2 arrow(from.x + (to.x - from.x) * 0.75f, from.y + (to.y - from.y) * 0.75f);
      if (PassesBehindANode(g, a->first, b->first)) {
        mid.y -= g.box.y * 1.6f;
        DrawDashedCurve(dl, a->second, mid, b->second, theme::kCutLink, g.unit * 0.2f, g.unit * 0.6f);
        const float t = 0.75f, s = 1 - t;  // the quadratic curve at t from `from`
        arrow = ImVec2(s * s * from.x + 2 * s * t * mid.x + t * t * to.x,
                       s * s * from.y + 2 * s * t * mid.y + t * t * to.y);
      } else {
        DrawDashedLine(dl, a->second, b->second, theme::kCutLink, g.unit * 0.2f, g.unit * 0.6f);
      }
      if (ab != ba) DrawOneWayArrow(dl, from, to, arrow, g.unit);
    }
  }
}

// How far along a->b (0..1) the line leaves a box of size `box` centred on a.
float BoxExit(ImVec2 a, ImVec2 b, ImVec2 box) {
  float dx = std::abs(b.x - a.x), dy = std::abs(b.y - a.y);
  float tx = dx > 0 ? box.x * 0.5f / dx : 1e9f, ty = dy > 0 ? box.y * 0.5f / dy : 1e9f;
  return std::min({tx, ty, 0.5f});
}

// Each message type's colour (the legend's); a response is the same colour as
// a ring, a request a filled dot.
ImU32 KindColor(MessageKind k) {
  static constexpr ImU32 kColors[kMessageKinds] = {
      IM_COL32(70, 140, 250, 255),   // Produce
      IM_COL32(60, 200, 110, 255),   // Fetch
      IM_COL32(240, 70, 70, 255),    // LeaderAndIsr
      IM_COL32(200, 110, 240, 255),  // JoinGroup
      IM_COL32(250, 210, 50, 255),   // Heartbeat
      IM_COL32(255, 140, 50, 255),   // OffsetCommit
      IM_COL32(170, 170, 180, 255),  // Metadata
      IM_COL32(160, 115, 70, 255),   // ZooKeeper
  };
  return kColors[static_cast<size_t>(k)];
}

// The road a message takes from one box's edge to the other's, kept to its
// right (the two directions apart), bowed over the row when the straight
// line would pass behind another node: no dot crosses a node it does not
// go through. A quadratic curve a-c-b (c the midpoint when straight).
struct Road {
  ImVec2 a, c, b;
  ImVec2 At(float t) const {
    const float s = 1 - t;
    return ImVec2(s * s * a.x + 2 * s * t * c.x + t * t * b.x, s * s * a.y + 2 * s * t * c.y + t * t * b.y);
  }
};

Road RoadBetween(const ClusterGeometry& g, NodeId from, NodeId to, float side) {
  const ImVec2 ca = g.centers.at(from), cb = g.centers.at(to);
  const float ta = BoxExit(ca, cb, g.box), tb = BoxExit(cb, ca, g.box);
  ImVec2 a(ca.x + (cb.x - ca.x) * ta, ca.y + (cb.y - ca.y) * ta);
  ImVec2 b(cb.x + (ca.x - cb.x) * tb, cb.y + (ca.y - cb.y) * tb);
  const float dx = b.x - a.x, dy = b.y - a.y, len = std::max(1.0f, std::sqrt(dx * dx + dy * dy));
  const ImVec2 n(-dy / len * side, dx / len * side);
  ImVec2 c((a.x + b.x) * 0.5f + n.x, (a.y + b.y) * 0.5f + n.y);
  if (PassesBehindANode(g, from, to)) {
    // Over the row: leave and enter through the top edges.
    a = ImVec2(ca.x + n.x, ca.y - g.box.y * 0.5f);
    b = ImVec2(cb.x + n.x, cb.y - g.box.y * 0.5f);
    c = ImVec2((a.x + b.x) * 0.5f, std::min(a.y, b.y) - g.box.y * 1.6f - side * 2);
  } else {
    a = ImVec2(a.x + n.x, a.y + n.y);
    b = ImVec2(b.x + n.x, b.y + n.y);
  }
  return {a, c, b};
}

void DrawRoad(ImDrawList* dl, const Road& r) {
  if (std::abs((r.a.x + r.b.x) * 0.5f - r.c.x) < 0.5f && std::abs((r.a.y + r.b.y) * 0.5f - r.c.y) < 0.5f) {
    dl->AddLine(r.a, r.b, theme::kLink, 1.0f);
  } else {
    dl->AddBezierQuadratic(r.a, r.c, r.b, theme::kLink, 1.0f, 12);
  }
}

// Parked fetches: small squares just outside the leader's box edge, on the
// side of whoever sent them, with a ring that fills as fetch.max.wait.ms runs
// out. Fetches parked at one leader from one side (eleven followers of a
// twelve-broker cluster) are one square with their count and the longest
// wait: a cloud of overlapping squares says nothing, and costs a software
// rasterizer thousands of triangles (docs/performance.md).
void DrawParked(ImDrawList* dl, MessagesView& m, const ClusterGeometry& g) {
  struct Side {
    ParkedSquare square;
    ImVec2 toward{0, 0};  // the senders' positions, summed
  };
  std::map<std::pair<NodeId, int>, Side> sides;  // by leader, then side
  for (const ParkedFetch& p : m.parked) {
    auto la = g.centers.find(p.leader), fa = g.centers.find(p.from);
    if (la == g.centers.end() || fa == g.centers.end()) continue;
    const int side = ParkedSide(fa->second.x - la->second.x, fa->second.y - la->second.y);
    Side& s = sides[{p.leader, side}];
    s.square = {p.leader, side, s.square.count + 1, std::max(s.square.waited, p.waited)};
    s.toward = ImVec2(s.toward.x + fa->second.x, s.toward.y + fa->second.y);
  }
  const float r = g.unit * 0.28f;
  const ImU32 col = KindColor(MessageKind::kFetch);
  m.parked_drawn.clear();
  for (const auto& [key, s] : sides) {
    const ImVec2 c = g.centers.at(key.first);
    const auto n = static_cast<float>(s.square.count);
    const ImVec2 f(s.toward.x / n, s.toward.y / n);
    // Just outside the leader's box, where the fetches came in: inside it,
    // the square covered the box's text ("leads orders-0").
    const float t = BoxExit(c, f, g.box), len = std::max(1.0f, std::hypot(f.x - c.x, f.y - c.y));
    const float q = s.square.count > 1 ? r * 1.5f : r;
    const ImVec2 at(c.x + (f.x - c.x) * t + (f.x - c.x) / len * (q + 3),
                    c.y + (f.y - c.y) * t + (f.y - c.y) / len * (q + 3));
    dl->AddRectFilled(ImVec2(at.x - q, at.y - q), ImVec2(at.x + q, at.y + q), col);
    dl->AddRect(ImVec2(at.x - q, at.y - q), ImVec2(at.x + q, at.y + q), IM_COL32(0, 0, 0, 220));
    if (s.square.count > 1) {
      const std::string label = std::to_string(s.square.count);
      const float size = g.unit * (label.size() > 1 ? 0.6f : 0.8f);
      const ImVec2 ts = ImGui::GetFont()->CalcTextSizeA(size, FLT_MAX, 0, label.c_str());
      dl->AddText(ImGui::GetFont(), size, ImVec2(at.x - ts.x / 2, at.y - ts.y / 2), IM_COL32(0, 0, 0, 255),
                  label.c_str());
    }
    const float a0 = -1.5708f;
    dl->PathArcTo(at, q + r * 0.6f, a0, a0 + 6.2832f * std::max(0.05f, s.square.waited), 12);
    dl->PathStroke(col, 0, 2.0f);
    m.parked_drawn.push_back(s.square);
  }
}

// Dots for the shown messages on the wire, on their roads; returns the one
// under the mouse, if any.
const MessageDot* DrawMessages(ImDrawList* dl, const MessagesView& m, const ClusterGeometry& g) {
  const MessageDot* hovered = nullptr;
  float best = g.unit * 0.6f;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const float r = g.unit * 0.42f;  // large enough to follow from the back of a classroom
  std::map<std::pair<NodeId, NodeId>, Road> roads;
  for (const MessageDot& d : m.dots) {
    if (!g.centers.count(d.from) || !g.centers.count(d.to)) continue;
    auto [it, fresh] = roads.try_emplace({d.from, d.to});
    if (fresh) {
      it->second = RoadBetween(g, d.from, d.to, r * 1.3f);
      DrawRoad(dl, it->second);
    }
  }
  for (const MessageDot& d : m.dots) {
    auto it = roads.find({d.from, d.to});
    if (it == roads.end()) continue;
    const ImVec2 p = it->second.At(d.progress);
    const ImU32 col = KindColor(d.kind);
    const NoFillFringe edge_under_the_ring(dl);
    if (d.response) {
      dl->AddCircleFilled(p, r, IM_COL32(0, 0, 0, 200), 10);
      dl->AddCircle(p, r * 0.8f, col, 10, LineWidth(r * 0.45f));
    } else {
      dl->AddCircleFilled(p, r, col, 10);
      dl->AddCircle(p, r, IM_COL32(0, 0, 0, 200), 10, 1.0f);
    }
    const float dist = std::hypot(mouse.x - p.x, mouse.y - p.y);
    if (dist < best) {
      best = dist;
      hovered = &d;
    }
  }
  return hovered;
}

void DrawCrown(ImDrawList* dl, ImVec2 top_mid, float u) {
  float w = u * 1.6f, h = u * 0.9f;
  ImVec2 bl(top_mid.x - w / 2, top_mid.y - u * 0.2f), br(top_mid.x + w / 2, top_mid.y - u * 0.2f);
  dl->AddRectFilled(ImVec2(bl.x, bl.y - h * 0.35f), br, theme::kCrown);
  for (int i = 0; i < 3; ++i) {
    float cx = bl.x + w * (0.5f * static_cast<float>(i));
    float x0 = std::max(bl.x, cx - w * 0.22f), x1 = std::min(br.x, cx + w * 0.22f);
    dl->AddTriangleFilled(ImVec2(x0, bl.y - h * 0.3f), ImVec2(x1, bl.y - h * 0.3f), ImVec2(cx, bl.y - h),
                          theme::kCrown);
  }
}

// The legend wraps: an item that would run past the window starts a new line.
void WrapLegendFor(float w) {
  if (ImGui::GetCursorScreenPos().x + w > ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
    ImGui::NewLine();
}

void LegendItem(ImU32 color, const char* text, bool dashed = false) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float u = ImGui::GetFontSize();
  WrapLegendFor(u * 1.5f + ImGui::GetStyle().ItemSpacing.x + ImGui::CalcTextSize(text).x);
  ImVec2 p = ImGui::GetCursorScreenPos();
  if (dashed) {
    DrawDashedLine(dl, ImVec2(p.x, p.y + u * 0.55f), ImVec2(p.x + u * 1.4f, p.y + u * 0.55f), color, u * 0.18f,
                   u * 0.3f);
  } else {
    dl->AddRectFilled(ImVec2(p.x, p.y + u * 0.15f), ImVec2(p.x + u * 1.4f, p.y + u * 0.95f), color, u * 0.15f);
  }
  ImGui::Dummy(ImVec2(u * 1.5f, u));
  ImGui::SameLine();
  ImGui::TextUnformatted(text);
  ImGui::SameLine(0, u);
}

// One checkbox per message type, in its colour, with how many are on the
// wire; unticked types are not drawn and do not stretch time.
bool MessageLegend(UiState& ui) {
  bool changed = false;
  const float u = ImGui::GetFontSize();
  for (size_t i = 0; i < kMessageKinds; ++i) {
    const auto k = static_cast<MessageKind>(i);
    const std::string label = std::string(MessageKindName(k)) + " " + std::to_string(ui.messages.count[i]);
    WrapLegendFor(u * 2.2f + ImGui::CalcTextSize(label.c_str()).x);
    ImGui::PushStyleColor(ImGuiCol_CheckMark, ImGui::ColorConvertU32ToFloat4(KindColor(k)));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(KindColor(k)));
    ImGui::PushID(static_cast<int>(i));
    changed |= ImGui::Checkbox(label.c_str(), &ui.message_filter[i]);
    ImGui::PopID();
    ImGui::PopStyleColor(2);
    ImGui::SameLine(0, u * 0.6f);
  }
  WrapLegendFor(ImGui::CalcTextSize("ring = response  [] parked fetch").x);
  ImGui::TextColored(theme::ToVec4(theme::kTextDim), "ring = response  [] parked fetch");
  ImGui::SameLine(0, u);
  WrapLegendFor(u * 2 + ImGui::CalcTextSize("slow time for messages").x);
  changed |= ImGui::Checkbox("slow time for messages", &ui.stretch_messages);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "While a ticked message type is on the wire, playing slows down so that each\n"
        "message takes half a second to cross. The simulation is the same either way.");
  ImGui::SameLine(0, u);
  return changed;
}

void Legend(size_t in_flight, bool processors) {
  LegendItem(theme::kBrokerUp, "up");
  if (processors) LegendItem(theme::kProcessorUp, "processor");
  LegendItem(theme::kPaused, "paused");
  LegendItem(theme::kCrashed, "crashed");
  LegendItem(theme::kCutLink, "cut link", true);
  WrapLegendFor(ImGui::CalcTextSize("0000 in flight (?)").x);
  ImGui::TextColored(theme::ToVec4(theme::kTextDim), "%zu in flight", in_flight);
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "Right-click a node to inject a fault (crash, restart, pause, isolate, cut off from ZooKeeper).\n"
        "Drag from a node to another to cut, slow or duplicate that link (both ways or one way).\n"
        "Drag across empty space to partition the nodes on each side of the line.\n"
        "Dots are messages on the wire; hover one to see what it is.\n"
        "The crown marks the controller.");
  }
}

}  // namespace

UiCommands ShowClusterWindow(UiState& ui, const sim::Simulation& sim) {
  UiCommands out;
  // A canvas sized to the window: a scrollbar would only take width from it
  // (and cut its right edge off), so there is none.
  if (!ImGui::Begin("Cluster", nullptr, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse)) {
    ImGui::End();
    return out;
  }
  ui.messages = BuildMessagesView(sim, ui.message_filter);
  // The legend (node states, message types and their filters) over the boxes
  // where the window has room for both; where it is short (1024x768 with a
  // consumer group, a projector's --scale 2) one line that opens it, so the
  // three rows of boxes keep two lines of text each.
  const float u = ImGui::GetFontSize();
  const bool roomy = ImGui::GetWindowHeight() > u * 20;
  if (roomy) {
    Legend(sim.world().in_flight().size(), !sim.scenario().processors.empty());
    ImGui::NewLine();
  }
  ImGui::SetNextItemOpen(roomy, ImGuiCond_Appearing);
  if (ImGui::TreeNodeEx(roomy ? "message types" : "legend", ImGuiTreeNodeFlags_NoTreePushOnOpen)) {
    if (!roomy) {
      Legend(sim.world().in_flight().size(), !sim.scenario().processors.empty());
      ImGui::NewLine();
    }
    if (MessageLegend(ui))
      out.push_back(UiCommand{SetMessageStretchCommand{ui.stretch_messages, 0.5, ui.message_filter}});
    ImGui::NewLine();
  } else if (!roomy) {
    ImGui::SameLine(0, u);
    ImGui::TextColored(theme::ToVec4(theme::kTextDim), "%zu in flight", sim.world().in_flight().size());
  }
  ImVec2 origin = ImGui::GetCursorScreenPos();
  ImVec2 size = ImGui::GetContentRegionAvail();
  size = ImVec2(std::max(size.x, 200.0f), std::max(size.y, 120.0f));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ClusterGeometry g = Place(sim, origin, size);
  DrawCutLinks(dl, sim, g);
  std::vector<NodeBox> boxes;
  for (const auto& [id, c] : g.centers) boxes.push_back({sim.world().NameOf(id), {c.x, c.y}});
  DrawLinkFaults(ui, sim, boxes, {g.box.x, g.box.y});  // slowed, lossy, duplicating links
  // What each broker believes it leads: agreed with ZooKeeper, or not.
  std::map<NodeId, std::vector<std::string>> leads, thinks;
  for (const PartitionView& v : ui.view.partitions) {
    for (const ReplicaBelief& r : v.replicas) {
      if (r.believes_leader && r.process != BrokerProcess::kCrashed)
        (r.cluster_leader ? leads : thinks)[r.broker].push_back(v.tp.ToString());
    }
  }
  auto count = [](const std::vector<std::string>& tps) {
    return tps.size() == 1 ? tps[0] : std::to_string(tps.size());
  };
  NodeId controller = sim.Controller();
  for (const auto& [id, slot] : sim.world().slots()) {
    ImVec2 c = g.centers[id];
    NodeDetail detail;
    if (auto it = thinks.find(id); it != thinks.end()) {
      detail = {"leads " + count(it->second) + "?", theme::kDisagree};  // ZooKeeper says otherwise
    } else if (auto it2 = leads.find(id); it2 != leads.end()) {
      detail = {"leads " + count(it2->second), theme::kNodeDetail};
    }
    const scenario::ProcessorSpec* proc = ProcessorNamed(sim, slot->name());
    if (proc != nullptr) {  // a processor: what it reads -> what it writes
      std::string in;
      for (const std::string& t : proc->input) in += (in.empty() ? "" : ",") + t;
      detail = {in + " -> " + proc->output, theme::kNodeDetail};
    }
    ImU32 fill = !slot->alive()    ? theme::kCrashed
                 : slot->paused()  ? theme::kPaused
                 : proc != nullptr ? theme::kProcessorUp
                                   : UpColor(slot->kind());
    DrawNode(ui, sim, *slot, c, g.box, fill, detail, out);
    if (id == controller) DrawCrown(dl, ImVec2(c.x, c.y - g.box.y / 2), g.unit);
  }
  ClusterFaultGestures(ui, sim, boxes, {g.box.x, g.box.y}, origin, size, out);
  if (ui.show_messages) DrawParked(dl, ui.messages, g);
  const MessageDot* hovered = ui.show_messages ? DrawMessages(dl, ui.messages, g) : nullptr;
  if (hovered != nullptr && ImGui::IsWindowHovered()) {
    ImGui::BeginTooltip();
    ImGui::Text("%.*s", static_cast<int>(hovered->name.size()), hovered->name.data());
    ImGui::Text("%s -> %s", sim.world().NameOf(hovered->from).c_str(), sim.world().NameOf(hovered->to).c_str());
    ImGui::Text("sent %s, arrives %s", FormatSeconds(hovered->sent_at).c_str(),
                FormatSeconds(hovered->deliver_at).c_str());
    ImGui::EndTooltip();
  }
  ImGui::End();
  return out;
}

}  // namespace kafkasim::viz
