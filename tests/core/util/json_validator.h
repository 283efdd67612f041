// tests/core/util/json_validator.h — a strict RFC 8259 JSON validator for
// tests (no dependencies): one value, optional whitespace around it, strings
// without raw control characters, only the escapes the RFC allows, numbers by
// the RFC grammar. Returns an empty string when valid, else what was wrong.
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace kafkasim::testing {

class JsonValidator {
 public:
  static std::string Check(std::string_view s) {
    JsonValidator v(s);
    v.Ws();
    if (!v.Value(0)) return v.err_;
    v.Ws();
    if (v.i_ != s.size()) return "trailing bytes at " + std::to_string(v.i_);
    return "";
  }

 private:
  explicit JsonValidator(std::string_view s) : s_(s) {}

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
      case '{': return Object(depth);
      case '[': return Array(depth);
      case '"': return String();
      case 't': return Lit("true");
      case 'f': return Lit("false");
      case 'n': return Lit("null");
      default: return Number();
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
        if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos || e == '\0')
          return Fail("bad escape");
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
