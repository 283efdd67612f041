// tests/core/util/json_writer_test.cc — the deterministic JSON writer:
// escaping per RFC 8259 section 7, separators and nesting, integer limits.
#include "core/util/json_writer.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <string>

#include "tests/core/util/json_validator.h"

namespace kafkasim {
namespace {

using testing::JsonError;

std::string Escaped(std::string_view s) {
  std::string out;
  AppendJsonEscaped(out, s);
  return out;
}

TEST(JsonValidatorTest, AcceptsValidAndRejectsInvalidJson) {
  // The validator must be right before it can judge the writer.
  for (const char* ok : {R"({})", R"([])", R"({"a":[1,-2,3.5e+2,true,false,null,"x\u00e9\n"]})", R"("")", "0",
                         R"( {"a" : {"b":[]}} )"}) {
    EXPECT_EQ(JsonError(ok), "") << ok;
  }
  for (const char* bad : {R"({"a":1,})", R"({"a" 1})", R"([1 2])", R"({a:1})", "\"\x01\"", R"("\x")", R"("\u12")", "01",
                          "-", "1.", R"({"a":1}})", "", "tru", R"(["a",])", R"({"a":1,"b"})"}) {
    EXPECT_NE(JsonError(bad), "") << bad;
  }
}

TEST(JsonWriterTest, EscapesQuoteBackslashAndCommonControls) {
  EXPECT_EQ(Escaped("plain"), R"("plain")");
  EXPECT_EQ(Escaped("a\"b"), R"("a\"b")");
  EXPECT_EQ(Escaped("a\\b"), R"("a\\b")");
  EXPECT_EQ(Escaped("l1\nl2\r\t"), R"("l1\nl2\r\t")");
  EXPECT_EQ(Escaped(""), R"("")");
}

TEST(JsonWriterTest, EscapesEveryOtherControlCharacterAsUnicodeEscape) {
  // RFC 8259 s.7: U+0000..U+001F must be escaped; \uXXXX works for all of them.
  for (int c = 0; c < 0x20; ++c) {
    if (c == '\n' || c == '\r' || c == '\t') continue;
    const std::string in(1, static_cast<char>(c));
    char want[16];
    std::snprintf(want, sizeof want, "\"\\u%04x\"", c);
    std::string got = Escaped(in);
    // Hex digits may be either case per the RFC.
    for (auto& ch : got) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    EXPECT_EQ(got, want) << "char " << c;
  }
  EXPECT_EQ(Escaped(std::string("a\0b", 3)), R"("a\u0000b")");
}

TEST(JsonWriterTest, PassesNonAsciiUtf8AndDelThrough) {
  EXPECT_EQ(Escaped("caf\xc3\xa9"), "\"caf\xc3\xa9\"");
  EXPECT_EQ(Escaped("\x7f"), "\"\x7f\"");
  EXPECT_EQ(Escaped("/"), R"("/")");  // solidus need not be escaped
}

// JSON text is UTF-8: an ill-formed subpart becomes one U+FFFD each, as
// Java's new String(bytes, UTF_8) decodes it.
TEST(JsonWriterTest, ReplacesIllFormedUtf8WithReplacementCharacter) {
  const std::string r = "\xEF\xBF\xBD";
  EXPECT_EQ(Escaped("a\xff"
                    "b"),
            "\"a" + r + "b\"");
  EXPECT_EQ(Escaped("\xe2\x82"), "\"" + r + "\"");  // truncated 3-byte sequence: one subpart
  EXPECT_EQ(Escaped("\xf0\x9f\x98"
                    "x"),
            "\"" + r + "x\"");                                          // truncated 4-byte sequence
  EXPECT_EQ(Escaped("\xc0\xaf"), "\"" + r + r + "\"");                  // overlong '/'
  EXPECT_EQ(Escaped("\xed\xa0\x80"), "\"" + r + r + r + "\"");          // a surrogate
  EXPECT_EQ(Escaped("\xf4\x90\x80\x80"), "\"" + r + r + r + r + "\"");  // above U+10FFFF
  EXPECT_EQ(Escaped("\xf0\x9f\x98\x80"), "\"\xf0\x9f\x98\x80\"");       // U+1F600 passes
  EXPECT_EQ(JsonError(Escaped("\xfe\x80\xc3")), "");
  EXPECT_NE(JsonError("\"\xfe\""), "");  // the validator knows
}

TEST(JsonWriterTest, SeparatesFieldsAndArrayItemsWithCommas) {
  JsonWriter w;
  w.BeginObject().Field("a", int64_t{1}).Field("b", "x").Field("c", true).Key("d").Null().EndObject();
  EXPECT_EQ(w.str(), R"({"a":1,"b":"x","c":true,"d":null})");
}

TEST(JsonWriterTest, NestsObjectsAndArrays) {
  JsonWriter w;
  w.BeginObject();
  w.Key("arr")
      .BeginArray()
      .Int(1)
      .Int(2)
      .BeginObject()
      .Field("k", false)
      .EndObject()
      .BeginArray()
      .EndArray()
      .EndArray();
  w.Key("obj").BeginObject().Key("inner").BeginArray().String("s").EndArray().EndObject();
  w.Field("after", int32_t{-3});
  w.EndObject();
  EXPECT_EQ(w.str(), R"({"arr":[1,2,{"k":false},[]],"obj":{"inner":["s"]},"after":-3})");
  EXPECT_EQ(JsonError(w.str()), "");
}

TEST(JsonWriterTest, EmptyContainers) {
  JsonWriter w;
  w.BeginArray().BeginObject().EndObject().BeginArray().EndArray().EndArray();
  EXPECT_EQ(w.str(), "[{},[]]");
}

TEST(JsonWriterTest, IntegerExtremesAreExact) {
  JsonWriter w;
  w.BeginArray().Int(INT64_MIN).Int(INT64_MAX).Uint(UINT64_MAX).Int(0).EndArray();
  EXPECT_EQ(w.str(), "[-9223372036854775808,9223372036854775807,18446744073709551615,0]");
}

TEST(JsonWriterTest, RawIsInsertedAsAValue) {
  JsonWriter w;
  w.BeginObject().Field("a", int64_t{1}).Key("r").Raw(R"({"x":[1]})").Field("b", int64_t{2}).EndObject();
  EXPECT_EQ(w.str(), R"({"a":1,"r":{"x":[1]},"b":2})");
}

TEST(JsonWriterTest, ClearStartsAFreshDocument) {
  JsonWriter w;
  w.BeginObject().Field("a", int64_t{1}).EndObject();
  w.Clear();
  w.BeginObject().Field("b", int64_t{2}).EndObject();
  EXPECT_EQ(w.str(), R"({"b":2})");
  EXPECT_EQ(w.Take(), R"({"b":2})");
}

TEST(JsonWriterTest, EscapesKeysToo) {
  JsonWriter w;
  w.BeginObject().Field("k\"\n\x01", "v").EndObject();
  EXPECT_EQ(w.str(), R"({"k\"\n\u0001":"v"})");
}

RC_GTEST_PROP(JsonWriterProperty, AnyStringEscapesToValidJsonString, (std::string s)) {
  JsonWriter w;
  w.BeginObject().Field(s, s).Key("arr").BeginArray().String(s).String(s).EndArray().EndObject();
  RC_ASSERT(JsonError(w.str()) == "");
}

}  // namespace
}  // namespace kafkasim
