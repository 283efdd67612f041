// viz/scenario_patch.cc — line-level edits of a scenario file, located with
// yaml-cpp's marks (the line each top-level key and each list entry starts on).
#include "viz/scenario_patch.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "sim/scenario/units.h"
#include "viz/scenario_writer_internal.h"

namespace kafkasim::viz {

namespace {

using Lines = std::vector<std::string>;

Lines SplitLines(const std::string& text) {
  Lines out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    out.push_back(text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos));
    pos = nl == std::string::npos ? text.size() : nl + 1;
  }
  return out;
}

std::string Trimmed(const std::string& line) {
  size_t a = line.find_first_not_of(" \t\r");
  return a == std::string::npos ? "" : line.substr(a);
}
bool IsBlank(const std::string& line) { return Trimmed(line).empty(); }
bool IsComment(const std::string& line) { return Trimmed(line).rfind('#', 0) == 0; }

// The first line of the comment block directly above `line` (no blank line between).
size_t Lead(const Lines& l, size_t line, size_t floor) {
  while (line > floor && IsComment(l[line - 1])) --line;
  return line;
}

// One past the last non-blank line of [a, b).
size_t ContentEnd(const Lines& l, size_t a, size_t b) {
  while (b > a && IsBlank(l[b - 1])) --b;
  return b;
}

struct Section {
  std::string key;
  size_t start = 0;  // its lead comments
  size_t key_line = 0;
  size_t end = 0;  // the next section's start
  YAML::Node value;
};

std::optional<std::vector<Section>> FindSections(const Lines& l, const YAML::Node& root) {
  std::vector<Section> out;
  for (auto it = root.begin(); it != root.end(); ++it) {
    YAML::Mark m = it->first.Mark();
    if (m.column != 0 || m.line < 0 || static_cast<size_t>(m.line) >= l.size()) return std::nullopt;
    Section s;
    s.key = it->first.Scalar();
    s.key_line = static_cast<size_t>(m.line);
    s.value = it->second;
    out.push_back(s);
  }
  for (size_t i = 0; i < out.size(); ++i) {
    out[i].start = Lead(l, out[i].key_line, i == 0 ? 0 : out[i - 1].key_line + 1);
    if (i > 0 && out[i].start <= out[i - 1].key_line) return std::nullopt;
  }
  for (size_t i = 0; i < out.size(); ++i) out[i].end = i + 1 < out.size() ? out[i + 1].start : l.size();
  return out;
}

void Copy(const Lines& l, size_t a, size_t b, Lines& out) { out.insert(out.end(), l.begin() + a, l.begin() + b); }

bool IsBlockList(const YAML::Node& v) {
  return v.IsSequence() && v.size() > 0 && v.Style() != YAML::EmitterStyle::Flow;
}

// The column of the "- " of a block list's entries.
std::string DashIndent(const Lines& l, const YAML::Node& v) {
  YAML::Mark m = v[0].Mark();
  const std::string& line = l[static_cast<size_t>(m.line)];
  size_t dash = line.rfind('-', static_cast<size_t>(std::max(0, m.column)));
  return std::string(dash == std::string::npos ? 2 : dash, ' ');
}

std::vector<std::string> FaultLines(const std::vector<scenario::Fault>& faults, const std::string& indent,
                                    const char* mark) {
  std::vector<std::string> out;
  for (const scenario::Fault& f : faults) out.push_back(indent + "- " + FaultFlowText(f) + mark);
  return out;
}

std::vector<std::string> StepLines(const std::vector<scenario::NarrationStep>& steps, const std::string& indent) {
  std::vector<std::string> out;
  for (const scenario::NarrationStep& n : steps) out.push_back(indent + "- " + NarrationFlowText(n));
  return out;
}

void PatchFaults(const Lines& l, const Section* s, const SessionEdits& e, Lines& out) {
  if (s != nullptr && IsBlockList(s->value)) {
    size_t content = ContentEnd(l, s->key_line, s->end);
    Copy(l, s->start, content, out);
    for (std::string& line : FaultLines(e.hand_faults, DashIndent(l, s->value), kHandFaultMark)) out.push_back(line);
    Copy(l, content, s->end, out);
    return;
  }
  if (s == nullptr && e.hand_faults.empty()) return;
  if (s != nullptr) Copy(l, s->start, s->key_line, out);  // its comments
  if (e.loaded_faults.empty() && e.hand_faults.empty()) {
    out.push_back("faults: []");
  } else {
    out.push_back("faults:");
    for (std::string& line : FaultLines(e.loaded_faults, "  ", "")) out.push_back(line);
    for (std::string& line : FaultLines(e.hand_faults, "  ", kHandFaultMark)) out.push_back(line);
  }
  if (s == nullptr) out.emplace_back();
}

bool KeepStep(const YAML::Node& item, const SessionEdits& e) {
  if (!e.narration_cut || !item.IsMap() || !item["at"] || !item["at"].IsScalar()) return true;
  Result<TimeNs> at = scenario::ParseDuration(item["at"].Scalar());
  if (!at.ok()) return true;
  if (item["after"]) {  // anchored: kept unless its event no longer happens
    const std::string text = item["text"] && item["text"].IsScalar() ? item["text"].Scalar() : "";
    return std::none_of(e.unshown_anchored.begin(), e.unshown_anchored.end(),
                        [&](const scenario::NarrationStep& n) { return n.at_ns == *at && n.text == text; });
  }
  return *at < *e.narration_cut;
}

