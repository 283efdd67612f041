// viz/theme.cc — palette lookups and the ImGui style.
#include "viz/theme.h"

#include <array>

namespace kafkasim::viz::theme {

namespace {

constexpr std::array<ImU32, 10> kPalette = {
    IM_COL32(255, 99, 71, 255),  IM_COL32(255, 190, 60, 255), IM_COL32(120, 220, 90, 255),
    IM_COL32(64, 200, 255, 255), IM_COL32(190, 120, 255, 255), IM_COL32(255, 120, 200, 255),
    IM_COL32(240, 240, 120, 255), IM_COL32(90, 255, 200, 255), IM_COL32(255, 150, 100, 255),
    IM_COL32(150, 180, 255, 255)};

constexpr std::array<ImU32, 6> kEpochs = {IM_COL32(70, 130, 220, 255), IM_COL32(230, 140, 40, 255),
                                          IM_COL32(60, 180, 110, 255), IM_COL32(200, 80, 170, 255),
                                          IM_COL32(200, 200, 70, 255), IM_COL32(90, 200, 210, 255)};

}  // namespace

ImU32 MessageColor(std::string_view name) {
  uint32_t h = 2166136261u;  // FNV-1a: stable across runs and machines
  for (char c : name) h = (h ^ static_cast<uint8_t>(c)) * 16777619u;
  return kPalette[h % kPalette.size()];
}

ImU32 EpochColor(int32_t epoch, bool committed) {
  ImU32 c = kEpochs[static_cast<size_t>(epoch < 0 ? 0 : epoch) % kEpochs.size()];
  if (committed) return c;
  ImVec4 v = ImGui::ColorConvertU32ToFloat4(c);
  return ImGui::ColorConvertFloat4ToU32(ImVec4(v.x * 0.45f, v.y * 0.45f, v.z * 0.45f, 1.0f));
}

ImU32 GreyedEpochColor(int32_t epoch) {
  ImVec4 v = ImGui::ColorConvertU32ToFloat4(EpochColor(epoch, true));
  float grey = (v.x + v.y + v.z) / 3;
  auto mix = [&](float c) { return (c * 0.35f + grey * 0.65f) * 0.6f; };
  return ImGui::ColorConvertFloat4ToU32(ImVec4(mix(v.x), mix(v.y), mix(v.z), 1.0f));
}

void ApplyStyle(float scale) {
  ImGui::StyleColorsDark();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 4;
  style.FrameRounding = 3;
  style.WindowBorderSize = 1;
  style.Colors[ImGuiCol_WindowBg] = ToVec4(IM_COL32(30, 33, 40, 250));
  style.Colors[ImGuiCol_TitleBgActive] = ToVec4(IM_COL32(45, 70, 120, 255));
  style.Colors[ImGuiCol_TitleBg] = ToVec4(IM_COL32(38, 48, 70, 255));
  style.Colors[ImGuiCol_Text] = ToVec4(kText);
  style.ScaleAllSizes(scale);
}

}  // namespace kafkasim::viz::theme
