// sim/cli/search_wire.cc — framing search reports (see search_wire.h).
#include "sim/cli/search_wire.h"

#include <unistd.h>

#include <charconv>
#include <vector>

namespace kafkasim::cli {
namespace {

constexpr size_t kFields = 7;

void Put(std::string& out, const std::string& field) { out += std::to_string(field.size()) + ":" + field; }

// Reads one "<len>:<bytes>" at `pos`; false when incomplete.
bool Get(const std::string& in, size_t& pos, std::string& field) {
  size_t colon = in.find(':', pos);
  if (colon == std::string::npos) return false;
  size_t len = 0;
  std::from_chars(in.data() + pos, in.data() + colon, len);
  if (in.size() < colon + 1 + len) return false;
  field = in.substr(colon + 1, len);
  pos = colon + 1 + len;
  return true;
}

}  // namespace

std::string EncodeReport(const sim::search::SeedReport& r) {
  std::string coverage;
  for (const auto& [what, n] : r.coverage.counts) coverage += what + "\t" + std::to_string(n) + "\n";
  std::string out;
  for (const std::string& f :
       {std::to_string(r.seed), std::string(r.found ? "1" : "0"), r.check, r.shape, r.yaml, r.explanation, coverage})
    Put(out, f);
  return out;
}

std::optional<sim::search::SeedReport> DecodeReport(std::string& buffer) {
  std::vector<std::string> f(kFields);
  size_t pos = 0;
  for (std::string& field : f)
    if (!Get(buffer, pos, field)) return std::nullopt;
  buffer.erase(0, pos);
  sim::search::SeedReport r;
  r.seed = std::stoull(f[0]);
  r.found = f[1] == "1";
  r.check = f[2];
  r.shape = f[3];
  r.yaml = f[4];
  r.explanation = f[5];
  size_t a = 0;
  while (a < f[6].size()) {
    size_t tab = f[6].find('\t', a), nl = f[6].find('\n', a);
    if (tab == std::string::npos || nl == std::string::npos) break;
    r.coverage.Count(f[6].substr(a, tab - a), std::stoll(f[6].substr(tab + 1, nl - tab - 1)));
    a = nl + 1;
  }
  return r;
}

void WriteAll(int fd, const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

}  // namespace kafkasim::cli
