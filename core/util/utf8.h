// core/util/utf8.h — UTF-8 well-formedness, and Java's way of decoding bytes
// that are not (new String(bytes, UTF_8): each maximal ill-formed subpart
// becomes one U+FFFD, the Unicode Standard's recommended practice, §3.9).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kafkasim {

inline constexpr std::string_view kUtf8Replacement = "\xEF\xBF\xBD";  // U+FFFD

// The length of the well-formed sequence starting at s[i] (1..4), or 0 when
// it is ill-formed; then `*subpart` (if given) is the length of its maximal
// ill-formed subpart (1..3), the bytes one U+FFFD stands for.
// REQUIRES (asserted): i < s.size().
size_t Utf8SequenceAt(std::string_view s, size_t i, size_t* subpart = nullptr);

// Well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing
// above U+10FFFF, no truncated sequence.
bool IsValidUtf8(std::string_view s);

// `s` with every ill-formed subpart replaced by U+FFFD (as Java decodes it).
void AppendUtf8Replacing(std::string& out, std::string_view s);

}  // namespace kafkasim
