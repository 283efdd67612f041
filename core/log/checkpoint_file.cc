// core/log/checkpoint_file.cc — text checkpoint read/write (see header).
#include "core/log/checkpoint_file.h"

#include <charconv>
#include <string_view>

namespace kafkasim::log {
namespace {

constexpr int64_t kCheckpointVersion = 0;
// Bound on entries read back, so garbage cannot make us allocate wildly.
constexpr int64_t kMaxCheckpointEntries = 1 << 20;

// Splits `text` into lines (the last line may lack '\n').
std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    if (nl == std::string_view::npos) {
      lines.push_back(text);
      break;
    }
    lines.push_back(text.substr(0, nl));
    text.remove_prefix(nl + 1);
  }
  return lines;
}

// Parses exactly `fields` space-separated integers.
bool ParseInts(std::string_view line, int fields, CheckpointEntry& out) {
  out.clear();
  const char* p = line.data();
  const char* end = line.data() + line.size();
  for (int i = 0; i < fields; ++i) {
    if (i > 0) {
      if (p == end || *p != ' ') return false;
      ++p;
    }
    int64_t v = 0;
    auto [next, ec] = std::from_chars(p, end, v);
    if (ec != std::errc() || next == p) return false;
    out.push_back(v);
    p = next;
  }
  return p == end;
}

}  // namespace

Status WriteCheckpoint(Disk& disk, const std::string& file, const std::vector<CheckpointEntry>& entries) {
  std::string text = std::to_string(kCheckpointVersion) + "\n" + std::to_string(entries.size()) + "\n";
  for (const auto& e : entries) {
    for (size_t i = 0; i < e.size(); ++i) text += (i ? " " : "") + std::to_string(e[i]);
    text += "\n";
  }
  if (disk.Exists(file)) {
    if (Status s = disk.Truncate(file, 0); !s.ok()) return s;
  }
  Status written =
      disk.Append(file, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
  if (!written.ok()) return written;
  return disk.Fsync(file);
}

Result<std::vector<CheckpointEntry>> ReadCheckpoint(const Disk& disk, const std::string& file, int fields) {
  std::vector<CheckpointEntry> entries;
  if (!disk.Exists(file)) return entries;
  auto bytes = disk.Read(file);
  std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  auto lines = SplitLines(text);
  auto corrupt = [&](const std::string& why) { return MakeError(ErrorCode::CORRUPT_MESSAGE, file + ": " + why); };
  CheckpointEntry header;
  if (lines.size() < 2 || !ParseInts(lines[0], 1, header) || header[0] != kCheckpointVersion) {
    return corrupt("bad version line");
  }
  if (!ParseInts(lines[1], 1, header) || header[0] < 0 || header[0] > kMaxCheckpointEntries) {
    return corrupt("bad entry count");
  }
  const auto count = static_cast<size_t>(header[0]);
  if (lines.size() != count + 2) return corrupt("expected " + std::to_string(count) + " entries");
  for (size_t i = 0; i < count; ++i) {
    CheckpointEntry e;
    if (!ParseInts(lines[i + 2], fields, e)) return corrupt("bad entry line " + std::to_string(i));
    entries.push_back(std::move(e));
  }
  return entries;
}

}  // namespace kafkasim::log
