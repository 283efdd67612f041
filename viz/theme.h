// viz/theme.h — colors and sizes chosen for a classroom projector: strong
// contrast, state colors that differ in brightness as well as hue. Two
// palettes: dark (the default) and light (a projector in a bright room);
// UsePalette switches every color below at once (they are the palette in
// use, not constants — the only mutable state outside UiState).
#pragma once

#include <imgui.h>

#include <cstdint>
#include <string_view>

namespace kafkasim::viz::theme {

inline ImU32 kBackground = IM_COL32(24, 26, 32, 255);
inline ImU32 kText = IM_COL32(235, 235, 240, 255);
inline ImU32 kTextDim = IM_COL32(150, 155, 165, 255);
inline ImU32 kBrokerUp = IM_COL32(46, 139, 87, 255);
inline ImU32 kZooKeeperUp = IM_COL32(120, 90, 170, 255);
inline ImU32 kProducerUp = IM_COL32(52, 120, 200, 255);
inline ImU32 kConsumerUp = IM_COL32(32, 150, 160, 255);
// A stream processor (consumes its input, produces its output).
inline ImU32 kProcessorUp = IM_COL32(150, 100, 200, 255);
inline ImU32 kCrashed = IM_COL32(150, 40, 40, 255);
inline ImU32 kPaused = IM_COL32(215, 150, 30, 255);
inline ImU32 kBorder = IM_COL32(230, 230, 235, 255);
inline ImU32 kSelected = IM_COL32(255, 255, 255, 255);
inline ImU32 kCrown = IM_COL32(255, 205, 40, 255);
inline ImU32 kCutLink = IM_COL32(235, 50, 50, 255);
inline ImU32 kLink = IM_COL32(110, 115, 130, 160);
inline ImU32 kHighWatermark = IM_COL32(255, 215, 0, 255);
inline ImU32 kLogEnd = IM_COL32(0, 220, 255, 255);
inline ImU32 kLogStart = IM_COL32(200, 200, 200, 255);
inline ImU32 kLeaderRow = IM_COL32(90, 75, 20, 255);
inline ImU32 kRowBackground = IM_COL32(40, 43, 52, 255);
inline ImU32 kOk = IM_COL32(60, 200, 90, 255);
inline ImU32 kFail = IM_COL32(255, 70, 70, 255);
inline ImU32 kNarration = IM_COL32(30, 60, 130, 235);
inline ImU32 kNow = IM_COL32(255, 255, 255, 200);
inline ImU32 kFaultMark = IM_COL32(255, 80, 80, 255);
inline ImU32 kElectionMark = IM_COL32(255, 205, 40, 255);
inline ImU32 kIsrMark = IM_COL32(0, 200, 230, 255);
inline ImU32 kNarrationMark = IM_COL32(120, 150, 255, 255);
inline ImU32 kOtherMark = IM_COL32(170, 170, 180, 255);
// The second line of a node's box ("leads orders-0").
inline ImU32 kNodeDetail = IM_COL32(255, 240, 170, 255);
// A broker's belief that ZooKeeper's record contradicts (a zombie leader).
inline ImU32 kDisagree = IM_COL32(255, 140, 40, 255);
inline ImU32 kDisagreeRow = IM_COL32(110, 50, 15, 255);
// A crashed broker's replica: what its disk holds, greyed.
inline ImU32 kCrashedRow = IM_COL32(48, 48, 52, 255);
inline ImU32 kGreyed = IM_COL32(125, 125, 132, 255);
inline ImU32 kOnlyOnDisk = IM_COL32(255, 60, 60, 255);
// Consumer markers on a partition's log.
inline ImU32 kPosition = IM_COL32(110, 255, 140, 255);
inline ImU32 kCommitted = IM_COL32(255, 110, 230, 255);
// Transactions on a partition's log: the last stable offset, an open
// transaction's span, aborted records, the COMMIT and ABORT markers.
inline ImU32 kLastStable = IM_COL32(255, 120, 255, 255);
inline ImU32 kOpenTxn = IM_COL32(255, 170, 40, 255);
inline ImU32 kAborted = IM_COL32(78, 78, 84, 255);
inline ImU32 kCommitMarker = IM_COL32(60, 220, 90, 255);
inline ImU32 kAbortMarker = IM_COL32(255, 60, 60, 255);

// Zebra rows of the timeline strip and the background of a log bar.
inline ImU32 kRowAlt = IM_COL32(44, 47, 57, 255);
inline ImU32 kBarBackground = IM_COL32(20, 22, 28, 255);

inline ImVec4 ToVec4(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

// A stable color per message name ("Fetch", "Produce", ...), so a kind of
// message keeps its color across frames and runs.
ImU32 MessageColor(std::string_view name);
// A color per leader epoch: batches written in different epochs differ.
ImU32 EpochColor(int32_t epoch, bool committed);
// The same, washed out: a crashed broker's disk.
ImU32 GreyedEpochColor(int32_t epoch);
// The dark style with the classroom colors, sizes scaled by `scale`.
void ApplyStyle(float scale);
// Switches the palette (the colors above and ImGui's own), keeping sizes.
void UsePalette(bool light);
bool LightPalette();

}  // namespace kafkasim::viz::theme
