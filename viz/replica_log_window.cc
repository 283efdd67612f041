// viz/replica_log_window.cc — per partition, one row per replica: the log
// as cells (one per batch, colored by the leader epoch that wrote it; dim
// above the HW), with markers for log start, HW and LEO, ISR membership,
// the leader highlighted and the leader epoch shown. The header line is the
// controller's view of the partition (sim::ControllerViewOf).
#include <algorithm>
#include <optional>
#include <set>

#include "core/broker/broker.h"
#include "sim/controller_view.h"
#include "viz/theme.h"
#include "viz/windows.h"

namespace kafkasim::viz {

namespace {

struct ReplicaRow {
  NodeId id;
  std::string name;
  const broker::Partition* p = nullptr;  // nullptr: broker down or no replica
  bool leader = false;
  bool in_isr = false;
};

const broker::Partition* PartitionOn(const sim::Simulation& sim, NodeId b, const TopicPartition& tp) {
  const broker::Broker* br = sim.broker(b);
  if (br == nullptr) return nullptr;
  auto it = br->replicas().partitions().find(tp);
  return it == br->replicas().partitions().end() ? nullptr : it->second.get();
}

// The replicas of `tp`: assigned in the scenario, known to a live broker, or hosting it.
// ISR membership is the controller's (`isr`, ZooKeeper's), or the live leader's when ZooKeeper is down.
std::vector<ReplicaRow> RowsOf(const sim::Simulation& sim, const TopicPartition& tp, const broker::Partition* leader,
                               const std::optional<std::vector<NodeId>>& isr_in_zk) {
  std::set<NodeId> ids;
  for (const auto& t : sim.scenario().topics) {
    if (auto it = t.assignment.find(tp.partition.value()); t.name == tp.topic && it != t.assignment.end()) {
      for (int b : it->second) ids.insert(NodeId{b});
    }
  }
  for (NodeId b : sim.broker_ids()) {
    if (const broker::Partition* p = PartitionOn(sim, b, tp)) {
      ids.insert(b);
      for (NodeId r : p->replicas()) ids.insert(r);
    }
  }
  std::vector<ReplicaRow> rows;
  for (NodeId b : ids) {
    ReplicaRow r{b, sim.world().NameOf(b), PartitionOn(sim, b, tp)};
    r.leader = r.p != nullptr && r.p->is_leader() && leader == r.p;
    const auto& isr = isr_in_zk ? *isr_in_zk : leader ? leader->isr() : (r.p ? r.p->isr() : std::vector<NodeId>{});
    r.in_isr = std::find(isr.begin(), isr.end(), b) != isr.end();
    rows.push_back(std::move(r));
  }
  return rows;
}

void DrawMarker(ImDrawList* dl, float x, float y0, float y1, ImU32 color, float u) {
  dl->AddLine(ImVec2(x, y0 - u * 0.15f), ImVec2(x, y1 + u * 0.15f), color, u * 0.18f);
  dl->AddTriangleFilled(ImVec2(x - u * 0.3f, y0 - u * 0.35f), ImVec2(x + u * 0.3f, y0 - u * 0.35f),
                        ImVec2(x, y0 - u * 0.05f), color);
}

// The cells and markers of one replica's log over offsets [lo, hi).
void DrawLogBar(const broker::Partition& p, ImVec2 pos, ImVec2 size, int64_t lo, int64_t hi) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float u = ImGui::GetFontSize();
  auto x_of = [&](int64_t off) {
    return pos.x + size.x * static_cast<float>(off - lo) / static_cast<float>(std::max<int64_t>(1, hi - lo));
  };
  float y0 = pos.y, y1 = pos.y + size.y;
  dl->AddRectFilled(ImVec2(pos.x, y0), ImVec2(pos.x + size.x, y1), IM_COL32(20, 22, 28, 255));
  int64_t hw = p.high_watermark().value();
  p.log().ForEachBatch([&](const record::BatchHeader& h, const SharedBytes&) {
    if (h.last_offset() < lo) return;
    float a = std::max(x_of(h.base_offset), pos.x), b = x_of(h.last_offset() + 1);
    float gap = b - a > 4 ? 1.0f : 0.0f;
    dl->AddRectFilled(ImVec2(a, y0 + 1), ImVec2(b - gap, y1 - 1),
                      theme::EpochColor(h.partition_leader_epoch, h.last_offset() < hw));
  });
  if (p.log().log_start_offset().value() >= lo) {
    float xs = x_of(p.log().log_start_offset().value());
    dl->AddLine(ImVec2(xs, y0 - u * 0.1f), ImVec2(xs, y1 + u * 0.1f), theme::kLogStart, u * 0.15f);
  }
  DrawMarker(dl, x_of(p.log_end_offset().value()), y0, y1, theme::kLogEnd, u);
  DrawMarker(dl, x_of(hw), y0, y1, theme::kHighWatermark, u);
}

struct RowLayout {
  float name_w, role_w, label_w, bar_w;
};

RowLayout MeasureRows(int64_t hi) {
  float u = ImGui::GetFontSize();
  RowLayout l;
  l.name_w = ImGui::CalcTextSize("broker-00").x;
  l.role_w = ImGui::CalcTextSize("LEADER e00").x;
  l.label_w = u * 0.3f + l.name_w + u * 0.5f + l.role_w + u * 0.5f + ImGui::CalcTextSize("out").x + u * 0.6f;
  std::string numbers = "start " + std::to_string(hi) + "  HW " + std::to_string(hi) + "  LEO " + std::to_string(hi);
  float numbers_w = ImGui::CalcTextSize(numbers.c_str()).x + u * 0.8f;
  l.bar_w = std::max(u * 5, ImGui::GetContentRegionAvail().x - l.label_w - numbers_w);
  return l;
}

void ShowRow(const ReplicaRow& r, const RowLayout& l, int64_t lo, int64_t hi) {
  float u = ImGui::GetFontSize();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 pos = ImGui::GetCursorScreenPos();
  float h = u * 1.4f, ty = pos.y + (h - u) / 2;
  dl->AddRectFilled(pos, ImVec2(pos.x + l.label_w - u * 0.3f, pos.y + h),
                    r.leader ? theme::kLeaderRow : theme::kRowBackground, u * 0.2f);
  float x = pos.x + u * 0.3f;
  dl->AddText(ImVec2(x, ty), theme::kText, r.name.c_str());
  x += l.name_w + u * 0.5f;
  if (r.p == nullptr) {
    dl->AddText(ImVec2(x, ty), theme::kFail, "down");
  } else if (r.leader) {
    dl->AddText(ImVec2(x, ty), theme::kCrown, ("LEADER e" + std::to_string(r.p->leader_epoch().value())).c_str());
  } else {
    dl->AddText(ImVec2(x, ty), theme::kTextDim, "follower");
  }
  x += l.role_w + u * 0.5f;
  dl->AddText(ImVec2(x, ty), r.in_isr ? theme::kOk : theme::kFail, r.in_isr ? "ISR" : "out");
  if (r.p != nullptr) {
    DrawLogBar(*r.p, ImVec2(pos.x + l.label_w, pos.y + u * 0.3f), ImVec2(l.bar_w, h - u * 0.6f), lo, hi);
    std::string numbers = "start " + std::to_string(r.p->log().log_start_offset().value()) + "  HW " +
                          std::to_string(r.p->high_watermark().value()) + "  LEO " +
                          std::to_string(r.p->log_end_offset().value());
    dl->AddText(ImVec2(pos.x + l.label_w + l.bar_w + u * 0.6f, ty), theme::kText, numbers.c_str());
  }
  ImGui::Dummy(ImVec2(l.label_w + l.bar_w, h));
}

std::string IdList(const std::vector<NodeId>& ids) {
  std::string s;
  for (NodeId i : ids) s += (s.empty() ? "" : ",") + std::to_string(i.value());
  return s;
}

// The partition's header: the controller's view (ZooKeeper's state znode), as
// `kafkasim describe` and kafka-topics.sh show it; the live leader's own view
// only while ZooKeeper is down.
void ShowPartitionHeader(const sim::Simulation& sim, const TopicPartition& tp,
                         const std::optional<sim::ControllerPartitionView>& view, const broker::Partition* leader) {
  ImGui::TextColored(theme::ToVec4(theme::kCrown), "%s", tp.ToString().c_str());
  ImGui::SameLine();
  if (view && view->leader == kNoNode) {
    ImGui::TextColored(theme::ToVec4(theme::kFail), "OFFLINE: no leader  epoch %d  ISR [%s]",
                       view->leader_epoch.value(), IdList(view->isr).c_str());
  } else if (view) {
    ImGui::Text("leader %s  epoch %d  ISR [%s]", sim.world().NameOf(view->leader).c_str(),
                view->leader_epoch.value(), IdList(view->isr).c_str());
    ImGui::SameLine();
    if (sim.broker(view->leader) == nullptr) {
      ImGui::TextColored(theme::ToVec4(theme::kFail), "(down; its ZooKeeper session is still open)");
      if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("The leader crashed, but the controller acts only when its ZooKeeper session\n"
                          "expires (zookeeper.session.timeout.ms); until then it is still the leader.");
      }
    } else if (leader != nullptr && sim.LeaderOf(tp) == view->leader) {
      ImGui::Text("HW %lld", static_cast<long long>(leader->high_watermark().value()));
    }
  } else if (leader == nullptr) {
    ImGui::TextColored(theme::ToVec4(theme::kFail), "OFFLINE: no leader");
  } else {
    ImGui::Text("leader (its own view) epoch %d  ISR [%s]  HW %lld", leader->leader_epoch().value(),
                IdList(leader->isr()).c_str(), static_cast<long long>(leader->high_watermark().value()));
  }
}

