// sim/scenario/loader.cc — the top level of a scenario file.
#include "sim/scenario/loader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "sim/scenario/load_sections.h"

namespace kafkasim::scenario {

namespace {

const std::vector<std::string_view> kTopKeys = {"name",    "description", "seed",      "duration",  "buggify",
                                                "cluster", "topics",      "producers", "consumers", "processors",
                                                "faults",  "narration",   "expect",    "expect_at"};

void LoadScalars(const YAML::Node& root, LoadContext& ctx) {
  Reader& r = ctx.r;
  Scenario& s = ctx.s;
  if (auto name = r.Name(r.Require(root, "", "name"), "name")) s.name = *name;
  if (YAML::Node n = root["description"]; n.IsDefined()) {
    if (auto d = r.String(n, "description")) {
      s.description = *d;
      // A folded block (`>`) ends in a newline; the scenario list does not want it.
      while (!s.description.empty() && s.description.back() == '\n') s.description.pop_back();
    }
  }
  if (YAML::Node n = root["seed"]; n.IsDefined()) {
    if (auto seed = r.Int(n, "seed", 0, INT64_MAX)) s.seed = static_cast<uint64_t>(*seed);
  }
  if (YAML::Node n = root["duration"]; n.IsDefined()) {
    auto d = r.Duration(n, "duration");
    if (d && *d <= 0) r.Fail(n, "duration", "expected a duration above zero, got " + Describe(n));
    ctx.duration_ok = d && *d > 0;
    if (ctx.duration_ok) s.duration_ns = *d;
  }
  if (YAML::Node n = root["buggify"]; n.IsDefined()) {
    if (auto b = r.Bool(n, "buggify")) s.buggify = *b;
  }
}

void LoadRoot(const YAML::Node& root, LoadContext& ctx) {
  if (!root.IsDefined() || root.IsNull()) {
    ctx.r.FailAt(YAML::Mark::null_mark(), "", "the file is empty; a scenario needs at least `name:`");
    return;
  }
  if (!ctx.r.ExpectMap(root, "")) return;
  ctx.r.CheckKeys(root, "", kTopKeys);
  LoadScalars(root, ctx);
  // Order matters: each section may refer to what the ones before declared.
  // An empty section (`faults:` with nothing under it) is the same as none.
  auto section = [&root](const char* key) {
    YAML::Node n = root[key];
    return n.IsDefined() && !n.IsNull() ? n : YAML::Node(YAML::NodeType::Undefined);
  };
  if (YAML::Node n = section("cluster"); n.IsDefined()) LoadCluster(n, ctx);
  if (YAML::Node n = section("topics"); n.IsDefined()) LoadTopics(n, ctx);
  if (YAML::Node n = section("producers"); n.IsDefined()) LoadProducers(n, ctx);
  if (YAML::Node n = section("consumers"); n.IsDefined()) LoadConsumers(n, ctx);
  if (YAML::Node n = section("processors"); n.IsDefined()) LoadProcessors(n, ctx);
  if (YAML::Node n = section("faults"); n.IsDefined()) LoadFaults(n, ctx);
  if (YAML::Node n = section("narration"); n.IsDefined()) LoadNarration(n, ctx);
  if (YAML::Node n = section("expect"); n.IsDefined()) LoadExpect(n, "expect", ctx, &ctx.s.expect);
  if (YAML::Node n = section("expect_at"); n.IsDefined()) LoadExpectAt(n, ctx);
}

// The 1-based line of the `---` (or `...`) that ends the first document of
// `yaml`, found at or before `second_line` (0-based), where the second
// document's node starts; 0 if none is found.
int DocumentMarkerLine(std::string_view yaml, int second_line) {
  int line = 0, marker = 0;
  for (size_t pos = 0; pos < yaml.size() && line <= second_line; ++line) {
    size_t end = yaml.find('\n', pos);
    std::string_view text = yaml.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    if (text.rfind("---", 0) == 0 || text.rfind("...", 0) == 0) marker = line + 1;
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  return marker;
}

// A scenario file is one YAML document; yaml-cpp's Load would read the first
// and drop the rest without a word.
void CheckSingleDocument(const std::vector<YAML::Node>& docs, std::string_view yaml, Reader& r) {
  if (docs.size() < 2) return;
  const YAML::Mark& m = docs[1].Mark();
  int line = DocumentMarkerLine(yaml, m.is_null() ? INT32_MAX : m.line);
  YAML::Mark at = YAML::Mark::null_mark();
  if (line > 0) {
    at.line = line - 1;
    at.column = 0;
  }
  r.FailAt(at, "",
           "a second YAML document starts here; a scenario file holds exactly one (remove the `---` and merge "
           "the documents, or split them into two files)");
}

}  // namespace

std::string LoadError::ToString() const {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line) + ":" + std::to_string(column);
  out += ": ";
  if (!field.empty()) out += field + ": ";
  return out + message;
}

LoadResult LoadScenarioString(std::string_view yaml, const std::string& display_name) {
  LoadResult result;
  result.scenario.path = display_name;
  Reader reader(display_name);
  LoadContext ctx{reader, result.scenario};
  // yaml-cpp reports problems by throwing; none of that leaves the loader.
  try {
    std::vector<YAML::Node> docs = YAML::LoadAll(std::string(yaml));
    CheckSingleDocument(docs, yaml, reader);
    YAML::Node root = docs.empty() ? YAML::Node() : docs.front();
    // A key written twice leaves its map ambiguous: nothing is read from a
    // file that has one (as nothing is from one with a syntax error).
    if (reader.CheckDuplicateKeys(root)) LoadRoot(root, ctx);
  } catch (const YAML::Exception& e) {
    reader.FailAt(e.mark, "", "YAML syntax error: " + e.msg);
  } catch (const std::exception& e) {
    reader.FailAt(YAML::Mark::null_mark(), "", std::string("cannot read the scenario: ") + e.what());
  }
  result.errors = reader.TakeErrors();
  return result;
}

LoadResult LoadScenarioFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    int err = errno;
    LoadResult result;
    result.scenario.path = path;
    LoadError e;
    e.file = path;
    e.message = std::string("cannot open the scenario file: ") + (err != 0 ? std::strerror(err) : "unreadable");
    result.errors.push_back(std::move(e));
    return result;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return LoadScenarioString(text.str(), path);
}

}  // namespace kafkasim::scenario
