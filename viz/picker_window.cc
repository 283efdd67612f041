// viz/picker_window.cc — the scenario library as a list: name, first
// sentence of the description; a click opens the scenario (the app loads it
// next frame, ui.open_request).
#include <algorithm>
#include <cctype>

#include "viz/theme.h"
#include "viz/windows.h"

namespace kafkasim::viz {

namespace {

bool Contains(const std::string& text, const char* filter) {
  std::string t = text, f = filter;
  auto lower = [](std::string& s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  };
  lower(t);
  lower(f);
  return t.find(f) != std::string::npos;
}

}  // namespace

void ShowScenarioPicker(UiState& ui) {
  if (!ui.show_picker) return;
  if (ui.library.empty() && !ui.library_dir.empty()) ui.library = ListLibrary(ui.library_dir);
  ImVec2 d = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(d.x * 0.5f, d.y * 0.5f), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(d.x * 0.8f, d.y * 0.8f), ImGuiCond_Appearing);
  if (!ImGui::Begin("Scenario library (L)", &ui.show_picker, ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::End();
    return;
  }
  char* filter = ui.picker_filter;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
  ImGui::InputTextWithHint("##filter", "filter", filter, sizeof ui.picker_filter);
  ImGui::SameLine();
  ImGui::TextColored(
      theme::ToVec4(theme::kTextDim), "%s",
      ui.library_dir.empty() ? "no scenario library found (set KAFKASIM_SCENARIOS)" : ui.library_dir.c_str());
  if (!ui.open_error.empty()) ImGui::TextColored(theme::ToVec4(theme::kFail), "%s", ui.open_error.c_str());
  if (ImGui::BeginTable("library", 2,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV)) {
    ImGui::TableSetupColumn("scenario", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("what it shows", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableHeadersRow();
    for (const LibraryEntry& e : ui.library) {
      if (filter[0] != '\0' && !Contains(e.name + " " + e.summary, filter)) continue;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (ImGui::Selectable(e.name.c_str(), false, ImGuiSelectableFlags_SpanAllColumns) && e.ok) {
        ui.open_request = e.path;
        ui.show_picker = false;
      }
      ImGui::TableNextColumn();
      ImGui::PushStyleColor(ImGuiCol_Text, theme::ToVec4(e.ok ? theme::kText : theme::kFail));
      ImGui::TextWrapped("%s", e.summary.c_str());
      ImGui::PopStyleColor();
    }
    ImGui::EndTable();
  }
  ImGui::End();
}

}  // namespace kafkasim::viz
