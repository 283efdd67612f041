// viz/verdict_window.cc — the scenario's expectations judged against the
// run as it stands (ok / FAIL with the measured value), the timed ones
// (`expect_at`) as the run passes them, and checker violations in red.
#include "sim/check/measure.h"
#include "sim/report/verdict.h"
#include "sim/scenario/units.h"
#include "viz/theme.h"
#include "viz/windows.h"

namespace kafkasim::viz {

namespace {

// Measuring scans every log: while playing, do it twice a second only (a
// twelve-broker cluster of 100 partitions: ~1 ms a frame otherwise).
constexpr uint64_t kVerdictEveryFrames = 30;

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

// `final`: the verdict stands (timed ones, or the end of the run); before
// the end a miss of an end-of-run expectation is shown as "not yet".
void VerdictRows(const std::vector<sim::VerdictLine>& lines, bool show_time, bool final) {
  for (const sim::VerdictLine& l : lines) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImU32 color = l.pass ? theme::kOk : final ? theme::kFail : theme::kPaused;
    ImGui::TextColored(theme::ToVec4(color), l.pass ? "ok" : final ? "FAIL" : "not yet");
    ImGui::TableNextColumn();
    std::string key = show_time && l.at >= 0 ? "@" + scenario::FormatDuration(l.at) + " " + l.key : l.key;
    ImGui::TextUnformatted(key.c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", key.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(l.expected.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(l.measured.c_str());
  }
}

// Narrow windows: one line per expectation and its values beneath it.
void VerdictList(const std::vector<sim::VerdictLine>& lines, bool show_time, bool final) {
  for (const sim::VerdictLine& l : lines) {
    ImU32 color = l.pass ? theme::kOk : final ? theme::kFail : theme::kPaused;
    ImGui::TextColored(theme::ToVec4(color), l.pass ? "ok" : final ? "FAIL" : "not yet");
    ImGui::SameLine();
    std::string key = show_time && l.at >= 0 ? "@" + scenario::FormatDuration(l.at) + " " + l.key : l.key;
    ImGui::TextWrapped("%s", key.c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, theme::ToVec4(theme::kTextDim));
    ImGui::Indent();
    ImGui::TextWrapped("%s, measured %s", l.expected.c_str(), l.measured.c_str());  // wrapped: never cut off
    ImGui::Unindent();
    ImGui::PopStyleColor();
  }
}

void VerdictTable(const UiState& ui, const SimController& c) {
  bool ended = c.sim().finished() || c.sim().stopped_by_violation();
  if (ImGui::GetContentRegionAvail().x < ImGui::GetFontSize() * 24) {
    VerdictList(ui.verdicts.lines, false, ended);
    VerdictList(ui.verdicts.data_lines, false, ended);
    VerdictList(c.timed_verdicts(), true, true);
    return;
  }
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("verdicts", 4, flags)) return;
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("expectation", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("expected", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("measured", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableHeadersRow();
  VerdictRows(ui.verdicts.lines, false, ended);
  VerdictRows(ui.verdicts.data_lines, false, ended);
  VerdictRows(c.timed_verdicts(), true, true);
  for (const auto& te : c.sim().scenario().expect_at) {
    if (te.at_ns <= c.sim().now()) continue;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("...");
    ImGui::TableNextColumn();
    ImGui::TextDisabled("@%s: pending", scenario::FormatDuration(te.at_ns).c_str());
  }
  ImGui::EndTable();
}

void Summary(const sim::Measurements& m) {
  ImGui::TextWrapped(
      "acked %lld   lost_acked %lld   at risk (acked, not yet replicated) %lld   dup in log %lld   reordered %lld   "
      "dup consumed %lld   "
      "consumer_lost %lld   replica_divergence %lld",
      static_cast<long long>(m.acked), static_cast<long long>(m.lost_acked), static_cast<long long>(m.at_risk_acked),
      static_cast<long long>(m.duplicates_in_log), static_cast<long long>(m.reordered),
      static_cast<long long>(m.duplicates_consumed), static_cast<long long>(m.consumer_lost),
      static_cast<long long>(m.replica_divergence));
  ImGui::PushStyleColor(ImGuiCol_Text, theme::ToVec4(theme::kTextDim));
  for (const std::string& e : m.examples) ImGui::TextWrapped("e.g. %s", e.c_str());
  ImGui::PopStyleColor();
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
  if (done) {
    ImGui::TextColored(theme::ToVec4(theme::kTextDim), "the run is over: final verdict");
  } else {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::ToVec4(theme::kTextDim));
    ImGui::TextWrapped("as of %s (final at the end):", FormatSeconds(sim.now()).c_str());
    ImGui::PopStyleColor();
  }
  if (controller.injected_faults() > 0) {  // the file's expectations describe a run without them
    ImGui::TextColored(theme::ToVec4(theme::kCrown),
                       "%zu fault(s) added by hand: the file's expectations; Save writes this run's",
                       controller.injected_faults());
  }
  VerdictTable(ui, controller);
  Summary(ui.verdicts.measurements);
  ImGui::End();
}

}  // namespace kafkasim::viz
