// viz/narration_banner.cc — the latest narration step the run has passed,
// in large type on a blue band, for the class to read.
#include "viz/theme.h"
#include "viz/windows.h"

namespace kafkasim::viz {

void ShowNarrationBanner(UiState& ui, const sim::Simulation& sim) {
  const scenario::NarrationStep* current = nullptr;
  for (const scenario::NarrationStep& n : sim.scenario().narration) {
    if (n.at_ns <= sim.now()) current = &n;
  }
  ImGui::PushStyleColor(ImGuiCol_WindowBg, theme::ToVec4(theme::kNarration));
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings |
                           ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav;
  if (ImGui::Begin("Narration", nullptr, flags)) {
    ImGui::SetWindowFontScale(kNarrationFontScale);
    if (current == nullptr) {
      const scenario::Scenario& s = sim.scenario();
      ImGui::PushStyleColor(ImGuiCol_Text, theme::ToVec4(theme::kTextDim));
      ImGui::TextWrapped("%s", s.description.empty() ? s.name.c_str() : s.description.c_str());
      ImGui::PopStyleColor();
    } else {
      ImGui::TextColored(theme::ToVec4(theme::kCrown), "%s", FormatSeconds(current->at_ns).c_str());
      ImGui::SameLine();
      ImGui::TextWrapped("%s", current->text.c_str());
    }
  }
  ImGui::End();
  ImGui::PopStyleColor();
  (void)ui;
}

}  // namespace kafkasim::viz
