// viz/scenario_library.cc
#include "viz/scenario_library.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "sim/scenario/loader.h"

namespace kafkasim::viz {

namespace fs = std::filesystem;

namespace {

bool HasScenarios(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return false;
  return fs::exists(dir / kDefaultScenarioFile, ec);
}

}  // namespace

std::string ExecutablePath(const std::string& argv0) {
  std::error_code ec;
  fs::path p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? argv0 : p.string();
}

std::string FindScenarioLibrary(const std::string& exe) {
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("KAFKASIM_SCENARIOS"); env != nullptr && *env != '\0') candidates.emplace_back(env);
  fs::path bin = fs::path(exe).parent_path();
  candidates.push_back(bin / ".." / "share" / "kafkasim" / "scenarios");
  candidates.push_back(bin / ".." / ".." / "scenarios");
  candidates.push_back(bin / ".." / "scenarios");
#ifdef KAFKASIM_SOURCE_SCENARIOS
  candidates.emplace_back(KAFKASIM_SOURCE_SCENARIOS);
#endif
  candidates.emplace_back("scenarios");
  for (const fs::path& c : candidates) {
    if (!HasScenarios(c)) continue;
    std::error_code ec;
    fs::path canonical = fs::canonical(c, ec);
    return ec ? c.string() : canonical.string();
  }
  return "";
}

std::string FirstSentence(const std::string& text) {
  size_t dot = text.find(". ");
  std::string s = dot == std::string::npos ? text : text.substr(0, dot + 1);
  std::replace(s.begin(), s.end(), '\n', ' ');
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

std::vector<LibraryEntry> ListLibrary(const std::string& dir) {
  std::vector<LibraryEntry> out;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() != ".yaml") continue;
    LibraryEntry entry;
    entry.path = e.path().string();
    scenario::LoadResult r = scenario::LoadScenarioFile(entry.path);
    entry.ok = r.ok();
    entry.name = r.ok() ? r.scenario.name : e.path().stem().string();
    entry.summary = r.ok() ? FirstSentence(r.scenario.description) : "invalid: " + r.errors[0].ToString();
    out.push_back(std::move(entry));
  }
  std::sort(out.begin(), out.end(), [](const LibraryEntry& a, const LibraryEntry& b) { return a.path < b.path; });
  return out;
}

}  // namespace kafkasim::viz
