// viz/main.cc — kafkasim-viz: load the scenario, open the GUI.
#include <cstdio>
#include <string>
#include <variant>
#include <vector>

#include "sim/scenario/loader.h"
#include "viz/app.h"
#include "viz/args.h"
#include "viz/scenario_library.h"

int main(int argc, char** argv) {
  using namespace kafkasim;
  std::vector<std::string> args(argv + 1, argv + argc);
  auto parsed = viz::ParseVizArgs(args);
  if (auto* why = std::get_if<std::string>(&parsed)) {
    std::fprintf(stderr, "kafkasim-viz: %s\n%s", why->c_str(), viz::VizUsage().c_str());
    return viz::kExitBadInput;
  }
  viz::VizOptions o = std::get<viz::VizOptions>(parsed);
  if (o.help) {
    std::printf("%s", viz::VizUsage().c_str());
    return viz::kExitOk;
  }
  std::string library = viz::FindScenarioLibrary(viz::ExecutablePath(argc > 0 ? argv[0] : ""));
  if (o.scenario_path.empty()) {
    if (library.empty()) {
      std::fprintf(stderr,
                   "kafkasim-viz: no scenario given and no scenario library found next to the executable;\n"
                   "  pass FILE.yaml or set KAFKASIM_SCENARIOS to the scenarios/ directory\n");
      return viz::kExitBadInput;
    }
    o.scenario_path = library + "/" + viz::kDefaultScenarioFile;
  }
  scenario::LoadResult loaded = scenario::LoadScenarioFile(o.scenario_path);
  if (!loaded.ok()) {
    for (const scenario::LoadError& e : loaded.errors) std::fprintf(stderr, "%s\n", e.ToString().c_str());
    return viz::kExitBadInput;
  }
  std::printf("kafkasim-viz: %s (seed %llu)\n", loaded.scenario.name.c_str(),
              static_cast<unsigned long long>(o.seed.value_or(loaded.scenario.seed)));
  return viz::RunVizApp(loaded.scenario, o, library);
}
