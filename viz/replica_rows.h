// viz/replica_rows.h — the rows of one partition in the replica-log window:
// one per broker (its own view, ZooKeeper's ISR membership, its log), one per
// consumer group (position and committed offset as markers on the same
// offset scale). Internal to the replica-log window.
#pragma once

#include <imgui.h>

#include <string>

#include <algorithm>
#include <cstdint>

#include "viz/ui_state.h"
#include "viz/view_model.h"

namespace kafkasim::viz {

struct RowLayout {
  float name_w = 0, role_w = 0, zk_w = 0, label_w = 0, bar_w = 0;
  bool numbers_below = false;  // a narrow window: "HW .. LEO .." under the bar, not beside it
  bool txn = false;            // a replica's log holds transactions: rows get a band for their marks
  int64_t lo = 0, hi = 1;      // the offsets the bars span
};

// The x of offset `off` on a bar that starts at bar_x.
inline float XOf(const RowLayout& l, float bar_x, int64_t off) {
  return bar_x + l.bar_w * static_cast<float>(off - l.lo) / static_cast<float>(std::max<int64_t>(1, l.hi - l.lo));
}

RowLayout MeasureRows(const PartitionView& v, int64_t lo);
// "broker  own view  ZK" over the label columns (an item: SameLine after it).
void ShowRowHeadings(const RowLayout& l);
void ShowReplicaRow(const ReplicaBelief& r, const ClusterRecord& rec, const RowLayout& l, bool selected);
void ShowGroupLane(const GroupView& g, const GroupPartitionView& p, const RowLayout& l);
// record_lanes.cc: records (cells once zoomed in, duplicate arcs), the ghosts
// of lost records, and on the group lane just drawn (the last item) the
// records that group processed twice or skipped. Clicks set ui.jump_to.
void ShowRecordRow(UiState& ui, const PartitionRecords& r, const RowLayout& l);
void ShowGhostLane(UiState& ui, const PartitionRecords& r, const RowLayout& l);
void ShowLaneAnomalies(UiState& ui, const std::string& group, const PartitionRecords& r, const RowLayout& l);

}  // namespace kafkasim::viz
