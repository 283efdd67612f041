// viz/timeline_window.cc — the run told in sentences (time + text, newest
// at the bottom, auto-scrolling) under a space-time strip: one lane per node,
// marks at faults, elections and ISR changes, narration across all lanes.
// Clicking the strip seeks to that moment.
#include <algorithm>
#include <cmath>
#include <cstddef>

#include "viz/theme.h"
#include "viz/timeline_marks.h"
#include "viz/windows.h"

namespace kafkasim::viz {

namespace {

ImU32 MarkColor(MarkKind k) {
  switch (k) {
    case MarkKind::kFault:
      return theme::kFaultMark;
    case MarkKind::kElection:
      return theme::kElectionMark;
    case MarkKind::kIsr:
      return theme::kIsrMark;
    case MarkKind::kNarration:
      return theme::kNarrationMark;
    case MarkKind::kOther:
      return theme::kOtherMark;
  }
  return theme::kOtherMark;
}

struct Strip {
  ImVec2 pos;
  float label_w, lane_h, width;
  TimeNs end;
  float X(TimeNs t) const {
    return pos.x + label_w + width * static_cast<float>(t) / static_cast<float>(std::max<TimeNs>(1, end));
  }
};

// Classifies the story lines not classified yet (all of them when the story
// is another one than last frame's).
void ClassifyNewLines(UiState& ui, const sim::Simulation& sim, const std::vector<std::string>& lanes) {
  const auto& lines = sim.story().lines();
  auto& info = ui.story_info;
  if (info.size() > lines.size() || (!info.empty() && lines[info.size() - 1].text != ui.story_info_last)) {
    info.clear();
    ui.story_tops.clear();
  }
  for (size_t i = info.size(); i < lines.size(); ++i)
    info.push_back({ClassifyStoryLine(lines[i].text, lanes), IsInternalStoryLine(lines[i].text)});
  if (!info.empty()) ui.story_info_last = lines[info.size() - 1].text;
}

// Draws the marks; returns the story line under the mouse (or -1). A mark
// on a pixel column of a lane that already has one of its kind is not drawn
// again (a 12-broker run has thousands of HW lines a second: one line each
// was most of the strip's triangles, and the same picture).
int DrawMarks(const Strip& s, const UiState& ui, const sim::Simulation& sim, size_t lane_count,
              const std::vector<size_t>& shown) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float u = ImGui::GetFontSize();
  ImVec2 mouse = ImGui::GetIO().MousePos;
  float total_h = s.lane_h * static_cast<float>(lane_count);
  int hovered = -1;
  const auto& lines = sim.story().lines();
  constexpr size_t kKinds = 5;
  std::vector<float> last_x((lane_count + 1) * kKinds, -1e9f);  // by lane (+1: all lanes) and kind
  const float clip_top = dl->GetClipRectMin().y, clip_bottom = dl->GetClipRectMax().y;
  for (size_t i : shown) {
    const StoryMark m = ui.story_info[i].mark;
    const float x = std::round(s.X(lines[i].at));
    float y0 = m.lane < 0 ? s.pos.y : s.pos.y + s.lane_h * static_cast<float>(m.lane);
    float y1 = m.lane < 0 ? s.pos.y + total_h : y0 + s.lane_h;
    if (std::abs(mouse.x - x) < u * 0.3f && mouse.y >= y0 && mouse.y <= y1) hovered = static_cast<int>(i);
    float& last = last_x[static_cast<size_t>(m.lane + 1) * kKinds + static_cast<size_t>(m.kind)];
    if (x == last || y1 < clip_top || y0 > clip_bottom) continue;
    last = x;
    if (m.kind == MarkKind::kOther) {
      dl->AddLine(ImVec2(x, y0 + s.lane_h * 0.35f), ImVec2(x, y1 - s.lane_h * 0.35f), MarkColor(m.kind), 1.0f);
    } else {
      dl->AddLine(ImVec2(x, y0 + 2), ImVec2(x, y1 - 2), MarkColor(m.kind), m.lane < 0 ? 1.0f : LineWidth(u * 0.22f));
    }
  }
  return hovered;
}

void DrawLanes(const Strip& s, const sim::Simulation& sim, const std::vector<std::string>& lanes) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float u = ImGui::GetFontSize();
  size_t i = 0;
  const ImVec2 clip_lo = dl->GetClipRectMin(), clip_hi = dl->GetClipRectMax();
  for (const auto& [id, slot] : sim.world().slots()) {
    float y = s.pos.y + s.lane_h * static_cast<float>(i);
    if (y > clip_hi.y || y + s.lane_h < clip_lo.y) {  // scrolled out of sight
      ++i;
      continue;
    }
    // Every other lane striped; the others show the window's background.
    if (i % 2 == 1) dl->AddRectFilled(ImVec2(s.pos.x, y), ImVec2(s.X(s.end), y + s.lane_h), theme::kRowAlt);
    ImU32 state = !slot->alive() ? theme::kCrashed : slot->paused() ? theme::kPaused : theme::kBrokerUp;
    dl->AddRectFilled(ImVec2(s.pos.x + 2, y + 3), ImVec2(s.pos.x + u * 0.5f, y + s.lane_h - 3), state);
    float fs = std::min(u, s.lane_h * 0.95f);  // as large as the rest of the text, when the lanes fit
    dl->AddText(ImGui::GetFont(), fs, ImVec2(s.pos.x + u * 0.7f, y + (s.lane_h - fs) / 2), theme::kText,
                lanes[i].c_str());
    ++i;
  }
}

