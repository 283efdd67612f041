// sim/scenario/comparison.cc — expected values: "3", ">0", ">=2", "!=0", ...
#include <array>
#include <charconv>
#include <utility>

#include "sim/scenario/scenario.h"

namespace kafkasim::scenario {

namespace {
using Op = Comparison::Op;
// Two-character operators first so ">=" is not read as ">".
constexpr std::array<std::pair<std::string_view, Op>, 6> kOps = {
    {{">=", Op::kGe}, {"<=", Op::kLe}, {"!=", Op::kNe}, {"==", Op::kEq}, {">", Op::kGt}, {"<", Op::kLt}}};
}  // namespace

bool Comparison::Holds(int64_t measured) const {
  switch (op) {
    case Op::kEq:
      return measured == value;
    case Op::kNe:
      return measured != value;
    case Op::kLt:
      return measured < value;
    case Op::kLe:
      return measured <= value;
    case Op::kGt:
      return measured > value;
    case Op::kGe:
      return measured >= value;
  }
  return false;
}

std::string Comparison::ToString() const {
  for (const auto& [text, o] : kOps) {
    if (o == op) return std::string(text) + std::to_string(value);
  }
  return std::to_string(value);
}

std::optional<Comparison> Comparison::Parse(std::string_view text) {
  Comparison c;
  for (const auto& [prefix, o] : kOps) {
    if (text.substr(0, prefix.size()) == prefix) {
      c.op = o;
      text.remove_prefix(prefix.size());
      break;
    }
  }
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), c.value);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return c;
}

}  // namespace kafkasim::scenario
