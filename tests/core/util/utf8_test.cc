// tests/core/util/utf8_test.cc — UTF-8 well-formedness and U+FFFD replacement.
#include "core/util/utf8.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>

namespace kafkasim {
namespace {

TEST(Utf8Test, AcceptsWellFormedAndRejectsIllFormed) {
  for (const char* ok : {"", "abc", "caf\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf", "\x7f"}) {
    EXPECT_TRUE(IsValidUtf8(ok)) << ok;
  }
  for (const char* bad :
       {"\x80", "\xc1\xbf", "\xc3", "\xe0\x80\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xf5", "\xff", "a\xe2\x82"}) {
    EXPECT_FALSE(IsValidUtf8(bad)) << bad;
  }
}

RC_GTEST_PROP(Utf8Property, ReplacingGivesWellFormedTextAndKeepsWellFormedInput, (std::string s)) {
  std::string out;
  AppendUtf8Replacing(out, s);
  RC_ASSERT(IsValidUtf8(out));
  if (IsValidUtf8(s)) RC_ASSERT(out == s);
}

}  // namespace
}  // namespace kafkasim
