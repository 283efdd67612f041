// core/util/utf8.cc — UTF-8 checking and replacement (Unicode 15, Table 3-7).
#include "core/util/utf8.h"
#include "core/util/assert.h"

#include <cstdint>

namespace kafkasim {

namespace {

// The range the second byte of a sequence led by `lead` must fall in (Table
// 3-7: E0 excludes overlongs, ED surrogates, F0 overlongs, F4 > U+10FFFF);
// later continuation bytes are always 80..BF.
struct Lead {
  size_t length;  // 0: not a lead byte
  uint8_t lo, hi;
};

Lead LeadOf(uint8_t b) {
  if (b < 0x80) return {1, 0, 0};
  if (b >= 0xC2 && b <= 0xDF) return {2, 0x80, 0xBF};
  if (b == 0xE0) return {3, 0xA0, 0xBF};
  if (b == 0xED) return {3, 0x80, 0x9F};
  if (b >= 0xE1 && b <= 0xEF) return {3, 0x80, 0xBF};
  if (b == 0xF0) return {4, 0x90, 0xBF};
  if (b >= 0xF1 && b <= 0xF3) return {4, 0x80, 0xBF};
  if (b == 0xF4) return {4, 0x80, 0x8F};
  return {0, 0, 0};  // 80..C1, F5..FF
}

}  // namespace

size_t Utf8SequenceAt(std::string_view s, size_t i, size_t* subpart) {
  KSIM_ASSERT(i < s.size(), "Utf8SequenceAt past the end of the string");
  const Lead lead = LeadOf(static_cast<uint8_t>(s[i]));
  size_t n = 1;  // bytes that fit the pattern so far
  if (lead.length > 1) {
    for (; n < lead.length && i + n < s.size(); ++n) {
      const auto b = static_cast<uint8_t>(s[i + n]);
      const uint8_t lo = n == 1 ? lead.lo : 0x80, hi = n == 1 ? lead.hi : 0xBF;
      if (b < lo || b > hi) break;
    }
  }
  if (lead.length != 0 && n == lead.length) return n;
  if (subpart != nullptr) *subpart = n;
  return 0;
}

bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t n = Utf8SequenceAt(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

void AppendUtf8Replacing(std::string& out, std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t subpart = 1;
    size_t n = Utf8SequenceAt(s, i, &subpart);
    if (n != 0) {
      out.append(s.substr(i, n));
      i += n;
    } else {
      out.append(kUtf8Replacement);
      i += subpart;
    }
  }
}

}  // namespace kafkasim
