// viz/cluster_node.cc — one node of the cluster view: its box and labels,
// selection by left click and the fault menu on right click.
#include <algorithm>
#include <cstdio>
#include <string>

#include "viz/fault_injection.h"
#include "viz/cluster_node.h"
#include "viz/theme.h"
#include "viz/windows.h"

namespace kafkasim::viz {

namespace {

const char* StateText(const sim::NodeSlot& slot) {
  if (!slot.alive()) return "CRASHED";
  if (slot.paused()) return "PAUSED";
  return "up";
}

void CenteredText(ImDrawList* dl, ImVec2 center, float y, const std::string& text, ImU32 color, float scale) {
  ImFont* font = ImGui::GetFont();
  float size = ImGui::GetFontSize() * scale;
  ImVec2 ts = font->CalcTextSizeA(size, FLT_MAX, 0, text.c_str());
  dl->AddText(font, size, ImVec2(center.x - ts.x / 2, y), color, text.c_str());
}

// The key a scripted session finds a menu item by (--ui-dump "menu:crash").
const char* ActionKey(NodeAction a) {
  switch (a) {
    case NodeAction::kCrash:
      return "crash";
    case NodeAction::kPowerFail:
      return "power_fail";
    case NodeAction::kPowerFailTorn:
      return "power_fail_torn";
    case NodeAction::kRestart:
      return "restart";
    case NodeAction::kPause:
      return "pause";
    case NodeAction::kIsolate:
      return "isolate";
    case NodeAction::kCutFromZooKeeper:
      return "cut_zookeeper";
    case NodeAction::kHeal:
      return "heal";
  }
  return "?";
}

void FaultMenu(UiState& ui, const sim::Simulation& sim, const sim::NodeSlot& slot, UiCommands& out) {
  ImGui::TextUnformatted(slot.name().c_str());
  ImGui::TextDisabled("at %s", FormatSeconds(InjectionTime(sim.now())).c_str());
  ImGui::Separator();
  struct Item {
    NodeAction action;
    bool enabled;
  };
  bool broker = slot.kind() == sim::NodeKind::kBroker;
  const Item items[] = {{NodeAction::kCrash, slot.alive()},
                        {NodeAction::kPowerFail, slot.alive()},
                        {NodeAction::kPowerFailTorn, slot.alive()},
                        {NodeAction::kRestart, !slot.alive()},
                        {NodeAction::kPause, slot.alive() && !slot.paused()},
                        {NodeAction::kIsolate, true},
                        {NodeAction::kCutFromZooKeeper, broker},
                        {NodeAction::kHeal, true}};
  for (const Item& item : items) {
    if (item.action == NodeAction::kCutFromZooKeeper && !broker) continue;
    std::string label = NodeActionName(item.action);
    if (item.action == NodeAction::kPause) {
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
      ImGui::SliderFloat("##pause", &ui.faults.pause_seconds, 0.1f, 30.0f, "for %.1f s", ImGuiSliderFlags_Logarithmic);
      char buf[48];
      std::snprintf(buf, sizeof buf, "pause for %.1f s", static_cast<double>(ui.faults.pause_seconds));
      label = buf;
    }
    if (ImGui::MenuItem(label.c_str(), nullptr, false, item.enabled)) {
      auto pause_for = static_cast<TimeNs>(ui.faults.pause_seconds * 1000.0f) * kNsPerMs;
      out.push_back(
          {InjectFaultCommand{MakeNodeFault(sim.scenario(), slot.name(), item.action, sim.now(), pause_for)}});
    }
    NoteItem(ui, std::string("menu:") + ActionKey(item.action));
  }
}

}  // namespace

void DrawNode(UiState& ui, const sim::Simulation& sim, const sim::NodeSlot& slot, ImVec2 center, ImVec2 box, ImU32 fill,
              const NodeDetail& detail, UiCommands& out) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 lo(center.x - box.x / 2, center.y - box.y / 2), hi(center.x + box.x / 2, center.y + box.y / 2);
  float u = ImGui::GetFontSize();
  bool selected = ui.selected_node == slot.name();
  {
    NoFillFringe edge_under_the_border(dl);  // the shadow is soft anyway
    // The shadow as two strips along the right and bottom edges, not a
    // whole box under the box (the same look, a tenth of the pixels a
    // software rasterizer shades; docs/performance.md).
    const ImU32 shadow = IM_COL32(0, 0, 0, 90);
    dl->AddRectFilled(ImVec2(hi.x - u * 0.4f, lo.y + 4), ImVec2(hi.x + 4, hi.y + 4), shadow, u * 0.4f,
                      ImDrawFlags_RoundCornersRight);
    dl->AddRectFilled(ImVec2(lo.x + 4, hi.y - u * 0.4f), ImVec2(hi.x - u * 0.4f, hi.y + 4), shadow, u * 0.4f,
                      ImDrawFlags_RoundCornersBottomLeft);
    dl->AddRectFilled(lo, hi, fill, u * 0.4f);
  }
  dl->AddRect(lo, hi, selected ? theme::kSelected : theme::kBorder, u * 0.4f, 0, selected ? 4.0f : 2.0f);
  // Name on top; below it the state when not up, else what it leads.
  bool up = slot.alive() && !slot.paused();
  std::string second = up ? detail.text : StateText(slot);
  float name_w = ImGui::CalcTextSize(slot.name().c_str()).x;
  float scale = std::min(1.1f, (box.x - u * 0.4f) / std::max(1.0f, name_w));
  float lines_h = u * scale + (second.empty() ? 0 : u * 0.9f);
  float top = center.y - lines_h / 2;
  CenteredText(dl, center, top, slot.name(), theme::kText, scale);
  if (!second.empty()) {
    float second_w = ImGui::CalcTextSize(second.c_str()).x;
    float second_scale = std::min(0.85f, (box.x - u * 0.4f) / std::max(1.0f, second_w));
    CenteredText(dl, center, top + u * scale, second, up ? detail.color : theme::kNodeDetail, second_scale);
  }

  ImGui::SetCursorScreenPos(lo);
  ImGui::PushID(slot.name().c_str());
  ImGui::InvisibleButton("node", box);
  // Selected on a click, not at the start of a drag (a drag to another node is a link fault).
  float slop = ImGui::GetIO().MouseDragThreshold;
  if (ImGui::IsItemDeactivated() && ImGui::GetIO().MouseDragMaxDistanceSqr[ImGuiMouseButton_Left] < slop * slop) {
    ui.selected_node = selected ? "" : slot.name();
  }
  if (ImGui::IsItemHovered() && !ImGui::IsPopupOpen("faults")) {
    ImGui::SetTooltip("%s: %s. Right-click to inject a fault.", slot.name().c_str(), StateText(slot));
  }
  if (ImGui::BeginPopupContextItem("faults")) {
    FaultMenu(ui, sim, slot, out);
    ImGui::EndPopup();
  }
  ImGui::PopID();
}

}  // namespace kafkasim::viz
