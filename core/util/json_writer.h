// core/util/json_writer.h — a tiny deterministic JSON writer for trace lines
// and CLI output. Keys appear in the order written; numbers are integers or
// fixed-precision; strings are escaped per RFC 8259 and always come out as
// UTF-8: an ill-formed byte sequence in a string becomes U+FFFD.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kafkasim {

class JsonWriter {
 public:
  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view k);
  JsonWriter& String(std::string_view s);
  JsonWriter& Int(int64_t v);
  JsonWriter& Uint(uint64_t v);
  JsonWriter& Bool(bool b);
  JsonWriter& Null();
  JsonWriter& Raw(std::string_view json);

  JsonWriter& Field(std::string_view k, std::string_view v) { return Key(k).String(v); }
  JsonWriter& Field(std::string_view k, const char* v) { return Key(k).String(v); }
  JsonWriter& Field(std::string_view k, int64_t v) { return Key(k).Int(v); }
  JsonWriter& Field(std::string_view k, int32_t v) { return Key(k).Int(v); }
  JsonWriter& Field(std::string_view k, uint64_t v) { return Key(k).Uint(v); }
  JsonWriter& Field(std::string_view k, bool v) { return Key(k).Bool(v); }

  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }
  void Clear() {
    out_.clear();
    need_comma_.clear();
  }

 private:
  void Separate();
  std::string out_;
  std::vector<bool> need_comma_;
  bool after_key_ = false;
};

void AppendJsonEscaped(std::string& out, std::string_view s);

}  // namespace kafkasim
