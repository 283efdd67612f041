// core/controller/json_value.cc — recursive-descent reader for JsonValue.
#include "core/controller/json_value.h"

namespace kafkasim::controller {
namespace {

// Bounded nesting: znode JSON is shallow; a deep document is rejected.
constexpr int kMaxDepth = 16;

class Reader {
 public:
  explicit Reader(std::string_view t) : t_(t) {}

  bool Value(JsonValue& out, int depth) {
    if (depth > kMaxDepth) return false;
    Skip();
    if (pos_ >= t_.size()) return false;
    char c = t_[pos_];
    if (c == '{') return Object(out, depth);
    if (c == '[') return Array(out, depth);
    if (c == '"') {
      out.kind = JsonValue::Kind::kString;
      return String(out.s);
    }
    if (c == '-' || (c >= '0' && c <= '9')) return Int(out);
    if (Word("null")) return true;  // kind stays kNull
    bool is_true = Word("true");
    if (!is_true && !Word("false")) return false;
    out.kind = JsonValue::Kind::kBool;
    out.b = is_true;
    return true;
  }

  bool AtEnd() {
    Skip();
    return pos_ == t_.size();
  }

 private:
  void Skip() {
    while (pos_ < t_.size() && (t_[pos_] == ' ' || t_[pos_] == '\n' || t_[pos_] == '\t' || t_[pos_] == '\r')) ++pos_;
  }
  bool Eat(char c) {
    Skip();
    if (pos_ >= t_.size() || t_[pos_] != c) return false;
    ++pos_;
    return true;
  }
  bool Word(std::string_view w) {
    if (t_.substr(pos_, w.size()) != w) return false;
    pos_ += w.size();
    return true;
  }
  bool Int(JsonValue& out) {
    bool neg = Eat('-');
    size_t start = pos_;
    int64_t v = 0;
    while (pos_ < t_.size() && t_[pos_] >= '0' && t_[pos_] <= '9') {
      if (pos_ - start > 17) return false;  // keeps v within int64
      v = v * 10 + (t_[pos_++] - '0');
    }
    if (pos_ == start) return false;
    out.kind = JsonValue::Kind::kInt;
    out.i = neg ? -v : v;
    return true;
  }
  bool String(std::string& out) {
    if (!Eat('"')) return false;
    while (pos_ < t_.size() && t_[pos_] != '"') {
      char c = t_[pos_++];
      if (c == '\\') {
        if (pos_ >= t_.size()) return false;
        char e = t_[pos_++];
        c = e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
      }
      out.push_back(c);
    }
    return Eat('"');
  }
  bool Array(JsonValue& out, int depth) {
    out.kind = JsonValue::Kind::kArray;
    Eat('[');
    if (Eat(']')) return true;
    do {
      out.items.emplace_back();
      if (!Value(out.items.back(), depth + 1)) return false;
    } while (Eat(','));
    return Eat(']');
  }
  bool Object(JsonValue& out, int depth) {
    out.kind = JsonValue::Kind::kObject;
    Eat('{');
    if (Eat('}')) return true;
    do {
      Skip();
      out.keys.emplace_back();
      if (!String(out.keys.back()) || !Eat(':')) return false;
      out.items.emplace_back();
      if (!Value(out.items.back(), depth + 1)) return false;
    } while (Eat(','));
    return Eat('}');
  }

  std::string_view t_;
  size_t pos_ = 0;
};

}  // namespace

const JsonValue* JsonValue::Find(std::string_view key) const {
  if (kind != Kind::kObject) return nullptr;
  for (size_t i = 0; i < keys.size(); ++i)
    if (keys[i] == key) return &items[i];
  return nullptr;
}

std::optional<int64_t> JsonValue::IntAt(std::string_view key) const {
  const JsonValue* v = Find(key);
  if (v == nullptr || v->kind != Kind::kInt) return std::nullopt;
  return v->i;
}

std::optional<std::vector<int64_t>> JsonValue::IntArrayAt(std::string_view key) const {
  const JsonValue* v = Find(key);
  if (v == nullptr || v->kind != Kind::kArray) return std::nullopt;
  std::vector<int64_t> out;
  for (const JsonValue& e : v->items) {
    if (e.kind != Kind::kInt) return std::nullopt;
    out.push_back(e.i);
  }
  return out;
}

std::optional<JsonValue> ParseJson(std::string_view text) {
  Reader r(text);
  JsonValue v;
  if (!r.Value(v, 0) || !r.AtEnd()) return std::nullopt;
  return v;
}

}  // namespace kafkasim::controller
