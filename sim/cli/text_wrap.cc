#include "sim/cli/text_wrap.h"

#include <cstdint>

namespace kafkasim::cli {
namespace {

// Bytes in the UTF-8 sequence that starts with `lead` (1 for a stray byte).
size_t SequenceLength(unsigned char lead) {
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  if (lead >= 0xE0) return lead <= 0xEF ? 3 : 1;
  if (lead >= 0xC2) return 2;
  return 1;
}

uint32_t CodePoint(std::string_view s, size_t i, size_t len) {
  if (len == 1) return static_cast<unsigned char>(s[i]);
  uint32_t cp = static_cast<unsigned char>(s[i]) & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return cp;
}

// Unicode's East Asian Width W and F blocks (UAX #11), coarsely.
bool IsWide(uint32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
         (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
         (cp >= 0x20000 && cp <= 0x3FFFD);
}

// The characters of `s` with their widths, one entry per UTF-8 sequence.
struct Glyph {
  size_t begin, len, width;
};

std::vector<Glyph> Glyphs(std::string_view s) {
  std::vector<Glyph> out;
  for (size_t i = 0; i < s.size();) {
    size_t len = SequenceLength(static_cast<unsigned char>(s[i]));
    if (i + len > s.size()) len = 1;
    out.push_back({i, len, IsWide(CodePoint(s, i, len)) ? 2u : 1u});
    i += len;
  }
  return out;
}

std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t')) ++i;
    size_t j = i;
    while (j < text.size() && text[j] != ' ' && text[j] != '\n' && text[j] != '\t') ++j;
    if (j > i) words.push_back(text.substr(i, j - i));
    i = j;
  }
  return words;
}

}  // namespace

size_t DisplayWidth(std::string_view text) {
  size_t w = 0;
  for (const Glyph& g : Glyphs(text)) w += g.width;
  return w;
}

std::vector<std::string> WrapText(std::string_view text, size_t width) {
  if (width == 0) width = 1;
  std::vector<std::string> lines;
  std::string line;
  size_t line_width = 0;
  auto flush = [&] {
    if (!line.empty()) lines.push_back(line);
    line.clear();
    line_width = 0;
  };
  for (std::string_view word : Words(text)) {
    size_t w = DisplayWidth(word);
    if (line_width > 0 && line_width + 1 + w <= width) {
      line += ' ';
      line += word;
      line_width += 1 + w;
      continue;
    }
    flush();
    if (w <= width) {
      line = std::string(word);
      line_width = w;
      continue;
    }
    for (const Glyph& g : Glyphs(word)) {  // a word wider than a line
      if (line_width + g.width > width) flush();
      line += word.substr(g.begin, g.len);
      line_width += g.width;
    }
  }
  flush();
  return lines;
}

}  // namespace kafkasim::cli