void ShowPartition(UiState& ui, const sim::Simulation& sim, const TopicPartition& tp) {
  NodeId leader_id = sim.LeaderOf(tp);
  const broker::Partition* leader = leader_id == kNoNode ? nullptr : PartitionOn(sim, leader_id, tp);
  auto view = sim::ControllerViewOf(sim, tp);
  std::optional<std::vector<NodeId>> isr_in_zk;
  if (view) isr_in_zk = view->isr;
  std::vector<ReplicaRow> rows = RowsOf(sim, tp, leader, isr_in_zk);
  ShowPartitionHeader(sim, tp, view, leader);
  int64_t lo = INT64_MAX, hi = 1;
  for (const ReplicaRow& r : rows) {
    if (r.p == nullptr) continue;
    lo = std::min(lo, r.p->log().log_start_offset().value());
    hi = std::max(hi, r.p->log_end_offset().value());
  }
  if (lo == INT64_MAX) lo = 0;
  if (ui.logs_tail_offsets > 0) lo = std::max(lo, hi - ui.logs_tail_offsets);
  RowLayout layout = MeasureRows(hi);
  for (const ReplicaRow& r : rows) ShowRow(r, layout, lo, hi);
  ImGui::Spacing();
}

}  // namespace

void ShowReplicaLogWindow(UiState& ui, const sim::Simulation& sim) {
  if (!ImGui::Begin("Replica logs")) {
    ImGui::End();
    return;
  }
  ImGui::TextColored(theme::ToVec4(theme::kHighWatermark), "| HW");
  ImGui::SameLine();
  ImGui::TextColored(theme::ToVec4(theme::kLogEnd), "| LEO");
  ImGui::SameLine();
  ImGui::TextColored(theme::ToVec4(theme::kTextDim), " cells: batches, colored by epoch (?)");
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("One cell per record batch, colored by the leader epoch that wrote it;\n"
                      "dim cells are above the high watermark (not committed yet).\n"
                      "HW = high watermark, LEO = log end offset, ISR = in-sync replica.");
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4);
  ImGui::DragInt("tail", &ui.logs_tail_offsets, 5, 0, 100000, ui.logs_tail_offsets == 0 ? "all" : "%d");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("show only the last N offsets (0 = the whole log)");
  for (const TopicPartition& tp : sim.AllPartitions()) ShowPartition(ui, sim, tp);
  ImGui::End();
}

}  // namespace kafkasim::viz