UiCommands ShowStrip(const UiState& ui, const sim::Simulation& sim, const std::vector<std::string>& lanes,
                     const std::vector<size_t>& shown) {
  UiCommands out;
  float u = ImGui::GetFontSize();
  // Lanes one text line high, labels as large as the rest of the text.
  float label_w = u * 3;
  for (const std::string& l : lanes) label_w = std::max(label_w, ImGui::CalcTextSize(l.c_str()).x + u * 1.2f);
  float lane_h = u * 1.1f;
  Strip s{ImGui::GetCursorScreenPos(), label_w, lane_h, 0, sim.end_time()};
  s.width = std::max(u * 5, ImGui::GetContentRegionAvail().x - s.label_w - u * 0.5f);
  float total_h = s.lane_h * static_cast<float>(lanes.size());
  DrawLanes(s, sim, lanes);
  int hovered = DrawMarks(s, ui, sim, lanes.size(), shown);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float now_x = s.X(sim.now());
  dl->AddLine(ImVec2(now_x, s.pos.y - 2), ImVec2(now_x, s.pos.y + total_h + 2), theme::kNow, 2.0f);
  ImGui::SetCursorScreenPos(ImVec2(s.pos.x + s.label_w, s.pos.y));
  ImGui::InvisibleButton("strip", ImVec2(s.width, std::max(total_h, 1.0f)));
  if (ImGui::IsItemClicked(ImGuiMouseButton_Left)) {
    float f = (ImGui::GetIO().MousePos.x - s.pos.x - s.label_w) / s.width;
    out.push_back({SeekCommand{static_cast<TimeNs>(std::clamp(f, 0.0f, 1.0f) * static_cast<float>(s.end))}});
  }
  if (hovered >= 0) {
    const auto& line = sim.story().lines()[static_cast<size_t>(hovered)];
    ImGui::SetTooltip("%s  %s", FormatSeconds(line.at).c_str(), line.text.c_str());
  } else if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("click to seek here");
  }
  return out;
}

