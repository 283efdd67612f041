#include "core/broker/hw_checkpoint.h"

#include <charconv>
#include <string>

namespace kafkasim::broker {

// Kafka's format: "0\n<count>\n<topic> <partition> <offset>\n..."
Status WriteHighWatermarkCheckpoint(Disk& disk, const std::map<TopicPartition, Offset>& hws) {
  std::string text = "0\n" + std::to_string(hws.size()) + "\n";
  for (const auto& [tp, hw] : hws) {
    text += tp.topic + " " + std::to_string(tp.partition.value()) + " " + std::to_string(hw.value()) + "\n";
  }
  // Kafka writes a temp file and renames it; a whole-file rewrite + fsync is
  // the same guarantee here.
  if (Status s = disk.Truncate(kHwCheckpointFile, 0); !s.ok()) return s;
  Status written =
      disk.Append(kHwCheckpointFile, std::span(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
  if (!written.ok()) return written;
  return disk.Fsync(kHwCheckpointFile);
}

std::map<TopicPartition, Offset> ReadHighWatermarkCheckpoint(const Disk& disk) {
  std::map<TopicPartition, Offset> out;
  if (!disk.Exists(kHwCheckpointFile)) return out;
  auto bytes = disk.Read(kHwCheckpointFile);
  std::string text(bytes.begin(), bytes.end());
  size_t pos = 0;
  int line_no = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) break;  // a torn last line is ignored
    std::string line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (++line_no <= 2) continue;
    size_t a = line.find(' '), b = line.rfind(' ');
    if (a == std::string::npos || a == b) continue;
    int32_t part = 0;
    int64_t off = 0;
    std::from_chars(line.data() + a + 1, line.data() + b, part);
    std::from_chars(line.data() + b + 1, line.data() + line.size(), off);
    out[TopicPartition{line.substr(0, a), PartitionId{part}}] = Offset{off};
  }
  return out;
}

}  // namespace kafkasim::broker