void PatchNarration(const Lines& l, const Section* s, const SessionEdits& e, Lines& out) {
  if (s != nullptr && IsBlockList(s->value)) {
    size_t content = ContentEnd(l, s->key_line, s->end);
    const YAML::Node& v = s->value;
    std::vector<size_t> starts;
    for (size_t i = 0; i < v.size(); ++i)
      starts.push_back(Lead(l, static_cast<size_t>(v[i].Mark().line), s->key_line + 1));
    Copy(l, s->start, starts[0], out);
    for (size_t i = 0; i < v.size(); ++i) {
      if (KeepStep(v[i], e)) Copy(l, starts[i], i + 1 < v.size() ? starts[i + 1] : content, out);
    }
    for (std::string& line : StepLines(e.hand_narration, DashIndent(l, v))) out.push_back(line);
    Copy(l, content, s->end, out);
    return;
  }
  std::vector<scenario::NarrationStep> steps;
  for (const scenario::NarrationStep& n : e.loaded_narration) {
    if (KeepLoadedStep(n, e)) steps.push_back(n);
  }
  steps.insert(steps.end(), e.hand_narration.begin(), e.hand_narration.end());
  if (s != nullptr) Copy(l, s->start, s->key_line, out);
  if (steps.empty() && s == nullptr) return;
  out.push_back(steps.empty() ? "narration: []" : "narration:");
  for (std::string& line : StepLines(steps, "  ")) out.push_back(line);
  if (s == nullptr) out.emplace_back();
}

void PatchSeed(const Lines& l, const Section& s, uint64_t seed, Lines& out) {
  Copy(l, s.start, s.key_line, out);
  const std::string& line = l[s.key_line];
  size_t hash = line.find(" #");
  std::string comment = hash == std::string::npos ? "" : "  " + Trimmed(line.substr(hash));
  out.push_back("seed: " + std::to_string(seed) + comment);
  Copy(l, s.key_line + 1, s.end, out);
}

void AppendText(const std::string& text, Lines& out) {
  for (std::string& line : SplitLines(text)) out.push_back(line);
}

const Section* Find(const std::vector<Section>& sections, const std::string& key) {
  for (const Section& s : sections) {
    if (s.key == key) return &s;
  }
  return nullptr;
}

bool IsExpect(const std::string& key) { return key == "expect" || key == "expect_at"; }

}  // namespace

bool KeepLoadedStep(const scenario::NarrationStep& n, const SessionEdits& e) {
  if (!e.narration_cut) return true;
  if (n.after == scenario::NarrationAnchor::kNone) return n.at_ns < *e.narration_cut;
  return std::none_of(e.unshown_anchored.begin(), e.unshown_anchored.end(), [&](const scenario::NarrationStep& u) {
    return u.at_ns == n.at_ns && u.text == n.text && u.after == n.after;
  });
}

std::optional<std::string> PatchScenarioText(const std::string& text, const SessionEdits& e) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception&) {
    return std::nullopt;
  }
  if (!root.IsMap() || root.Style() == YAML::EmitterStyle::Flow) return std::nullopt;
  Lines l = SplitLines(text);
  std::optional<std::vector<Section>> found = FindSections(l, root);
  if (!found || found->empty()) return std::nullopt;
  const std::vector<Section>& sections = *found;
  Lines out;
  AppendText(e.header, out);
  Copy(l, 0, sections[0].start, out);
  bool has_seed = Find(sections, "seed") != nullptr;
  if (!has_seed && !Find(sections, "name")) {
    out.push_back("seed: " + std::to_string(e.seed));
    has_seed = true;
  }
  bool faults_done = false, narration_done = false, expect_done = false;
  // New sections go before the first of narration / expect (or at the end).
  auto new_sections_before = [&](const std::string& key) {
    if (!faults_done && (key == "narration" || IsExpect(key))) {
      PatchFaults(l, nullptr, e, out);
      faults_done = true;
    }
    if (!narration_done && IsExpect(key)) {
      PatchNarration(l, nullptr, e, out);
      narration_done = true;
    }
  };
  for (const Section& s : sections) {
    new_sections_before(s.key);
    if (s.key == "seed") {
      PatchSeed(l, s, e.seed, out);
    } else if (s.key == "faults") {
      PatchFaults(l, &s, e, out);
      faults_done = true;
    } else if (s.key == "narration") {
      PatchNarration(l, &s, e, out);
      narration_done = true;
    } else if (IsExpect(s.key)) {
      if (!expect_done && !e.expect_text.empty()) {
        AppendText(e.expect_text, out);
        if (s.end < l.size()) out.emplace_back();
      }
      expect_done = true;
    } else if (s.key == "name" && !has_seed) {
      Copy(l, s.start, s.key_line + 1, out);
      out.push_back("seed: " + std::to_string(e.seed));
      Copy(l, s.key_line + 1, s.end, out);
      has_seed = true;
    } else {
      Copy(l, s.start, s.end, out);
    }
  }
  new_sections_before("expect");
  if (!expect_done) {
    if (!out.empty() && !IsBlank(out.back())) out.emplace_back();
    AppendText(e.expect_text, out);
  }
  while (!out.empty() && IsBlank(out.back())) out.pop_back();
  std::string result;
  for (const std::string& line : out) result += line + "\n";
  return result;
}

}  // namespace kafkasim::viz
