// sim/scenario/units.h — the unit-carrying values of scenario files:
// durations ("2ms", "4s", "1min"), rates ("200/s") and bandwidths ("10MB/s").
// Parsing is exact integer arithmetic: "1.5s" is 1'500'000'000 ns, never a float.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/types.h"
#include "core/util/result.h"

namespace kafkasim::scenario {

// "<number><unit>" with unit ns | us | ms | s | min; the number may have a
// decimal fraction ("1.5s"). A bare "0" is accepted. Never negative.
Result<TimeNs> ParseDuration(std::string_view text);

// "<number>/s" or "<number>/min" -> records per second (> 0).
Result<double> ParseRate(std::string_view text);

// "<integer><unit>/s" with unit B | KB | MB | GB (powers of 1000) or
// KiB | MiB | GiB (powers of 1024) -> bytes per second.
Result<int64_t> ParseBandwidth(std::string_view text);

// The shortest exact spelling: 1500000000 -> "1500ms", 4000000000 -> "4s".
std::string FormatDuration(TimeNs ns);

}  // namespace kafkasim::scenario
