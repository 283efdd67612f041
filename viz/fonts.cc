// viz/fonts.cc — font loading with the glyphs the story uses (Latin-1,
// dashes and quotes, arrows).
#include "viz/fonts.h"

#include <imgui.h>

#include <fstream>

namespace kafkasim::viz {

namespace {

constexpr float kBaseFontPx = 15.0f;
constexpr const char* kFontPaths[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
};
// Basic Latin + Latin-1, General Punctuation, Arrows, Geometric Shapes; 0-terminated.
constexpr ImWchar kGlyphRanges[] = {0x0020, 0x00FF, 0x2000, 0x206F, 0x2190, 0x21FF, 0x25A0, 0x25FF, 0};

bool Exists(const char* path) { return std::ifstream(path).good(); }

}  // namespace

void LoadFonts(float scale) {
  ImGuiIO& io = ImGui::GetIO();
  for (const char* path : kFontPaths) {
    if (!Exists(path)) continue;
    ImFontConfig cfg;
    cfg.OversampleH = 1;  // drawn at its size with nearest sampling (app.cc SetFontFilter)
    cfg.PixelSnapH = true;
    if (io.Fonts->AddFontFromFileTTF(path, kBaseFontPx * scale, &cfg, kGlyphRanges) != nullptr) return;
  }
  ImFontConfig cfg;
  cfg.SizePixels = 13.0f * scale;
  io.Fonts->AddFontDefault(&cfg);
}

}  // namespace kafkasim::viz
