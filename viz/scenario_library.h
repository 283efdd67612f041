// viz/scenario_library.h — the scenario library, found from wherever
// kafkasim-viz is started, and listed with one line of description each
// (the scenario picker; `kafkasim-viz` with no file opens the library's
// default teaching scenario).
#pragma once

#include <string>
#include <vector>

namespace kafkasim::viz {

// The default teaching scenario, a file of the library.
inline constexpr const char* kDefaultScenarioFile = "quickstart.yaml";

struct LibraryEntry {
  std::string path;
  std::string name;     // the scenario's name: (or the file's, when it does not load)
  std::string summary;  // the description's first sentence, or why the file is invalid
  bool ok = true;
};

// The first directory holding scenarios/*.yaml among: $KAFKASIM_SCENARIOS,
// <exe>/../share/kafkasim/scenarios (installed), <exe>/../../scenarios and
// <exe>/../scenarios (a build tree), the source tree this binary was built
// from, ./scenarios. "" if none. `exe` is this program's path.
std::string FindScenarioLibrary(const std::string& exe);
// This process's executable (/proc/self/exe), or `argv0` if that fails.
std::string ExecutablePath(const std::string& argv0);
// The library's files, sorted by file name.
std::vector<LibraryEntry> ListLibrary(const std::string& dir);
// "The leader acknowledges first." from a longer description.
std::string FirstSentence(const std::string& text);

}  // namespace kafkasim::viz
