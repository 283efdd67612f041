#include "core/broker/offsets_log.h"

namespace kafkasim {

int32_t OffsetsPartitionFor(const std::string& group_id, int32_t num_partitions) {
  int32_t h = 0;  // Java String.hashCode over UTF-16 units; ASCII ids only here
  for (unsigned char c : group_id) h = static_cast<int32_t>(31u * static_cast<uint32_t>(h) + c);
  // Kafka's Utils.abs maps MIN_VALUE to 0 (h & 0x7fffffff would differ).
  int32_t abs = h == INT32_MIN ? 0 : (h < 0 ? -h : h);
  return abs % num_partitions;
}

}  // namespace kafkasim