void ShowStory(UiState& ui, const sim::Simulation& sim, const std::vector<size_t>& shown) {
  const auto& lines = sim.story().lines();
  ImGui::Checkbox("follow", &ui.follow_story);
  // On this line if it fits, else the next (a narrow window, a large scale).
  const char* hide = "hide __consumer_offsets";
  float hide_w = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(hide).x;
  if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + hide_w <=
      ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) {
    ImGui::SameLine();
  }
  ImGui::Checkbox(hide, &ui.hide_internal);
  ImGui::BeginChild("story", ImVec2(0, 0), true);
  // Each line wraps at the edge, its continuation under its text (not under
  // the time): lines of different heights, so the tops are kept (only new
  // lines are measured) and only the lines in sight are drawn.
  const float x0 = ImGui::GetCursorPosX();  // window-local, as SameLine and the wrap position take it
  const float time_w = ImGui::CalcTextSize("000.000 s").x + ImGui::GetStyle().ItemSpacing.x;
  const float wrap_w = std::max(ImGui::GetFontSize() * 4, ImGui::GetContentRegionAvail().x - time_w);
  std::vector<float>& tops = ui.story_tops;
  if (tops.empty() || std::abs(wrap_w - ui.story_wrap_w) > 0.5f || ui.story_hide_internal != ui.hide_internal ||
      tops.size() > shown.size() + 1) {
    tops.assign(1, 0.0f);
    ui.story_wrap_w = wrap_w;
    ui.story_hide_internal = ui.hide_internal;
  }
  const float spacing = ImGui::GetStyle().ItemSpacing.y;
  for (size_t i = tops.size() - 1; i < shown.size(); ++i) {
    const float h = ImGui::CalcTextSize(lines[shown[i]].text.c_str(), nullptr, false, wrap_w).y;
    tops.push_back(tops.back() + h + spacing);
  }
  const float y0 = ImGui::GetScrollY(), y1 = y0 + ImGui::GetWindowHeight();
  const auto first = static_cast<size_t>(
      std::max<std::ptrdiff_t>(0, std::upper_bound(tops.begin(), tops.end(), y0) - tops.begin() - 1));
  const float start_y = ImGui::GetCursorPosY();
  for (size_t i = first; i < shown.size() && tops[i] < y1; ++i) {
    const auto& l = lines[shown[i]];
    ImGui::SetCursorPosY(start_y + tops[i]);
    ImGui::TextColored(theme::ToVec4(theme::kTextDim), "%9s", FormatSeconds(l.at).c_str());
    ImGui::SameLine(x0 + time_w);
    MarkKind k = ui.story_info[shown[i]].mark.kind;
    ImU32 c = k == MarkKind::kOther ? theme::kText : MarkColor(k);
    ImGui::PushTextWrapPos(x0 + time_w + wrap_w);
    ImGui::TextColored(theme::ToVec4(c), "%s", l.text.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::SetCursorPosY(start_y + tops.back());
  ImGui::Dummy(ImVec2(1, 0));
  if (ui.follow_story && shown.size() != ui.story_lines_seen) ImGui::SetScrollHereY(1.0f);
  ui.story_lines_seen = shown.size();
  ImGui::EndChild();
}

}  // namespace

UiCommands ShowTimelineWindow(UiState& ui, const sim::Simulation& sim) {
  UiCommands out;
  if (!ImGui::Begin("Timeline")) {
    ImGui::End();
    return out;
  }
  std::vector<std::string> lanes;
  for (const auto& [id, slot] : sim.world().slots()) lanes.push_back(slot->name());
  ClassifyNewLines(ui, sim, lanes);
  std::vector<size_t> shown;
  for (size_t i = 0; i < ui.story_info.size(); ++i) {
    if (!ui.hide_internal || !ui.story_info[i].internal) shown.push_back(i);
  }
  // The strip in its own scrolling region: all of it while it fits above
  // two lines of story, else scrolled (a big cluster), never squeezed.
  float u = ImGui::GetFontSize();
  float lanes_h = u * 1.1f * static_cast<float>(sim.world().slots().size()) + ImGui::GetStyle().WindowPadding.y;
  float strip_h = std::max(u * 2.2f, std::min(lanes_h, ImGui::GetContentRegionAvail().y -
                                                           ImGui::GetFrameHeightWithSpacing() * 2 - u * 2.4f));
  ImGui::BeginChild("lanes", ImVec2(0, strip_h), false);
  out = ShowStrip(ui, sim, lanes, shown);
  ImGui::EndChild();
  ImGui::Dummy(ImVec2(1, ImGui::GetFontSize() * 0.2f));
  ShowStory(ui, sim, shown);
  ImGui::End();
  return out;
}

}  // namespace kafkasim::viz
