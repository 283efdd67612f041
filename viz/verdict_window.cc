// viz/verdict_window.cc — the scenario's expectations judged against the
// run as it stands (ok / FAIL with the measured value), the timed ones
// (`expect_at`) as the run passes them, and checker violations in red.
#include "sim/check/measure.h"
#include "sim/report/verdict.h"
#include "viz/theme.h"
#include "viz/windows.h"

namespace kafkasim::viz {

namespace {

// Measuring scans every log: while playing, do it every few frames only.
constexpr uint64_t kVerdictEveryFrames = 8;

void Refresh(UiState& ui, const SimController& c) {
  const sim::Simulation& sim = c.sim();
  VerdictCache& v = ui.verdicts;
  bool same_run = v.generation == c.generation();
  if (same_run && v.at == sim.now()) return;
  if (same_run && c.playing() && ui.frame - v.frame < kVerdictEveryFrames) return;
  v.generation = c.generation();
  v.at = sim.now();
  v.frame = ui.frame;
  v.measurements = sim::Measure(sim);
  v.lines = sim::Evaluate(sim.scenario().expect, sim, v.measurements, -1);
  v.data_lines = sim::DefaultDataChecks(sim.scenario().expect, v.measurements);
}

void VerdictRows(const std::vector<sim::VerdictLine>& lines, bool show_time) {
  for (const sim::VerdictLine& l : lines) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (show_time && l.at >= 0) {
      ImGui::Text("@%s %s", FormatSeconds(l.at).c_str(), l.key.c_str());
    } else {
      ImGui::TextUnformatted(l.key.c_str());
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(l.expected.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(l.measured.c_str());
    ImGui::TableNextColumn();
    ImGui::TextColored(theme::ToVec4(l.pass ? theme::kOk : theme::kFail), l.pass ? "ok" : "FAIL");
  }
}

void VerdictTable(const char* id, const std::vector<sim::VerdictLine>& lines, bool show_time) {
  if (lines.empty()) return;
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable(id, 4, flags)) return;
  ImGui::TableSetupColumn("expectation", ImGuiTableColumnFlags_WidthStretch, 3.0f);
  ImGui::TableSetupColumn("expected", ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn("measured", ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 0.8f);
  ImGui::TableHeadersRow();
  VerdictRows(lines, show_time);
  ImGui::EndTable();
}

void Summary(const sim::Measurements& m) {
  ImGui::TextWrapped("acked %lld   lost_acked %lld   dup in log %lld   reordered %lld   dup consumed %lld   "
                     "consumer_lost %lld",
                     static_cast<long long>(m.acked), static_cast<long long>(m.lost_acked),
                     static_cast<long long>(m.duplicates_in_log), static_cast<long long>(m.reordered),
                     static_cast<long long>(m.duplicates_consumed), static_cast<long long>(m.consumer_lost));
  for (const std::string& e : m.examples) ImGui::TextColored(theme::ToVec4(theme::kTextDim), "e.g. %s", e.c_str());
}

}  // namespace

void ShowVerdictWindow(UiState& ui, const SimController& controller) {
  if (!ImGui::Begin("Expectations")) {
    ImGui::End();
    return;
  }
  Refresh(ui, controller);
  const sim::Simulation& sim = controller.sim();
  for (const sim::Violation& v : sim.invariants().violations()) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::ToVec4(theme::kFail));
    ImGui::TextWrapped("CHECKER %s FAILED at %s (event %llu): %s", v.checker.c_str(), FormatSeconds(v.at).c_str(),
                       static_cast<unsigned long long>(v.event), v.explanation.c_str());
    ImGui::PopStyleColor();
  }
  bool done = sim.finished();
  ImGui::TextColored(theme::ToVec4(theme::kTextDim), done ? "at the end of the run:" : "judged now, at %s (final at the end):",
                     FormatSeconds(sim.now()).c_str());
  VerdictTable("expect", ui.verdicts.lines, false);
  VerdictTable("data", ui.verdicts.data_lines, false);
  if (!sim.scenario().expect_at.empty()) {
    ImGui::TextColored(theme::ToVec4(theme::kTextDim), "expect_at (judged when the run passes them):");
    VerdictTable("timed", controller.timed_verdicts(), true);
    for (const auto& te : sim.scenario().expect_at) {
      if (te.at_ns > sim.now()) ImGui::TextColored(theme::ToVec4(theme::kTextDim), "  @%s pending", FormatSeconds(te.at_ns).c_str());
    }
  }
  Summary(ui.verdicts.measurements);
  ImGui::End();
}

}  // namespace kafkasim::viz
