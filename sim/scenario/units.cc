// sim/scenario/units.cc — exact parsing of durations, rates and bandwidths.
#include "sim/scenario/units.h"

#include <array>
#include <charconv>
#include <numeric>
#include <utility>

namespace kafkasim::scenario {

namespace {

struct Decimal {
  int64_t whole = 0;
  int64_t frac = 0;        // digits after the point, as an integer
  int64_t frac_scale = 1;  // 10^(number of fraction digits)
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Splits "12.5ms" into the number "12.5" and the rest "ms". False if there is no number.
bool ParseDecimal(std::string_view text, Decimal* out, std::string_view* rest) {
  size_t i = 0;
  while (i < text.size() && IsDigit(text[i])) ++i;
  if (i == 0 || i > 15) return false;
  std::from_chars(text.data(), text.data() + i, out->whole);
  if (i < text.size() && text[i] == '.') {
    size_t start = ++i;
    while (i < text.size() && IsDigit(text[i])) ++i;
    if (i == start || i - start > 9) return false;
    std::from_chars(text.data() + start, text.data() + i, out->frac);
    for (size_t k = start; k < i; ++k) out->frac_scale *= 10;
  }
  *rest = text.substr(i);
  return true;
}

// whole*unit + frac*unit/scale, exactly; false if it is not a whole number or overflows.
bool Scale(const Decimal& d, int64_t unit, int64_t* out) {
  if (d.whole > INT64_MAX / unit) return false;
  int64_t g = std::gcd(unit, d.frac_scale);
  int64_t scale = d.frac_scale / g;
  if (d.frac % scale != 0) return false;
  int64_t frac = (d.frac / scale) * (unit / g);  // < unit: cannot overflow
  int64_t whole = d.whole * unit;
  if (whole > INT64_MAX - frac) return false;
  *out = whole + frac;
  return true;
}

Error Bad(std::string_view text, std::string_view what) {
  return MakeError(ErrorCode::UNKNOWN_SERVER_ERROR,
                   "expected " + std::string(what) + ", got \"" + std::string(text) + "\"");
}

constexpr std::string_view kDurationHint = "a duration like 500us, 2ms, 4s or 1min";

}  // namespace

Result<TimeNs> ParseDuration(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, int64_t>, 5> kUnits = {
      {{"ns", 1}, {"us", 1'000}, {"ms", kNsPerMs}, {"s", kNsPerSec}, {"min", 60 * kNsPerSec}}};
  Decimal d;
  std::string_view unit;
  if (!ParseDecimal(text, &d, &unit)) return Bad(text, kDurationHint);
  if (unit.empty() && d.whole == 0 && d.frac == 0) return TimeNs{0};
  for (const auto& [name, ns] : kUnits) {
    if (unit != name) continue;
    int64_t out = 0;
    if (!Scale(d, ns, &out)) return Bad(text, std::string(kDurationHint) + " (whole nanoseconds, not too large)");
    return out;
  }
  return Bad(text, kDurationHint);
}

Result<double> ParseRate(std::string_view text) {
  Decimal d;
  std::string_view unit;
  constexpr std::string_view kHint = "a rate like 200/s or 30/min";
  if (!ParseDecimal(text, &d, &unit)) return Bad(text, kHint);
  double value = static_cast<double>(d.whole) + static_cast<double>(d.frac) / static_cast<double>(d.frac_scale);
  if (unit == "/s") {
    // as written
  } else if (unit == "/min") {
    value /= 60.0;
  } else {
    return Bad(text, kHint);
  }
  if (value <= 0) return Bad(text, "a rate above zero");
  return value;
}

Result<int64_t> ParseBandwidth(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, int64_t>, 7> kUnits = {{{"B/s", 1},
                                                                                  {"KB/s", 1'000},
                                                                                  {"MB/s", 1'000'000},
                                                                                  {"GB/s", 1'000'000'000},
                                                                                  {"KiB/s", 1 << 10},
                                                                                  {"MiB/s", 1 << 20},
                                                                                  {"GiB/s", 1 << 30}}};
  constexpr std::string_view kHint = "a bandwidth like 10MB/s, 512KiB/s or 1GB/s";
  Decimal d;
  std::string_view unit;
  if (!ParseDecimal(text, &d, &unit)) return Bad(text, kHint);
  for (const auto& [name, bytes] : kUnits) {
    if (unit != name) continue;
    int64_t out = 0;
    if (!Scale(d, bytes, &out)) return Bad(text, std::string(kHint) + " (whole bytes)");
    if (out <= 0) return Bad(text, "a bandwidth above zero");
    return out;
  }
  return Bad(text, kHint);
}

std::string FormatDuration(TimeNs ns) {
  static constexpr std::array<std::pair<std::string_view, int64_t>, 5> kUnits = {
      {{"min", 60 * kNsPerSec}, {"s", kNsPerSec}, {"ms", kNsPerMs}, {"us", 1'000}, {"ns", 1}}};
  if (ns == 0) return "0s";
  for (const auto& [name, unit] : kUnits) {
    if (ns % unit == 0) return std::to_string(ns / unit) + std::string(name);
  }
  return std::to_string(ns) + "ns";
}

}  // namespace kafkasim::scenario
