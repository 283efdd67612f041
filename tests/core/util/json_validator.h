// tests/core/util/json_validator.h — a strict RFC 8259 JSON validator for
// tests (no dependencies): one value, optional whitespace around it, strings
// without raw control characters, only the escapes the RFC allows, numbers by
// the RFC grammar, well-formed UTF-8. Returns an empty string when valid, else what was wrong.
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace kafkasim::testing {

class JsonValidator {
 public:
  static std::string Check(std::string_view s) {
    if (std::string bad = Utf8Error(s); !bad.empty()) return bad;
    JsonValidator v(s);
    v.Ws();
    if (!v.Value(0)) return v.err_;
    v.Ws();
    if (v.i_ != s.size()) return "trailing bytes at " + std::to_string(v.i_);
    return "";
  }

 private:
  explicit JsonValidator(std::string_view s) : s_(s) {}

  // JSON text is UTF-8 (RFC 8259 s.8.1). Decodes each code point and checks
  // it is the shortest form, not a surrogate and at most U+10FFFF.
  static std::string Utf8Error(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
      const auto b = static_cast<unsigned char>(s[i]);
      size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
      if (n == 0 || i + n > s.size()) return "not UTF-8 at byte " + std::to_string(i);
      unsigned long cp = n == 1 ? b : b & (0x7F >> n);
      for (size_t k = 1; k < n; ++k) {
        const auto c = static_cast<unsigned char>(s[i + k]);
        if ((c & 0xC0) != 0x80) return "not UTF-8 at byte " + std::to_string(i);
        cp = cp << 6 | (c & 0x3F);
      }
      const unsigned long min[] = {0, 0, 0x80, 0x800, 0x10000};
      if (cp < min[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return "not UTF-8 at byte " + std::to_string(i);
      i += n;
    }
    return "";
  }

  bool Fail(const std::string& what) {
    err_ = what + " at " + std::to_string(i_);
    return false;
  }
  bool Eof() const { return i_ >= s_.size(); }
  char Peek() const { return Eof() ? '\0' : s_[i_]; }
  void Ws() {
    while (!Eof() && (Peek() == ' ' || Peek() == '\t' || Peek() == '\n' || Peek() == '\r')) ++i_;
  }
  bool Lit(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) return Fail("bad literal");
    i_ += w.size();
    return true;
  }
  bool Value(int depth) {
    if (depth > 64) return Fail("too deep");
    switch (Peek()) {
      case '{':
        return Object(depth);
      case '[':
        return Array(depth);
      case '"':
        return String();
      case 't':
        return Lit("true");
      case 'f':
        return Lit("false");
      case 'n':
        return Lit("null");
      default:
        return Number();
    }
  }
  bool Object(int depth) {
    ++i_;
    Ws();
    if (Peek() == '}') return ++i_, true;
    for (;;) {
      Ws();
      if (Peek() != '"') return Fail("expected key");
      if (!String()) return false;
      Ws();
      if (Peek() != ':') return Fail("expected ':'");
      ++i_;
      Ws();
      if (!Value(depth + 1)) return false;
      Ws();
      if (Peek() == ',') {
        ++i_;
        continue;
      }
      if (Peek() == '}') return ++i_, true;
      return Fail("expected ',' or '}'");
    }
  }
  bool Array(int depth) {
    ++i_;
    Ws();
    if (Peek() == ']') return ++i_, true;
    for (;;) {
      Ws();
      if (!Value(depth + 1)) return false;
      Ws();
      if (Peek() == ',') {
        ++i_;
        continue;
      }
      if (Peek() == ']') return ++i_, true;
      return Fail("expected ',' or ']'");
    }
  }
  bool String() {
    ++i_;  // opening quote
    while (!Eof()) {
      const auto c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') return ++i_, true;
      if (c < 0x20) return Fail("raw control character in string");
      if (c == '\\') {
        ++i_;
        const char e = Peek();
        if (e == 'u') {
          for (int k = 1; k <= 4; ++k)
            if (i_ + k >= s_.size() || !std::isxdigit(static_cast<unsigned char>(s_[i_ + k])))
              return Fail("bad \\u escape");
          i_ += 5;
          continue;
        }
        if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos || e == '\0') return Fail("bad escape");
      }
      ++i_;
    }
    return Fail("unterminated string");
  }
  bool Digits() {
    const size_t start = i_;
    while (!Eof() && std::isdigit(static_cast<unsigned char>(Peek()))) ++i_;
    return i_ > start;
  }
  bool Number() {
    if (Peek() == '-') ++i_;
    if (Peek() == '0') {
      ++i_;
    } else if (!Digits()) {
      return Fail("expected a value");
    }
    if (Peek() == '.') {
      ++i_;
      if (!Digits()) return Fail("bad fraction");
    }
    if (Peek() == 'e' || Peek() == 'E') {
      ++i_;
      if (Peek() == '+' || Peek() == '-') ++i_;
      if (!Digits()) return Fail("bad exponent");
    }
    return true;
  }

  std::string_view s_;
  size_t i_ = 0;
  std::string err_;
};

inline std::string JsonError(std::string_view s) { return JsonValidator::Check(s); }

}  // namespace kafkasim::testing
