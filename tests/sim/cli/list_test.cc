// tests/sim/cli/list_test.cc — `kafkasim list` fits an 80-column terminal:
// the wrapping helpers (display columns, word wrap) and the command itself
// on the scenario library.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "sim/cli/commands.h"
#include "sim/cli/text_wrap.h"

namespace kafkasim::cli {
namespace {

TEST(TextWrap, ChineseCharactersTakeTwoColumns) {
  EXPECT_EQ(DisplayWidth("acks=all"), 8u);
  EXPECT_EQ(DisplayWidth("削峰"), 4u);
  EXPECT_EQ(DisplayWidth("Peak shaving (削峰)"), 19u);
  EXPECT_EQ(DisplayWidth("a — b"), 5u);  // an em dash is one column
}

TEST(TextWrap, BreaksAtSpacesWithinTheWidth) {
  std::vector<std::string> lines = WrapText("the leader shrinks the ISR to [1, 2]", 12);
  EXPECT_EQ(lines, (std::vector<std::string>{"the leader", "shrinks the", "ISR to [1,", "2]"}));
  for (const std::string& l : lines) EXPECT_LE(DisplayWidth(l), 12u);
  EXPECT_TRUE(WrapText("  \n ", 10).empty());
}

TEST(TextWrap, SplitsAWordWiderThanALineBetweenCharacters) {
  EXPECT_EQ(WrapText("abcdefghij", 4), (std::vector<std::string>{"abcd", "efgh", "ij"}));
  EXPECT_EQ(WrapText("削峰削峰削", 4), (std::vector<std::string>{"削峰", "削峰", "削"}));
}

TEST(List, EveryLineFitsEightyColumns) {
  std::ostringstream out, err;
  ASSERT_EQ(RunList({KAFKASIM_SOURCE_DIR "/scenarios"}, out, err), 0) << err.str();
  std::istringstream lines(out.str());
  std::string line;
  int n = 0, names = 0;
  while (std::getline(lines, line)) {
    ++n;
    EXPECT_LE(DisplayWidth(line), 80u) << line;
    if (line.rfind("  quickstart ", 0) == 0) ++names;
  }
  EXPECT_GT(n, 40);
  EXPECT_EQ(names, 1) << out.str();
}

}  // namespace
}  // namespace kafkasim::cli
