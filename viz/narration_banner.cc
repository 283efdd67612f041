// viz/narration_banner.cc — the narration step shown last (a step with
// `after:` appears at its event), in large type on a blue band, for the
// class to read. A step too long for the band is set smaller rather than cut.
#include <algorithm>

#include "viz/theme.h"
#include "viz/windows.h"

namespace kafkasim::viz {

namespace {

// The largest font scale (<= `largest`) at which `text`, wrapped
// in the width left after `label`, fits the window's remaining height.
float FitScale(float largest, const char* label, const char* text) {
  ImVec2 avail = ImGui::GetContentRegionAvail();
  float scale = largest;
  for (; scale > 0.6f; scale -= 0.05f) {
    ImGui::SetWindowFontScale(scale);
    float label_w = label[0] ? ImGui::CalcTextSize(label).x + ImGui::GetStyle().ItemSpacing.x : 0;
    float h = ImGui::CalcTextSize(text, nullptr, false, std::max(10.0f, avail.x - label_w)).y;
    if (h <= avail.y + 1) break;
  }
  return scale;
}

}  // namespace

void ShowNarrationBanner(UiState& ui, const sim::Simulation& sim) {
  const scenario::NarrationStep* current = sim.narration().current();
  const float largest = NarrationFontScale();  // outside the banner: its own scale is not the UI's
  ImGui::PushStyleColor(ImGuiCol_WindowBg, theme::ToVec4(theme::kNarration));
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings |
                           ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav;
  if (ImGui::Begin("Narration", nullptr, flags)) {
    if (current == nullptr) {
      const scenario::Scenario& s = sim.scenario();
      const std::string& text = s.description.empty() ? s.name : s.description;
      ImGui::SetWindowFontScale(FitScale(largest, "", text.c_str()));
      ImGui::PushStyleColor(ImGuiCol_Text, theme::ToVec4(theme::kTextDim));
      ImGui::TextWrapped("%s", text.c_str());
      ImGui::PopStyleColor();
    } else {
      std::string when = FormatSeconds(*sim.narration().shown_at(sim.narration().current_index()));
      ImGui::SetWindowFontScale(FitScale(largest, when.c_str(), current->text.c_str()));
      ImGui::TextColored(theme::ToVec4(theme::kCrown), "%s", when.c_str());
      ImGui::SameLine();
      ImGui::TextWrapped("%s", current->text.c_str());
    }
  }
  ImGui::End();
  ImGui::PopStyleColor();
  (void)ui;
}

}  // namespace kafkasim::viz
