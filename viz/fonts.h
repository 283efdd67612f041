// viz/fonts.h — a readable TrueType font (DejaVu Sans when installed, else
// Dear ImGui's built-in one) at a size fit for a projector.
#pragma once

namespace kafkasim::viz {

// Loads the UI font at `scale` times the base size into the current ImGui
// context (call before the renderer builds its font texture).
void LoadFonts(float scale);

}  // namespace kafkasim::viz
