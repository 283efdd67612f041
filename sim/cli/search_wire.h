// sim/cli/search_wire.h — a search worker's report on the pipe to the parent:
// a count of fields, then each field as "<length>:<bytes>".
#pragma once

#include <optional>
#include <string>

#include "sim/search/search.h"

namespace kafkasim::cli {

std::string EncodeReport(const sim::search::SeedReport& r);
// Takes one complete report off the front of `buffer` (nullopt: not all there yet).
std::optional<sim::search::SeedReport> DecodeReport(std::string& buffer);
// write(2) until done.
void WriteAll(int fd, const std::string& bytes);

}  // namespace kafkasim::cli
