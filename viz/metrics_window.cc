// viz/metrics_window.cc — Kafka's broker metrics (metrics_view.h) as a
// table: one row per metric, one column per broker/consumer reporting it,
// each value with its change since the last narration step; and a small time
// plot of the chosen metric (summed over sources, or one source). Samples are
// taken from ui.view as the run is watched; seeking back drops later ones.
#include <algorithm>
#include <cfloat>
#include <set>

#include "viz/theme.h"
#include "viz/windows.h"

namespace kafkasim::viz {

namespace {

constexpr TimeNs kSampleEveryNs = 10 * kNsPerMs;

void Sample(UiState& ui) {
  auto& s = ui.metric_samples;
  while (!s.empty() && s.back().at > ui.view.at) s.pop_back();  // went back in time
  if (s.empty() || ui.view.at - s.back().at >= kSampleEveryNs || ui.view.at == 0)
    if (s.empty() || s.back().at != ui.view.at) s.push_back({ui.view.at, ui.view.metrics});
}

int64_t ValueOf(const MetricsView& m, const std::string& name, const std::string& source) {
  int64_t v = 0;
  for (const MetricValue& x : m.values)
    if (x.name == name && (source.empty() || x.source == source)) v += x.value;
  return v;
}

void Table(UiState& ui, const SimController& controller) {
  std::vector<std::string> sources;
  for (const MetricValue& v : ui.view.metrics.values)
    if (std::find(sources.begin(), sources.end(), v.source) == sources.end()) sources.push_back(v.source);
  // The baseline: the metrics when the step on the banner was shown (the
  // controller's, the same whether played to or seeked to), else the start.
  const sim::NarrationClock& clock = controller.sim().narration();
  const MetricsView* then = nullptr;
  TimeNs step_at = -1;
  if (clock.current() != nullptr) {
    then = controller.MetricsAtStep(clock.current_index());
    step_at = clock.shown_at(clock.current_index()).value_or(-1);
  }
  if (then == nullptr && !ui.metric_samples.empty()) then = &ui.metric_samples.front().metrics;
  ImGui::TextColored(theme::ToVec4(theme::kTextDim), "value (change since the narration step at %s)",
                     step_at < 0 ? "start" : FormatSeconds(step_at).c_str());
  const int cols = 1 + static_cast<int>(sources.size());
  if (!ImGui::BeginTable("metrics", cols, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit)) return;
  ImGui::TableSetupColumn("metric");
  for (const std::string& s : sources) ImGui::TableSetupColumn(s.c_str());
  ImGui::TableHeadersRow();
  for (const std::string& name : MetricNames()) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(name.c_str());
    for (const std::string& src : sources) {
      ImGui::TableNextColumn();
      bool reported = false;
      for (const MetricValue& v : ui.view.metrics.values) reported |= v.name == name && v.source == src;
      if (!reported) continue;
      const int64_t now = ValueOf(ui.view.metrics, name, src), delta = then ? now - ValueOf(*then, name, src) : 0;
      ImU32 c = delta > 0 ? theme::kDisagree : delta < 0 ? theme::kOk : (now ? theme::kText : theme::kTextDim);
      if (delta) {
        ImGui::TextColored(theme::ToVec4(c), "%lld (%+lld)", static_cast<long long>(now),
                           static_cast<long long>(delta));
      } else {
        ImGui::TextColored(theme::ToVec4(c), "%lld", static_cast<long long>(now));
      }
    }
  }
  ImGui::EndTable();
}

void Plot(UiState& ui) {
  const auto& names = MetricNames();
  ui.metric_plotted = std::clamp(ui.metric_plotted, 0, static_cast<int>(names.size()) - 1);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
  if (ImGui::BeginCombo("plot", names[static_cast<size_t>(ui.metric_plotted)].c_str())) {
    for (size_t i = 0; i < names.size(); ++i)
      if (ImGui::Selectable(names[i].c_str(), static_cast<int>(i) == ui.metric_plotted))
        ui.metric_plotted = static_cast<int>(i);
    ImGui::EndCombo();
  }
  const std::string& name = names[static_cast<size_t>(ui.metric_plotted)];
  std::vector<float> ys;
  for (const auto& s : ui.metric_samples) ys.push_back(static_cast<float>(ValueOf(s.metrics, name, ui.metric_source)));
  ImGui::SameLine();
  ImGui::TextColored(theme::ToVec4(theme::kTextDim), "summed over brokers/consumers, %zu samples", ys.size());
  ImGui::PlotLines("##plot", ys.data(), static_cast<int>(ys.size()), 0, nullptr, 0, FLT_MAX,
                   ImVec2(-1, ImGui::GetFontSize() * 4));
}

}  // namespace

void ShowMetricsWindow(UiState& ui, const SimController& controller) {
  Sample(ui);
  // Opened by the controls' "metrics" button: a panel over the right half
  // until closed. (A collapsed title bar in a corner covered the windows
  // the layout tiles there.)
  if (!ui.metrics_open) return;
  const ImVec2 d = ImGui::GetIO().DisplaySize;
  const ImGuiCond placed = ui.metrics_placed_open ? ImGuiCond_FirstUseEver : ImGuiCond_Always;
  ui.metrics_placed_open = true;
  ImGui::SetNextWindowPos(ImVec2(d.x * 0.42f, d.y * 0.3f), placed);
  ImGui::SetNextWindowSize(ImVec2(d.x * 0.58f, d.y * 0.68f), placed);
  ImGui::SetNextWindowCollapsed(false, ImGuiCond_Always);
  const bool shown = ImGui::Begin("Broker metrics (JMX)", &ui.metrics_open);
  if (!shown || !ui.metrics_open) {
    ImGui::End();
    return;
  }
  Table(ui, controller);
  Plot(ui);
  ImGui::End();
}

}  // namespace kafkasim::viz
