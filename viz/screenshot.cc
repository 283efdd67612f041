// viz/screenshot.cc — glReadPixels + stb_image_write.
#include "viz/screenshot.h"

#include <GLFW/glfw3.h>  // includes the system GL header
#include <stb_image_write.h>

#include <vector>

namespace kafkasim::viz {

std::string WriteFramebufferPng(const std::string& path, int width, int height) {
  if (width <= 0 || height <= 0) return "the window has no pixels";
  std::vector<unsigned char> pixels(static_cast<size_t>(width) * static_cast<size_t>(height) * 3);
  glReadBuffer(GL_BACK);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  if (glGetError() != GL_NO_ERROR) return "glReadPixels failed";
  stbi_flip_vertically_on_write(1);  // GL's origin is the bottom-left corner
  if (stbi_write_png(path.c_str(), width, height, 3, pixels.data(), width * 3) == 0) {
    return "cannot write " + path;
  }
  return "";
}

}  // namespace kafkasim::viz
