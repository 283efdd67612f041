// viz/theme.cc — palette lookups and the ImGui style.
#include "viz/theme.h"

#include <array>
#include <vector>

namespace kafkasim::viz::theme {

namespace {

constexpr std::array<ImU32, 10> kPalette = {IM_COL32(255, 99, 71, 255),   IM_COL32(255, 190, 60, 255),
                                            IM_COL32(120, 220, 90, 255),  IM_COL32(64, 200, 255, 255),
                                            IM_COL32(190, 120, 255, 255), IM_COL32(255, 120, 200, 255),
                                            IM_COL32(240, 240, 120, 255), IM_COL32(90, 255, 200, 255),
                                            IM_COL32(255, 150, 100, 255), IM_COL32(150, 180, 255, 255)};

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
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 4;
  style.FrameRounding = 3;
  style.WindowBorderSize = 1;
  UsePalette(LightPalette());
  style.ScaleAllSizes(scale);
}

namespace {

// One color of the palette: where it lives, its dark and its light value.
struct Swatch {
  ImU32* color;
  ImU32 dark, light;
};

// Light: dark text on pale fills; the state fills lighter so black names on
// them stay legible; yellows darkened to gold (yellow on white vanishes).
std::vector<Swatch>& Swatches() {
  static std::vector<Swatch> all = {
      {&kBackground, kBackground, IM_COL32(236, 237, 240, 255)},
      {&kText, kText, IM_COL32(20, 22, 28, 255)},
      {&kTextDim, kTextDim, IM_COL32(85, 90, 100, 255)},
      {&kBrokerUp, kBrokerUp, IM_COL32(130, 205, 150, 255)},
      {&kZooKeeperUp, kZooKeeperUp, IM_COL32(190, 170, 230, 255)},
      {&kProducerUp, kProducerUp, IM_COL32(140, 185, 240, 255)},
      {&kConsumerUp, kConsumerUp, IM_COL32(120, 210, 215, 255)},
      {&kProcessorUp, kProcessorUp, IM_COL32(205, 175, 240, 255)},
      {&kCrashed, kCrashed, IM_COL32(235, 130, 130, 255)},
      {&kPaused, kPaused, IM_COL32(245, 195, 100, 255)},
      {&kBorder, kBorder, IM_COL32(40, 40, 50, 255)},
      {&kSelected, kSelected, IM_COL32(0, 0, 0, 255)},
      {&kCrown, kCrown, IM_COL32(150, 100, 0, 255)},
      {&kCutLink, kCutLink, IM_COL32(210, 30, 30, 255)},
      {&kLink, kLink, IM_COL32(110, 115, 130, 200)},
      {&kHighWatermark, kHighWatermark, IM_COL32(190, 140, 0, 255)},
      {&kLogEnd, kLogEnd, IM_COL32(0, 130, 180, 255)},
      {&kLogStart, kLogStart, IM_COL32(90, 90, 90, 255)},
      {&kLeaderRow, kLeaderRow, IM_COL32(245, 225, 150, 255)},
      {&kRowBackground, kRowBackground, IM_COL32(222, 224, 230, 255)},
      {&kOk, kOk, IM_COL32(20, 135, 50, 255)},
      {&kFail, kFail, IM_COL32(205, 25, 25, 255)},
      {&kNarration, kNarration, IM_COL32(200, 215, 245, 250)},
      {&kNow, kNow, IM_COL32(0, 0, 0, 200)},
      {&kFaultMark, kFaultMark, IM_COL32(215, 40, 40, 255)},
      {&kElectionMark, kElectionMark, IM_COL32(180, 130, 0, 255)},
      {&kIsrMark, kIsrMark, IM_COL32(0, 140, 180, 255)},
      {&kNarrationMark, kNarrationMark, IM_COL32(50, 80, 220, 255)},
      {&kOtherMark, kOtherMark, IM_COL32(110, 110, 120, 255)},
      {&kNodeDetail, kNodeDetail, IM_COL32(70, 55, 0, 255)},
      {&kDisagree, kDisagree, IM_COL32(200, 90, 0, 255)},
      {&kDisagreeRow, kDisagreeRow, IM_COL32(255, 210, 170, 255)},
      {&kCrashedRow, kCrashedRow, IM_COL32(205, 205, 208, 255)},
      {&kGreyed, kGreyed, IM_COL32(115, 115, 122, 255)},
      {&kOnlyOnDisk, kOnlyOnDisk, IM_COL32(215, 30, 30, 255)},
      {&kPosition, kPosition, IM_COL32(0, 140, 60, 255)},
      {&kCommitted, kCommitted, IM_COL32(190, 30, 160, 255)},
      {&kLastStable, kLastStable, IM_COL32(170, 0, 170, 255)},
      {&kOpenTxn, kOpenTxn, IM_COL32(200, 110, 0, 255)},
      {&kAborted, kAborted, IM_COL32(175, 175, 180, 255)},
      {&kCommitMarker, kCommitMarker, IM_COL32(20, 140, 50, 255)},
      {&kAbortMarker, kAbortMarker, IM_COL32(215, 30, 30, 255)},
      {&kRowAlt, kRowAlt, IM_COL32(232, 233, 238, 255)},
      {&kBarBackground, kBarBackground, IM_COL32(248, 248, 250, 255)},
  };
  return all;
}

bool g_light = false;

}  // namespace

bool LightPalette() { return g_light; }

void UsePalette(bool light) {
  for (const Swatch& s : Swatches()) *s.color = light ? s.light : s.dark;
  g_light = light;
  ImGuiStyle& style = ImGui::GetStyle();
  if (light) {
    ImGui::StyleColorsLight(&style);
    style.Colors[ImGuiCol_WindowBg] = ToVec4(IM_COL32(250, 250, 251, 252));
    style.Colors[ImGuiCol_TitleBgActive] = ToVec4(IM_COL32(170, 195, 240, 255));
    style.Colors[ImGuiCol_TitleBg] = ToVec4(IM_COL32(200, 212, 235, 255));
  } else {
    ImGui::StyleColorsDark(&style);
    style.Colors[ImGuiCol_WindowBg] = ToVec4(IM_COL32(30, 33, 40, 250));
    style.Colors[ImGuiCol_TitleBgActive] = ToVec4(IM_COL32(45, 70, 120, 255));
    style.Colors[ImGuiCol_TitleBg] = ToVec4(IM_COL32(38, 48, 70, 255));
  }
  style.Colors[ImGuiCol_Text] = ToVec4(kText);
  style.Colors[ImGuiCol_TextDisabled] = ToVec4(kTextDim);
}

}  // namespace kafkasim::viz::theme
