// core/log/checkpoint_file.h — Kafka's small text checkpoint files.
//
// Format (as CheckpointFile.java writes it):
//   line 1: version (0)
//   line 2: number of entries N
//   N lines: entries, each `fields` integers separated by one space
// The leader-epoch-checkpoint has two fields per line ("epoch startOffset").
// Writes replace the whole file and fsync it before returning, so a power
// failure sees the old or the new content (events run to completion).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/env.h"
#include "core/util/result.h"

namespace kafkasim::log {

using CheckpointEntry = std::vector<int64_t>;

// Replaces `file` with the entries and fsyncs it.
Status WriteCheckpoint(Disk& disk, const std::string& file, const std::vector<CheckpointEntry>& entries);

// Reads a checkpoint whose lines have `fields` integers each. A missing file
// reads as no entries; malformed content is CORRUPT_MESSAGE (never a crash).
Result<std::vector<CheckpointEntry>> ReadCheckpoint(const Disk& disk, const std::string& file, int fields);

}  // namespace kafkasim::log
