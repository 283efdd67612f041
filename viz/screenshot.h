// viz/screenshot.h — the current GL framebuffer to a PNG file.
#pragma once

#include <string>

namespace kafkasim::viz {

// Reads the back buffer (width x height pixels) and writes it as an RGB PNG.
// Returns "" on success, else why not.
std::string WriteFramebufferPng(const std::string& path, int width, int height);

}  // namespace kafkasim::viz
