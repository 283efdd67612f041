// sim/cli/text_wrap.h — fitting text to a terminal: display columns of UTF-8
// text and greedy word wrapping (used by `kafkasim list`).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kafkasim::cli {

// Terminal columns `text` takes: two for East Asian wide and fullwidth
// characters (the scenarios' Chinese terms), one for every other character.
size_t DisplayWidth(std::string_view text);

// `text` cut into lines of at most `width` columns, breaking at spaces; a
// word wider than `width` is split between characters. Runs of spaces and
// newlines count as one break. Empty text gives no lines.
std::vector<std::string> WrapText(std::string_view text, size_t width);

}  // namespace kafkasim::cli
